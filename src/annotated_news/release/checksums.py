"""`checksums.json`: path, size and SHA-256 of every file of a release folder."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from .._io import dumps_json, write_atomic

CHECKSUMS_FILE = "checksums.json"


def checksums(release_dir: Path) -> dict[str, Any]:
    """Every file under `release_dir` except the checksum file itself, sorted by path."""
    files = []
    for path in sorted(release_dir.rglob("*"), key=lambda p: p.relative_to(release_dir).as_posix()):
        relative = path.relative_to(release_dir).as_posix()
        if path.is_file() and relative != CHECKSUMS_FILE:
            size = path.stat().st_size
            files.append({"path": relative, "size": size, "sha256": sha256(path)})
    return {"algorithm": "sha256", "files": files}


def sha256(path: Path) -> str:
    """The SHA-256 of a file, read in blocks; remembered while the file keeps its size, time and
    inode, so the build hashes each parquet file once (as it writes it) for Croissant and the
    checksum file."""
    stat = path.stat()
    return _sha256(str(path.resolve()), stat.st_size, stat.st_mtime_ns, stat.st_ino)


@functools.lru_cache(maxsize=256)
def _sha256(path: str, size: int, mtime_ns: int, inode: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while block := file.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def write_checksums(release_dir: Path) -> Path:
    target = release_dir / CHECKSUMS_FILE
    write_atomic(target, dumps_json(checksums(release_dir)))
    return target


def verify(release_dir: Path) -> list[str]:
    """What differs between a release folder and its checksum file; empty when they agree."""
    recorded = json.loads((release_dir / CHECKSUMS_FILE).read_text(encoding="utf-8"))["files"]
    actual = checksums(release_dir)["files"]
    recorded_by_path = {entry["path"]: entry for entry in recorded}
    actual_by_path = {entry["path"]: entry for entry in actual}
    problems = [f"{path}: missing" for path in recorded_by_path if path not in actual_by_path]
    problems += [f"{path}: not listed" for path in actual_by_path if path not in recorded_by_path]
    problems += [
        f"{path}: changed"
        for path, entry in actual_by_path.items()
        if path in recorded_by_path and recorded_by_path[path] != entry
    ]
    return problems
