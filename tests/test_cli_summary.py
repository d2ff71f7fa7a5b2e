"""`annotated-news summary` reports the corpus as it is, for people and for machines."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import annotated_news


def run_summary(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotated_news", "summary", *arguments],
        capture_output=True,
        text=True,
        check=False,
    )


def test_json_summary_counts_match_the_corpus():
    result = run_summary("--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    corpus = annotated_news.load()
    assert report["totals"]["quotes"] == len(corpus.quotes)
    assert report["totals"]["claims"] == len(corpus.claims)
    assert report["dataset_version"] == annotated_news.DATASET_VERSION
    for row in report["articles"]:
        kinds = Counter(quote.kind for quote in corpus.article(row["id"]).quotes)
        assert row["quotes"] == {kind: kinds[kind] for kind in ("direct", "indirect", "mixed")}
    cross_article = {
        group["id"] for group in report["utterance_groups"] if group["articles"] > 1
    }
    assert "utterance-pompeo-push-back-corbyn" in cross_article


def test_table_summary_names_every_article_and_group():
    result = run_summary()
    assert result.returncode == 0, result.stderr
    corpus = annotated_news.load()
    for record in [*corpus.articles, *corpus.utterances, *corpus.claim_groups]:
        assert record.id in result.stdout


def test_missing_corpus_folder_is_a_clear_error_not_a_traceback(tmp_path):
    result = run_summary(str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert "nowhere" in result.stdout
