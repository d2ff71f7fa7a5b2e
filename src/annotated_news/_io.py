"""File writing that never leaves a half-written file, and the one JSON style of the project."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def dumps_json(data: Any, *, sort_keys: bool = False) -> str:
    """Indented, key order kept (or sorted), non-ASCII kept readable, newline-terminated:
    diff-friendly."""
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=sort_keys) + "\n"


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes, with plain system calls: a quarter of the time of `Path.read_bytes`, which
    counts when a corpus of 100,000 articles means 200,000 small files. (Reads of 64 KiB, enough for
    an article's file: reads of 1 MiB took twice as long on those files.)"""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        parts = []
        while part := os.read(descriptor, 1 << 16):
            parts.append(part)
        return b"".join(parts)
    finally:
        os.close(descriptor)


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename over it."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temporary, 0o666 & ~_current_umask())
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _current_umask() -> int:
    # mkstemp creates files 0600; a written corpus or release file should get the usual mode.
    mask = os.umask(0)
    os.umask(mask)
    return mask
