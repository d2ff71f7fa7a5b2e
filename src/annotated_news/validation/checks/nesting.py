"""Meaning: nested quotes lie inside their parent, and nesting has no cycle."""

from __future__ import annotations

from ..context import ArticleUnderCheck


def check_nesting(article: ArticleUnderCheck) -> None:
    if all(quote.nested_in is None for quote in article.annotation.quotes):
        return
    quotes = {quote.id: quote for quote in article.annotation.quotes}
    for position, quote in enumerate(article.annotation.quotes):
        pointer = f"/quotes/{position}/nested_in"
        parent = quotes.get(quote.nested_in) if quote.nested_in else None
        if parent is None:
            continue
        seen, current = {quote.id}, parent
        while current is not None:
            if current.id in seen:
                article.issues.add("nesting-cycle", f"following nested_in from {quote.id} comes back to {current.id}",
                                   pointer=pointer, record_id=quote.id,
                                   hint="a quote cannot be nested in itself or in a quote nested in it")
                break
            seen.add(current.id)
            current = quotes.get(current.nested_in) if current.nested_in else None
        else:
            outside = [span for span in quote.content
                       if not any(outer.start <= span.start and span.end <= outer.end for outer in parent.content)]
            for span in outside:
                article.issues.add("nested-outside-parent",
                                   f"content {span.start}-{span.end} is not inside any content span of {parent.id}",
                                   pointer=pointer, record_id=quote.id,
                                   hint="a nested quote is reported inside its parent's content; fix the spans or nested_in")
