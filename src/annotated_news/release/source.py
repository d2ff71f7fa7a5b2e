"""Read a corpus folder as record dicts, one article at a time, for the streaming build.

A record dict is a record as `model_dump()` gives it (every field, defaults filled in; see
`rows.py`), made from the file's JSON without building the pydantic objects: the build has already
validated every file against the schema those models define, and building a million objects would
cost more than the rest of the build. The registries are small and read whole.
"""

from __future__ import annotations

import json
import os
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .. import _paths
from ..corpus import CorpusError, text_name
from ..models import (
    AnnotationFile,
    ClaimGroupRegistry,
    DatasetInfo,
    EntityRegistry,
    EventRegistry,
    UtteranceRegistry,
)

Row = dict[str, Any]


@dataclass
class Registries:
    """The corpus-wide files, read whole."""

    info: DatasetInfo
    entities: list[Row]
    events: list[Row]
    utterances: list[Row]
    claim_groups: list[Row]


@dataclass
class ArticleRecords:
    """One article's records, as in its annotation file, and its text."""

    article: Row
    quotes: list[Row]
    claims: list[Row]
    text: str


def read_info(corpus_dir: Path) -> DatasetInfo:
    path = corpus_dir / _paths.DATASET_FILE
    try:
        return DatasetInfo.model_validate_json(path.read_bytes())
    except OSError as error:
        raise CorpusError(f"{path}: cannot read: {error.strerror}") from error


def read_registries(corpus_dir: Path) -> Registries:
    return Registries(
        info=read_info(corpus_dir),
        entities=_read(corpus_dir / _paths.ENTITIES_FILE, EntityRegistry)["entities"],
        events=_read(corpus_dir / _paths.EVENTS_FILE, EventRegistry)["events"],
        utterances=_read(corpus_dir / _paths.UTTERANCES_FILE, UtteranceRegistry)["utterances"],
        claim_groups=_read(corpus_dir / _paths.CLAIM_GROUPS_FILE, ClaimGroupRegistry)[
            "claim_groups"
        ],
    )


def read_articles(articles_dir: Path, names: list[str]) -> Iterator[ArticleRecords]:
    """The articles of some annotation files (names from `corpus.article_names`), in order."""
    folder = str(articles_dir)
    fill = filler(AnnotationFile)
    for name in names:
        document = _parse(os.path.join(folder, name))
        fill(document)
        text_path = os.path.join(folder, text_name(name))
        try:
            text = _read_bytes(text_path).decode("utf-8")  # as `corpus.read_text`
        except (OSError, UnicodeDecodeError) as error:
            raise CorpusError(f"{text_path}: cannot read the article text: {error}") from error
        yield ArticleRecords(document["article"], document["quotes"], document["claims"], text)


def _read(path: Path, model: type[BaseModel]) -> Row:
    document = _parse(str(path))
    filler(model)(document)
    return document


def _parse(path: str) -> Any:
    try:
        return json.loads(_read_bytes(path))
    except OSError as error:
        raise CorpusError(f"{path}: cannot read: {error.strerror}") from error
    except ValueError as error:
        raise CorpusError(f"{path}: not JSON: {error}") from error


def _read_bytes(path: str) -> bytes:
    """A file's bytes, with plain system calls: a quarter of the time of `Path.read_bytes`, which
    counts when a build reads 200,000 small files."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        parts = []
        while part := os.read(descriptor, 1 << 20):
            parts.append(part)
        return b"".join(parts)
    finally:
        os.close(descriptor)


# --- defaults -----------------------------------------------------------------------------------

_FILLERS: dict[type[BaseModel], Callable[[Row], None]] = {}


def filler(model: type[BaseModel]) -> Callable[[Row], None]:
    """A function that fills in, in place, the defaults of a record of `model` (and of the records
    nested in it) that its JSON leaves out, as pydantic does when it reads the file."""
    if model not in _FILLERS:
        defaults = [
            (name, info.default_factory or _constant(info.default))
            for name, info in model.model_fields.items()
            if not info.is_required()
        ]
        nested = []
        for name, info in model.model_fields.items():
            found = _nested_model(info.annotation)
            if found is not None and _has_defaults(found[0]):
                nested.append((name, filler(found[0]), found[1]))

        def fill(record: Row) -> None:
            for name, default in defaults:
                if name not in record:
                    record[name] = default()
            for name, fill_nested, many in nested:
                value = record[name]
                if value is None:
                    continue
                if many:
                    for item in value:
                        fill_nested(item)
                else:
                    fill_nested(value)

        _FILLERS[model] = fill
    return _FILLERS[model]


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


def _has_defaults(model: type[BaseModel]) -> bool:
    return any(not info.is_required() for info in model.model_fields.values()) or any(
        found is not None and _has_defaults(found[0])
        for found in (_nested_model(info.annotation) for info in model.model_fields.values())
    )


def _nested_model(annotation: Any) -> tuple[type[BaseModel], bool] | None:
    """(model, is a list) when a field holds a record or a list of records."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _nested_model(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        found = [_nested_model(arg) for arg in get_args(annotation)]
        return next((item for item in found if item is not None), None)
    if origin is list:
        found = _nested_model(get_args(annotation)[0])
        return (found[0], True) if found else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None
