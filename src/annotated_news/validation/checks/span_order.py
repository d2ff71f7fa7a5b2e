"""Meaning: the spans of a discontinuous quote or claim are in text order and do not overlap."""

from __future__ import annotations

from ..context import ArticleUnderCheck


def check_span_order(article: ArticleUnderCheck) -> None:
    lists = [(f"/quotes/{i}/content", quote.content, quote.id) for i, quote in enumerate(article.annotation.quotes)]
    lists += [(f"/claims/{i}/spans", claim.spans, claim.id) for i, claim in enumerate(article.annotation.claims)]
    for pointer, spans, record_id in lists:
        for position in range(1, len(spans)):
            if spans[position].start < spans[position - 1].end:
                article.issues.add(
                    "spans-out-of-order",
                    f"span {position} starts at {spans[position].start}, before span "
                    f"{position - 1} ends ({spans[position - 1].end})",
                    pointer=f"{pointer}/{position}", record_id=record_id,
                    hint="list the spans in text order; merge spans that overlap")
