"""The release notes of a dataset version, taken from CHANGELOG.md."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import BuildError


class ReleaseNotesMissing(BuildError):
    """CHANGELOG.md has no section for the dataset version being released."""


def release_notes(changelog: Path, version: str) -> str:
    """The body of the `### Dataset <version>` section (up to the next heading of level 1-3)."""
    try:
        text = changelog.read_text(encoding="utf-8")
    except OSError as error:
        raise ReleaseNotesMissing(f"{changelog}: cannot read it: {error.strerror}") from error
    heading = re.compile(rf"^### Dataset {re.escape(version)}[ \t]*$", re.MULTILINE)
    match = heading.search(text)
    if match is None:
        raise ReleaseNotesMissing(
            f"{changelog} has no '### Dataset {version}' section: write the release notes of "
            f"dataset {version} there before building it"
        )
    following = re.compile(r"^#{1,3} ", re.MULTILINE).search(text, match.end())
    body = text[match.end() : following.start() if following else len(text)].strip()
    if not body:
        raise ReleaseNotesMissing(f"{changelog}: the '### Dataset {version}' section is empty")
    return body
