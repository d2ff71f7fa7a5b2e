"""Hints find the real place of a wrong span, and unusual but valid inputs pass with no issue."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from validation_fixtures import ARTICLE_000, ARTICLE_001, edit_json, materialise

from annotated_news.validation import Issue, validate

# Quote 000-q1 of the base corpus: its content comes after the emoji, its source before no
# quotation mark and after one line break.
Q1_CONTENT = (82, 120, "the new river bridge would open in May")
Q1_SOURCE = (33, 61, "Transport minister Ana Costa")


@pytest.fixture
def corpus(tmp_path) -> Path:
    return materialise(tmp_path / "corpus")


def only_issue(root: Path) -> Issue:
    issues = validate(root).issues
    assert len(issues) == 1, [f"{issue.code} {issue.location}" for issue in issues]
    return issues[0]


def set_span(root: Path, pointer: tuple, start: int, end: int) -> None:
    def change(data: dict) -> None:
        span = data
        for part in pointer:
            span = span[part]
        span["start"], span["end"] = start, end

    edit_json(root / f"{ARTICLE_000}.json", change)


def text_of(root: Path, article: str) -> str:
    return (root / f"{article}.txt").read_bytes().decode("utf-8")


def replace_text(root: Path, article: str, text: str, *, shift: int = 0) -> None:
    """Write a new text for `article`, with its sha256, moving every span by `shift`."""
    raw = text.encode("utf-8")
    (root / f"{article}.txt").write_bytes(raw)

    def change(data: dict) -> None:
        data["article"]["sha256"] = hashlib.sha256(raw).hexdigest()
        for span in spans_in(data):
            span["start"] += shift
            span["end"] += shift

    edit_json(root / f"{article}.json", change)


def spans_in(node: Any) -> list[dict]:
    if isinstance(node, dict):
        if set(node) == {"start", "end", "text"}:
            return [node]
        return [span for value in node.values() for span in spans_in(value)]
    if isinstance(node, list):
        return [span for value in node for span in spans_in(value)]
    return []


# --- the hint says where the span really is -----------------------------------------------------


@pytest.mark.parametrize(("shift", "direction"), [(3, "too high"), (-3, "too low")])
def test_shifted_span_hint_gives_the_real_offsets(corpus, shift, direction):
    start, end, _ = Q1_SOURCE
    set_span(corpus, ("quotes", 0, "source"), start + shift, end + shift)
    issue = only_issue(corpus)
    assert (issue.code, issue.pointer) == ("span-text-mismatch", "/quotes/0/source")
    assert f"found at {start}-{end}: offsets are 3 {direction}" in issue.hint
    assert "CRLF" not in issue.hint


@pytest.mark.parametrize(
    ("encoding", "unit", "named"),
    [("utf-16-le", 2, "UTF-16 code units"), ("utf-8", 1, "UTF-8 byte")],
)
def test_offsets_in_code_units_are_named_with_the_code_point_span(corpus, encoding, unit, named):
    start, end, _ = Q1_CONTENT
    text = text_of(corpus, ARTICLE_000)
    units = [len(text[:offset].encode(encoding)) // unit for offset in (start, end)]
    if encoding == "utf-16-le":
        assert units == [start + 1, end + 1]  # one emoji before: one code unit more
    set_span(corpus, ("quotes", 0, "content", 0), *units)
    issue = only_issue(corpus)
    assert issue.code == "span-text-mismatch"
    assert named in issue.hint
    assert f"in code points the span is {start}-{end}" in issue.hint


def test_crlf_text_is_named_once_with_its_line_endings(corpus):
    replace_text(corpus, ARTICLE_000, text_of(corpus, ARTICLE_000).replace("\n", "\r\n"))
    issues = {issue.code: issue for issue in validate(corpus).issues}
    assert set(issues) == {"span-text-mismatch", "non-lf-line-endings"}
    assert "CRLF line endings" in issues["span-text-mismatch"].hint
    assert "CRLF" in issues["non-lf-line-endings"].message
    assert issues["non-lf-line-endings"].file.endswith(".txt")
    assert (issues["non-lf-line-endings"].line, issues["non-lf-line-endings"].column) == (1, 24)


def test_offsets_counted_on_a_crlf_copy_are_recognised(corpus):
    # The source of 000-q5 has three line breaks before it.
    set_span(corpus, ("quotes", 4, "source"), 287 + 3, 303 + 3)
    issue = only_issue(corpus)
    assert "found at 287-303: offsets are 3 too high" in issue.hint
    assert "CRLF" in issue.hint


# "São Paulo" with the tilde as a combining character: one code point longer than NFC.
SAO_PAULO_NFD = unicodedata.normalize("NFD", "S\u00e3o Paulo")


def add_decomposed_dateline(root: Path, span_text: str) -> None:
    """Start article 001 with the dateline `São Paulo — ` in NFD, a segment over it."""
    replace_text(
        root,
        ARTICLE_001,
        f"{SAO_PAULO_NFD} \u2014 {text_of(root, ARTICLE_001)}",
        shift=len(SAO_PAULO_NFD) + 3,
    )
    segment = {
        "kind": "dateline",
        "span": {"start": 0, "end": len(SAO_PAULO_NFD), "text": span_text},
    }
    edit_json(
        root / f"{ARTICLE_001}.json",
        lambda data: data["article"]["segments"].append(
            {"id": f"{data['article']['id']}-s1", **segment}
        ),
    )


def test_span_text_in_another_normalisation_is_named(corpus):
    add_decomposed_dateline(corpus, unicodedata.normalize("NFC", SAO_PAULO_NFD))
    issue = only_issue(corpus)
    assert issue.code == "span-text-mismatch"
    assert "normalisation" in issue.hint


def test_text_that_occurs_nowhere_says_what_is_there(corpus):
    edit_json(
        corpus / f"{ARTICLE_000}.json",
        lambda data: data["quotes"][0]["source"].update(text="Transport minister Anna Costa"),
    )
    issue = only_issue(corpus)
    assert "occurs nowhere" in issue.hint
    assert repr(Q1_SOURCE[2]) in issue.hint


# --- unusual but valid inputs pass ----------------------------------------------------------------


def assert_valid(root: Path) -> None:
    report = validate(root)
    assert [f"{issue.code} {issue.location}: {issue.message}" for issue in report.issues] == []


def test_astral_character_before_spans_is_valid(corpus):
    # The base corpus is the positive case: code points and UTF-16 code units differ for every
    # span of article 000, because of the emoji in its first line.
    text = text_of(corpus, ARTICLE_000)
    assert any(ord(char) > 0xFFFF for char in text[: Q1_CONTENT[0]])
    data = json.loads((corpus / f"{ARTICLE_000}.json").read_text(encoding="utf-8"))
    for span in spans_in(data["quotes"]):
        assert text[span["start"] : span["end"]] == span["text"]
        assert len(text[: span["start"]].encode("utf-16-le")) // 2 != span["start"]
    assert_valid(corpus)


def test_decomposed_accents_with_spans_copied_from_the_text_are_valid(corpus):
    assert len(SAO_PAULO_NFD) == len("S\u00e3o Paulo") + 1
    add_decomposed_dateline(corpus, SAO_PAULO_NFD)
    assert_valid(corpus)


def _reversed_keys(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _reversed_keys(node[key]) for key in reversed(node)}
    if isinstance(node, list):
        return [_reversed_keys(item) for item in node]
    return node


def _rewrite_every_json_file(root: Path, write: Callable[[Any], str]) -> None:
    for path in root.rglob("*.json"):
        path.write_text(write(json.loads(path.read_text(encoding="utf-8"))), encoding="utf-8")


def minified(data: Any) -> str:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(
            lambda data: json.dumps(_reversed_keys(data), indent=2, ensure_ascii=False),
            id="reordered-keys",
        ),
        pytest.param(minified, id="minified"),
        pytest.param(lambda data: json.dumps(data, indent=4), id="indent-4-ascii-escapes"),
        pytest.param(
            lambda data: json.dumps(data, indent="\t", ensure_ascii=False) + "\n\n", id="tabs"
        ),
    ],
)
def test_reformatted_json_is_valid(corpus, write):
    _rewrite_every_json_file(corpus, write)
    assert_valid(corpus)


def test_issues_in_minified_json_point_at_the_right_column(corpus):
    start, end, _ = Q1_SOURCE
    set_span(corpus, ("quotes", 0, "source"), start + 3, end + 3)
    _rewrite_every_json_file(corpus, minified)
    issue = only_issue(corpus)
    assert issue.line == 1
    written = (corpus / f"{ARTICLE_000}.json").read_text(encoding="utf-8")
    assert written[issue.column - 1 :].startswith(f'"source":{{"start":{start + 3},')
