"""The release configs as `datasets.Dataset` objects: one code path for the parquet files and for
`annotated_news.load_hf`, so both hold the same rows with the same features."""

from __future__ import annotations

from pathlib import Path

from datasets import Dataset, DatasetDict, DatasetInfo, Split

from ..corpus import Corpus, load
from .features import FEATURES, SUMMARIES
from .rows import build_rows


def to_dataset(corpus: Corpus, config: str) -> Dataset:
    """One config of the corpus as the `train` split, enums encoded as class indices."""
    rows = build_rows(corpus, config)
    info = DatasetInfo(
        description=SUMMARIES[config],
        version=corpus.version,
        license=corpus.info.annotation_license,
        config_name=config,
        features=FEATURES[config],
    )
    return Dataset.from_list(rows, features=FEATURES[config], info=info, split=Split.TRAIN)


def load_hf(config: str, corpus_dir: str | Path | None = None) -> DatasetDict:
    """One release config of a corpus (by default the shipped one) as a `DatasetDict` with a
    `train` split, built offline: the same rows and features as the released parquet files."""
    if config not in FEATURES:
        raise ValueError(f"unknown config {config!r}; configs: {', '.join(FEATURES)}")
    return DatasetDict({"train": to_dataset(load(corpus_dir), config)})
