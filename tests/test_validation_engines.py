"""The fast engine and the reference engine report the same issues; so do one and two processes."""

from __future__ import annotations

from pathlib import Path

import pytest
from validation_fixtures import ARTICLE_000, ARTICLE_001, case_names, materialise

from annotated_news.cli.validate import render
from annotated_news.validation import validate
from annotated_news.validation.runner import PARALLEL_FROM


def as_records(report):
    return [(i.code, i.file, i.pointer, i.line, i.column, i.record_id, i.message, i.hint) for i in report.issues]


@pytest.mark.parametrize("case", [None, *case_names()])
def test_fast_and_jsonschema_engines_report_the_same(tmp_path: Path, case: str | None) -> None:
    corpus = materialise(tmp_path / "corpus", case)
    fast = validate(corpus, engine="fast", workers=1)
    reference = validate(corpus, engine="jsonschema", workers=1)
    assert as_records(fast) == as_records(reference)
    assert fast.files_checked == reference.files_checked


@pytest.fixture(scope="module")
def many_articles(tmp_path_factory) -> Path:
    """Enough copies of the base articles (under new ids) to be checked in parallel chunks."""
    corpus = materialise(tmp_path_factory.mktemp("many") / "corpus")
    articles = corpus / "articles"
    originals = [(articles / f"{ARTICLE_000[9:]}", ARTICLE_000[13:]), (articles / f"{ARTICLE_001[9:]}", ARTICLE_001[13:])]
    for number in range(2, PARALLEL_FROM + 40):
        stem, old_id = originals[number % 2]
        new_id = f"{number:016x}"
        for suffix in (".json", ".txt"):
            source = Path(f"{stem}{suffix}")
            content = source.read_text(encoding="utf-8")
            if suffix == ".json":
                content = content.replace(old_id, new_id)
            (articles / f"{number:05d}_{new_id}{suffix}").write_text(content, encoding="utf-8")
    return corpus


def test_parallel_chunks_report_what_one_process_reports(many_articles: Path) -> None:
    one = validate(many_articles, workers=1)
    two = validate(many_articles, workers=2)
    assert as_records(one) == as_records(two)
    # The copies break group memberships and nothing else: the report is not empty, so the
    # comparison compares something.
    assert {issue.code for issue in one.issues} >= {"group-membership-mismatch"}
    assert one.files_checked == two.files_checked == 5 + 2 * (PARALLEL_FROM + 40)


def test_progress_hears_every_article(many_articles: Path) -> None:
    heard = []
    validate(many_articles, workers=2, progress=lambda done, total: heard.append((done, total)))
    total = PARALLEL_FROM + 40
    assert heard[-1] == (total, total)
    assert [done for done, _ in heard] == sorted(done for done, _ in heard)


def test_table_caps_each_code_and_counts_the_rest(many_articles: Path) -> None:
    report = validate(many_articles, workers=1)
    code, count = max(report.counts_by_code().items(), key=lambda item: item[1])
    assert count > 3
    shown = f"error    {code}  "
    table = render(report, max_per_code=3)
    assert table.count(shown) == 3
    assert f"{count:>8,}  {code}  ({count - 3:,} not shown)" in table
    assert render(report).count(shown) == count
