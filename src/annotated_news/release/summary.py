"""What the card, Croissant and license files say about a corpus, counted while its articles stream
by: no file of the release needs the whole corpus in memory.

`ArticleCounts` counts articles and their records (it merges, so parts of a corpus can be counted
apart and added in order); `Summary` adds the registries and the example row of each config.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .source import Registries

Row = dict[str, Any]


@dataclass
class ArticleCounts:
    """Counts over articles and their quotes and claims, with enum values by name."""

    articles: int = 0
    quotes: int = 0
    claims: int = 0
    per_outlet: dict[str | None, list[int]] = field(default_factory=dict)
    """Outlet entity id (None: not named) -> [articles, quotes, claims], in order of appearance."""
    languages: set[str] = field(default_factory=set)
    precisions: Counter = field(default_factory=Counter)
    """Publication date precision -> articles."""
    quote_kinds: Counter = field(default_factory=Counter)
    media: Counter = field(default_factory=Counter)
    check_worthiness: Counter = field(default_factory=Counter)
    claimant_roles: Counter = field(default_factory=Counter)
    claim_types: Counter = field(default_factory=Counter)
    """Claims per claim type (a claim can have several)."""
    stances: Counter = field(default_factory=Counter)
    grouped_stances: Counter = field(default_factory=Counter)
    """Stances of the claims in a claim group."""
    rights: list[list[str | None]] = field(default_factory=list)
    """[article id, outlet id, rights] per article, in corpus order."""
    _shared: dict = field(default_factory=dict, repr=False, compare=False)

    def add(self, article: Row, quotes: list[Row], claims: list[Row]) -> None:
        self.articles += 1
        self.quotes += len(quotes)
        self.claims += len(claims)
        counts = self.per_outlet.setdefault(article["outlet"], [0, 0, 0])
        counts[0] += 1
        counts[1] += len(quotes)
        counts[2] += len(claims)
        self.languages.add(article["language"])
        self.precisions[article["publication_date"]["precision"]] += 1
        # Most articles share their outlet's terms: one string each, not one per article.
        outlet, rights = article["outlet"], article["rights"]
        self.rights.append(
            [article["id"], self._shared.setdefault(outlet, outlet),
             self._shared.setdefault(rights, rights)]
        )
        for quote in quotes:
            self.quote_kinds[quote["kind"]] += 1
            self.media[quote["medium"]] += 1
        for claim in claims:
            self.check_worthiness[claim["check_worthiness"]] += 1
            self.claimant_roles[claim["claimant_role"]] += 1
            self.claim_types.update(claim["claim_types"])
            self.stances[claim["stance"]] += 1
            if claim["claim_group"] is not None:
                self.grouped_stances[claim["stance"]] += 1

    def merge(self, other: ArticleCounts) -> None:
        """Add the counts of the articles that follow these."""
        self.articles += other.articles
        self.quotes += other.quotes
        self.claims += other.claims
        for outlet, counts in other.per_outlet.items():
            mine = self.per_outlet.setdefault(outlet, [0, 0, 0])
            for index, count in enumerate(counts):
                mine[index] += count
        self.languages |= other.languages
        for name in ("precisions", "quote_kinds", "media", "check_worthiness", "claimant_roles",
                     "claim_types", "stances", "grouped_stances"):
            getattr(self, name).update(getattr(other, name))
        self.rights += other.rights


@dataclass
class Summary:
    """Everything the release's text files say about the corpus."""

    registries: Registries
    counts: ArticleCounts
    examples: dict[str, Row]
    """Config -> its first row, projected, class labels by name."""
    rights_markdown: str | None = None
    """`licenses.rights_table`, made once: the card and TEXT_RIGHTS.md both hold it."""

    @property
    def info(self):
        return self.registries.info

    @property
    def version(self) -> str:
        return self.registries.info.version

    @property
    def languages(self) -> list[str]:
        return sorted(self.counts.languages)

    def entity_name(self, entity_id: str) -> str:
        return self._entity_names[entity_id]

    def __post_init__(self) -> None:
        self._entity_names = {entity["id"]: entity["name"] for entity in self.registries.entities}
