"""Meaning: the spans of a discontinuous quote or claim are in text order and do not overlap."""

from __future__ import annotations

from ..context import ArticleUnderCheck


def check_span_order(article: ArticleUnderCheck) -> None:
    for list_name, field, records in (("quotes", "content", article.annotation.quotes),
                                      ("claims", "spans", article.annotation.claims)):
        for index, record in enumerate(records):
            spans = getattr(record, field)
            for position in range(1, len(spans)):
                if spans[position].start < spans[position - 1].end:
                    article.issues.add(
                        "spans-out-of-order",
                        f"span {position} starts at {spans[position].start}, before span "
                        f"{position - 1} ends ({spans[position - 1].end})",
                        pointer=f"/{list_name}/{index}/{field}/{position}", record_id=record.id,
                        hint="list the spans in text order; merge spans that overlap")
