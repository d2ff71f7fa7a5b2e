"""Dataset versions: semver with the TFDS rules.

patch = corrections that keep every id; minor = added records or optional fields; major = a schema
break, or removed or renamed ids.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

Bump = Literal["none", "patch", "minor", "major"]
BUMP_ORDER: tuple[Bump, ...] = ("none", "patch", "minor", "major")
_SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
RELEASE_PREFIX = "annotated-news-"


def parse(version: str) -> tuple[int, int, int]:
    match = _SEMVER.match(version)
    if not match:
        raise ValueError(f"{version!r} is not a semver version MAJOR.MINOR.PATCH")
    return tuple(int(part) for part in match.groups())  # type: ignore[return-value]


def bump_between(old: str, new: str) -> Bump | None:
    """The bump from `old` to `new`; None when `new` is not greater than `old`."""
    before, after = parse(old), parse(new)
    if after <= before:
        return None
    if after[0] > before[0]:
        return "major"
    if after[1] > before[1]:
        return "minor"
    return "patch"


def smallest_version(old: str, bump: Bump) -> str:
    """The smallest version after `old` that makes `bump`."""
    major, minor, patch = parse(old)
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def at_least(bump: Bump | None, required: Bump) -> bool:
    return bump is not None and BUMP_ORDER.index(bump) >= BUMP_ORDER.index(required)


def release_folders(dist: Path) -> dict[str, Path]:
    """Version -> folder of every release under `dist`, in version order."""
    found = {}
    if dist.is_dir():
        for path in dist.iterdir():
            version = path.name.removeprefix(RELEASE_PREFIX)
            if path.is_dir() and path.name.startswith(RELEASE_PREFIX) and _SEMVER.match(version):
                found[version] = path
    return dict(sorted(found.items(), key=lambda item: parse(item[0])))
