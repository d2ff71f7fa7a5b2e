"""The synthetic corpus generator: valid, deterministic, and injecting the errors it lists."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SYNTHETIC_SCRIPT, synthetic_generator

from annotated_news import validate
from annotated_news._io import dumps_json

ARTICLES = 300


def generate(out: Path, *options: str) -> Path:
    subprocess.run([sys.executable, str(SYNTHETIC_SCRIPT), str(out), "--articles", str(ARTICLES), *options],
                   check=True, capture_output=True, text=True)
    return out


def tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


def corpus_file(issue_file: str) -> str:
    """`corpus/articles/x.json` -> `articles/x.json`: relative to the corpus root."""
    return issue_file.split("/", 1)[1]


@pytest.fixture(scope="module")
def seed_0(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("seed-0") / "corpus", "--jobs", "1")


def test_valid_without_warnings(seed_0):
    report = validate(seed_0)
    assert [f"{issue.code} {issue.location}: {issue.message}" for issue in report.issues] == []
    assert report.files_checked == 2 * ARTICLES + 5
    files = tree(seed_0)
    annotations = [json.loads(data) for name, data in files.items() if name.endswith(".json")
                   and name.startswith("articles/")]
    counts = sum(len(a["quotes"]) + len(a["claims"]) + len(a["article"]["segments"])
                 for a in annotations)
    assert 12 <= counts / ARTICLES <= 16  # about 14 annotations an article, as measured in issue 5
    texts = [data.decode("utf-8") for name, data in files.items() if name.endswith(".txt")]
    assert 2500 <= sum(map(len, texts)) / ARTICLES <= 3500
    assert any(len(text.encode("utf-16-le")) // 2 != len(text) for text in texts)  # astral chars
    kinds = {quote["kind"] for a in annotations for quote in a["quotes"]}
    assert kinds == {"direct", "indirect", "mixed"}
    assert any(quote.get("nested_in") for a in annotations for quote in a["quotes"])
    assert any(len(quote["content"]) == 2 for a in annotations for quote in a["quotes"])
    assert {s["kind"] for a in annotations for s in a["article"]["segments"]} == {
        "dateline", "embedded-post", "image-caption", "credit-line"}
    assert {c["claimant_role"] for a in annotations for c in a["claims"]} == {"article", "source"}
    entities = json.loads(files["entities.json"])["entities"]
    assert {entity["type"] for entity in entities} == {"person", "outlet", "political-party",
                                                      "government-body", "organization",
                                                      "country", "group"}
    utterances = json.loads(files["utterances.json"])["utterances"]
    assert {len(group["members"]) for group in utterances} == {2, 3}
    assert any(group["differences"] for group in utterances)


def test_same_seed_same_bytes_whatever_the_jobs(seed_0, tmp_path):
    again = generate(tmp_path / "corpus", "--jobs", "2")
    assert tree(again) == tree(seed_0)


def test_another_seed_another_corpus(seed_0, tmp_path):
    other = tree(generate(tmp_path / "corpus", "--seed", "1"))
    mine = tree(seed_0)
    assert other.keys() != mine.keys()
    assert other["entities.json"] != mine["entities.json"]


def test_more_than_three_digits_in_file_names(seed_0, tmp_path):
    """Article file names are zero-padded to at least three digits; a large corpus needs more."""
    root = tmp_path / "corpus"
    for name, data in tree(seed_0).items():
        if name.startswith("articles/"):
            name = f"articles/00{name.removeprefix('articles/')}"
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    assert validate(root).issues == []


def test_injected_errors_are_reported_where_the_manifest_says(tmp_path):
    root = generate(tmp_path / "corpus", "--inject-errors", "30")
    manifest = json.loads((root / "injected_errors.json").read_text(encoding="utf-8"))
    injections = manifest["injections"]
    assert len(injections) == 30
    assert len({injection["article"] for injection in injections}) == 30
    expected = {tuple(issue) for injection in injections for issue in injection["expected"]}
    touched = {file for injection in injections
               for file in injection["changed"] + [issue[1] for issue in injection["expected"]]}
    warnings_allowed = {(issue[1], code) for injection in injections
                        for issue in injection["expected"]
                        for code in injection.get("may_also_warn", [])}

    report = validate(root)
    found = {(issue.code, corpus_file(issue.file), issue.pointer) for issue in report.errors}
    assert sorted(expected - found) == [], "injected errors the validator did not report"
    assert sorted(found - expected) == [], "errors the manifest does not list"
    stray = [issue for issue in report.warnings
             if corpus_file(issue.file) not in touched
             or (corpus_file(issue.file), issue.code) not in warnings_allowed]
    assert [f"{issue.code} {issue.location}" for issue in stray] == []


def test_fast_encoder_writes_what_dumps_json_writes():
    module = synthetic_generator()
    tricky = {"empty": [], "none": {}, "mixed": [1, True, False, None, "\"\\\n\u2028é😀"],
              "span": {"start": 1, "end": 2, "text": "“x”"},
              "not a span": {"text": "t", "start": 0, "end": 1},
              "bool offsets": {"start": True, "end": 2, "text": "t"}, "nested": [[{"a": [{}]}]]}
    assert module._dumps(tricky) == dumps_json(tricky)
    text, annotation, _ = module.Generator(3, 50).article(49)
    assert module._dumps(annotation) == dumps_json(annotation)
    assert all(text[span["start"]:span["end"]] == span["text"] for quote in annotation["quotes"]
               for span in quote["content"])
