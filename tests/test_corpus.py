"""Generic checks of the corpus in corpus/: files, offsets, ids, references and navigation.

Each test collects every problem it finds and reports them together.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, REPO_ROOT, SCHEMA_DIR, article_spans, span_problem
from jsonschema import Draft202012Validator

import annotated_news
from annotated_news import _paths
from annotated_news.corpus import Corpus, article_files

# CI checks the repository out beside `shared/`, which holds the article texts as received.
SEEDS_DIR = Path(REPO_ROOT).parent / "shared" / "seeds"

FILE_NAME = re.compile(r"^(?P<number>[0-9]{3})_(?P<id>[0-9a-f]{16})\.json$")


def _report(problems: list[str]) -> str:
    return f"{len(problems)} problem(s):\n  " + "\n  ".join(problems)


def test_corpus_is_not_empty(corpus: Corpus) -> None:
    assert corpus.articles, "no articles"
    assert corpus.quotes, "no quotes"
    assert corpus.claims, "no claims"
    assert corpus.entities, "no entities"


def test_dataset_follows_this_schema_version(corpus: Corpus) -> None:
    assert corpus.info.schema_version == annotated_news.SCHEMA_VERSION


# --- files --------------------------------------------------------------------------------------


def test_every_text_has_an_annotation_file_and_back() -> None:
    articles_dir = CORPUS_DIR / _paths.ARTICLES_DIR
    texts = {path.stem for path in articles_dir.glob("*.txt")}
    annotations = {path.stem for path in articles_dir.glob("*.json")}
    assert texts == annotations, (
        f"texts without annotations: {sorted(texts - annotations)}; "
        f"annotations without texts: {sorted(annotations - texts)}"
    )


def test_file_names_match_article_ids(corpus: Corpus) -> None:
    pairs = article_files(CORPUS_DIR)
    assert len(pairs) == len(corpus.articles)
    problems = []
    for (annotation_path, _), article in zip(pairs, corpus.articles):
        match = FILE_NAME.match(annotation_path.name)
        if match is None:
            problems.append(f"{annotation_path.name}: not named NNN_<16 hex digits>.json")
        elif match["id"] != article.id:
            problems.append(f"{annotation_path.name}: holds article {article.id}")
    numbers = [name.stem.split("_")[0] for name, _ in pairs]
    if len(set(numbers)) != len(numbers):
        problems.append(f"article numbers repeat: {numbers}")
    assert not problems, _report(problems)


def test_sha256_matches_text_file(corpus: Corpus) -> None:
    problems = []
    for (_, text_path), article in zip(article_files(CORPUS_DIR), corpus.articles):
        digest = hashlib.sha256(text_path.read_bytes()).hexdigest()
        if digest != article.sha256:
            problems.append(f"{article.id}: sha256 {article.sha256}, text file has {digest}")
        if article.text.encode("utf-8") != text_path.read_bytes():
            problems.append(f"{article.id}: loaded text differs from the file's bytes")
    assert not problems, _report(problems)


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"no seed texts at {SEEDS_DIR}")
def test_texts_are_the_seed_texts_unchanged() -> None:
    problems = []
    text_paths = sorted((CORPUS_DIR / _paths.ARTICLES_DIR).glob("*.txt"))
    assert text_paths, "no article texts"
    for text_path in text_paths:
        seed = SEEDS_DIR / text_path.name
        if not seed.is_file():
            problems.append(f"{text_path.name}: no seed text of that name in {SEEDS_DIR}")
        elif seed.read_bytes() != text_path.read_bytes():
            problems.append(f"{text_path.name}: differs from {seed}")
    assert not problems, _report(problems)


def test_files_validate_against_committed_schemas() -> None:
    def schema(name: str) -> Draft202012Validator:
        return Draft202012Validator(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))

    targets = [(path, "annotation-file.schema.json") for path, _ in article_files(CORPUS_DIR)]
    targets += [
        (CORPUS_DIR / _paths.DATASET_FILE, "dataset.schema.json"),
        (CORPUS_DIR / _paths.ENTITIES_FILE, "entities.schema.json"),
        (CORPUS_DIR / _paths.EVENTS_FILE, "events.schema.json"),
        (CORPUS_DIR / _paths.UTTERANCES_FILE, "utterances.schema.json"),
        (CORPUS_DIR / _paths.CLAIM_GROUPS_FILE, "claim-groups.schema.json"),
    ]
    problems = []
    for path, schema_name in targets:
        document = json.loads(path.read_text(encoding="utf-8"))
        for error in schema(schema_name).iter_errors(document):
            location = "/".join(map(str, error.absolute_path)) or "(root)"
            problems.append(f"{path.name}: {location}: {error.message}")
    assert not problems, _report(problems)


# --- offsets ------------------------------------------------------------------------------------


def test_every_span_matches_its_text(corpus: Corpus) -> None:
    problems = []
    checked = 0
    for article in corpus.articles:
        for path, span in article_spans(article):
            checked += 1
            problem = span_problem(article.text, span)
            if problem:
                problems.append(f"{'/'.join(map(str, path))}: {problem}")
    assert checked >= len(corpus.quotes), "the walk missed the quotes' spans"
    assert not problems, _report(problems)


def test_multi_span_lists_are_in_text_order(corpus: Corpus) -> None:
    problems = []
    for article in corpus.articles:
        lists = [(quote.id, quote.content) for quote in article.quotes]
        lists += [(claim.id, claim.spans) for claim in article.claims]
        lists += [(f"{article.id}/segments", [segment.span for segment in article.segments])]
        for label, spans in lists:
            for before, after in itertools.pairwise(spans):
                if after.start < before.end:
                    problems.append(
                        f"{label}: span {after.start}-{after.end} starts before "
                        f"{before.start}-{before.end} ends"
                    )
    assert not problems, _report(problems)


# --- dates --------------------------------------------------------------------------------------

# The value's form each precision requires (PartialDate.value's description); None: no value.
DATE_FORMS = {
    "day": re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
    "month": re.compile(r"^[0-9]{4}-[0-9]{2}$"),
    "year": re.compile(r"^[0-9]{4}$"),
    "unknown": None,
}


def test_partial_dates_match_their_precision(corpus: Corpus) -> None:
    dates = [(f"{a.id}.publication_date", a.publication_date) for a in corpus.articles]
    dates += [(f"{event.id}.date", event.date) for event in corpus.events]
    problems = []
    for label, date in dates:
        form = DATE_FORMS[date.precision]
        if form is None:
            if date.value is not None:
                problems.append(f"{label}: precision unknown but value {date.value!r}")
        elif date.value is None or not form.match(date.value):
            problems.append(
                f"{label}: value {date.value!r} does not fit precision {date.precision}"
            )
    assert not problems, _report(problems)


# --- ids ----------------------------------------------------------------------------------------


def test_record_ids_start_with_their_article_id(corpus: Corpus) -> None:
    problems = []
    segment_ids = []
    for article in corpus.articles:
        records = [("segment", "s", segment.id) for segment in article.segments]
        records += [("quote", "q", quote.id) for quote in article.quotes]
        records += [("claim", "c", claim.id) for claim in article.claims]
        for kind, letter, record_id in records:
            if not record_id.startswith(f"{article.id}-{letter}"):
                problems.append(f"{kind} {record_id} is in article {article.id}")
        segment_ids += [segment.id for segment in article.segments]
    duplicates = sorted({sid for sid in segment_ids if segment_ids.count(sid) > 1})
    if duplicates:
        problems.append(f"duplicate segment ids: {duplicates}")
    assert not problems, _report(problems)


# --- references ---------------------------------------------------------------------------------


def test_every_reference_resolves(corpus: Corpus) -> None:
    entities = {entity.id for entity in corpus.entities}
    events = {event.id for event in corpus.events}
    quotes = {quote.id: quote for quote in corpus.quotes}
    claims = {claim.id: claim for claim in corpus.claims}
    utterances = {group.id: group for group in corpus.utterances}
    claim_groups = {group.id: group for group in corpus.claim_groups}
    problems = []

    def need(owner: str, field: str, value: str | None, known) -> None:
        if value is not None and value not in known:
            problems.append(f"{owner}.{field}: {value!r} does not exist")

    for article in corpus.articles:
        need(article.id, "outlet", article.outlet, entities)
        need(article.id, "event", article.event, events)
    for quote in corpus.quotes:
        article_id = quote.id.rsplit("-", 1)[0]
        need(quote.id, "speaker", quote.speaker, entities)
        need(quote.id, "nested_in", quote.nested_in, quotes)
        if quote.nested_in is not None:
            if quote.nested_in == quote.id:
                problems.append(f"{quote.id}.nested_in: itself")
            elif not quote.nested_in.startswith(f"{article_id}-"):
                problems.append(f"{quote.id}.nested_in: {quote.nested_in} is in another article")
        need(quote.id, "utterance", quote.utterance, utterances)
        if quote.utterance in utterances and quote.id not in utterances[quote.utterance].members:
            problems.append(f"{quote.id}: not among the members of {quote.utterance}")
    for claim in corpus.claims:
        article_id = claim.id.rsplit("-", 1)[0]
        need(claim.id, "claimant", claim.claimant, entities)
        for entity_id in claim.about:
            need(claim.id, "about", entity_id, entities)
        for quote_id in claim.supporting_quotes:
            need(claim.id, "supporting_quotes", quote_id, quotes)
            if not quote_id.startswith(f"{article_id}-"):
                problems.append(f"{claim.id}.supporting_quotes: {quote_id} is in another article")
        need(claim.id, "claim_group", claim.claim_group, claim_groups)
        if (
            claim.claim_group in claim_groups
            and claim.id not in claim_groups[claim.claim_group].members
        ):
            problems.append(f"{claim.id}: not among the members of {claim.claim_group}")
    for group in corpus.utterances:
        need(group.id, "speaker", group.speaker, entities)
        need(group.id, "event", group.event, events)
        if len(set(group.members)) != len(group.members):
            problems.append(f"{group.id}: repeated members")
        for quote_id in group.members:
            if quote_id not in quotes:
                problems.append(f"{group.id}.members: {quote_id!r} does not exist")
            elif quotes[quote_id].utterance != group.id:
                problems.append(
                    f"{group.id}.members: {quote_id} has utterance {quotes[quote_id].utterance!r}"
                )
        for difference in group.differences:
            for reading in difference.readings:
                if reading.quote not in group.members:
                    problems.append(f"{group.id}: reading of {reading.quote}, not a member")
                elif reading.quote in quotes and not any(
                    reading.text in span.text for span in quotes[reading.quote].content
                ):
                    problems.append(
                        f"{group.id}: reading {reading.text!r} is not in {reading.quote}'s content"
                    )
    for group in corpus.claim_groups:
        if len(set(group.members)) != len(group.members):
            problems.append(f"{group.id}: repeated members")
        for claim_id in group.members:
            if claim_id not in claims:
                problems.append(f"{group.id}.members: {claim_id!r} does not exist")
            elif claims[claim_id].claim_group != group.id:
                problems.append(
                    f"{group.id}.members: {claim_id} has claim_group "
                    f"{claims[claim_id].claim_group!r}"
                )
    assert not problems, _report(problems)


# --- navigation ---------------------------------------------------------------------------------


def test_navigation(corpus: Corpus) -> None:
    for article in corpus.articles:
        assert corpus.article(article.id) is article
        quotes = article.quotes
        assert [quote.id for quote in quotes] == [
            quote.id for quote in corpus.quotes if quote.id.startswith(f"{article.id}-q")
        ]
        assert [claim.id for claim in article.claims] == [
            claim.id for claim in corpus.claims if claim.id.startswith(f"{article.id}-c")
        ]
        if article.outlet is not None:
            assert article.outlet_entity is corpus.entity(article.outlet)
        for quote in quotes:
            assert quote.article is article
        for claim in article.claims:
            assert claim.article is article

    for quote in corpus.quotes:
        assert corpus.quote(quote.id) is quote
        entity = quote.speaker_entity
        if quote.speaker is None:
            assert entity is None
        else:
            assert entity is not None and entity.id == quote.speaker
            assert quote in entity.quotes
        expected = (
            []
            if quote.utterance is None
            else [m for m in corpus.utterance(quote.utterance).members if m != quote.id]
        )
        others = quote.other_reports
        assert [other.id for other in others] == expected
        assert all(other.utterance == quote.utterance for other in others)

    for entity in corpus.entities:
        assert [quote.id for quote in entity.quotes] == [
            quote.id for quote in corpus.quotes if quote.speaker == entity.id
        ]
        assert [claim.id for claim in entity.claims] == [
            claim.id for claim in corpus.claims if claim.claimant == entity.id
        ]

    for claim in corpus.claims:
        assert corpus.claim(claim.id) is claim
        if claim.claimant is not None:
            assert claim.claimant_entity is corpus.entity(claim.claimant)
        assert [quote.id for quote in claim.supporting] == claim.supporting_quotes
        expected = (
            []
            if claim.claim_group is None
            else [m for m in corpus.claim_group(claim.claim_group).members if m != claim.id]
        )
        members = claim.group_members
        assert [member.id for member in members] == expected
        assert all(member.claim_group == claim.claim_group for member in members)
