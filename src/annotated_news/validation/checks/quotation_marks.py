"""Review: an opening quotation mark in body text that no quote's content covers."""

from __future__ import annotations

from ..context import ArticleUnderCheck

OPENING_MARKS = "“„«‹"
NOT_BODY = ("image-caption", "credit-line")


def check_quotation_marks(article: ArticleUnderCheck) -> None:
    text = article.text
    if text is None:
        return
    openings = [position for mark in OPENING_MARKS for position in _positions(text, mark)]
    openings += _positions(text, '"')[::2]  # straight quotes pair up: every other one opens
    if not openings:
        return
    # Most marks open a content span right after them: one set lookup each, before the rest is
    # searched for.
    opening_content = {span.start - 1 for quote in article.annotation.quotes for span in quote.content}
    unexplained = [position for position in openings if position not in opening_content]
    if not unexplained:
        return
    # A mark just outside a quote's content opens it; captions and credit lines are not body text.
    allowed = [(span.start - 1, span.end + 1) for quote in article.annotation.quotes for span in quote.content]
    allowed += [(segment.span.start, segment.span.end) for segment in article.annotation.article.segments
                if segment.kind in NOT_BODY]
    for position in sorted(unexplained):
        if any(start <= position < end for start, end in allowed):
            continue
        article.text_issues.add(
            "unannotated-quotation-mark",
            f"quotation mark at offset {position} ({text[position:position + 30]!r}...) is not in any quote",
            offset=position,
            hint="annotate the quote it opens, or, for scare quotes or a title, note it in the guidelines")


def _positions(text: str, mark: str) -> list[int]:
    # str.find skips to a character far faster than a regular expression scans a non-ASCII text.
    found = []
    position = text.find(mark)
    while position >= 0:
        found.append(position)
        position = text.find(mark, position + 1)
    return found
