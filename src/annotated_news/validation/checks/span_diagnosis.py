"""Meaning: why a span's text is not at its offsets, in words a maintainer can act on."""

from __future__ import annotations

import unicodedata

from ...models import Span


def diagnose(text: str, span: Span) -> str:
    """A hint for a span whose `text` is not `text[start:end]`."""
    expected = span.text
    encoded = text.encode("utf-8")
    if encoded[span.start : span.end].decode("utf-8", errors="ignore") == expected:
        start = len(encoded[: span.start].decode("utf-8", errors="ignore"))
        return (f"offsets look like UTF-8 byte offsets; in code points the span is "
                f"{start}-{start + len(expected)}")
    utf16 = text.encode("utf-16-le")
    if utf16[2 * span.start : 2 * span.end].decode("utf-16-le", errors="ignore") == expected:
        start = len(utf16[: 2 * span.start].decode("utf-16-le", errors="ignore"))
        return (f"offsets look like UTF-16 code units (JavaScript, Label Studio, INCEpTION); in "
                f"code points the span is {start}-{start + len(expected)}")
    if "\r" in text and text.replace("\r\n", "\n")[span.start : span.end] == expected:
        return ("the file has CRLF line endings but the offsets were counted with LF only: "
                "convert the text to LF")
    actual = text[span.start : span.end]
    if unicodedata.normalize("NFC", actual) == unicodedata.normalize("NFC", expected):
        return ("the same characters in another Unicode normalisation (NFC vs NFD): copy the "
                "span text from the article file, do not retype it")
    found = _occurrences(text, expected)
    if found:
        nearest = min(found, key=lambda start: abs(start - span.start))
        shift = span.start - nearest
        direction = "too high" if shift > 0 else "too low"
        others = f" (and at {len(found) - 1} other place(s))" if len(found) > 1 else ""
        hint = (f"found at {nearest}-{nearest + len(expected)}{others}: offsets are "
                f"{abs(shift)} {direction}")
        if shift > 0 and "\r" not in text and shift == text.count("\n", 0, nearest):
            hint += (", as many as the line breaks before it: were they counted on a copy of the "
                     "text with CRLF line endings?")
        return hint
    return f"the text at these offsets is {actual!r}; the span text occurs nowhere in the article"


def _occurrences(text: str, needle: str) -> list[int]:
    found, position = [], text.find(needle)
    while position >= 0:
        found.append(position)
        position = text.find(needle, position + 1)
    return found
