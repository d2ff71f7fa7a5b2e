"""Review: an opening quotation mark in body text that no quote's content covers."""

from __future__ import annotations

import re

from ..context import ArticleUnderCheck

OPENING_MARKS = "“„«‹"
NOT_BODY = ("image-caption", "credit-line")
_OPENING = re.compile(f"[{OPENING_MARKS}]")
_STRAIGHT = re.compile('"')


def check_quotation_marks(article: ArticleUnderCheck) -> None:
    text = article.text
    if text is None:
        return
    straight = [match.start() for match in _STRAIGHT.finditer(text)]
    openings = [match.start() for match in _OPENING.finditer(text)]
    openings += straight[::2]  # straight quotes pair up: every other one opens
    if not openings:
        return
    # A mark just outside a quote's content opens it; captions and credit lines are not body text.
    allowed = [(span.start - 1, span.end + 1) for quote in article.annotation.quotes for span in quote.content]
    allowed += [(segment.span.start, segment.span.end) for segment in article.annotation.article.segments
                if segment.kind in NOT_BODY]
    for position in sorted(openings):
        if any(start <= position < end for start, end in allowed):
            continue
        article.text_issues.add(
            "unannotated-quotation-mark",
            f"quotation mark at offset {position} ({text[position:position + 30]!r}...) is not in any quote",
            offset=position,
            hint="annotate the quote it opens, or, for scare quotes or a title, note it in the guidelines")
