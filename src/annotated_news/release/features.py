"""The columns of every release config: Hugging Face features and a description for each field.

Columns that mirror a model field take their type and description from `models.py` (the one source
of truth): a `Literal` becomes a `ClassLabel` with the names in the Literal's order, a nested
model a struct, a list a `List`, and `X | None` stays nullable. Columns the release derives
(`article_id`, a quote's joined `text`, the members of a cross-article group) are described once,
here.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pyarrow as pa
from datasets import ClassLabel, Features, List, Value
from pydantic import BaseModel

from ..models import Article, Claim, ClaimGroup, Entity, Event, Quote, UtteranceGroup


@dataclass(frozen=True)
class Column:
    """One column (or struct member) of a config, with what the card and Croissant say about it."""

    name: str
    feature: Any
    description: str
    nullable: bool = False
    children: tuple[Column, ...] = ()
    """The members of a struct, or of each struct in a list of structs."""


def _feature(annotation: Any) -> tuple[Any, bool, tuple[Column, ...]]:
    """(feature, nullable, struct members) of a model field's type annotation."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _feature(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(options) != 1:
            raise TypeError(f"no release feature for the union {annotation}")
        feature, _, children = _feature(options[0])
        return feature, len(options) < len(get_args(annotation)), children
    if origin is Literal:
        return ClassLabel(names=list(get_args(annotation))), False, ()
    if origin is list:
        item, item_nullable, children = _feature(get_args(annotation)[0])
        if item_nullable:
            raise TypeError(f"no release feature for a list with null items: {annotation}")
        return List(item), False, children
    if annotation is str:
        return Value("string"), False, ()
    if annotation is int:
        return Value("int64"), False, ()
    if annotation is bool:
        return Value("bool"), False, ()
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        children = model_columns(annotation)
        return struct(children), False, children
    raise TypeError(f"no release feature for the type {annotation}")


def struct(columns: typing.Iterable[Column]) -> dict[str, Any]:
    """The struct feature of some columns."""
    return {column.name: column.feature for column in columns}


def model_column(model: type[BaseModel], name: str, *, rename: str | None = None) -> Column:
    """The column of one model field: its type and description come from the model."""
    info = model.model_fields[name]
    if not info.description:
        raise ValueError(f"{model.__name__}.{name} has no description")
    feature, nullable, children = _feature(info.annotation)
    return Column(rename or name, feature, info.description, nullable, children)


def model_columns(model: type[BaseModel], *, exclude: tuple[str, ...] = ()) -> tuple[Column, ...]:
    """The columns of every field of a model, in model order."""
    return tuple(model_column(model, name) for name in model.model_fields if name not in exclude)


def property_column(model: type[BaseModel], name: str, feature: Any) -> Column:
    """A column computed by a model property, described by the property's docstring."""
    doc = getattr(model, name).__doc__
    if not doc:
        raise ValueError(f"{model.__name__}.{name} has no docstring")
    return Column(name, feature, " ".join(doc.split()))


def derived(name: str, description: str, feature: Any = None, *, children=(), nullable=False):
    """A column the release adds: a plain string unless a feature or struct members are given."""
    children = tuple(children)
    if feature is None:
        feature = struct(children) if children else Value("string")
    return Column(name, feature, description, nullable, children)


def list_of(name: str, description: str, children: typing.Iterable[Column]) -> Column:
    """A derived list-of-structs column."""
    children = tuple(children)
    return derived(name, description, List(struct(children)), children=children)


def _without(columns: tuple[Column, ...], name: str) -> tuple[Column, ...]:
    return tuple(column for column in columns if column.name != name)


# --- the derived columns, each described once --------------------------------------------------

ARTICLE_ID = derived(
    "article_id", "Id of the article the record is in (`id` in the `articles` config)."
)
ARTICLE_TEXT = derived(
    "text",
    "The article text, byte for byte as received (no trimming or normalisation). Every span's "
    "`start` and `end` count its Unicode code points: `text[start:end] == span.text` in Python.",
)
QUOTE_TEXT = property_column(Quote, "text", Value("string"))
QUOTE_ID = derived("quote_id", "Id of the quote (`id` in the `quotes` config).")
CLAIM_ID = derived("claim_id", "Id of the claim (`id` in the `claims` config).")

QUOTE_COLUMNS = (
    model_column(Quote, "id"),
    ARTICLE_ID,
    *model_columns(Quote, exclude=("id",)),
    QUOTE_TEXT,
)
CLAIM_COLUMNS = (model_column(Claim, "id"), ARTICLE_ID, *model_columns(Claim, exclude=("id",)))

COLUMNS: dict[str, tuple[Column, ...]] = {
    "articles": (*model_columns(Article), ARTICLE_TEXT),
    "quotes": QUOTE_COLUMNS,
    "claims": CLAIM_COLUMNS,
    "entities": model_columns(Entity),
    "events": model_columns(Event),
    "utterances": (
        *model_columns(UtteranceGroup, exclude=("members", "differences")),
        list_of(
            "variants",
            "Every report of the utterance, one per member quote, in the group's order: which "
            "article reports it, with what words, as what kind of quote.",
            (QUOTE_ID, ARTICLE_ID, QUOTE_TEXT, model_column(Quote, "kind")),
        ),
        model_column(UtteranceGroup, "differences"),
    ),
    "claim_groups": (
        *model_columns(ClaimGroup, exclude=("members", "note")),
        list_of(
            "members",
            "Every claim of the group, in the group's order: which article makes it, who the "
            "claimant is, their stance toward `canonical`, and the claim as that article has it.",
            (
                CLAIM_ID,
                ARTICLE_ID,
                model_column(Claim, "claimant"),
                model_column(Claim, "stance"),
                model_column(Claim, "normalized"),
            ),
        ),
        model_column(ClaimGroup, "note"),
    ),
    "documents": (
        ARTICLE_ID,
        ARTICLE_TEXT,
        list_of(
            "quotes",
            "Every quote of the article, in text order, with the columns of the `quotes` config "
            "(without `article_id`).",
            _without(QUOTE_COLUMNS, "article_id"),
        ),
        list_of(
            "claims",
            "Every claim of the article, in text order, with the columns of the `claims` config "
            "(without `article_id`).",
            _without(CLAIM_COLUMNS, "article_id"),
        ),
    ),
}
"""The columns of each config, in order."""

CONFIGS: tuple[str, ...] = tuple(COLUMNS)

SUMMARIES: dict[str, str] = {
    "articles": "One row per article: its metadata, its non-body segments and its full text.",
    "quotes": "One row per quote (attribution relation): source, cue and content spans, kind, "
    "medium, speaker.",
    "claims": "One row per claim: spans, claimant, a self-contained wording, check-worthiness, "
    "types, stance.",
    "entities": "One row per entity (person, outlet, party, organisation, country, group) that "
    "the annotations refer to.",
    "events": "One row per news event (story) the articles cover, with its date and the evidence "
    "for it.",
    "utterances": "One row per utterance reported more than once: each report (variant) and "
    "every wording difference between them.",
    "claim_groups": "One row per proposition made in several articles, with each article's "
    "claim and stance.",
    "documents": "One row per article: its text with its quotes and claims nested, ready for "
    "span-extraction models.",
}
"""One line per config, for the card and Croissant."""

FEATURES: dict[str, Features] = {
    config: Features(struct(columns)) for config, columns in COLUMNS.items()
}
"""The Hugging Face features of each config."""

SCHEMAS: dict[str, pa.Schema] = {
    config: features.arrow_schema for config, features in FEATURES.items()
}
"""The arrow schema of each config's features, made once: `Features.arrow_schema` makes it anew
(through JSON) at every call, and the build asks for it once per config and chunk."""

if set(SUMMARIES) != set(COLUMNS):  # pragma: no cover - a programming error caught at import
    raise RuntimeError("every config needs a summary")
