"""The validator's bad inputs as data: a valid `base` corpus and case folders that overlay it.

A case folder `fixtures/validation/cases/<name>/` holds files that replace or add files of `base/`
at the same relative path, and an optional `case.json`:

    {"description": "...", "delete": ["relative/path", ...],
     "expected": [["code", "relative/file", "/json/pointer"], ...]}

`expected` is every issue the case must produce, no more and no fewer; files are relative to the
corpus root and the pointer is "" for an issue about a whole file.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any

from annotated_news._io import dumps_json

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "validation"
BASE = FIXTURES / "base"
CASES = FIXTURES / "cases"
CASE_FILE = "case.json"

# The two articles of `base`, as paths without suffix relative to the corpus root.
ARTICLE_000 = "articles/000_3f9a6c20d41e8b57"  # an emoji in its first line, before every span
ARTICLE_001 = "articles/001_a81c04e9b2d7f365"


def case_names() -> list[str]:
    return sorted(path.name for path in CASES.iterdir() if path.is_dir())


def case_spec(name: str) -> dict[str, Any]:
    path = CASES / name / CASE_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def materialise(destination: Path, case: str | None = None) -> Path:
    """Write `base`, with `case` laid over it, to `destination` (which must not exist yet)."""
    shutil.copytree(BASE, destination)
    if case is None:
        return destination
    for relative in case_spec(case).get("delete", []):
        target = destination / relative
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    overlay = CASES / case
    for source in sorted(overlay.rglob("*")):
        if source.is_file() and source != overlay / CASE_FILE:
            target = destination / source.relative_to(overlay)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return destination


def corpus_file(file: str) -> str:
    """An issue's file relative to the corpus root (reports name files from the folder's name)."""
    return "/".join(PurePath(file).parts[1:])


def edit_json(path: Path, change: Callable[[Any], None]) -> None:
    """Apply `change` to the JSON document in `path` and write it back in the project's style."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(dumps_json(data), encoding="utf-8")
