"""Pairing article files: the one-pattern path for clean listings and the careful path that reports
must agree on which stems are complete pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotated_news.validation.checks.file_names import pair_article_files
from annotated_news.validation.issues import Report

GOOD = ["001_0123456789abcdef", "002_00000000000000ff", "1000_fedcba9876543210"]


def pair(folder: Path) -> tuple[list[str], list[tuple[str, str]]]:
    report = Report(corpus=str(folder))
    stems = pair_article_files(folder, report, str)
    return stems, sorted((issue.code, Path(issue.file).name) for issue in report.issues)


def make(folder: Path, names: list[str]) -> Path:
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes(b"")
    return folder


def test_a_clean_listing_pairs_every_stem_in_name_order(tmp_path):
    folder = make(tmp_path / "articles", [f"{stem}{suffix}" for stem in reversed(GOOD) for suffix in (".txt", ".json")]
                  + [".gitkeep", "README.md"])
    assert pair(folder) == (sorted(GOOD), [])


@pytest.mark.parametrize(
    ("odd_name", "code"),
    [
        ("003_0123456789abcdee.json", "missing-text"),
        ("003_0123456789abcdee.txt", "missing-annotations"),
        ("3_0123456789abcdee.json", "bad-file-name"),
        # A newline before the dot: a `$` in the stem pattern would let it through.
        ("003_0123456789abcdee\n.json", "bad-file-name"),
    ],
)
def test_an_odd_file_is_reported_and_the_good_pairs_still_pair(tmp_path, odd_name, code):
    folder = make(tmp_path / "articles", [f"{stem}{suffix}" for stem in GOOD for suffix in (".json", ".txt")]
                  + [odd_name])
    stems, issues = pair(folder)
    assert stems == GOOD
    assert issues == [(code, odd_name)]


def test_a_name_holding_a_newline_does_not_complete_a_pair(tmp_path):
    # Split on newlines, the listing would hold 004's text file (and a line that is no name at all).
    lone, odd = "004_0123456789abcdee.json", "004_0123456789abcdee.txt\nnotes.txt"
    folder = make(tmp_path / "articles", [f"{stem}{suffix}" for stem in GOOD for suffix in (".json", ".txt")]
                  + [lone, odd])
    stems, issues = pair(folder)
    assert stems == GOOD
    assert issues == [("bad-file-name", odd), ("missing-text", lone)]
