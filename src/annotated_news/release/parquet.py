"""Write one config as a parquet file, and check the written schema against its features.

`datasets` keeps the features in the file (schema metadata `huggingface`); the YAML of the card is
only a cast target, so the file itself must carry the declared types.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import datasets
import pyarrow.parquet as pq
from datasets import Dataset, Features

from ..corpus import Corpus
from .errors import BuildError
from .features import FEATURES
from .hf import to_dataset


class SchemaMismatch(BuildError):
    """A written parquet file does not have the declared schema."""


def write_parquet(corpus: Corpus, config: str, path: Path) -> Dataset:
    """Write a config to `path`, check its schema, and return the dataset written."""
    dataset = to_dataset(corpus, config)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _quiet():
        dataset.to_parquet(str(path))
    check_schema(path, config)
    return dataset


def check_schema(path: Path, config: str) -> None:
    """Raise `SchemaMismatch` unless the file's arrow schema and features are the declared ones."""
    written = pq.read_schema(path)
    expected = FEATURES[config].arrow_schema
    problems = []
    if not written.equals(expected):
        problems += _column_differences(written, expected) or [
            f"columns in the order {written.names}, declared {expected.names}"
        ]
    if written.metadata != expected.metadata:
        problems.append("the `huggingface` schema metadata differs from the declared features")
    elif Features.from_arrow_schema(written) != FEATURES[config]:
        problems.append("the features read back differ from the declared ones")
    if problems:
        raise SchemaMismatch(
            f"{path}: not the declared schema of {config!r}: " + "; ".join(problems)
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


@contextmanager
def _quiet():
    """No progress bars from `datasets` while writing."""
    enabled = datasets.is_progress_bar_enabled()
    datasets.disable_progress_bars()
    try:
        yield
    finally:
        if enabled:
            datasets.enable_progress_bars()
