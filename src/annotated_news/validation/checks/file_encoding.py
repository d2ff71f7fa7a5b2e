"""File layer: bytes that decode as UTF-8, without a byte order mark; texts with LF line endings."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ... import _io
from ..context import FileIssues
from ..source import JsonDocument, LineIndex, parse_json

UTF8_BOM = b"\xef\xbb\xbf"
_LONG_NUMBER = re.compile(r"[0-9]{4301,}")


def read_bytes(path: str | Path, issues: FileIssues) -> bytes | None:
    try:
        return _io.read_bytes(path)
    except OSError as error:
        issues.add("unreadable-file", f"cannot read: {error.strerror or error}",
                   hint="check the file's permissions and that it is a regular file")
        return None


def check_byte_order_mark(raw: bytes, issues: FileIssues) -> None:
    if raw.startswith(UTF8_BOM):
        issues.add("byte-order-mark", "the file starts with a UTF-8 byte order mark (U+FEFF)",
                   line=1, column=1, hint="save the file as UTF-8 without BOM")


def decode(raw: bytes, issues: FileIssues) -> str | None:
    """The text of `raw`, or None when it is not UTF-8. A BOM is reported and kept."""
    check_byte_order_mark(raw, issues)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        issues.add("invalid-utf8",
                   f"byte {error.start} (0x{raw[error.start]:02x}) is not valid UTF-8",
                   line=line, column=column,
                   hint="re-save the file as UTF-8; if it came from Windows it may be cp1252")
        return None


def check_line_endings(text: str, issues: FileIssues) -> None:
    position = text.find("\r")
    if position < 0:
        return
    crlf = text.count("\r\n")
    bare = text.count("\r") - crlf
    kinds = ", ".join(part for part in (f"{crlf} CRLF" * bool(crlf), f"{bare} bare CR" * bool(bare)) if part)
    if crlf:
        hint = ("convert to LF (e.g. `dos2unix`); offsets after each CRLF shift by one, so "
                "recompute spans made on the CRLF text or subtract the CRs before them")
    else:
        hint = "convert to LF (e.g. `mac2unix`); a bare CR stands for one LF, so offsets stay right"
    issues.add("non-lf-line-endings", f"the text has {kinds} line ending(s); the first is here",
               offset=position, hint=hint)


def read_json(path: Path, issues: FileIssues) -> JsonDocument | None:
    """Parse a JSON file, reporting every file-level problem; None when it cannot be parsed."""
    raw = read_bytes(path, issues)
    if raw is None:
        return None
    text = decode(raw, issues)
    if text is None:
        return None
    return parse_json_text(text, issues)


def parse_json_text(text: str, issues: FileIssues) -> JsonDocument | None:
    """Parse decoded JSON text, reporting JSON-level problems; None when it cannot be parsed."""
    text = text.removeprefix("\ufeff")
    try:
        document = parse_json(text)
    except json.JSONDecodeError as error:
        issues.add("invalid-json", f"not valid JSON: {error.msg}", line=error.lineno,
                   column=error.colno,
                   hint="a trailing comma, a missing comma or quote, or a comment are the usual causes")
        return None
    except (RecursionError, ValueError) as error:
        # Nesting deeper than the parser recurses, or an integer longer than Python converts.
        position = None
        if isinstance(error, RecursionError):
            reason = "nested too deeply"
        else:
            reason = "a number has over 4300 digits"
            long_number = _LONG_NUMBER.search(text)
            position = LineIndex(text).position(long_number.start()) if long_number else None
        issues.add("invalid-json", f"cannot be read as JSON: {reason}",
                   line=position[0] if position else None, column=position[1] if position else None,
                   hint="no corpus file nests more than a few levels or holds numbers that long; "
                        "the file is probably not a corpus file")
        return None
    issues.document = document
    for pointer in document.duplicate_keys:
        key = pointer.rsplit("/", 1)[-1]
        issues.add("duplicate-key", f"key {key!r} appears twice in the same object; only the last value counts",
                   pointer=pointer, hint="remove or rename one of them")
    for pointer in document.lone_surrogates:
        issues.add("unpaired-surrogate",
                   "a string escapes half of a UTF-16 surrogate pair (\\ud800-\\udfff) alone",
                   pointer=pointer,
                   hint="write the character itself, or both halves of the pair; a tool probably "
                        "cut the string inside an emoji (UTF-16 offsets)")
    for pointer in document.non_finite:
        issues.add("non-finite-number", "NaN or Infinity is not a JSON number", pointer=pointer,
                   hint="use null for a missing value")
    return document
