"""Statistics of a corpus for the dataset card: counts per outlet and per label, as tables."""

from __future__ import annotations

from collections import Counter
from typing import get_args

from ..corpus import Corpus
from ..models import CheckWorthiness, ClaimantRole, ClaimType, Medium, QuoteKind, Stance

Table = tuple[str, list[str], list[list[object]]]
"""(title, headers, rows)."""

NO_OUTLET = "(not named in the text)"


def statistics(corpus: Corpus) -> list[Table]:
    quotes, claims = corpus.quotes, corpus.claims
    all_stances = Counter(claim.stance for claim in claims)
    grouped_stances = Counter(claim.stance for claim in claims if claim.claim_group is not None)
    labels = [
        ("Quotes by kind", "kind", "quotes", QuoteKind, [quote.kind for quote in quotes]),
        ("Quotes by medium", "medium", "quotes", Medium, [quote.medium for quote in quotes]),
        (
            "Claims by check-worthiness",
            "check_worthiness",
            "claims",
            CheckWorthiness,
            [claim.check_worthiness for claim in claims],
        ),
        (
            "Claims by claimant role",
            "claimant_role",
            "claims",
            ClaimantRole,
            [claim.claimant_role for claim in claims],
        ),
    ]
    return [
        ("Per outlet", ["outlet", "articles", "quotes", "claims"], _per_outlet(corpus)),
        *(
            (title, [column, counted, "share"], _counts(literal, values))
            for title, column, counted, literal, values in labels
        ),
        (
            "Claims by type (a claim can have several)",
            ["claim type", "claims", "share of claims"],
            _counts(ClaimType, [t for claim in claims for t in claim.claim_types], len(claims)),
        ),
        (
            "Stance",
            ["stance", "all claims", "claims in a claim group"],
            [
                [f"`{stance}`", all_stances[stance], grouped_stances[stance]]
                for stance in get_args(Stance)
            ],
        ),
    ]


def _per_outlet(corpus: Corpus) -> list[list[object]]:
    rows: dict[str, list[int]] = {}
    for article in corpus.articles:
        entity = article.outlet_entity
        name = f"{entity.name} (`{entity.id}`)" if entity else NO_OUTLET
        counts = rows.setdefault(name, [0, 0, 0])
        counts[0] += 1
        counts[1] += len(article.quotes)
        counts[2] += len(article.claims)
    return [[name, *counts] for name, counts in rows.items()]


def _counts(literal, values: list[str], total: int | None = None) -> list[list[object]]:
    """One row per value of a Literal, in its declared order, zeros included."""
    counts = Counter(values)
    total = total if total is not None else len(values)
    return [
        [f"`{name}`", counts[name], f"{100 * counts[name] / total:.0f}%" if total else "-"]
        for name in get_args(literal)
    ]
