"""Shared test helpers: paths, a small valid set of corpus documents, and the span walker."""

from __future__ import annotations

import copy
import hashlib
import importlib.util
import os
import shutil
import sys
import tempfile
from types import ModuleType
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import annotated_news
from annotated_news.models import Article, Span

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO_ROOT / "corpus"
SCHEMA_DIR = REPO_ROOT / "schema"
SYNTHETIC_SCRIPT = REPO_ROOT / "scripts" / "generate_synthetic.py"


def synthetic_generator() -> ModuleType:
    """scripts/generate_synthetic.py as a module, to make synthetic documents in memory."""
    spec = importlib.util.spec_from_file_location("generate_synthetic", SYNTHETIC_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module

# --- nothing reaches the network or the user's caches -----------------------------------------
# Set before a test module imports `datasets`, `huggingface_hub` or `mlcroissant`, which read
# these at import time: the Hub is never contacted, and their caches live in a folder removed at
# the end of the session.
_CACHE_DIR = Path(tempfile.mkdtemp(prefix="annotated-news-test-cache-"))
os.environ.update(
    {
        "HF_HUB_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1",
        "HF_HOME": str(_CACHE_DIR / "huggingface"),
        "HF_DATASETS_CACHE": str(_CACHE_DIR / "huggingface" / "datasets"),
        "CROISSANT_CACHE": str(_CACHE_DIR / "croissant"),
    }
)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_CACHE_DIR, ignore_errors=True)


# --- the span walker ---------------------------------------------------------------------------

SpanPath = tuple[str | int, ...]


def walk_spans(record: Any, path: SpanPath = ()) -> Iterator[tuple[SpanPath, Span]]:
    """Every `Span` inside a record, at any depth, with the field path that leads to it.

    Walks the model's fields rather than naming them, so a span field added to the model later
    is checked without changing the tests.
    """
    if isinstance(record, Span):
        yield path, record
    elif isinstance(record, BaseModel):
        for name in type(record).model_fields:
            yield from walk_spans(getattr(record, name), (*path, name))
    elif isinstance(record, (list, tuple)):
        for index, item in enumerate(record):
            yield from walk_spans(item, (*path, index))


def article_spans(article: Article) -> Iterator[tuple[SpanPath, Span]]:
    """Every span of a loaded article: its segments', its quotes' and its claims'."""
    yield from walk_spans(article, (article.id,))
    for quote in article.quotes:
        yield from walk_spans(quote, (quote.id,))
    for claim in article.claims:
        yield from walk_spans(claim, (claim.id,))


def span_problem(text: str, span: Span) -> str | None:
    """What is wrong with a span of `text`, or None when it is right."""
    if span.end <= span.start:
        return f"end {span.end} is not after start {span.start}"
    if span.end > len(text):
        return f"end {span.end} is past the end of the text ({len(text)} code points)"
    if text[span.start : span.end] != span.text:
        return (
            f"text[{span.start}:{span.end}] is {text[span.start : span.end]!r}, not {span.text!r}"
        )
    return None


# --- a small valid corpus, built by hand -------------------------------------------------------

ARTICLE_ID = "0123456789abcdef"
OTHER_ARTICLE_ID = "fedcba9876543210"

ARTICLE_TEXT = (
    "WASHINGTON (Reuters) - U.S. Secretary of State Mike Pompeo said on Tuesday that talks "
    "with Pyongyang would resume soon. \u201cWe are ready to talk,\u201d Pompeo told reporters. "
    "A senior official, who asked not to be named, said the date was not set.\n"
)


def make_span(substring: str, *, after: str = "", text: str = ARTICLE_TEXT) -> dict[str, Any]:
    """The span of the first `substring` in `text` that directly follows `after`, in code points."""
    start = text.index(after + substring) + len(after)
    return {"start": start, "end": start + len(substring), "text": substring}


def _annotation_file() -> dict[str, Any]:
    pompeo_mention = make_span("U.S. Secretary of State Mike Pompeo")
    return {
        "article": {
            "id": ARTICLE_ID,
            "outlet": "reuters",
            "title": "Pompeo says North Korea talks to resume",
            "url": "https://example.com/pompeo-talks",
            "authors": ["Jane Doe"],
            "publication_date": {
                "value": "2019-06-04",
                "precision": "day",
                "evidence": "on Tuesday",
            },
            "language": "en",
            "sha256": hashlib.sha256(ARTICLE_TEXT.encode("utf-8")).hexdigest(),
            "rights": "Test text written for the test suite.",
            "event": "event-talks-resume",
            "segments": [
                {
                    "id": f"{ARTICLE_ID}-s1",
                    "kind": "dateline",
                    "span": make_span("WASHINGTON (Reuters) -"),
                    "note": None,
                }
            ],
            "notes": "Date from the text.",
        },
        "quotes": [
            {
                "id": f"{ARTICLE_ID}-q1",
                "content": [make_span("talks with Pyongyang would resume soon")],
                "speaker": "mike-pompeo",
                "speaker_note": None,
                "source": pompeo_mention,
                "cue": make_span("said"),
                "kind": "indirect",
                "medium": "public-remarks",
                "nested_in": None,
                "utterance": "utterance-pompeo-talks-resume",
                "note": None,
            },
            {
                "id": f"{ARTICLE_ID}-q2",
                "content": [make_span("We are ready to talk,")],
                "speaker": "mike-pompeo",
                "speaker_note": None,
                "source": make_span("Pompeo", after="\u201d "),
                "cue": make_span("told"),
                "kind": "direct",
                "medium": "press-conference",
                "nested_in": None,
                "utterance": None,
                "note": "Comma kept inside the quotation marks.",
            },
            {
                "id": f"{ARTICLE_ID}-q3",
                "content": [make_span("the date was not set")],
                "speaker": None,
                "speaker_note": "a senior official",
                "source": make_span("A senior official"),
                "cue": make_span("said", after="be named, "),
                "kind": "indirect",
                "medium": "unknown",
                "nested_in": None,
                "utterance": None,
                "note": None,
            },
        ],
        "claims": [
            {
                "id": f"{ARTICLE_ID}-c1",
                "spans": [make_span("talks with Pyongyang would resume soon")],
                "claimant_role": "source",
                "claimant": "mike-pompeo",
                "claimant_span": pompeo_mention,
                "normalized": "Talks between the United States and North Korea will resume soon.",
                "check_worthiness": "CFS",
                "claim_types": ["prediction", "event"],
                "about": ["north-korea", "united-states"],
                "supporting_quotes": [f"{ARTICLE_ID}-q1"],
                "claim_group": "claim-group-talks-resume",
                "stance": "asserts",
                "note": None,
            },
            {
                "id": f"{ARTICLE_ID}-c2",
                "spans": [make_span("the date was not set")],
                "claimant_role": "article",
                "claimant": "reuters",
                "claimant_span": None,
                "normalized": "No date has been set for talks between the United States and "
                "North Korea.",
                "check_worthiness": "UFS",
                "claim_types": ["statement"],
                "about": [],
                "supporting_quotes": [f"{ARTICLE_ID}-q3"],
                "claim_group": None,
                "stance": "reports",
                "note": "Attributed to an unnamed official.",
            },
        ],
    }


def _documents() -> dict[str, dict[str, Any]]:
    return {
        "annotation-file.schema.json": _annotation_file(),
        "entities.schema.json": {
            "entities": [
                {
                    "id": "mike-pompeo",
                    "type": "person",
                    "name": "Mike Pompeo",
                    "aliases": ["Pompeo", "Secretary of State Mike Pompeo"],
                    "description": "United States Secretary of State.",
                    "wikidata": "Q473239",
                },
                {
                    "id": "north-korea",
                    "type": "country",
                    "name": "North Korea",
                    "aliases": ["Pyongyang"],
                    "description": "The Democratic People's Republic of Korea.",
                    "wikidata": "Q423",
                },
                {
                    "id": "reuters",
                    "type": "outlet",
                    "name": "Reuters",
                    "aliases": [],
                    "description": "News agency.",
                    "wikidata": None,
                },
                {
                    "id": "united-states",
                    "type": "country",
                    "name": "United States",
                    "aliases": ["U.S."],
                    "description": "The United States of America.",
                    "wikidata": "Q30",
                },
            ]
        },
        "events.schema.json": {
            "events": [
                {
                    "id": "event-talks-resume",
                    "name": "Talks to resume",
                    "date": {"value": None, "precision": "unknown", "evidence": "Not stated."},
                    "description": "The United States says talks with North Korea will resume.",
                }
            ]
        },
        "utterances.schema.json": {
            "utterances": [
                {
                    "id": "utterance-pompeo-talks-resume",
                    "speaker": "mike-pompeo",
                    "event": "event-talks-resume",
                    "description": "Pompeo on Tuesday: talks will resume soon.",
                    "members": [f"{ARTICLE_ID}-q1", f"{OTHER_ARTICLE_ID}-q4"],
                    "differences": [
                        {
                            "description": "How soon.",
                            "readings": [
                                {"quote": f"{ARTICLE_ID}-q1", "text": "resume soon"},
                                {"quote": f"{OTHER_ARTICLE_ID}-q4", "text": "resume shortly"},
                            ],
                        }
                    ],
                }
            ]
        },
        "claim-groups.schema.json": {
            "claim_groups": [
                {
                    "id": "claim-group-talks-resume",
                    "canonical": "Talks between the United States and North Korea will resume "
                    "soon.",
                    "members": [f"{ARTICLE_ID}-c1", f"{OTHER_ARTICLE_ID}-c2"],
                    "note": "Both articles report it; neither disputes it.",
                }
            ]
        },
        "dataset.schema.json": {
            "name": "annotated-news",
            "version": "1.2.3",
            "schema_version": annotated_news.SCHEMA_VERSION,
            "description": "Test corpus.",
            "annotation_license": "CC-BY-4.0",
            "text_rights": "Written for the tests.",
        },
    }


_DOCUMENTS = _documents()


def valid_documents() -> dict[str, dict[str, Any]]:
    """One valid document per schema file, keyed by schema file name; a fresh copy each call.

    Every optional field is given explicitly, so that a document equals its model's dump.
    """
    return copy.deepcopy(_DOCUMENTS)


@pytest.fixture
def documents() -> dict[str, dict[str, Any]]:
    return valid_documents()


# --- the corpus in this checkout ----------------------------------------------------------------


@pytest.fixture(scope="session")
def corpus() -> annotated_news.Corpus:
    """The corpus of this checkout (not whatever an installed package would find)."""
    return annotated_news.load(CORPUS_DIR)
