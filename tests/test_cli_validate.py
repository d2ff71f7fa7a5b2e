"""`annotated-news validate`: exit codes, the human and JSON reports, no traceback for any input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest
from conftest import CORPUS_DIR
from validation_fixtures import ARTICLE_001, case_names, case_spec, materialise

from annotated_news.validation import CATALOG, validate

ISSUE_FIELDS = {
    "code",
    "severity",
    "file",
    "message",
    "pointer",
    "line",
    "column",
    "record_id",
    "hint",
}


def run_validate(*arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotated_news", "validate", *arguments],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr


def test_real_corpus_is_valid():
    result = run_validate(str(CORPUS_DIR))
    assert_no_traceback(result)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("valid: 0 errors")


def test_invalid_corpus_exits_1_with_a_report_grouped_by_file(tmp_path):
    root = materialise(tmp_path / "corpus", "span-text-mismatch-shifted")
    result = run_validate(str(root))
    assert_no_traceback(result)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "corpus/articles/000_3f9a6c20d41e8b57.json"
    assert "error    span-text-mismatch  3f9a6c20d41e8b57-q5 > /quotes/4/source" in lines[1]
    assert lines[1].split()[0] == "140:7"
    assert any("hint: found at 287-303: offsets are 3 too high" in line for line in lines)
    assert lines[-1] == "invalid: 1 error, 0 warnings in 1 of 9 files"


@pytest.mark.parametrize("where", ["missing", "file"])
def test_a_path_that_is_no_corpus_exits_2(tmp_path, where):
    path = tmp_path / "nowhere"
    if where == "file":
        path.write_text("not a folder\n", encoding="utf-8")
    result = run_validate(str(path))
    assert_no_traceback(result)
    assert result.returncode == 2
    assert "could not run" in result.stdout
    assert "nowhere" in result.stdout


def test_json_format_lists_every_issue_with_every_field(tmp_path):
    root = materialise(tmp_path / "corpus", "non-lf-line-endings-crlf")
    result = run_validate(str(root), "--format", "json")
    assert_no_traceback(result)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["counts"] == {"non-lf-line-endings": 1, "span-text-mismatch": 1}
    assert report["summary"] == "2 errors, 0 warnings in 2 of 9 files"
    assert all(set(issue) == ISSUE_FIELDS for issue in report["issues"])
    assert report["issues"] == [asdict(issue) for issue in validate(root).issues]


def test_strict_fails_on_warnings(tmp_path):
    root = materialise(tmp_path / "corpus", "unreferenced-entity")
    relaxed, strict = run_validate(str(root)), run_validate(str(root), "--strict")
    assert relaxed.returncode == 0
    assert relaxed.stdout.strip().splitlines()[-1] == "valid: 0 errors, 1 warning in 1 of 9 files"
    assert strict.returncode == 1
    assert strict.stdout == relaxed.stdout


# --- no traceback, for any case and for inputs no annotator would write -------------------------

# Runs the command line's entry point once per corpus folder in a single process: a subprocess per
# folder would cost a second of start-up each. An exception would end the process with a traceback.
DRIVER = """
import sys
from annotated_news.cli import main
for path in sys.argv[1:]:
    code = main(["validate", path])
    print(f"@@ exit {code} {path}", flush=True)
"""


def _hostile_inputs(root: Path) -> dict[str, Path]:
    """Corpus folders holding inputs beyond the case folders; name -> folder."""

    def corpus(name: str, files: dict[str, bytes]) -> Path:
        folder = materialise(root / name)
        for relative, content in files.items():
            (folder / relative).write_bytes(content)
        return folder

    folders = {
        "deeply-nested-json": corpus("deep", {"dataset.json": b"[" * 100_000 + b"]" * 100_000}),
        "number-too-long": corpus("long", {"dataset.json": b'{"version": 1' + b"0" * 5000 + b"}"}),
        "top-level-array": corpus("array", {"entities.json": b"[]"}),
        "nulls-everywhere": corpus(
            "nulls", {f"{ARTICLE_001}.json": b'{"article": null, "quotes": 5, "claims": [null]}'}
        ),
        "binary-text": corpus("binary", {f"{ARTICLE_001}.txt": bytes(range(256))}),
        "empty-files": corpus(
            "empty",
            {name: b"" for name in ("dataset.json", "entities.json", f"{ARTICLE_001}.json")},
        ),
    }
    odd_name = materialise(root / "odd-name")
    try:
        (odd_name / "articles" / os.fsdecode(b"\xff.txt")).write_bytes(b"text\n")
        folders["file-name-not-utf8"] = odd_name
    except (OSError, UnicodeError):  # a file system that takes only UTF-8 names
        pass
    return folders


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_no_traceback_for_any_case_or_hostile_input(tmp_path, encoding):
    expected_exit = {}
    for name in case_names():
        root = materialise(tmp_path / "cases" / name, name)
        errors = [
            code for code, _, _ in case_spec(name)["expected"] if CATALOG[code].severity == "error"
        ]
        expected_exit[str(root)] = 1 if errors else 0
    for root in _hostile_inputs(tmp_path / "hostile").values():
        expected_exit[str(root)] = 1
    # An ASCII-only console cannot show the curly quotes and emoji the reports quote.
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, *expected_exit],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
        env=env,
    )
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    exits = {}
    for line in result.stdout.splitlines():
        if line.startswith("@@ exit "):
            _, _, code, path = line.split(" ", 3)
            exits[path] = int(code)
    assert exits == expected_exit
