"""Review: spans start and end on word boundaries, without white space, and direct-quote content
leaves its quotation marks out."""

from __future__ import annotations

from ..context import ArticleUnderCheck

OPENING = "“\"„«‹"
CLOSING = "”\"»›"


def check_span_boundaries(article: ArticleUnderCheck) -> None:
    text = article.text
    if text is None:
        return
    length = len(text)
    # Tested in line, not in a function per span: nearly every span is clean, and there are a
    # million. A word runs across a boundary when the characters on both sides are alphanumeric;
    # the one outside is tested first, as it rarely is, and the one inside is the span's own.
    for span in article.holding_spans():  # the others are errors already, so span.text is the text
        start, end, inside = span.start, span.end, span.text
        if len(inside.strip()) != len(inside):
            problem = "starts or ends with white space"
        elif start > 0 and text[start - 1].isalnum() and inside[0].isalnum():
            problem = f"starts mid-word ({text[max(0, start - 5):start + 5]!r})"
        elif end < length and text[end].isalnum() and inside[-1].isalnum():
            problem = f"ends mid-word ({text[max(0, end - 5):end + 5]!r})"
        else:
            continue
        pointer, record_id = article.locate(span)
        article.issues.add("span-boundary", f"{start}-{end} {problem}", pointer=pointer,
                           record_id=record_id, hint="move the boundary to the edge of the word (guidelines section 3)")
    for position, quote in enumerate(article.annotation.quotes):
        if quote.kind != "direct":
            continue
        for part, span in enumerate(quote.content):
            if span.text[0] in OPENING and span.text[-1] in CLOSING:
                article.issues.add("span-boundary", "direct-quote content takes in its quotation marks",
                                   pointer=f"/quotes/{position}/content/{part}", record_id=quote.id,
                                   hint=f"use {span.start + 1}-{span.end - 1}: the words inside the marks")
