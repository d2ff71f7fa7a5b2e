"""`annotated-news build`: the release folder loads with `datasets` and `mlcroissant`, is described
field by field, is byte-identical when rebuilt, and is never half-written or overwritten.

The release is built once for the module, with the real libraries, offline (see conftest).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import datasets
import mlcroissant
import pyarrow.parquet as pq
import pytest
import yaml
from conftest import CORPUS_DIR, REPO_ROOT, SCHEMA_DIR
from datasets import ClassLabel, Features, List

import annotated_news
from annotated_news.cli import main
from annotated_news.release import build as build_module
from annotated_news.release.build import build
from annotated_news.release.card import field_paths
from annotated_news.release.checksums import verify
from annotated_news.release.errors import BuildError, ReleaseExists
from annotated_news.release.features import COLUMNS, CONFIGS, FEATURES
from annotated_news.release.rows import build_rows

VERSION = annotated_news.load(CORPUS_DIR).version

pytestmark = [
    # Raised inside mlcroissant and rdflib, not by this project.
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame.reset_index"),
]


@pytest.fixture(scope="module")
def corpus() -> annotated_news.Corpus:
    return annotated_news.load(CORPUS_DIR)


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(CORPUS_DIR, tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def card_metadata(release: Path) -> dict:
    text = (release / "README.md").read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, flags=re.DOTALL)
    assert match, "the card has no YAML front matter"
    return yaml.safe_load(match.group(1))


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _expected_rows(corpus: annotated_news.Corpus, config: str) -> list[dict]:
    """The row builders' rows, class labels encoded as `datasets` stores them."""
    return [FEATURES[config].encode_example(row) for row in build_rows(corpus, config)]


# --- the folder --------------------------------------------------------------------------------


def test_tests_run_offline_with_temporary_caches() -> None:
    assert datasets.config.HF_HUB_OFFLINE and datasets.config.HF_DATASETS_OFFLINE
    cache = Path(datasets.config.HF_DATASETS_CACHE).resolve()
    assert not cache.is_relative_to(Path.home() / ".cache"), cache


def test_release_folder_holds_what_a_dataset_repo_holds(release: Path) -> None:
    assert release.name == f"annotated-news-{VERSION}"
    schemas = {f"schema/{path.name}" for path in SCHEMA_DIR.glob("*.schema.json")}
    assert set(_files(release)) == {
        "README.md",
        "croissant.json",
        "checksums.json",
        "LICENSE",
        "TEXT_RIGHTS.md",
        "GUIDELINES.md",
        *(f"data/{config}.parquet" for config in CONFIGS),
        *schemas,
    }
    assert [path.name for path in release.parent.iterdir()] == [release.name], "temporary left"


def test_copies_are_the_corpus_files(release: Path) -> None:
    assert (release / "GUIDELINES.md").read_bytes() == (CORPUS_DIR / "GUIDELINES.md").read_bytes()
    for schema in SCHEMA_DIR.glob("*.schema.json"):
        assert (release / "schema" / schema.name).read_bytes() == schema.read_bytes()
    license_text = (release / "LICENSE").read_text(encoding="utf-8")
    assert "Attribution 4.0 International Public License" in license_text


def test_checksums_list_every_file(release: Path) -> None:
    checksums = json.loads((release / "checksums.json").read_text(encoding="utf-8"))
    listed = {entry["path"]: entry for entry in checksums["files"]}
    files = _files(release)
    assert set(listed) == set(files) - {"checksums.json"}
    for path, data in files.items():
        if path != "checksums.json":
            assert listed[path]["size"] == len(data)
            assert listed[path]["sha256"] == hashlib.sha256(data).hexdigest()
    assert verify(release) == []


# --- parquet and datasets ----------------------------------------------------------------------


@pytest.mark.parametrize("config", CONFIGS)
def test_parquet_schema_is_the_declared_features(release: Path, config: str) -> None:
    written = pq.read_schema(release / "data" / f"{config}.parquet")
    declared = FEATURES[config].arrow_schema
    assert written.equals(declared)
    assert written.metadata == declared.metadata
    assert Features.from_arrow_schema(written) == FEATURES[config]


@pytest.mark.parametrize("config", CONFIGS)
def test_load_dataset_gives_the_corpus_rows_and_declared_features(
    release: Path, corpus: annotated_news.Corpus, config: str
) -> None:
    dataset = datasets.load_dataset(str(release), config, split="train")
    assert dataset.features == FEATURES[config]
    assert dataset.to_list() == _expected_rows(corpus, config)
    assert str(dataset.info.version) == VERSION


def test_declared_feature_types_come_back(release: Path) -> None:
    quotes = datasets.load_dataset(str(release), "quotes", split="train").features
    assert quotes["kind"] == ClassLabel(names=["direct", "indirect", "mixed"])
    assert isinstance(quotes["content"], List) and isinstance(quotes["content"].feature, dict)
    assert set(quotes["source"]) == {"start", "end", "text"}
    claims = datasets.load_dataset(str(release), "claims", split="train").features
    assert isinstance(claims["claim_types"], List)
    assert isinstance(claims["claim_types"].feature, ClassLabel)
    documents = datasets.load_dataset(str(release), "documents", split="train").features
    assert documents["quotes"].feature["medium"] == quotes["medium"]
    assert documents["claims"].feature["stance"].names == ["asserts", "reports", "disputes"]


@pytest.mark.parametrize("config", CONFIGS)
def test_load_hf_equals_the_release(release: Path, config: str) -> None:
    released = datasets.load_dataset(str(release), config, split="train")
    built = annotated_news.load_hf(config)
    assert list(built) == ["train"]
    assert built["train"].features == released.features
    assert built["train"].to_list() == released.to_list()


def test_load_hf_refuses_an_unknown_config() -> None:
    with pytest.raises(ValueError, match="unknown config 'tweets'"):
        annotated_news.load_hf("tweets")


@pytest.mark.parametrize("module", ["annotated_news", "annotated_news.cli"])
def test_import_does_not_import_datasets(module: str) -> None:
    # The command line imports it only for the commands that need it: two seconds of start-up.
    probe = f"import sys, {module}; print('datasets' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], check=False, capture_output=True, text=True
    )
    assert result.stdout.strip() == "False", result.stderr


def test_release_names_that_need_datasets_load_when_asked_for() -> None:
    from annotated_news import release
    from annotated_news.release.features import CONFIGS

    assert release.CONFIGS is CONFIGS
    assert callable(release.load_hf)
    with pytest.raises(AttributeError, match="no attribute 'CONFIG'"):
        release.CONFIG  # noqa: B018


# --- croissant ---------------------------------------------------------------------------------


def test_croissant_passes_mlcroissant_validate(release: Path) -> None:
    command = [str(Path(sys.executable).with_name("mlcroissant")), "validate", "--jsonld"]
    result = subprocess.run(
        [*command, str(release / "croissant.json")], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "error" not in result.stderr.lower(), result.stderr[-3000:]


@pytest.fixture(scope="module")
def croissant_dataset(release: Path) -> mlcroissant.Dataset:
    return mlcroissant.Dataset(jsonld=str(release / "croissant.json"))


@pytest.mark.parametrize("config", CONFIGS)
def test_mlcroissant_loads_every_record_set(
    croissant_dataset: mlcroissant.Dataset, corpus: annotated_news.Corpus, config: str
) -> None:
    records = list(croissant_dataset.records(record_set=config))
    rows = _expected_rows(corpus, config)
    assert len(records) == len(rows)
    for record, row in zip(records, rows, strict=True):
        for field_id, value in record.items():
            column = field_id.removeprefix(f"{config}/")
            _assert_croissant_value(value, row[column], field_id)


def _assert_croissant_value(value, expected, field_id: str) -> None:
    """A Croissant record's value (bytes for text, members keyed by field id, structs inside a
    list flattened into its members) holds the row's value."""
    if isinstance(value, dict):
        for member_id, member in value.items():
            path = member_id.removeprefix(field_id + "/").split("/")
            _assert_croissant_value(member, _dig(expected, path), member_id)
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        assert len(value) == len(expected), field_id
        for item, expected_item in zip(value, expected, strict=True):
            _assert_croissant_value(item, expected_item, field_id)
    else:
        assert _plain(value) == expected, field_id


def _dig(value, path: list[str]):
    for key in path:
        value = None if value is None else value[key]
    return value


def _plain(value):
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def test_croissant_describes_the_files_it_lists(release: Path) -> None:
    document = json.loads((release / "croissant.json").read_text(encoding="utf-8"))
    assert document["conformsTo"] == "http://mlcommons.org/croissant/1.1"
    assert document["version"] == VERSION
    assert [record_set["@id"] for record_set in document["recordSet"]] == list(CONFIGS)
    for file_object in document["distribution"]:
        path = release / file_object["contentUrl"]
        assert not re.match(r"^[a-z]+://", file_object["contentUrl"])
        assert file_object["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert not any(key.startswith("date") for key in document), "no date of the build"


# --- the card ----------------------------------------------------------------------------------


def test_card_yaml_lists_every_config(card_metadata: dict, release: Path) -> None:
    assert [config["config_name"] for config in card_metadata["configs"]] == list(CONFIGS)
    for config in card_metadata["configs"]:
        (data_file,) = config["data_files"]
        assert data_file["split"] == "train" and (release / data_file["path"]).is_file()
        assert config["version"] == VERSION
    infos = {info["config_name"]: info for info in card_metadata["dataset_info"]}
    assert list(infos) == list(CONFIGS)
    for config, info in infos.items():
        assert Features._from_yaml_list(info["features"]) == FEATURES[config]
    assert card_metadata["license"] == "cc-by-4.0"
    assert card_metadata["language"] == ["en"]
    assert card_metadata["size_categories"] == ["n<1K"]


def test_card_describes_every_field_of_every_config(release: Path) -> None:
    card = (release / "README.md").read_text(encoding="utf-8")
    sections = re.split(r"^### `(\w+)`$", card, flags=re.MULTILINE)
    described = dict(zip(sections[1::2], sections[2::2], strict=True))
    for config in CONFIGS:
        section = described[config]
        assert "```json" in section, f"{config}: no example row"
        for path, column in field_paths(COLUMNS[config]):
            pattern = rf"^\| `{re.escape(path)}` \|.*\| (.+) \|$"
            row = re.search(pattern, section, flags=re.MULTILINE)
            assert row, f"{config}: field {path} is not in the card"
            assert row.group(1).strip() == " ".join(column.description.split()).replace("|", "\\|")


def test_card_carries_release_notes_citation_and_licenses(release: Path) -> None:
    card = (release / "README.md").read_text(encoding="utf-8")
    changelog = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    notes = changelog.split(f"### Dataset {VERSION}\n", 1)[1].split("\n#", 1)[0].strip()
    assert notes in card
    assert "@misc{" in card and "author = {{annotated-news developers}}" in card
    assert "CC BY 4.0" in card and "TEXT_RIGHTS.md" in card
    for heading in ("Limitations and biases", "Statistics", "How the data was made"):
        assert f"## {heading}" in card


# --- determinism and safety --------------------------------------------------------------------


def test_rebuild_is_byte_identical(release: Path, tmp_path: Path) -> None:
    again = build(CORPUS_DIR, tmp_path)
    first, second = _files(release), _files(again)
    assert list(first) == list(second)
    assert [path for path in first if first[path] != second[path]] == []


def test_existing_version_is_never_overwritten(release: Path, capsys) -> None:
    before = _files(release)
    with pytest.raises(ReleaseExists, match="never overwritten"):
        build(CORPUS_DIR, release.parent)
    # The command accepts a byte-identical rebuild as done, and leaves the folder as it was.
    assert main(["build", str(CORPUS_DIR), "--out", str(release.parent)]) == 0
    assert "already built, byte-identical" in capsys.readouterr().out
    assert _files(release) == before
    assert [path.name for path in release.parent.iterdir()] == [release.name]


def test_existing_version_with_other_content_is_refused_by_the_command(release: Path, tmp_path: Path, capsys) -> None:
    shutil.copytree(release, tmp_path / release.name)
    changed = tmp_path / release.name / "TEXT_RIGHTS.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    before = _files(tmp_path / release.name)
    assert main(["build", str(CORPUS_DIR), "--out", str(tmp_path)]) == 1
    assert "already exists" in capsys.readouterr().out
    assert _files(tmp_path / release.name) == before
    assert [path.name for path in tmp_path.iterdir()] == [release.name]


@pytest.mark.parametrize("step", ["write_parquet_files", "write_croissant", "write_checksums"])
def test_failed_build_leaves_nothing(tmp_path: Path, monkeypatch, step: str) -> None:
    def fail(*args, **kwargs):
        raise RuntimeError(f"{step} failed")

    monkeypatch.setattr(build_module, step, fail)
    with pytest.raises(RuntimeError, match=f"{step} failed"):
        build(CORPUS_DIR, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_invalid_corpus_is_refused(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, corpus_dir)
    shutil.copy(REPO_ROOT / "CHANGELOG.md", tmp_path / "CHANGELOG.md")
    annotation = next((corpus_dir / "articles").glob("*.json"))
    document = json.loads(annotation.read_text(encoding="utf-8"))
    document["quotes"][0]["cue"]["text"] += "x"
    annotation.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(BuildError, match="is not valid"):
        build(corpus_dir, tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


def test_release_notes_are_required(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, corpus_dir)
    (tmp_path / "CHANGELOG.md").write_text("# Changelog\n\n### Dataset 0.9.0\n- old\n")
    with pytest.raises(BuildError, match=f"no '### Dataset {VERSION}' section"):
        build(corpus_dir, tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


def test_cli_builds_into_out(tmp_path: Path, capsys) -> None:
    assert main(["build", str(CORPUS_DIR), "--out", str(tmp_path)]) == 0
    assert f"built {tmp_path / f'annotated-news-{VERSION}'}" in capsys.readouterr().out
    assert (tmp_path / f"annotated-news-{VERSION}" / "checksums.json").is_file()
