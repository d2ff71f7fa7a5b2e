"""Bad inputs as data: each case folder produces exactly its expected issues; every code has one.

The cases are in `fixtures/validation/cases/`, each an overlay on the valid corpus
`fixtures/validation/base/` (see `validation_fixtures.py` for the format).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO_ROOT
from validation_fixtures import BASE, case_names, case_spec, corpus_file, materialise

import annotated_news
from annotated_news.validation import CATALOG, Report, validate
from annotated_news.validation.docs import render_codes_page

CODES_PAGE = REPO_ROOT / "docs" / "validation-codes.md"
CASES = case_names()


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, tuple[Path, Report]]:
    """Each case's corpus folder and report, validated once for the whole module."""
    results = {}
    for name in CASES:
        root = materialise(tmp_path_factory.mktemp(name) / "corpus", name)
        results[name] = (root, validate(root))
    return results


def test_base_is_valid_without_warnings(tmp_path):
    report = validate(materialise(tmp_path / "corpus"))
    assert [issue.location + " " + issue.code for issue in report.issues] == []
    assert report.files_checked == 9
    corpus = annotated_news.load(BASE)
    assert len(corpus.articles) == 2


@pytest.mark.parametrize("name", CASES)
def test_case_reports_exactly_its_expected_issues(name, reports):
    spec = case_spec(name)
    assert spec.get("description"), f"{name}/case.json needs a description"
    expected = sorted(map(tuple, spec["expected"]))
    _, report = reports[name]
    found = sorted((issue.code, corpus_file(issue.file), issue.pointer) for issue in report.issues)
    assert found == expected, "\n".join(
        [f"{name}: {spec['description']}"]
        + [f"  {issue.code} {issue.location}: {issue.message}" for issue in report.issues]
    )


def test_every_code_has_a_triggering_case():
    triggered = {code for name in CASES for code, _, _ in case_spec(name)["expected"]}
    assert sorted(triggered - set(CATALOG)) == [], "cases expect codes the catalog does not have"
    missing = sorted(set(CATALOG) - triggered)
    assert missing == [], f"add a case folder under tests/fixtures/validation/cases/ for {missing}"


def test_every_case_is_named_after_a_code_it_expects():
    for name in CASES:
        expected = {code for code, _, _ in case_spec(name)["expected"]}
        assert any(name == code or name.startswith(code + "-") for code in expected), name


def test_every_code_is_documented():
    page = CODES_PAGE.read_text(encoding="utf-8")
    undocumented = [code for code in CATALOG if f"| `{code}` |" not in page]
    assert undocumented == [], (
        f"{undocumented} missing from {CODES_PAGE}: run scripts/generate_docs.py"
    )


def test_codes_page_is_current():
    assert CODES_PAGE.read_text(encoding="utf-8") == render_codes_page(), (
        f"{CODES_PAGE} is stale: run scripts/generate_docs.py"
    )


def test_no_case_has_duplicate_issues(reports):
    for name, (_, report) in reports.items():
        keys = Counter(
            (issue.code, issue.file, issue.pointer, issue.message) for issue in report.issues
        )
        assert [key for key, count in keys.items() if count > 1] == [], name


# --- every issue is a complete record ----------------------------------------------------------


def _innermost_id(data: Any, pointer: str) -> str | None:
    """The id of the innermost object with a string `id` on the way to `pointer` (or at it)."""
    found, node = None, data
    tokens = [token.replace("~1", "/").replace("~0", "~") for token in pointer.split("/")[1:]]
    for token in [*tokens, None]:
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
        if token is None:
            break
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            break
    return found


def _json_or_none(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, ValueError):
        return None


@pytest.mark.parametrize("name", CASES)
def test_every_issue_is_located_and_explained(name, reports):
    root, report = reports[name]
    for issue in report.issues:
        where = f"{name}: {issue.code} at {issue.location}"
        assert issue.message.strip(), where
        assert issue.hint and issue.hint.strip(), f"{where} has no hint"
        assert issue.severity == CATALOG[issue.code].severity, where
        if not (issue.file.endswith(".json") and issue.pointer):
            continue
        assert isinstance(issue.line, int) and issue.line >= 1, f"{where} has no line"
        assert isinstance(issue.column, int) and issue.column >= 1, f"{where} has no column"
        data = _json_or_none(root / corpus_file(issue.file))
        record_id = _innermost_id(data, issue.pointer)
        if record_id is not None:
            assert issue.record_id == record_id, (
                f"{where}: record {issue.record_id}, not {record_id}"
            )


def test_issues_are_in_a_deterministic_order(reports):
    for name, (root, report) in reports.items():
        again = validate(root)
        assert again.issues == report.issues, name
        assert report.issues == sorted(report.issues, key=lambda issue: issue.sort_key()), name
