"""The progress line: drawn on a terminal, silent in CI, in pipes and with --quiet."""

from __future__ import annotations

import io

import pytest

from annotated_news.cli._progress import StagedProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch) -> Terminal:
    monkeypatch.delenv("CI", raising=False)
    return Terminal()


def draw(progress: StagedProgress) -> None:
    for stage in ("validating articles", "building release"):
        for done in (0, 500, 1000):
            progress(stage, done, 1000)


def test_each_stage_ends_on_its_own_full_line(terminal: Terminal) -> None:
    draw(StagedProgress(stream=terminal))
    lines = terminal.getvalue().split("\n")
    assert lines[0].rsplit("\r", 1)[-1] == f"validating articles [{'#' * 30}] 1,000/1,000"
    assert lines[1].rsplit("\r", 1)[-1] == f"building release [{'#' * 30}] 1,000/1,000"
    assert lines[2] == ""


def test_quiet_draws_nothing(terminal: Terminal) -> None:
    draw(StagedProgress(quiet=True, stream=terminal))
    assert terminal.getvalue() == ""


def test_ci_draws_nothing(terminal: Terminal, monkeypatch) -> None:
    monkeypatch.setenv("CI", "true")
    draw(StagedProgress(stream=terminal))
    assert terminal.getvalue() == ""


def test_a_pipe_draws_nothing(monkeypatch) -> None:
    pipe = io.StringIO()
    monkeypatch.delenv("CI", raising=False)
    draw(StagedProgress(stream=pipe))
    assert pipe.getvalue() == ""
