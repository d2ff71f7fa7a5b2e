"""The streaming build's batches, made from the annotation files parsed straight to arrow, are the
rows of the in-memory path (`rows.build_rows`) converted by `to_batch`, value for value and byte
count for byte count; and a file that does not read is named.

Checked on the real corpus and on a synthetic one (null spans, members never set); the bytes of
the written release are checked in test_release_stream.py.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from conftest import CORPUS_DIR
from test_release_stream import synthetic  # noqa: F401 - a fixture

import annotated_news
from annotated_news.corpus import CorpusError, article_names
from annotated_news.release.arrow_size import ArrowSize
from annotated_news.release.batches import chunk_batches
from annotated_news.release.errors import BuildError
from annotated_news.release.features import COLUMNS, SCHEMAS
from annotated_news.release.parquet import to_batch
from annotated_news.release.rows import build_rows
from annotated_news.release.source import read_articles
from annotated_news.release.stream import PER_ARTICLE, label_mapper


@pytest.fixture(params=["real", "synthetic"])
def corpus_dir(request) -> Path:
    return CORPUS_DIR if request.param == "real" else request.getfixturevalue("synthetic")


def _batches(corpus_dir: Path) -> dict[str, pa.RecordBatch]:
    return chunk_batches(read_articles(corpus_dir / "articles", article_names(corpus_dir)))


def _sizes(batch: pa.RecordBatch) -> list[int]:
    sizes = []
    for column in batch.columns:
        size = ArrowSize(column.type)
        size.add(column)
        sizes.append(size.nbytes)
    return sizes


def test_batches_are_the_converted_rows(corpus_dir: Path) -> None:
    batches = _batches(corpus_dir)
    corpus = annotated_news.load(corpus_dir)
    for config in PER_ARTICLE:
        rows = build_rows(corpus, config)
        encode = label_mapper(COLUMNS[config], encode=True)
        for row in rows:
            encode(row)
        expected = to_batch(config, rows)
        assert batches[config].schema == SCHEMAS[config]
        assert batches[config].equals(expected), config
        assert _sizes(batches[config]) == _sizes(expected), config


def test_a_bitmap_without_nulls_is_not_counted() -> None:
    plain = pa.array(["a", "bc", "def"])
    taken = plain.take(pa.array([0, 1, 2]))
    assert plain.buffers()[0] is None and taken.buffers()[0] is not None
    assert taken.null_count == 0
    assert _sizes(pa.record_batch([taken], ["x"])) == _sizes(pa.record_batch([plain], ["x"]))


@pytest.fixture
def copied(tmp_path: Path) -> Path:
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, corpus_dir)
    return corpus_dir


def _first_annotation_file(corpus_dir: Path) -> Path:
    return corpus_dir / "articles" / article_names(corpus_dir)[0]


def test_an_annotation_file_that_is_not_json_is_named(copied: Path) -> None:
    path = _first_annotation_file(copied)
    path.write_text(path.read_text(encoding="utf-8")[:-10], encoding="utf-8")
    with pytest.raises(CorpusError, match=f"{path}: not an annotation file"):
        _batches(copied)


def test_a_text_that_is_not_utf8_is_named(copied: Path) -> None:
    path = _first_annotation_file(copied).with_suffix(".txt")
    path.write_bytes(path.read_bytes() + b"\xff")
    with pytest.raises(CorpusError, match=f"{path}: cannot read the article text"):
        _batches(copied)


def test_an_unknown_class_label_is_refused(copied: Path) -> None:
    path = _first_annotation_file(copied)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["quotes"][0]["kind"] = "shouted"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(BuildError, match="kind: 'shouted' is not one of its labels"):
        _batches(copied)


def test_a_default_the_file_leaves_out_is_filled_in(copied: Path) -> None:
    path = _first_annotation_file(copied)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert any(claim.get("about") for claim in document["claims"])
    for claim in document["claims"]:
        claim.pop("about", None)
    path.write_text(json.dumps(document), encoding="utf-8")
    about = _batches(copied)["claims"].column("about").slice(0, len(document["claims"]))
    assert about.null_count == 0
    assert pc.list_value_length(about).to_pylist() == [0] * len(document["claims"])
