"""The arrow batches of the per-article configs (`articles`, `quotes`, `claims`, `documents`) of a
chunk of articles, made column by column from the annotation files parsed to arrow
(`source.read_articles`): the rows `rows.py` builds and `parquet.to_batch` converts, without a
Python object per value.

What the row builders and `to_batch` do to a record dict, done here to its arrays: the defaults
a file leaves out filled in, class labels encoded (`Features.encode_example`), the derived
columns added (`article_id`, a quote's joined `text`), and the columns picked and ordered by the
config. The batches are laid out as `pyarrow.array` lays out the same rows (a null struct's
members hold placeholder values, not nulls), which is what `arrow_size` counts.
"""

from __future__ import annotations

import dataclasses

import pyarrow as pa
import pyarrow.compute as pc

from ..models import CONTENT_JOINER
from .errors import BuildError
from .features import SCHEMAS
from .source import ANNOTATION_FIELDS, ArticleChunk, FileField

_FIELDS = {field.name: field for field in ANNOTATION_FIELDS}
DOCUMENTS_SCHEMA = SCHEMAS["documents"]


def chunk_batches(chunk: ArticleChunk) -> dict[str, pa.RecordBatch]:
    """The batch of each per-article config: one row per article, quote or claim, in file order."""
    annotations = chunk.annotations
    article = annotations.column("article")
    quote_lists = annotations.column("quotes")
    claim_lists = annotations.column("claims")
    articles = _columns(article, _FIELDS["article"].children)
    articles["text"] = chunk.texts
    article_ids = articles["id"]
    quotes = _columns(quote_lists.values, _FIELDS["quotes"].children)
    quotes["article_id"] = article_ids.take(pc.list_parent_indices(quote_lists))
    content = quotes["content"]
    content_texts = pa.ListArray.from_arrays(content.offsets, content.values.field("text"))
    quotes["text"] = pc.binary_join(content_texts, CONTENT_JOINER)
    claims = _columns(claim_lists.values, _FIELDS["claims"].children)
    claims["article_id"] = article_ids.take(pc.list_parent_indices(claim_lists))
    batches = {
        config: _batch(config, columns)
        for config, columns in (("articles", articles), ("quotes", quotes), ("claims", claims))
    }
    batches["documents"] = documents(
        batches["articles"], batches["quotes"], batches["claims"], nesting(chunk)
    )
    return batches


Nesting = tuple[pa.Int32Array, pa.Int32Array]
"""Where each article's quotes and claims start in the chunk's batches: offsets into each."""


def nesting(chunk: ArticleChunk) -> Nesting:
    annotations = chunk.annotations
    return annotations.column("quotes").offsets, annotations.column("claims").offsets


def _batch(config: str, columns: dict[str, pa.Array]) -> pa.RecordBatch:
    schema = SCHEMAS[config]
    return pa.RecordBatch.from_arrays([columns[name] for name in schema.names], schema=schema)


def documents(
    articles: pa.RecordBatch, quotes: pa.RecordBatch, claims: pa.RecordBatch, nested: Nesting
) -> pa.RecordBatch:
    """The `documents` batch of some articles: each one's text with its quote and claim rows
    nested, made of the arrays of their other batches, copying none (`document_row` is what a
    row holds)."""
    quote_offsets, claim_offsets = nested
    columns = [
        articles.column("id"),
        articles.column("text"),
        _nest(quotes, quote_offsets, DOCUMENTS_SCHEMA.field("quotes").type),
        _nest(claims, claim_offsets, DOCUMENTS_SCHEMA.field("claims").type),
    ]
    return pa.RecordBatch.from_arrays(columns, schema=DOCUMENTS_SCHEMA)


def _nest(batch: pa.RecordBatch, offsets: pa.Int32Array, list_type: pa.ListType) -> pa.ListArray:
    """The rows of a batch as lists of structs of `list_type`'s members, cut at `offsets`."""
    member_type = list_type.value_type
    values = pa.StructArray.from_arrays(
        [batch.column(field.name) for field in member_type], fields=list(member_type)
    )
    return pa.ListArray.from_arrays(offsets, values, type=list_type)


# --- from the arrays of a file's fields to the release's ----------------------------------------


def _columns(records: pa.StructArray, fields: tuple[FileField, ...]) -> dict[str, pa.Array]:
    """The release arrays of the fields of some records (an unsliced struct array)."""
    return {field.name: _column(records.field(field.name), field) for field in fields}


def _column(array: pa.Array, field: FileField) -> pa.Array:
    if field.default is not None:
        array = pc.fill_null(array, pa.scalar(field.default, array.type))
    if field.many and (field.labels or field.children):
        values = _column(array.values, _item(field))
        return pa.ListArray.from_arrays(array.offsets, values, mask=_nulls(array))
    if field.labels:
        return _encode(array, field)
    if field.children:
        return _record(array, field.children)
    return array


def _record(array: pa.StructArray, fields: tuple[FileField, ...]) -> pa.StructArray:
    children = _columns(array, fields)
    mask = _nulls(array)
    if mask is not None:
        # As pyarrow.array fills a null struct: its members hold empty values, not nulls.
        children = {
            name: pc.if_else(mask, _empty(child.type), child) for name, child in children.items()
        }
    return pa.StructArray.from_arrays(list(children.values()), names=list(children), mask=mask)


def _encode(array: pa.Array, field: FileField) -> pa.Int64Array:
    """Class label names as their indices."""
    indices = pc.index_in(array, value_set=pa.array(field.labels, pa.string()))
    if indices.null_count != array.null_count:
        unknown = array.filter(pc.and_(pc.is_null(indices), pc.is_valid(array)))[0].as_py()
        labels = ", ".join(field.labels)
        raise BuildError(f"{field.name}: {unknown!r} is not one of its labels ({labels})")
    return indices.cast(pa.int64())


def _item(field: FileField) -> FileField:
    """The field of each item of a list field."""
    return dataclasses.replace(
        field, json_type=field.json_type.value_type, many=False, nullable=False, default=None
    )


def _nulls(array: pa.Array) -> pa.BooleanArray | None:
    return pc.is_null(array) if array.null_count else None


def _empty(data_type: pa.DataType) -> pa.Scalar:
    """The value pyarrow gives a member of a null struct (the models' nullable records, spans,
    have strings and integers)."""
    if pa.types.is_string(data_type):
        return pa.scalar("", data_type)
    if pa.types.is_integer(data_type):
        return pa.scalar(0, data_type)
    raise TypeError(f"no empty value for a member of a null struct of type {data_type}")
