"""Meaning: every span lies in the text, ends after it starts, and holds the text at its offsets."""

from __future__ import annotations

from ..context import ArticleUnderCheck
from .span_diagnosis import diagnose


def check_spans(article: ArticleUnderCheck) -> None:
    text = article.text
    spans = article.spans()
    # A BOM or CRLF line endings put nearly every span off; one issue says so instead of one per span.
    repairs = _file_level_repairs(text)
    if text is not None and not repairs and len(article.holding_spans()) == len(spans):
        return  # the common case
    shifted: list[tuple[str, str]] = []
    repaired = _repair(text, repairs) if repairs else None
    for span in spans:
        pointer, record_id = article.locate(span)
        if span.end <= span.start:
            article.issues.add("empty-span", f"end {span.end} is not after start {span.start}",
                               pointer=pointer, record_id=record_id,
                               hint="end is exclusive: a span of n characters has end = start + n")
            continue
        if text is None:
            continue
        if repaired is not None and repaired[span.start : span.end] == span.text != text[span.start : span.end]:
            shifted.append((pointer, record_id))
        elif span.end > len(text):
            article.issues.add(
                "span-out-of-bounds",
                f"end {span.end} is past the end of the text ({len(text)} code points)",
                pointer=pointer, record_id=record_id,
                hint=diagnose(text, span) + "; offsets are code points, not bytes")
        elif text[span.start : span.end] != span.text:
            article.issues.add(
                "span-text-mismatch",
                f"text {_short(span.text)} is not the text at {span.start}-{span.end} "
                f"({_short(text[span.start:span.end])})",
                pointer=pointer, record_id=record_id, hint=diagnose(text, span))
    if shifted:
        pointer, record_id = shifted[0]
        article.issues.add(
            "span-text-mismatch",
            f"{len(shifted)} span(s), this one first, match the text only {' and '.join(repairs.values())}",
            pointer=pointer, record_id=record_id,
            hint=f"the text file has {' and '.join(repairs)}: fix that and these spans are right")


def _short(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _file_level_repairs(text: str | None) -> dict[str, str]:
    """File-level defects of the text that shift offsets: what they are -> the text without them."""
    repairs = {}
    if text and text.startswith("\ufeff"):
        repairs["a byte order mark"] = "without the byte order mark"
    if text and "\r\n" in text:
        repairs["CRLF line endings"] = "with LF line endings"
    return repairs


def _repair(text: str, repairs: dict[str, str]) -> str:
    if "a byte order mark" in repairs:
        text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n")
