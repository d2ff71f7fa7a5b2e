"""Span boundaries: each way a span can cut a word or take in white space is reported, and only then."""

from __future__ import annotations

from pathlib import Path

import pytest
from validation_fixtures import ARTICLE_000, edit_json, materialise

from annotated_news.validation import validate

# The source of quote 000-q1 in the base corpus, "Transport minister Ana Costa", between spaces.
SOURCE = (33, 61)


def issues_with_source_at(tmp_path: Path, start: int, end: int) -> list[tuple[str, str]]:
    root = materialise(tmp_path / f"corpus-{start}-{end}")
    text = (root / f"{ARTICLE_000}.txt").read_bytes().decode("utf-8")

    def change(data: dict) -> None:
        data["quotes"][0]["source"] = {"start": start, "end": end, "text": text[start:end]}

    edit_json(root / f"{ARTICLE_000}.json", change)
    return [(issue.code, issue.message) for issue in validate(root).issues]


@pytest.mark.parametrize(
    ("start", "end", "problem"),
    [
        (SOURCE[0] - 1, SOURCE[1], "starts or ends with white space"),
        (SOURCE[0], SOURCE[1] + 1, "starts or ends with white space"),
        (SOURCE[0] + 1, SOURCE[1], "starts mid-word"),
        (SOURCE[0], SOURCE[1] - 1, "ends mid-word"),
        (SOURCE[0] + 2, SOURCE[1] - 2, "starts mid-word"),  # the start is reported first
    ],
)
def test_a_span_off_a_word_boundary_is_reported(tmp_path, start, end, problem):
    [(code, message)] = issues_with_source_at(tmp_path, start, end)
    assert code == "span-boundary"
    assert message.startswith(f"{start}-{end} {problem}")


def test_a_span_on_word_boundaries_passes(tmp_path):
    assert issues_with_source_at(tmp_path, *SOURCE) == []
    # One word inside the source: "minister".
    assert issues_with_source_at(tmp_path, SOURCE[0] + 10, SOURCE[0] + 18) == []
