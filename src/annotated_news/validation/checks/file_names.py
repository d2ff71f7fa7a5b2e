"""File layer: article files come in `NNN_<id>.txt` + `.json` pairs whose names match their ids."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..context import FileIssues

# NNN is the article's position, zero-padded to at least three digits (more for large corpora).
ARTICLE_STEM = re.compile(r"^[0-9]{3,}_([0-9a-f]{16})\Z")
# An article file's name, one per line of a listing: the stem is the match.
_ARTICLE_FILE = re.compile(r"^([0-9]{3,}_[0-9a-f]{16})\.(?:json|txt)$", re.MULTILINE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
JSON, TEXT = 1, 2


def pair_article_files(articles_dir: Path, report, relative) -> list[str]:
    """The stems of complete `.json` + `.txt` pairs, in name order; every lone or misnamed file is
    reported."""
    # Names as strings, stems sorted once paired: at 100,000 articles, Path objects or a sorted list
    # of every name cost seconds and memory that every worker inherits. (The report is sorted.)
    names = [name for name in os.listdir(articles_dir)
             if name.endswith((".json", ".txt")) and not name.startswith(".")]
    stems = _complete_pairs(names)
    if stems is not None:
        return stems
    found: dict[str, int] = {}  # stem -> the files seen, as bits: JSON, TEXT
    for name in names:
        stem, dot, suffix = name.rpartition(".")
        suffix = dot + suffix
        if not ARTICLE_STEM.match(stem):
            FileIssues(report, relative(articles_dir / name)).add(
                "bad-file-name", f"{name!r} is not named NNN_<16 hex digit id>{suffix}",
                hint="rename it, e.g. 003_0123456789abcdef" + suffix)
            continue
        found[stem] = found.get(stem, 0) | (JSON if suffix == ".json" else TEXT)
    stems = []
    for stem in sorted(found):
        if not found[stem] & JSON:
            FileIssues(report, relative(articles_dir / f"{stem}.txt")).add(
                "missing-annotations", f"no annotation file {stem}.json beside the text",
                hint="annotate the article, or move the text out of articles/")
        elif not found[stem] & TEXT:
            FileIssues(report, relative(articles_dir / f"{stem}.json")).add(
                "missing-text", f"no text file {stem}.txt beside the annotations",
                hint="restore the text; annotations are standoff and mean nothing without it")
        else:
            stems.append(stem)
    return stems


def _complete_pairs(names: list[str]) -> list[str] | None:
    """The stems in name order when every name is well formed and each stem has both its files;
    None when something is to be reported.

    One regular expression over all the names at once: at 200,000 files, the step per name of the
    careful path takes half a second.
    """
    listing = "\n".join(names)
    if listing.count("\n") != len(names) - 1:  # a name holding a newline would read as two
        return None
    stems = _ARTICLE_FILE.findall(listing)
    unique = set(stems)
    # Names in a folder are unique: a stem found twice among well-formed names has both files.
    if len(stems) != len(names) or 2 * len(unique) != len(stems):
        return None
    return sorted(unique)


def check_unsafe_id(data, issues: FileIssues) -> None:
    """Before the schema: an article id that could escape its folder as a file name."""
    article = data.get("article") if isinstance(data, dict) else None
    article_id = article.get("id") if isinstance(article, dict) else None
    if not isinstance(article_id, str):
        return
    if ("/" in article_id or "\\" in article_id or ".." in article_id or article_id.startswith(".")
            or _CONTROL.search(article_id) or len(article_id) > 100):
        issues.add("unsafe-id", f"article id {article_id[:100]!r} is unsafe as a file name",
                   pointer="/article/id",
                   hint="article ids are 16 lowercase hex digits, the id in the file name")


def check_name_matches_id(stem: str, article_id: str, issues: FileIssues) -> None:
    match = ARTICLE_STEM.match(stem)
    if match and match.group(1) != article_id:
        issues.add("file-name-mismatch",
                   f"the file is named for article {match.group(1)} but holds article {article_id}",
                   pointer="/article/id",
                   hint="rename the file pair or fix the id; the text file must match too")
