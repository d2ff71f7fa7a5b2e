"""Meaning: a claim's claimant fits its role: the outlet for `article`, a mentioned source for `source`."""

from __future__ import annotations

from ..context import ArticleUnderCheck


def check_claimants(article: ArticleUnderCheck) -> None:
    outlet = article.annotation.article.outlet
    for position, claim in enumerate(article.annotation.claims):
        if claim.claimant_role == "article":
            if claim.claimant != outlet:
                article.issues.add("claimant-mismatch",
                                   f"an article claim's claimant is the outlet ({outlet}), not {claim.claimant}",
                                   pointer=f"/claims/{position}/claimant", record_id=claim.id,
                                   hint="set claimant to the article's outlet, or claimant_role to source")
            if claim.claimant_span is not None:
                article.issues.add("claimant-mismatch", "an article claim has no claimant span",
                                   pointer=f"/claims/{position}/claimant_span", record_id=claim.id,
                                   hint="set claimant_span to null, or claimant_role to source")
        elif claim.claimant_span is None:
            article.issues.add("claimant-mismatch", "a source claim needs the span of its claimant's mention",
                               pointer=f"/claims/{position}/claimant_span", record_id=claim.id,
                               hint="mark where the text names the source, as in its quote")
