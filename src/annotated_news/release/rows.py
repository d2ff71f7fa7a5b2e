"""The rows of every release config, built from record dicts.

A record dict holds a record's fields as `model_dump()` gives them: every field of its model,
defaults filled in, enum values as their names (`"direct"`, not `0`). Two paths make them:
`build_rows` from a loaded corpus (for `load_hf`, and the tests), and the streaming build from the
corpus files (`source.py`, `stream.py`); both pass them through the row builders here, so both
give the same rows. `project` picks a row's values by its config's columns: the same keys, in the
same order, at every depth (the arrow conversion of the streaming build picks them by name).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..corpus import Corpus
from ..models import CONTENT_JOINER, Article, Claim, Quote
from .features import COLUMNS, Column

Row = dict[str, Any]


# --- the row builders, shared by both paths -----------------------------------------------------


def article_row(article: Row, text: str) -> Row:
    return {**article, "text": text}


def quote_row(quote: Row, article_id: str) -> Row:
    """A quote with its article's id and its `text` (the content spans joined, as `Quote.text`)."""
    text = CONTENT_JOINER.join(span["text"] for span in quote["content"])
    return {**quote, "article_id": article_id, "text": text}


def claim_row(claim: Row, article_id: str) -> Row:
    return {**claim, "article_id": article_id}


def document_row(article_id: str, text: str, quote_rows: list[Row], claim_rows: list[Row]) -> Row:
    """An article's text with its quote and claim rows nested (their `article_id` is not a column
    there)."""
    return {"article_id": article_id, "text": text, "quotes": quote_rows, "claims": claim_rows}


def variant(quote_row: Row) -> Row:
    """A quote as a member of its utterance group (`utterances.variants[]`), projected."""
    return _project({"quote_id": quote_row["id"], **quote_row}, VARIANT_COLUMNS, "variants")


def claim_member(claim_row: Row) -> Row:
    """A claim as a member of its claim group (`claim_groups.members[]`), projected."""
    return _project({"claim_id": claim_row["id"], **claim_row}, CLAIM_MEMBER_COLUMNS, "members")


def utterance_row(group: Row, variants: list[Row]) -> Row:
    return {**group, "variants": variants}


def claim_group_row(group: Row, members: list[Row]) -> Row:
    """A claim group whose `members` (claim ids in the registry) become the member rows."""
    return {**group, "members": members}


def _children(config: str, name: str) -> tuple[Column, ...]:
    return next(column.children for column in COLUMNS[config] if column.name == name)


VARIANT_COLUMNS = _children("utterances", "variants")
CLAIM_MEMBER_COLUMNS = _children("claim_groups", "members")


# --- from a loaded corpus -----------------------------------------------------------------------


def _quote(quote: Quote) -> Row:
    return quote_row(quote.model_dump(), quote.article.id)


def _claim(claim: Claim) -> Row:
    return claim_row(claim.model_dump(), claim.article.id)


def _document(article: Article) -> Row:
    return document_row(
        article.id,
        article.text,
        [_quote(quote) for quote in article.quotes],
        [_claim(claim) for claim in article.claims],
    )


BUILDERS: dict[str, Callable[[Corpus], Iterator[Row]]] = {
    "articles": lambda corpus: (
        article_row(article.model_dump(), article.text) for article in corpus.articles
    ),
    "quotes": lambda corpus: map(_quote, corpus.quotes),
    "claims": lambda corpus: map(_claim, corpus.claims),
    "entities": lambda corpus: (entity.model_dump() for entity in corpus.entities),
    "events": lambda corpus: (event.model_dump() for event in corpus.events),
    "utterances": lambda corpus: (
        utterance_row(
            group.model_dump(), [variant(_quote(corpus.quote(id))) for id in group.members]
        )
        for group in corpus.utterances
    ),
    "claim_groups": lambda corpus: (
        claim_group_row(
            group.model_dump(), [claim_member(_claim(corpus.claim(id))) for id in group.members]
        )
        for group in corpus.claim_groups
    ),
    "documents": lambda corpus: map(_document, corpus.articles),
}


def build_rows(corpus: Corpus, config: str) -> list[Row]:
    """The rows of one config of a loaded corpus, projected (see `project`)."""
    try:
        builder = BUILDERS[config]
    except KeyError:
        raise ValueError(f"unknown config {config!r}; configs: {', '.join(COLUMNS)}") from None
    return [project(row, config) for row in builder(corpus)]


# --- projection ---------------------------------------------------------------------------------


def project(row: Row, config: str) -> Row:
    """A row's values picked by the config's columns, in column order, at every depth (a group
    member keeps only its declared members); a missing one is an error."""
    return _project(row, COLUMNS[config], config)


def _project(record: Row, columns: tuple[Column, ...], where: str) -> Row:
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
