"""Reading corpus files as bytes, text and JSON, with enough bookkeeping to locate problems.

The common case (a clean file) takes the fast path: one `json.loads`. Positions of JSON pointers are
worked out by a second, slower scan only for files that have something to report.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from typing import Any


def pointer_join(pointer: str, part: str | int) -> str:
    """Append one reference token to a JSON pointer (RFC 6901 escaping)."""
    return f"{pointer}/{str(part).replace('~', '~0').replace('/', '~1')}"


class LineIndex:
    """Offset (code points) to 1-based line and column."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


@dataclass
class JsonDocument:
    """A parsed JSON file, with its duplicate keys, non-finite numbers and lone surrogates found."""

    text: str
    _data: Any = None
    _parsed: bool = False
    duplicate_keys: list[str] = field(default_factory=list)
    non_finite: list[str] = field(default_factory=list)
    # Strings with an escaped half of a surrogate pair (`"\ud83d"`), replaced by U+FFFD in `data`.
    lone_surrogates: list[str] = field(default_factory=list)
    _positions: dict[str, int] | None = None
    _lines: LineIndex | None = None

    _raw: bytes | None = None

    @classmethod
    def lazy(cls, raw: bytes) -> JsonDocument:
        """A file already known to be clean JSON in UTF-8 (the fast path validated it): decoded and
        parsed only if an issue needs its data or positions."""
        return cls(text="", _raw=raw)

    def _decode(self) -> None:
        if self._raw is not None:
            self.text, self._raw = self._raw.decode("utf-8"), None

    @property
    def data(self) -> Any:
        if not self._parsed:
            self._decode()
            self._data, self._parsed = json.loads(self.text), True
        return self._data

    def position(self, pointer: str) -> tuple[int, int] | None:
        """Line and column where the value at `pointer` starts (its key, for object members)."""
        self._decode()
        if self._positions is None:
            scan = _Scanner(self.text)
            scan.run()
            self._positions = scan.positions
            self._lines = LineIndex(self.text)
        while pointer not in self._positions and pointer:
            pointer = pointer.rsplit("/", 1)[0]
        offset = self._positions.get(pointer)
        return None if offset is None else self._lines.position(offset)


_JSON_WHITE_SPACE = b" \t\r\n"


def key_tokens(raw: bytes) -> int:
    """An upper bound on the number of object keys in JSON bytes: a quote, then white space or
    none, then a colon.

    Every key ends that way, so the count is at least the number of keys written; when it equals
    the number of keys the parser kept, no key was written twice. (Dropping the white space, then
    counting `":`, finds those tokens in half the time of a regular expression.)
    """
    return raw.translate(None, _JSON_WHITE_SPACE).count(b'":')


def parse_json(text: str) -> JsonDocument:
    """Parse JSON text; raises `json.JSONDecodeError` when it is not JSON."""
    suspicious = []

    def keep_pairs(pairs: list[tuple[str, Any]]) -> dict:
        if len({key for key, _ in pairs}) != len(pairs):
            suspicious.append(True)
        return dict(pairs)

    def non_finite(constant: str) -> float:
        suspicious.append(True)
        return float(constant)

    data = json.loads(text, object_pairs_hook=keep_pairs, parse_constant=non_finite)
    document = JsonDocument(text=text, _data=data, _parsed=True)
    if _SURROGATE_ESCAPE.search(text):
        document._data = _replace_lone_surrogates(data, "", document.lone_surrogates)
    if suspicious:
        scan = _Scanner(text)
        scan.run()
        document.duplicate_keys = scan.duplicate_keys
        document.non_finite = scan.non_finite
    return document


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _replace_lone_surrogates(node: Any, pointer: str, found: list[str]) -> Any:
    # json.loads joins escaped pairs into one character; what is left of U+D800-U+DFFF is alone,
    # cannot be written as UTF-8, and no model accepts it.
    if isinstance(node, str):
        if _SURROGATE.search(node):
            found.append(pointer)
            return _SURROGATE.sub("\ufffd", node)
        return node
    if isinstance(node, list):
        return [_replace_lone_surrogates(item, pointer_join(pointer, position), found)
                for position, item in enumerate(node)]
    if isinstance(node, dict):
        clean = {}
        for key, value in node.items():
            key = _replace_lone_surrogates(key, pointer, found)
            clean[key] = _replace_lone_surrogates(value, pointer_join(pointer, key), found)
        return clean
    return node


_WHITESPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_SCALAR = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null")
_NON_FINITE = re.compile(r"NaN|-?Infinity")


class _Scanner:
    """Walks JSON text that `json.loads` accepted, recording where each pointer starts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.positions: dict[str, int] = {}
        self.duplicate_keys: list[str] = []
        self.non_finite: list[str] = []

    def run(self) -> None:
        try:
            self._value(self._skip(0), "")
        except RecursionError:
            # Nested deeper than Python recurses: keep what was found before. No corpus schema
            # allows such depth, so the structure layer reports the file anyway.
            pass

    def _skip(self, index: int) -> int:
        return _WHITESPACE.match(self.text, index).end()

    def _value(self, index: int, pointer: str) -> int:
        self.positions.setdefault(pointer, index)
        char = self.text[index]
        if char == "{":
            return self._object(index, pointer)
        if char == "[":
            return self._array(index, pointer)
        if char == '"':
            return _STRING.match(self.text, index).end()
        match = _NON_FINITE.match(self.text, index)
        if match:
            self.non_finite.append(pointer)
            return match.end()
        return _SCALAR.match(self.text, index).end()

    def _object(self, index: int, pointer: str) -> int:
        index = self._skip(index + 1)
        seen: set[str] = set()
        if self.text[index] == "}":
            return index + 1
        while True:
            key_match = _STRING.match(self.text, index)
            key = json.loads(key_match.group())
            member = pointer_join(pointer, key)
            if key in seen:
                self.duplicate_keys.append(member)
                self.positions[member] = index
            else:
                self.positions.setdefault(member, index)
            seen.add(key)
            index = self._skip(key_match.end())
            index = self._skip(index + 1)  # the colon
            index = self._skip(self._value(index, member))
            if self.text[index] == ",":
                index = self._skip(index + 1)
                continue
            return index + 1

    def _array(self, index: int, pointer: str) -> int:
        index = self._skip(index + 1)
        if self.text[index] == "]":
            return index + 1
        position = 0
        while True:
            index = self._skip(self._value(index, pointer_join(pointer, position)))
            position += 1
            if self.text[index] == ",":
                index = self._skip(index + 1)
                continue
            return index + 1
