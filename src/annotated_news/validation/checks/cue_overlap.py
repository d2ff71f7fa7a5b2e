"""Meaning: a quote's cue and its content do not overlap."""

from __future__ import annotations

from ..context import ArticleUnderCheck


def check_cue_overlap(article: ArticleUnderCheck) -> None:
    for position, quote in enumerate(article.annotation.quotes):
        cue = quote.cue
        if cue is None:
            continue
        for part, span in enumerate(quote.content):
            if cue.start < span.end and span.start < cue.end:
                article.issues.add(
                    "cue-overlaps-content",
                    f"cue {cue.start}-{cue.end} {cue.text!r} overlaps content[{part}] {span.start}-{span.end}",
                    pointer=f"/quotes/{position}/cue", record_id=quote.id,
                    hint="the cue is the reporting verb (said, told, added); the content is what was said")
