"""Write one config as a parquet file from batches of rows, as `datasets` would write it whole, and
check the written schema against its features.

`datasets` keeps the features in the file (schema metadata `huggingface`); the YAML of the card is
only a cast target, so the file itself must carry the declared types.

A config is written in two steps so that no step holds all its rows: its batches are converted
to arrow and spilled to arrow stream files as the corpus streams by (`spill`), and at the
end, when its size is known, they are read back in order and written in the row groups
`Dataset.to_parquet` would write (`write_parquet`): `datasets` sizes a row group from the whole
table's rows and in-memory bytes, which `arrow_size.ArrowSize` counts batch by batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
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
from .features import FEATURES


class SchemaMismatch(BuildError):
    """A written parquet file does not have the declared schema."""


# --- spilling -----------------------------------------------------------------------------------


@dataclass
class Spilled:
    """What a spill holds: its files in order, its rows and the rows' arrow sizes by column."""

    files: list[Path]
    num_rows: int
    sizes: list[ArrowSize]

    @classmethod
    def empty(cls, config_name: str) -> Spilled:
        return cls([], 0, [ArrowSize(field.type) for field in FEATURES[config_name].arrow_schema])

    @property
    def nbytes(self) -> int:
        """The rows' size in memory, as `datasets` reports it (`dataset_size`)."""
        return sum(size.nbytes for size in self.sizes)

    def extend(self, other: Spilled) -> None:
        """Append the batches of `other` (the rows that follow these)."""
        self.files += other.files
        self.num_rows += other.num_rows
        for mine, theirs in zip(self.sizes, other.sizes, strict=True):
            mine.merge(theirs)


def to_batch(config_name: str, rows: list[dict]) -> pa.RecordBatch:
    """Rows of a config (class labels encoded) as an arrow batch; values are picked by column
    name, so a row may hold other keys too."""
    schema = FEATURES[config_name].arrow_schema
    return pa.RecordBatch.from_struct_array(pa.array(rows, type=pa.struct(list(schema))))


def spill(config_name: str, batch: pa.RecordBatch | None, path: Path) -> Spilled:
    """Write a batch of a config to an arrow stream file, and count it."""
    spilled = Spilled.empty(config_name)
    if batch is None or batch.num_rows == 0:
        return spilled
    for size, column in zip(spilled.sizes, batch.columns, strict=True):
        size.add(column)
    path.parent.mkdir(parents=True, exist_ok=True)
    with pa.ipc.new_stream(str(path), FEATURES[config_name].arrow_schema) as writer:
        writer.write_batch(batch)
    spilled.files.append(path)
    spilled.num_rows = batch.num_rows
    return spilled


def _batches(files: list[Path]) -> Iterator[pa.RecordBatch]:
    for path in files:
        with pa.ipc.open_stream(str(path)) as reader:
            yield from reader


# --- parquet ------------------------------------------------------------------------------------


def write_parquet(config_name: str, spilled: Spilled, path: Path) -> None:
    """Write a spilled config to `path` as `Dataset.to_parquet` writes the same rows (the same
    writer options and row groups, so the same bytes), then check its schema."""
    features = FEATURES[config_name]
    schema = features.arrow_schema
    # As datasets.io.parquet.ParquetDatasetWriter does.
    rows_per_group = get_writer_batch_size_from_features(
        features
    ) or get_writer_batch_size_from_data_size(spilled.num_rows, spilled.nbytes)
    cdc = config.DEFAULT_CDC_OPTIONS
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as file:
        writer = pq.ParquetWriter(
            file,
            schema=schema,
            use_content_defined_chunking=cdc,
            write_page_index=True,
            **get_parquet_column_options(features, schema),
        )
        for group in _row_groups(_batches(spilled.files), schema, rows_per_group):
            writer.write_table(group)
        writer.add_key_value_metadata({"content_defined_chunking": json.dumps(cdc)})
        writer.close()
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
    expected = FEATURES[config_name].arrow_schema
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
