"""Write one config as a parquet file from batches of rows, as `datasets` would write it whole, and
check the written schema against its features.

`datasets` keeps the features in the file (schema metadata `huggingface`); the YAML of the card is
only a cast target, so the file itself must carry the declared types.

A config is written in two steps so that no step holds all its rows: its batches are converted
to arrow and spilled to arrow stream files as the corpus streams by (`spill`; a batch made of the
arrays of others, as a `documents` batch is, is only counted, and made again from their spills
when read back: `counted`), and at the end, when its size is known, they are read back in order
and written in the row groups
`Dataset.to_parquet` would write (`write_parquet`): `datasets` sizes a row group from the whole
table's rows and in-memory bytes, which `arrow_size.ArrowSize` counts batch by batch.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from datasets import Features, config
from datasets.arrow_writer import (
    get_parquet_column_options,
    get_writer_batch_size_from_data_size,
    get_writer_batch_size_from_features,
)

from .arrow_size import ArrowSize
from .errors import BuildError
from .features import FEATURES, SCHEMAS


class SchemaMismatch(BuildError):
    """A written parquet file does not have the declared schema."""


# --- spilling -----------------------------------------------------------------------------------


@dataclass
class Spilled:
    """What a spill holds: a function per batch that reads it back, in order; its rows and the
    rows' arrow sizes by column."""

    parts: list[Callable[[], pa.RecordBatch]]
    num_rows: int
    sizes: list[ArrowSize]

    @classmethod
    def empty(cls, config_name: str) -> Spilled:
        return cls([], 0, [ArrowSize(field.type) for field in SCHEMAS[config_name]])

    @property
    def nbytes(self) -> int:
        """The rows' size in memory, as `datasets` reports it (`dataset_size`)."""
        return sum(size.nbytes for size in self.sizes)

    def extend(self, other: Spilled) -> None:
        """Append the batches of `other` (the rows that follow these)."""
        self.parts += other.parts
        self.num_rows += other.num_rows
        for mine, theirs in zip(self.sizes, other.sizes, strict=True):
            mine.merge(theirs)


def to_batch(config_name: str, rows: list[dict]) -> pa.RecordBatch:
    """Rows of a config (class labels encoded) as an arrow batch; values are picked by column
    name, so a row may hold other keys too."""
    schema = SCHEMAS[config_name]
    return pa.RecordBatch.from_struct_array(pa.array(rows, type=pa.struct(list(schema))))


def spill(config_name: str, batch: pa.RecordBatch | None, path: Path) -> Spilled:
    """Write a batch of a config to an arrow stream file (even with no rows, for the batches that
    are made of it), and count it."""
    if batch is None:
        return Spilled.empty(config_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with pa.ipc.new_stream(str(path), SCHEMAS[config_name]) as writer:
        writer.write_batch(batch)
    return counted(config_name, batch, functools.partial(read_spilled, path))


def counted(config_name: str, batch: pa.RecordBatch, read: Callable[[], pa.RecordBatch]) -> Spilled:
    """A batch of a config, counted, that `read` gives back (from its spill, or made of others)."""
    spilled = Spilled.empty(config_name)
    for size, column in zip(spilled.sizes, batch.columns, strict=True):
        size.add(column)
    spilled.parts.append(read)
    spilled.num_rows = batch.num_rows
    return spilled


def read_spilled(path: Path) -> pa.RecordBatch:
    """The batch of a spill file, memory-mapped: its pages are read as they are used."""
    with pa.ipc.open_stream(str(path)) as reader:
        (batch,) = reader
    return batch


# --- parquet ------------------------------------------------------------------------------------


def write_parquet(config_name: str, spilled: Spilled, path: Path) -> None:
    """Write a spilled config to `path` as `Dataset.to_parquet` writes the same rows (the same
    writer options and row groups, so the same bytes), then check its schema."""
    features = FEATURES[config_name]
    schema = SCHEMAS[config_name]
    # As datasets.io.parquet.ParquetDatasetWriter does.
    rows_per_group = get_writer_batch_size_from_features(
        features
    ) or get_writer_batch_size_from_data_size(spilled.num_rows, spilled.nbytes)
    cdc = config.DEFAULT_CDC_OPTIONS
    path.parent.mkdir(parents=True, exist_ok=True)
    # Given a path, the writer writes the file itself, without taking the GIL for each page.
    with pq.ParquetWriter(
        str(path),
        schema=schema,
        use_content_defined_chunking=cdc,
        write_page_index=True,
        **get_parquet_column_options(features, schema),
    ) as writer:
        for group in _row_groups((read() for read in spilled.parts), schema, rows_per_group):
            writer.write_table(group)
            del group  # before the next one is made: it would otherwise live on beside it
        writer.add_key_value_metadata({"content_defined_chunking": json.dumps(cdc)})
    check_schema(path, config_name)


def _row_groups(
    batches: Iterator[pa.RecordBatch], schema: pa.Schema, rows_per_group: int
) -> Iterator[pa.Table]:
    """Tables of `rows_per_group` rows (the last one shorter), one contiguous chunk per column as
    a slice of one whole table is: the writer cuts pages differently for other chunks, and the
    bytes would differ. The batches a group was made of are let go before it is yielded."""
    pending: list[pa.RecordBatch] = []
    count = 0
    for batch in batches:
        pending.append(batch)
        count += batch.num_rows
        del batch
        while count >= rows_per_group:
            table = pa.Table.from_batches(pending, schema=schema)
            group = table.slice(0, rows_per_group).combine_chunks()
            rest = table.slice(rows_per_group)
            count = rest.num_rows
            pending = rest.combine_chunks().to_batches() if count else []
            del table, rest
            yield group
            del group
            pa.default_memory_pool().release_unused()
    if count:
        yield pa.Table.from_batches(pending, schema=schema).combine_chunks()


def check_schema(path: Path, config_name: str) -> None:
    """Raise `SchemaMismatch` unless the file's arrow schema and features are the declared ones."""
    written = pq.read_schema(path)
    expected = SCHEMAS[config_name]
    problems = []
    if not written.equals(expected):
        problems += _column_differences(written, expected) or [
            f"columns in the order {written.names}, declared {expected.names}"
        ]
    if written.metadata != expected.metadata:
        problems.append("the `huggingface` schema metadata differs from the declared features")
    elif Features.from_arrow_schema(written) != FEATURES[config_name]:
        problems.append("the features read back differ from the declared ones")
    if problems:
        raise SchemaMismatch(
            f"{path}: not the declared schema of {config_name!r}: " + "; ".join(problems)
        )


def _column_differences(written, expected) -> list[str]:
    differences = []
    for name in dict.fromkeys([*written.names, *expected.names]):
        have = written.field(name).type if name in written.names else None
        want = expected.field(name).type if name in expected.names else None
        if have is None or want is None or not have.equals(want):
            differences.append(
                f"column {name!r}: written {have or 'nothing'}, declared {want or 'nothing'}"
            )
    return differences
