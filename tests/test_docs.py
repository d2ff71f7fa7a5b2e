"""The docs run: README examples execute, and every record the guidelines cite exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import annotated_news

ROOT = Path(__file__).resolve().parent.parent


def python_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", markdown, flags=re.S | re.M)


def test_readme_python_examples_run(capsys):
    blocks = python_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(blocks) >= 3, "the README lost its Python examples"
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    printed = capsys.readouterr().out
    corpus = annotated_news.load()
    assert repr(corpus) in printed
    assert f"{len(corpus.entity('mike-pompeo').quotes)} quotes by Mike Pompeo" in printed


def test_readme_names_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 scripts/dev.py main" in readme
    assert "python3 scripts/dev.py test" in readme


ARTICLE_ALIASES = {"000": "76ee36c8363e874d", "001": "1076935146841530", "002": "dd35f43835a1c905"}


@pytest.fixture(scope="module")
def corpus():
    return annotated_news.load()


def test_guidelines_cite_only_records_that_exist(corpus):
    guidelines = (ROOT / "corpus" / "GUIDELINES.md").read_text(encoding="utf-8")
    cited = re.findall(r"`(00[0-2])-([qcs])([0-9]+)`", guidelines)
    assert len(cited) > 40, "the guidelines should illustrate their rules with corpus examples"
    known = {
        "q": {quote.id for quote in corpus.quotes},
        "c": {claim.id for claim in corpus.claims},
        "s": {segment.id for article in corpus.articles for segment in article.segments},
    }
    missing = []
    for alias, kind, number in cited:
        if f"{ARTICLE_ALIASES[alias]}-{kind}{number}" not in known[kind]:
            missing.append(f"{alias}-{kind}{number}")
    assert not missing, f"GUIDELINES.md cites records that do not exist: {missing}"


def test_guidelines_article_aliases_match_the_corpus(corpus):
    files = sorted(path.name for path in (ROOT / "corpus" / "articles").glob("*.txt"))
    assert [name[:3] for name in files] == sorted(ARTICLE_ALIASES)
    assert [name[4:20] for name in files] == [
        ARTICLE_ALIASES[alias] for alias in sorted(ARTICLE_ALIASES)
    ]
