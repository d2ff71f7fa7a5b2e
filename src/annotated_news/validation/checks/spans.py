"""Meaning: every span lies in the text, ends after it starts, and holds the text at its offsets."""

from __future__ import annotations

from ..context import ArticleUnderCheck
from .span_diagnosis import diagnose


def check_spans(article: ArticleUnderCheck) -> None:
    text = article.text
    # With CRLF line endings nearly every span is off; one issue says so instead of one per span.
    crlf_shifted: list[tuple[str, str]] = []
    lf_text = text.replace("\r\n", "\n") if text and "\r" in text else None
    for pointer, span, record_id in article.spans():
        if span.end <= span.start:
            article.issues.add("empty-span", f"end {span.end} is not after start {span.start}",
                               pointer=pointer, record_id=record_id,
                               hint="end is exclusive: a span of n characters has end = start + n")
            continue
        if text is None:
            continue
        if lf_text is not None and lf_text[span.start : span.end] == span.text != text[span.start : span.end]:
            crlf_shifted.append((pointer, record_id))
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
    if crlf_shifted:
        _report_crlf_shift(article, crlf_shifted)


def _short(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _report_crlf_shift(article: ArticleUnderCheck, shifted: list[tuple[str, str]]) -> None:
    pointer, record_id = shifted[0]
    article.issues.add(
        "span-text-mismatch",
        f"{len(shifted)} span(s), this one first, match the text only with LF line endings",
        pointer=pointer, record_id=record_id,
        hint="the text file has CRLF line endings: convert it to LF and these spans are right")
