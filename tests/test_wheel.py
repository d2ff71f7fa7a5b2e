"""The wheel carries the corpus and schemas, and an installed copy loads the same corpus.

Slow: builds the wheel (build isolation fetches hatchling from PyPI) and installs it with its
dependencies into a fresh virtual environment. Both happen once for the module.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS_DIR, REPO_ROOT, SCHEMA_DIR

import annotated_news

pytestmark = pytest.mark.slow

BIN = "Scripts" if os.name == "nt" else "bin"

# Run by the installed package, from a folder outside the checkout.
PROBE = """
import json
import annotated_news as an
from annotated_news import _paths
c = an.load()
print(json.dumps({
    "counts": [len(c.articles), len(c.quotes), len(c.claims)],
    "versions": [an.__version__, an.DATASET_VERSION, an.SCHEMA_VERSION],
    "file": an.__file__,
    "corpus_dir": str(_paths.default_corpus_dir()),
    "schema_dir": str(_paths.default_schema_dir()),
    "texts": {article.id: article.text for article in c.articles},
}))
"""


def _run(command: list[str], *, timeout: float, **kwargs: Any) -> subprocess.CompletedProcess:
    result = subprocess.run(
        command, check=False, capture_output=True, text=True, timeout=timeout, **kwargs
    )
    assert result.returncode == 0, (
        f"{' '.join(map(str, command))} exited {result.returncode}\n"
        f"--- stdout\n{result.stdout[-5000:]}\n--- stderr\n{result.stderr[-5000:]}"
    )
    return result


def _clean_env() -> dict[str, str]:
    # Nothing may lead the fresh environment's Python back to the checkout.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env.pop("VIRTUAL_ENV", None)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir = tmp_path_factory.mktemp("dist")
    _run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(outdir), str(REPO_ROOT)],
        timeout=600,
    )
    wheels = sorted(outdir.glob("*.whl"))
    assert len(wheels) == 1, f"expected one wheel, built {wheels}"
    return wheels[0]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the probe reports from a fresh venv with the wheel installed, plus the venv's path."""
    venv = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", str(venv)], timeout=300, env=_clean_env())
    python = venv / BIN / "python"
    _run(
        [str(python), "-m", "pip", "install", "--no-input", str(wheel)],
        timeout=900,
        env=_clean_env(),
    )
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    result = _run([str(python), "-c", PROBE], timeout=300, cwd=elsewhere, env=_clean_env())
    return {"venv": venv, **json.loads(result.stdout)}


def _expected_files(source: Path, prefix: str) -> dict[str, bytes]:
    return {
        f"{prefix}/{path.relative_to(source).as_posix()}": path.read_bytes()
        for path in sorted(source.rglob("*"))
        if path.is_file()
    }


def test_wheel_contains_corpus_and_schemas(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "annotated_news/_corpus/dataset.json" in names
        assert any(
            n.startswith("annotated_news/_corpus/articles/") and n.endswith(".txt") for n in names
        )
        assert any(
            n.startswith("annotated_news/_corpus/articles/") and n.endswith(".json") for n in names
        )
        assert any(
            n.startswith("annotated_news/_schema/") and n.endswith(".schema.json") for n in names
        )

        # Every file of corpus/ and schema/, byte for byte (no newline translation), nothing else.
        for source, prefix in (
            (CORPUS_DIR, "annotated_news/_corpus"),
            (SCHEMA_DIR, "annotated_news/_schema"),
        ):
            expected = _expected_files(source, prefix)
            shipped = sorted(n for n in names if n.startswith(prefix + "/") and not n.endswith("/"))
            assert shipped == sorted(expected), f"{prefix}: wheel has {shipped}"
            changed = [name for name in shipped if archive.read(name) != expected[name]]
            assert not changed, f"differ from the checkout: {changed}"


def test_installed_package_is_the_wheel_not_the_checkout(installed: dict[str, Any]) -> None:
    venv = Path(installed["venv"]).resolve()
    for key in ("file", "corpus_dir", "schema_dir"):
        path = Path(installed[key]).resolve()
        assert path.is_relative_to(venv), f"{key} {path} is outside the fresh venv {venv}"
        assert not path.is_relative_to(REPO_ROOT.resolve()), f"{key} {path} is in the checkout"


def test_installed_package_loads_the_same_corpus(installed: dict[str, Any]) -> None:
    checkout = annotated_news.load()
    assert installed["counts"] == [
        len(checkout.articles),
        len(checkout.quotes),
        len(checkout.claims),
    ]
    assert installed["versions"] == [
        annotated_news.__version__,
        annotated_news.DATASET_VERSION,
        annotated_news.SCHEMA_VERSION,
    ]


def test_installed_texts_are_the_checkout_bytes(installed: dict[str, Any]) -> None:
    text_paths = sorted((CORPUS_DIR / "articles").glob("*.txt"))
    assert text_paths
    texts = installed["texts"]
    assert len(texts) == len(text_paths)
    for path in text_paths:
        article_id = path.stem.split("_", 1)[1]
        assert article_id in texts, f"{path.name}: no article {article_id} in the installed corpus"
        assert texts[article_id].encode("utf-8") == path.read_bytes(), f"{path.name} differs"
