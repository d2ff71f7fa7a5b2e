"""The structure layer, the models and the fast engine accept and reject the same documents.

The validator's structure layer applies the published JSON Schema (`StrictValidator`); the loader
applies the pydantic models; the fast engine (`fast_structure`) applies msgspec structs derived
from the models. A document one accepts and another rejects is a bug in one of them, so hypothesis
mutates valid documents (the base fixture, the real corpus, the hand-built test documents, synthetic
articles) in the ways annotators and tools get them wrong and compares the verdicts. The fast
engine may decline a valid document (the reference path then decides), never accept an invalid one.

Strings with an unpaired surrogate are not generated: the file layer replaces them (and reports
`unpaired-surrogate`) before the structure layer sees the document.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest
from conftest import CORPUS_DIR, synthetic_generator, valid_documents
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from validation_fixtures import BASE

from annotated_news.models import Span
from annotated_news.schema import SCHEMA_FILES
from annotated_news.validation.checks.structure import validator_for
from annotated_news.validation.fast_structure import fast_structure

# Which schema each corpus file follows.
SCHEMA_OF = {
    "dataset.json": "dataset.schema.json",
    "entities.json": "entities.schema.json",
    "events.json": "events.schema.json",
    "utterances.json": "utterances.schema.json",
    "claim_groups.json": "claim-groups.schema.json",
}
ANNOTATION_SCHEMA = "annotation-file.schema.json"


def _valid_texts() -> dict[str, list[str]]:
    """Every valid document as JSON text, by schema file; parsing a text is a cheap deep copy."""
    texts: dict[str, list[str]] = {name: [] for name in SCHEMA_FILES}
    for root in (BASE, CORPUS_DIR):
        for name, schema_file in SCHEMA_OF.items():
            texts[schema_file].append((root / name).read_text(encoding="utf-8"))
        for path in sorted((root / "articles").glob("*.json")):
            texts[ANNOTATION_SCHEMA].append(path.read_text(encoding="utf-8"))
    for schema_file, document in valid_documents().items():
        texts[schema_file].append(json.dumps(document))
    generator = synthetic_generator().Generator(seed=7, articles=40)
    for position in range(0, 40, 4):
        _, annotation, _ = generator.article(position)
        texts[ANNOTATION_SCHEMA].append(json.dumps(annotation, ensure_ascii=False))
    return texts


VALID = _valid_texts()


def schema_accepts(schema_file: str, document: Any) -> bool:
    return next(validator_for(schema_file).iter_errors(document), None) is None


def model_accepts(schema_file: str, document: Any) -> bool:
    """The model's verdict on the parsed document (as the runner validates it) and on its JSON
    text (as `load` reads it): the two must agree."""
    model = SCHEMA_FILES[schema_file]
    verdicts = []
    for validate, value in (
        (model.model_validate, document),
        (model.model_validate_json, json.dumps(document)),
    ):
        try:
            validate(value)
            verdicts.append(True)
        except ValidationError:
            verdicts.append(False)
    assert verdicts[0] == verdicts[1], f"{model.__name__}: Python and JSON validation disagree"
    return verdicts[0]


# --- mutations ------------------------------------------------------------------------------------

Location = tuple[Any, Any]  # (container, key or index)


def _locations(node: Any) -> list[Location]:
    found: list[Location] = []
    stack = [node]
    while stack:
        current = stack.pop()
        keys = (
            current.keys()
            if isinstance(current, dict)
            else range(len(current))
            if isinstance(current, list)
            else ()
        )
        for key in keys:
            found.append((current, key))
            stack.append(current[key])
    return found


def _containers(node: Any, kind: type) -> list[Any]:
    return [node] * isinstance(node, kind) + [
        container[key] for container, key in _locations(node) if isinstance(container[key], kind)
    ]


ODD_VALUES = [
    0,
    1,
    5,
    5.0,
    -1,
    -0.5,
    2**70,
    "5",
    "",
    " ",
    "\n",
    True,
    False,
    None,
    [],
    {},
    [1],
    {"a": 1},
    "not-a-value",
    "Q42",
    "q42",
    "2019",
    "2019-06",
    "2019-02-30",
    "0123456789abcdef",
    "0123456789abcdef-q1",
    "0123456789abcdef-c0",
    "event-x",
    "utterance-x",
    "claim-group-x",
    "mike-pompeo",
    "Mike Pompeo",
    "direct",
    "asserts",
    "day",
    "outlet",
    "1.0.0",
    "en",
    "https://example.com/x",
    "a" * 64,
]


@st.composite
def replacement(draw, old: Any) -> Any:
    """A value of another JSON type or form than `old`, or a near miss of it."""
    derived: list[Any] = []
    if isinstance(old, bool):
        derived = [not old, int(old)]
    elif isinstance(old, int):
        derived = [float(old), str(old), -old - 1, old + 0.5, old + 1]
    elif isinstance(old, str):
        derived = [old + "\n", " " + old, old.upper(), old[:-1], old + old, old + "-", f"{old}\t"]
    elif isinstance(old, list):
        derived = [[], old[:1], old + old[:1], [None], old[::-1]]
    elif isinstance(old, dict):
        derived = [{}, dict(list(old.items())[:1])]
    return draw(
        st.sampled_from(derived or [None])
        | st.sampled_from(ODD_VALUES)
        | st.text(max_size=6)
        | st.integers(-3, 3)
    )


def _fresh(value: Any) -> Any:
    # A copy, so that later mutations never change ODD_VALUES or another part of the document.
    return json.loads(json.dumps(value))


@st.composite
def mutated(draw, schema_file: str) -> Any:
    document = json.loads(draw(st.sampled_from(VALID[schema_file])))
    for _ in range(draw(st.integers(1, 2))):
        kind = draw(st.sampled_from(["replace", "replace", "drop", "add", "list"]))
        locations = _locations(document)
        members = [(container, key) for container, key in locations if isinstance(container, dict)]
        objects, lists = _containers(document, dict), _containers(document, list)
        if kind == "replace" and locations:
            container, key = draw(st.sampled_from(locations))
            container[key] = _fresh(draw(replacement(container[key])))
        elif kind == "drop" and members:
            container, key = draw(st.sampled_from(members))
            del container[key]
        elif kind == "add" and objects:
            target = draw(st.sampled_from(objects))
            name = draw(
                st.sampled_from(["surprise", "Id", "ID", "text", "note", "notes", "id", "speaker"])
            )
            target[name] = _fresh(draw(st.sampled_from(ODD_VALUES)))
        elif kind == "list" and lists:
            target = draw(st.sampled_from(lists))
            if target and draw(st.booleans()):
                target.append(_fresh(draw(st.sampled_from(target))))
            else:
                target.clear()
        note(f"after {kind}: {json.dumps(document, ensure_ascii=False)[:2000]}")
    return document


def _explain(schema_file: str, document: Any) -> str:
    schema_errors = [
        f"{list(error.absolute_path)}: {error.message}"
        for error in validator_for(schema_file).iter_errors(document)
    ]
    try:
        SCHEMA_FILES[schema_file].model_validate(document)
        model_errors: list[str] = []
    except ValidationError as error:
        model_errors = [f"{list(item['loc'])}: {item['msg']}" for item in error.errors()]
    return f"schema says {schema_errors[:5]}; model says {model_errors[:5]}"


# --- the properties ------------------------------------------------------------------------------


@pytest.mark.parametrize("schema_file", sorted(SCHEMA_FILES))
def test_valid_documents_pass_both(schema_file):
    assert len(VALID[schema_file]) >= 3  # base, corpus and the hand-built documents
    for text in VALID[schema_file]:
        document = json.loads(text)
        assert schema_accepts(schema_file, document), _explain(schema_file, document)
        assert model_accepts(schema_file, document), _explain(schema_file, document)


@pytest.mark.parametrize("schema_file", sorted(SCHEMA_FILES))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_schema_and_models_agree_on_mutations(schema_file, data):
    document = data.draw(mutated(schema_file))
    assert schema_accepts(schema_file, document) == model_accepts(schema_file, document), _explain(
        schema_file, document
    )


@pytest.mark.parametrize("schema_file", sorted(SCHEMA_FILES))
def test_fast_engine_reads_valid_documents_as_the_models_do(schema_file):
    model = SCHEMA_FILES[schema_file]
    for text in VALID[schema_file]:
        for raw in (text.encode(), json.dumps(json.loads(text), indent=2, ensure_ascii=False).encode()):
            record = fast_structure(raw, model)
            assert record is not None, f"the fast engine declines a valid {model.__name__}"
            # Every field, defaults filled in as the models fill them.
            assert msgspec.to_builtins(record) == model.model_validate_json(raw).model_dump(mode="json")


@pytest.mark.parametrize("schema_file", sorted(SCHEMA_FILES))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_engine_accepts_only_what_the_models_accept(schema_file, data):
    document = data.draw(mutated(schema_file))
    raw = json.dumps(document, indent=data.draw(st.sampled_from([None, 2])), ensure_ascii=data.draw(st.booleans()))
    if fast_structure(raw.encode(), SCHEMA_FILES[schema_file]) is not None:
        assert model_accepts(schema_file, document), _explain(schema_file, document)


@pytest.mark.parametrize("schema_file", sorted(SCHEMA_FILES))
def test_fast_engine_declines_every_broken_string_the_models_reject(schema_file):
    # Not left to chance: each string of each valid document in turn gets a newline at its end,
    # which breaks every pattern, wherever the pattern sits (a field, a list item, a nested record).
    model, checked = SCHEMA_FILES[schema_file], 0
    for text in VALID[schema_file]:
        document = json.loads(text)
        for container, key in _locations(document):
            if not isinstance(container[key], str):
                continue
            container[key] += "\n"
            if fast_structure(json.dumps(document).encode(), model) is not None:
                assert model_accepts(schema_file, document), _explain(schema_file, document)
            else:
                checked += 1
            container[key] = container[key][:-1]
    assert checked  # some strings do take a pattern


@pytest.mark.parametrize("written", [
    '{"start": 1, "end": 2, "text": "a", "text": "b"}',  # the models keep the last: still a duplicate
    '{"start": 1, "end": 2, "text" : "a", "text":"b"}',
    '{"start": 1, "end": 2, "text"\n:"a", "end": 2}',
])
def test_fast_engine_declines_a_key_written_twice(written):
    assert Span.model_validate_json(written)  # the models alone would let it through
    assert fast_structure(written.encode(), Span) is None


@pytest.mark.parametrize("written", [
    '{"start": 1, "end": 2, "text": "\\ud800"}',  # an escaped lone surrogate
    b'{"start": 1, "end": 2, "text": "\xff"}',  # not UTF-8
    '{"start": true, "end": 2, "text": "a"}',
    '{"start": 1.0, "end": 2, "text": "a"}',
    '{"start": 1, "end": 2, "text": "a"} x',
])
def test_fast_engine_declines_what_the_reference_path_must_report(written):
    raw = written if isinstance(written, bytes) else written.encode()
    assert fast_structure(raw, Span) is None
