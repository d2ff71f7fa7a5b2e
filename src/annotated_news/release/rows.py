"""The rows of every release config, built from a loaded corpus.

Rows hold plain Python values with enum values as their names (`"direct"`, not `0`); the features
encode them to class indices when the rows become a `datasets.Dataset`. Every row is projected
onto its config's columns: the same keys, in the same order, at every depth.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..corpus import Corpus
from ..models import Claim, Quote
from .features import COLUMNS, Column


def _quote(quote: Quote) -> dict[str, Any]:
    return {**quote.model_dump(), "article_id": quote.article.id, "text": quote.text}


def _claim(claim: Claim) -> dict[str, Any]:
    return {**claim.model_dump(), "article_id": claim.article.id}


def articles(corpus: Corpus) -> list[dict[str, Any]]:
    return [{**article.model_dump(), "text": article.text} for article in corpus.articles]


def quotes(corpus: Corpus) -> list[dict[str, Any]]:
    return [_quote(quote) for quote in corpus.quotes]


def claims(corpus: Corpus) -> list[dict[str, Any]]:
    return [_claim(claim) for claim in corpus.claims]


def entities(corpus: Corpus) -> list[dict[str, Any]]:
    return [entity.model_dump() for entity in corpus.entities]


def events(corpus: Corpus) -> list[dict[str, Any]]:
    return [event.model_dump() for event in corpus.events]


def utterances(corpus: Corpus) -> list[dict[str, Any]]:
    return [
        _group(group, "variants", "quote_id", map(corpus.quote, group.members), _quote)
        for group in corpus.utterances
    ]


def claim_groups(corpus: Corpus) -> list[dict[str, Any]]:
    return [
        _group(group, "members", "claim_id", map(corpus.claim, group.members), _claim)
        for group in corpus.claim_groups
    ]


def _group(group, column: str, id_key: str, members, member_row) -> dict[str, Any]:
    """A cross-article group with each member's row (and its id under `id_key`) in `column`."""
    return {
        **group.model_dump(),
        column: [{id_key: member.id, **member_row(member)} for member in members],
    }


def documents(corpus: Corpus) -> list[dict[str, Any]]:
    return [
        {
            "article_id": article.id,
            "text": article.text,
            "quotes": [_quote(quote) for quote in article.quotes],
            "claims": [_claim(claim) for claim in article.claims],
        }
        for article in corpus.articles
    ]


BUILDERS: dict[str, Callable[[Corpus], list[dict[str, Any]]]] = {
    "articles": articles,
    "quotes": quotes,
    "claims": claims,
    "entities": entities,
    "events": events,
    "utterances": utterances,
    "claim_groups": claim_groups,
    "documents": documents,
}


def build_rows(corpus: Corpus, config: str) -> list[dict[str, Any]]:
    """The rows of one config: each record's values picked by the config's columns, in column
    order, at every depth (a group member keeps only its declared members); a missing one is an
    error."""
    try:
        builder = BUILDERS[config]
    except KeyError:
        raise ValueError(f"unknown config {config!r}; configs: {', '.join(COLUMNS)}") from None
    return [_project(row, COLUMNS[config], config) for row in builder(corpus)]


def _project(record: dict[str, Any], columns: tuple[Column, ...], where: str) -> dict[str, Any]:
    missing = [column.name for column in columns if column.name not in record]
    if missing:
        raise ValueError(f"{where}: the row has no {', '.join(missing)}")
    return {
        column.name: _value(record[column.name], column, f"{where}.{column.name}")
        for column in columns
    }


def _value(value: Any, column: Column, where: str) -> Any:
    if not column.children or value is None:
        return value
    if isinstance(value, list):
        return [_project(item, column.children, f"{where}[{i}]") for i, item in enumerate(value)]
    return _project(value, column.children, where)
