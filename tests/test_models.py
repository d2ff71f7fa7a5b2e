"""The models round-trip, and they and the generated JSON Schema reject the same bad documents."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from conftest import ARTICLE_TEXT, span_problem, valid_documents, walk_spans
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from annotated_news import models
from annotated_news._io import dumps_json
from annotated_news.schema import SCHEMA_FILES, generate_schemas
from annotated_news.validation.checks.structure import validator_for

SCHEMAS = generate_schemas()

ANNOTATION = "annotation-file.schema.json"
ENTITIES = "entities.schema.json"
EVENTS = "events.schema.json"
UTTERANCES = "utterances.schema.json"
CLAIM_GROUPS = "claim-groups.schema.json"
DATASET = "dataset.schema.json"


def _get(document: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        document = document[part]
    return document


# --- round trips --------------------------------------------------------------------------------

# (model, schema file of the document holding a sample, path of the sample in that document)
ROUND_TRIPS: list[tuple[type[models.Record], str, tuple[str | int, ...]]] = [
    (models.Span, ANNOTATION, ("quotes", 0, "content", 0)),
    (models.PartialDate, ANNOTATION, ("article", "publication_date")),
    (models.PartialDate, EVENTS, ("events", 0, "date")),
    (models.Segment, ANNOTATION, ("article", "segments", 0)),
    (models.Article, ANNOTATION, ("article",)),
    (models.Quote, ANNOTATION, ("quotes", 0)),
    (models.Quote, ANNOTATION, ("quotes", 2)),
    (models.Claim, ANNOTATION, ("claims", 0)),
    (models.Claim, ANNOTATION, ("claims", 1)),
    (models.Entity, ENTITIES, ("entities", 0)),
    (models.Entity, ENTITIES, ("entities", 2)),
    (models.Event, EVENTS, ("events", 0)),
    (models.Reading, UTTERANCES, ("utterances", 0, "differences", 0, "readings", 0)),
    (models.WordingDifference, UTTERANCES, ("utterances", 0, "differences", 0)),
    (models.UtteranceGroup, UTTERANCES, ("utterances", 0)),
    (models.ClaimGroup, CLAIM_GROUPS, ("claim_groups", 0)),
    (models.AnnotationFile, ANNOTATION, ()),
    (models.EntityRegistry, ENTITIES, ()),
    (models.EventRegistry, EVENTS, ()),
    (models.UtteranceRegistry, UTTERANCES, ()),
    (models.ClaimGroupRegistry, CLAIM_GROUPS, ()),
    (models.DatasetInfo, DATASET, ()),
]


@pytest.mark.parametrize(
    ("model", "file_name", "path"),
    ROUND_TRIPS,
    ids=[
        f"{model.__name__}-{'/'.join(map(str, path)) or 'file'}" for model, _, path in ROUND_TRIPS
    ],
)
def test_round_trip(model: type[models.Record], file_name: str, path: tuple) -> None:
    sample = _get(valid_documents()[file_name], path)
    record = model.model_validate(sample)
    assert record.model_dump(mode="json") == sample

    as_json = record.model_dump_json()
    assert json.loads(as_json) == sample
    again = model.model_validate_json(as_json)
    assert again == record
    assert again.model_dump(mode="json") == sample

    # The project's own JSON style (what the corpus files are written in) reads back the same.
    assert model.model_validate_json(dumps_json(sample)) == record


def test_every_record_type_has_a_round_trip() -> None:
    def subclasses(cls: type) -> set[type]:
        found = set(cls.__subclasses__())
        for sub in list(found):
            found |= subclasses(sub)
        return found

    # Bases without fields of their own (navigation mixins) have nothing to round-trip.
    defined = {
        cls
        for cls in subclasses(models.Record)
        if cls.__module__ == models.__name__ and cls.model_fields
    }
    covered = {model for model, _, _ in ROUND_TRIPS}
    missing = sorted(cls.__name__ for cls in defined - covered)
    assert not missing, f"add a round-trip sample for {missing} to ROUND_TRIPS"


@pytest.mark.parametrize("file_name", sorted(SCHEMA_FILES))
def test_valid_documents_pass_model_and_schema(file_name: str) -> None:
    # The base of every mutation below: it must be valid, or the rejections prove nothing.
    document = valid_documents()[file_name]
    SCHEMA_FILES[file_name].model_validate(document)
    SCHEMA_FILES[file_name].model_validate_json(json.dumps(document))
    assert [error.message for error in validator_for(file_name).iter_errors(document)] == []


# --- strictness: the model and the schema reject the same mutations -----------------------------

_MISSING = object()


@dataclass(frozen=True)
class Mutation:
    """Change one value of a valid document: replace it, add an unknown key, or delete it."""

    file_name: str
    path: tuple[str | int, ...]
    value: Any = _MISSING  # _MISSING: delete the key
    new_key: bool = False

    def apply(self, document: dict[str, Any]) -> dict[str, Any]:
        parent = _get(document, self.path[:-1])
        key = self.path[-1]
        if self.new_key:
            assert key not in parent, f"{self.path} already exists"
        else:
            assert key in parent if isinstance(parent, dict) else key < len(parent), self.path
        if self.value is _MISSING:
            del parent[key]
        else:
            if callable(self.value):
                parent[key] = self.value(parent[key])
            else:
                parent[key] = self.value
        return document


def _replace(file_name: str, path: tuple, value: Any) -> Mutation:
    return Mutation(file_name, path, value)


def _unknown(file_name: str, path: tuple) -> Mutation:
    return Mutation(file_name, path, "surprise", new_key=True)


def _delete(file_name: str, path: tuple) -> Mutation:
    return Mutation(file_name, path)


START = ("quotes", 0, "content", 0, "start")
END = ("article", "segments", 0, "span", "end")

MUTATIONS = [
    # Wrong JSON type for an int: strict models take no string, boolean or float.
    pytest.param(_replace(ANNOTATION, START, str), id="int-as-string"),
    pytest.param(_replace(ANNOTATION, END, str), id="end-as-string"),
    pytest.param(_replace(ANNOTATION, START, True), id="int-as-true"),
    pytest.param(_replace(ANNOTATION, END, False), id="end-as-false"),
    pytest.param(_replace(ANNOTATION, START, float), id="int-as-float"),
    pytest.param(_replace(ANNOTATION, START, lambda start: start + 0.5), id="int-as-fraction"),
    pytest.param(_replace(ANNOTATION, START, -1), id="negative-start"),
    # Unknown fields, at every level.
    pytest.param(_unknown(ANNOTATION, ("comment",)), id="unknown-top-level"),
    pytest.param(_unknown(ANNOTATION, ("article", "publisher")), id="unknown-article"),
    pytest.param(_unknown(ANNOTATION, ("article", "segments", 0, "text")), id="unknown-segment"),
    pytest.param(_unknown(ANNOTATION, ("quotes", 0, "speaker_name")), id="unknown-quote"),
    pytest.param(_unknown(ANNOTATION, ("claims", 0, "spans", 0, "length")), id="unknown-span"),
    pytest.param(_unknown(ANNOTATION, ("article", "publication_date", "tz")), id="unknown-date"),
    pytest.param(_unknown(ENTITIES, ("entities", 0, "qid")), id="unknown-entity"),
    pytest.param(_unknown(EVENTS, ("events", 0, "place")), id="unknown-event"),
    pytest.param(
        _unknown(UTTERANCES, ("utterances", 0, "differences", 0, "readings", 0, "note")),
        id="unknown-reading",
    ),
    pytest.param(_unknown(CLAIM_GROUPS, ("claim_groups", 0, "stance")), id="unknown-claim-group"),
    pytest.param(_unknown(DATASET, ("license",)), id="unknown-dataset"),
    # Ids and references that break their pattern.
    pytest.param(
        _replace(ANNOTATION, ("article", "id"), "0123456789ABCDEF"), id="article-id-upper"
    ),
    pytest.param(_replace(ANNOTATION, ("article", "id"), "0123456789abcde"), id="article-id-short"),
    pytest.param(
        _replace(ANNOTATION, ("quotes", 0, "id"), "0123456789abcdef-q0"), id="quote-id-q0"
    ),
    pytest.param(
        _replace(ANNOTATION, ("quotes", 0, "id"), "0123456789abcdef-c1"), id="quote-id-as-claim"
    ),
    pytest.param(_replace(ANNOTATION, ("claims", 0, "id"), "c1"), id="claim-id-no-article"),
    pytest.param(
        _replace(ANNOTATION, ("article", "segments", 0, "id"), "0123456789abcdef-s01"),
        id="segment-id-leading-zero",
    ),
    pytest.param(_replace(ANNOTATION, ("quotes", 0, "speaker"), "Mike Pompeo"), id="speaker-ref"),
    pytest.param(_replace(ANNOTATION, ("article", "event"), "talks-resume"), id="event-ref"),
    pytest.param(_replace(ANNOTATION, ("quotes", 0, "utterance"), "pompeo"), id="utterance-ref"),
    pytest.param(_replace(ANNOTATION, ("claims", 0, "about", 0), "North Korea"), id="about-ref"),
    pytest.param(
        _replace(ANNOTATION, ("claims", 0, "supporting_quotes", 0), "q1"), id="supporting-ref"
    ),
    pytest.param(_replace(ENTITIES, ("entities", 0, "id"), "Mike_Pompeo"), id="entity-id"),
    pytest.param(_replace(EVENTS, ("events", 0, "id"), "talks-resume"), id="event-id"),
    pytest.param(
        _replace(UTTERANCES, ("utterances", 0, "members", 1), "fedcba9876543210"),
        id="utterance-member-ref",
    ),
    pytest.param(
        _replace(CLAIM_GROUPS, ("claim_groups", 0, "id"), "claim-group-"), id="claim-group-id"
    ),
    pytest.param(_replace(DATASET, ("version",), "1.0"), id="dataset-version"),
    pytest.param(
        _replace(ENTITIES, ("entities", 0, "id"), "mike-pompeo\n"), id="entity-id-trailing-newline"
    ),
    # Wikidata QIDs.
    pytest.param(_replace(ENTITIES, ("entities", 0, "wikidata"), "q473239"), id="qid-lowercase"),
    pytest.param(_replace(ENTITIES, ("entities", 0, "wikidata"), "473239"), id="qid-no-q"),
    pytest.param(_replace(ENTITIES, ("entities", 0, "wikidata"), "Q0"), id="qid-zero"),
    pytest.param(
        _replace(ENTITIES, ("entities", 0, "wikidata"), "Q0473239"), id="qid-leading-zero"
    ),
    pytest.param(_replace(ENTITIES, ("entities", 0, "wikidata"), "Q"), id="qid-no-digits"),
    pytest.param(
        _replace(ENTITIES, ("entities", 0, "wikidata"), "https://www.wikidata.org/wiki/Q473239"),
        id="qid-url",
    ),
    pytest.param(_replace(ENTITIES, ("entities", 0, "wikidata"), 473239), id="qid-int"),
    # Values outside an enumeration.
    pytest.param(_replace(ANNOTATION, ("quotes", 0, "kind"), "quoted"), id="enum-quote-kind"),
    pytest.param(_replace(ANNOTATION, ("quotes", 0, "medium"), "tweet"), id="enum-medium"),
    pytest.param(
        _replace(ANNOTATION, ("claims", 0, "check_worthiness"), "cfs"), id="enum-check-worthiness"
    ),
    pytest.param(_replace(ANNOTATION, ("claims", 0, "claim_types", 0), "opinion"), id="enum-type"),
    pytest.param(_replace(ANNOTATION, ("claims", 0, "claimant_role"), "author"), id="enum-role"),
    pytest.param(_replace(ANNOTATION, ("claims", 0, "stance"), "supports"), id="enum-stance"),
    pytest.param(
        _replace(ANNOTATION, ("article", "segments", 0, "kind"), "caption"), id="enum-segment"
    ),
    pytest.param(
        _replace(ANNOTATION, ("article", "publication_date", "precision"), "week"),
        id="enum-precision",
    ),
    pytest.param(_replace(ENTITIES, ("entities", 0, "type"), "Person"), id="enum-entity-type"),
    # Required fields, including required-but-nullable ones.
    pytest.param(_delete(ANNOTATION, ("quotes", 0, "speaker")), id="missing-nullable-speaker"),
    pytest.param(_delete(ANNOTATION, ("claims", 0, "stance")), id="missing-stance"),
    pytest.param(_delete(ANNOTATION, ("article", "segments")), id="missing-segments"),
    pytest.param(_replace(ANNOTATION, ("article", "language"), None), id="null-not-nullable"),
    pytest.param(_replace(ANNOTATION, ("quotes", 0, "content"), []), id="empty-content"),
    pytest.param(_replace(ANNOTATION, ("claims", 0, "spans", 0, "text"), ""), id="empty-text"),
    pytest.param(
        _replace(UTTERANCES, ("utterances", 0, "members"), ["0123456789abcdef-q1"]),
        id="utterance-one-member",
    ),
]


def _mutated(mutation: Mutation) -> dict[str, Any]:
    document = valid_documents()[mutation.file_name]
    return mutation.apply(document)


def _path_prefix(path: tuple, of: tuple) -> bool:
    return tuple(of[: len(path)]) == tuple(path)


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_model_rejects(mutation: Mutation) -> None:
    model = SCHEMA_FILES[mutation.file_name]
    document = _mutated(mutation)
    for validate in (
        lambda: model.model_validate(document),
        lambda: model.model_validate_json(json.dumps(document)),
    ):
        with pytest.raises(ValidationError) as caught:
            validate()
        locations = [error["loc"] for error in caught.value.errors()]
        assert any(_path_prefix(mutation.path, location) for location in locations), (
            f"rejected, but not at {mutation.path}: {locations}"
        )


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_schema_rejects(mutation: Mutation) -> None:
    # Through a JSON text and the validator's structure layer, as `annotated-news validate` sees it.
    document = json.loads(json.dumps(_mutated(mutation)))
    errors = list(validator_for(mutation.file_name).iter_errors(document))
    assert errors, f"the schema accepts the document with {mutation}"
    paths = [tuple(error.absolute_path) for error in errors]
    assert any(_path_prefix(path, mutation.path) for path in paths), (
        f"rejected, but not at {mutation.path}: {paths}"
    )


# JSON Schema read to the letter is looser than the models in two places, which is why the
# validator applies it through `StrictValidator`:
# - Draft 2020-12 defines an integer as any number with a zero fractional part, so a conforming
#   validator accepts 5.0 for `type: integer`; the strict models do not.
# - python-jsonschema matches `pattern` with `re.search`, where `$` also matches before a final
#   newline; pydantic's Rust regex (and ECMA 262) do not, so `id\n` would pass.
LOOSE_IN_PLAIN_JSON_SCHEMA = [
    pytest.param(_replace(ANNOTATION, START, float), id="int-as-float"),
    pytest.param(_replace(ENTITIES, ("entities", 0, "id"), "mike-pompeo\n"), id="trailing-newline"),
]


@pytest.mark.parametrize("mutation", LOOSE_IN_PLAIN_JSON_SCHEMA)
def test_plain_json_schema_accepts_what_strict_validator_rejects(mutation: Mutation) -> None:
    document = json.loads(json.dumps(_mutated(mutation)))
    assert list(Draft202012Validator(SCHEMAS[mutation.file_name]).iter_errors(document)) == []
    assert list(validator_for(mutation.file_name).iter_errors(document)) != []
    with pytest.raises(ValidationError):
        SCHEMA_FILES[mutation.file_name].model_validate(document)


# --- the span walker the corpus tests rely on ---------------------------------------------------


def test_walk_spans_finds_every_span() -> None:
    annotation = models.AnnotationFile.model_validate(valid_documents()[ANNOTATION])
    found = list(walk_spans(annotation))
    # 1 segment; 3 quotes x (content, source, cue); claim 1 spans + claimant_span; claim 2 spans.
    assert len(found) == 1 + 3 * 3 + 2 + 1
    assert ("quotes", 1, "source") in [path for path, _ in found]
    assert ("claims", 0, "claimant_span") in [path for path, _ in found]
    assert [path for path, span in found if span_problem(ARTICLE_TEXT, span)] == []


@pytest.mark.parametrize(
    ("start", "end", "text", "problem"),
    [
        (4, 4, "x", "not after"),
        (5, 4, "x", "not after"),
        (0, 10, "WASHINGTO", "is 'WASHINGTON'"),
        (len(ARTICLE_TEXT) - 1, len(ARTICLE_TEXT) + 1, "\n", "past the end"),
    ],
)
def test_span_problem_catches(start: int, end: int, text: str, problem: str) -> None:
    span = models.Span.model_construct(start=start, end=end, text=text)
    assert problem in (span_problem(ARTICLE_TEXT, span) or "")
