"""What the card, Croissant and license files say about a corpus, counted while its articles stream
by: no file of the release needs the whole corpus in memory.

`ArticleCounts` counts articles and their records (it merges, so parts of a corpus can be counted
apart and added in order); `Summary` adds the registries and the example row of each config.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from datasets import ClassLabel

from .features import FEATURES
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

    def add(self, batches: dict[str, pa.RecordBatch]) -> None:
        """Count the articles of the per-article configs' batches (class labels by index)."""
        articles, documents = batches["articles"], batches["documents"]
        quotes, claims = batches["quotes"], batches["claims"]
        self.articles += articles.num_rows
        self.quotes += quotes.num_rows
        self.claims += claims.num_rows
        per_article = zip(
            articles.column("id").to_pylist(),
            articles.column("outlet").to_pylist(),
            articles.column("rights").to_pylist(),
            pc.list_value_length(documents.column("quotes")).to_pylist(),
            pc.list_value_length(documents.column("claims")).to_pylist(),
        )
        for article_id, outlet, rights, quote_count, claim_count in per_article:
            counts = self.per_outlet.setdefault(outlet, [0, 0, 0])
            counts[0] += 1
            counts[1] += quote_count
            counts[2] += claim_count
            # Most articles share their outlet's terms: one string each, not one per article.
            self.rights.append(
                [article_id, self._shared.setdefault(outlet, outlet),
                 self._shared.setdefault(rights, rights)]
            )
        self.languages.update(pc.unique(articles.column("language")).to_pylist())
        precision = FEATURES["articles"]["publication_date"]["precision"]
        _tally(self.precisions, articles.column("publication_date").field("precision"), precision)
        _tally(self.quote_kinds, quotes.column("kind"), FEATURES["quotes"]["kind"])
        _tally(self.media, quotes.column("medium"), FEATURES["quotes"]["medium"])
        labels = FEATURES["claims"]
        _tally(self.check_worthiness, claims.column("check_worthiness"), labels["check_worthiness"])
        _tally(self.claimant_roles, claims.column("claimant_role"), labels["claimant_role"])
        claim_types = claims.column("claim_types").flatten()
        _tally(self.claim_types, claim_types, labels["claim_types"].feature)
        stances = claims.column("stance")
        _tally(self.stances, stances, labels["stance"])
        grouped = pc.is_valid(claims.column("claim_group"))
        _tally(self.grouped_stances, stances.filter(grouped), labels["stance"])

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


def _tally(counter: Counter, indices: pa.Array, label: ClassLabel) -> None:
    """Add to `counter` how many times each class label (by index in `indices`) occurs, by name."""
    counted = pc.value_counts(indices)
    for index, count in zip(
        counted.field("values").to_pylist(), counted.field("counts").to_pylist(), strict=True
    ):
        counter[label.names[index]] += count


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
