"""Read a corpus folder for the streaming build: the registries as record dicts, read whole, and
the articles as arrow tables, a chunk of files at a time.

A record dict is a record as `model_dump()` gives it (every field, defaults filled in; see
`rows.py`), made from the file's JSON without building the pydantic objects: the build has already
validated every file against the schema those models define, and building a million objects would
cost more than the rest of the build. The articles skip Python objects altogether: a chunk of
annotation files is parsed by pyarrow's JSON reader straight into arrow arrays, with the fields as
the files hold them (`FileField`); `batches.py` makes the release's columns of them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.json as pa_json
from datasets import ClassLabel, List
from pydantic import BaseModel

from .. import _paths
from .._io import read_bytes
from ..corpus import CorpusError, text_name
from ..models import (
    AnnotationFile,
    ClaimGroupRegistry,
    DatasetInfo,
    EntityRegistry,
    EventRegistry,
    UtteranceRegistry,
    default_maker,
    nested_model,
)
from .features import model_column

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
class ArticleChunk:
    """Some articles, in corpus order: their annotation files parsed (columns `article`, `quotes`,
    `claims`, each one arrow array with the fields of `ANNOTATION_FIELDS`), and their texts."""

    annotations: pa.RecordBatch
    texts: pa.StringArray


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


def read_articles(articles_dir: Path, names: list[str]) -> ArticleChunk:
    """The articles of some annotation files (names from `corpus.article_names`), in order."""
    folder = str(articles_dir)
    lines = []
    texts = []
    for name in names:
        path = os.path.join(folder, name)
        try:
            # JSON allows a line break only between tokens: each file becomes one line.
            lines.append(read_bytes(path).replace(b"\n", b" "))
        except OSError as error:
            raise CorpusError(f"{path}: cannot read: {error.strerror}") from error
        text_path = os.path.join(folder, text_name(name))
        try:
            texts.append(read_bytes(text_path))
        except OSError as error:
            raise CorpusError(f"{text_path}: cannot read the article text: {error}") from error
    return ArticleChunk(_parse_lines(lines, folder, names), _decode_texts(texts, folder, names))


def _parse_lines(lines: list[bytes], folder: str, names: list[str]) -> pa.RecordBatch:
    try:
        return _read_json(b"\n".join(lines))
    except pa.ArrowInvalid:
        for line, name in zip(lines, names, strict=True):
            try:
                _read_json(line)
            except pa.ArrowInvalid as error:
                path = os.path.join(folder, name)
                raise CorpusError(f"{path}: not an annotation file: {error}") from None
        raise


def _read_json(data: bytes) -> pa.RecordBatch:
    """One line per file; read as one block, so each column is one array. Fields the schema does
    not have are skipped unchecked: the validator has refused them."""
    table = pa_json.read_json(
        pa.BufferReader(data),
        read_options=pa_json.ReadOptions(use_threads=False, block_size=len(data) + 1),
        parse_options=pa_json.ParseOptions(
            explicit_schema=ANNOTATION_SCHEMA, unexpected_field_behavior="ignore"
        ),
    )
    return table.combine_chunks().to_batches()[0]


def _decode_texts(texts: list[bytes], folder: str, names: list[str]) -> pa.StringArray:
    """The texts as UTF-8 strings, checked as `bytes.decode` checks them (as `corpus.read_text`)."""
    try:
        return pa.array(texts, pa.binary()).cast(pa.string())
    except pa.ArrowInvalid:
        for text, name in zip(texts, names, strict=True):
            try:
                text.decode("utf-8")
            except UnicodeDecodeError as error:
                path = os.path.join(folder, text_name(name))
                raise CorpusError(f"{path}: cannot read the article text: {error}") from None
        raise


def _read(path: Path, model: type[BaseModel]) -> Row:
    document = _parse(str(path))
    filler(model)(document)
    return document


def _parse(path: str) -> Any:
    try:
        return json.loads(read_bytes(path))
    except OSError as error:
        raise CorpusError(f"{path}: cannot read: {error.strerror}") from error
    except ValueError as error:
        raise CorpusError(f"{path}: not JSON: {error}") from error


# --- defaults -----------------------------------------------------------------------------------

_FILLERS: dict[type[BaseModel], Callable[[Row], None]] = {}


def filler(model: type[BaseModel]) -> Callable[[Row], None]:
    """A function that fills in, in place, the defaults of a record of `model` (and of the records
    nested in it) that its JSON leaves out, as pydantic does when it reads the file."""
    if model not in _FILLERS:
        defaults = [
            (name, default_maker(info))
            for name, info in model.model_fields.items()
            if not info.is_required()
        ]
        nested = []
        for name, info in model.model_fields.items():
            found = nested_model(info.annotation)
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


def _has_defaults(model: type[BaseModel]) -> bool:
    return any(not info.is_required() for info in model.model_fields.values()) or any(
        found is not None and _has_defaults(found[0])
        for found in (nested_model(info.annotation) for info in model.model_fields.values())
    )


# --- the fields of a file, for arrow -------------------------------------------------------------


@dataclass(frozen=True)
class FileField:
    """A field of a record as its file holds it: what the arrow arrays of a parsed file need."""

    name: str
    json_type: pa.DataType
    """Its arrow type as written: class labels by name (strings)."""
    many: bool
    """A list (of values, class labels or records)."""
    nullable: bool
    default: Any
    """The value of the field when a file leaves it out (a JSON null cannot be told apart from
    that, so only a field that cannot be null has one); None: null."""
    labels: tuple[str, ...] | None = None
    """The names of a class label (or of each item of a list of them), in index order."""
    children: tuple[FileField, ...] = ()
    """The fields of a nested record (or of each record in a list of them)."""


def file_fields(model: type[BaseModel]) -> tuple[FileField, ...]:
    """The fields of a model's records, in model order."""
    fields = []
    for name, info in model.model_fields.items():
        column = model_column(model, name)
        many = isinstance(column.feature, List)
        inner = column.feature.feature if many else column.feature
        found = nested_model(info.annotation)
        children = file_fields(found[0]) if found else ()
        if isinstance(inner, ClassLabel):
            labels, json_type = tuple(inner.names), pa.string()
        elif children:
            labels, json_type = None, pa.struct([(f.name, f.json_type) for f in children])
        else:
            labels, json_type = None, inner.pa_type
        default = None
        if not info.is_required():
            default = info.default_factory() if info.default_factory else info.default
        if default is not None and column.nullable:
            raise TypeError(f"{model.__name__}.{name}: nullable, with a default other than None")
        fields.append(
            FileField(
                name,
                pa.list_(json_type) if many else json_type,
                many,
                column.nullable,
                default,
                labels,
                children,
            )
        )
    return tuple(fields)


ANNOTATION_FIELDS = file_fields(AnnotationFile)
ANNOTATION_SCHEMA = pa.schema([(field.name, field.json_type) for field in ANNOTATION_FIELDS])
