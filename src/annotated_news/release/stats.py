"""Statistics of a corpus for the dataset card: counts per outlet and per label, as tables."""

from __future__ import annotations

from collections import Counter
from typing import get_args

from ..models import CheckWorthiness, ClaimantRole, ClaimType, Medium, QuoteKind, Stance
from .summary import Summary

Table = tuple[str, list[str], list[list[object]]]
"""(title, headers, rows)."""

NO_OUTLET = "(not named in the text)"


def statistics(summary: Summary) -> list[Table]:
    counts = summary.counts
    labels = [
        ("Quotes by kind", "kind", "quotes", QuoteKind, counts.quote_kinds, counts.quotes),
        ("Quotes by medium", "medium", "quotes", Medium, counts.media, counts.quotes),
        (
            "Claims by check-worthiness",
            "check_worthiness",
            "claims",
            CheckWorthiness,
            counts.check_worthiness,
            counts.claims,
        ),
        (
            "Claims by claimant role",
            "claimant_role",
            "claims",
            ClaimantRole,
            counts.claimant_roles,
            counts.claims,
        ),
    ]
    return [
        ("Per outlet", ["outlet", "articles", "quotes", "claims"], _per_outlet(summary)),
        *(
            (title, [column, counted, "share"], _counts(literal, values, total))
            for title, column, counted, literal, values, total in labels
        ),
        (
            "Claims by type (a claim can have several)",
            ["claim type", "claims", "share of claims"],
            _counts(ClaimType, counts.claim_types, counts.claims),
        ),
        (
            "Stance",
            ["stance", "all claims", "claims in a claim group"],
            [
                [f"`{stance}`", counts.stances[stance], counts.grouped_stances[stance]]
                for stance in get_args(Stance)
            ],
        ),
    ]


def _per_outlet(summary: Summary) -> list[list[object]]:
    return [
        [NO_OUTLET if outlet is None else f"{summary.entity_name(outlet)} (`{outlet}`)", *counts]
        for outlet, counts in summary.counts.per_outlet.items()
    ]


def _counts(literal, counts: Counter, total: int) -> list[list[object]]:
    """One row per value of a Literal, in its declared order, zeros included."""
    return [
        [f"`{name}`", counts[name], f"{100 * counts[name] / total:.0f}%" if total else "-"]
        for name in get_args(literal)
    ]
