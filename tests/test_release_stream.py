"""The streaming build writes what the in-memory path gives: the rows of `load_hf`, and the very
bytes `Dataset.to_parquet` writes for them, with the card's sizes `datasets` reports, whatever the
chunks and the workers.

Checked on the real corpus and on a synthetic one (null spans, members never set, several chunks,
two workers), with row groups made small so that files have several of them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest
import yaml
from conftest import CORPUS_DIR, REPO_ROOT

import annotated_news
from annotated_news import corpus as corpus_module
from annotated_news.release import stream as stream_module
from annotated_news.release.build import build
from annotated_news.release.features import CONFIGS, FEATURES
from annotated_news.release.hf import to_dataset

GENERATOR = REPO_ROOT / "scripts" / "generate_synthetic.py"
SYNTHETIC_ARTICLES = 120
SMALL_CHUNK = 17
"""Articles per chunk in these tests: several chunks, none aligned with anything."""
SMALL_ROW_GROUP = "200KB"
"""`datasets`' row-group budget in these tests (100MB by default): several row groups a file."""


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    if not GENERATOR.exists():
        pytest.skip("scripts/generate_synthetic.py is not there")
    root = tmp_path_factory.mktemp("synthetic")
    corpus_dir = root / "corpus"
    subprocess.run(
        [sys.executable, str(GENERATOR), str(corpus_dir), "--articles", str(SYNTHETIC_ARTICLES),
         "--jobs", "1"],
        check=True, capture_output=True, text=True,
    )
    shutil.copy(CORPUS_DIR / "GUIDELINES.md", corpus_dir / "GUIDELINES.md")
    version = json.loads((corpus_dir / "dataset.json").read_text(encoding="utf-8"))["version"]
    (root / "CHANGELOG.md").write_text(
        f"# Changelog\n\n### Dataset {version}\n\n- A synthetic corpus for tests.\n",
        encoding="utf-8",
    )
    return corpus_dir


@pytest.fixture(params=["real", "synthetic"])
def corpus_dir(request) -> Path:
    return CORPUS_DIR if request.param == "real" else request.getfixturevalue("synthetic")


@pytest.fixture
def small_row_groups(monkeypatch) -> None:
    monkeypatch.setattr(datasets.config, "MAX_ROW_GROUP_SIZE", SMALL_ROW_GROUP)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _card_sizes(release: Path) -> dict[str, int]:
    text = (release / "README.md").read_text(encoding="utf-8")
    metadata = yaml.safe_load(re.match(r"---\n(.*?)\n---\n", text, flags=re.DOTALL).group(1))
    return {info["config_name"]: info["dataset_size"] for info in metadata["dataset_info"]}


def test_streamed_release_is_what_the_in_memory_path_writes(
    corpus_dir: Path, tmp_path: Path, monkeypatch, small_row_groups
) -> None:
    monkeypatch.setattr(stream_module, "CHUNK_ARTICLES", SMALL_CHUNK)
    release = build(corpus_dir, tmp_path / "dist", workers=2)
    corpus = annotated_news.load(corpus_dir)
    sizes = _card_sizes(release)
    datasets.disable_progress_bars()
    for config in CONFIGS:
        dataset = to_dataset(corpus, config)
        written = release / "data" / f"{config}.parquet"
        expected = tmp_path / "in-memory" / f"{config}.parquet"
        expected.parent.mkdir(exist_ok=True)
        dataset.to_parquet(str(expected))
        assert written.read_bytes() == expected.read_bytes(), config
        assert sizes[config] == dataset.data.nbytes, config
        if corpus_dir != CORPUS_DIR and config in ("articles", "documents", "quotes"):
            assert pq.ParquetFile(written).num_row_groups > 1, config


def test_streamed_rows_are_the_load_hf_rows(corpus_dir: Path, tmp_path: Path) -> None:
    release = build(corpus_dir, tmp_path)
    for config in CONFIGS:
        released = datasets.load_dataset(str(release), config, split="train")
        built = annotated_news.load_hf(config, corpus_dir)["train"]
        assert released.features == built.features == FEATURES[config]
        assert released.to_list() == built.to_list(), config


def test_chunks_and_workers_do_not_change_a_byte(synthetic: Path, tmp_path: Path, monkeypatch):
    one_process = build(synthetic, tmp_path / "one", workers=1)
    monkeypatch.setattr(stream_module, "CHUNK_ARTICLES", SMALL_CHUNK)
    two_workers = build(synthetic, tmp_path / "two", workers=2)
    assert _files(one_process) == _files(two_workers)


def test_the_build_never_loads_the_corpus(tmp_path: Path, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the build loaded the whole corpus")

    monkeypatch.setattr(corpus_module.Corpus, "__init__", refuse)
    release = build(CORPUS_DIR, tmp_path)
    assert not (release / ".spill").exists()
    assert [path.name for path in tmp_path.iterdir()] == [release.name]


def test_progress_hears_every_article_validated_then_built(synthetic: Path, tmp_path: Path) -> None:
    heard: list[tuple[str, int, int]] = []
    build(synthetic, tmp_path / "dist", progress=lambda stage, done, total: heard.append((stage, done, total)))
    stages = list(dict.fromkeys(stage for stage, _, _ in heard))
    assert stages == ["validating articles", "building release"]
    for stage in stages:
        counts = [(done, total) for name, done, total in heard if name == stage]
        assert [done for done, _ in counts] == sorted(done for done, _ in counts)
        assert counts[-1] == (SYNTHETIC_ARTICLES, SYNTHETIC_ARTICLES)
