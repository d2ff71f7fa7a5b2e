"""The committed JSON Schema files are current, valid, versioned and documented."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import SCHEMA_DIR
from jsonschema import Draft202012Validator

from annotated_news import SCHEMA_VERSION
from annotated_news._io import dumps_json
from annotated_news.schema import DIALECT, SCHEMA_FILES, generate_schemas

REGENERATE = "run `python scripts/generate_schema.py` and commit the result"
GENERATED = generate_schemas()


def test_schema_files_are_exactly_the_generated_ones() -> None:
    committed = sorted(path.name for path in SCHEMA_DIR.glob("*.schema.json"))
    assert committed == sorted(GENERATED), (
        f"schema/ holds {committed}, the models generate {sorted(GENERATED)}: {REGENERATE}"
    )


@pytest.mark.parametrize("file_name", sorted(SCHEMA_FILES))
def test_committed_schema_is_current(file_name: str) -> None:
    path = SCHEMA_DIR / file_name
    assert path.is_file(), f"{path} is missing: {REGENERATE}"
    committed = path.read_bytes().decode("utf-8")
    assert committed == dumps_json(GENERATED[file_name]), (
        f"{path} differs from what the models generate: {REGENERATE}"
    )


def _committed(file_name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / file_name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("file_name", sorted(SCHEMA_FILES))
def test_schema_is_valid_draft_2020_12(file_name: str) -> None:
    schema = _committed(file_name)
    assert schema["$schema"] == DIALECT
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("file_name", sorted(SCHEMA_FILES))
def test_schema_id_carries_schema_version(file_name: str) -> None:
    schema_id = _committed(file_name)["$id"]
    assert SCHEMA_VERSION in schema_id.split(":"), (
        f"$id {schema_id!r} does not name schema version {SCHEMA_VERSION}: {REGENERATE}"
    )
    assert schema_id.endswith(":" + file_name.removesuffix(".schema.json"))


def test_schema_ids_are_unique() -> None:
    ids = [_committed(file_name)["$id"] for file_name in SCHEMA_FILES]
    assert len(set(ids)) == len(ids)


# --- every property is documented ---------------------------------------------------------------

# Keywords whose value is a subschema, a list of subschemas, or a name -> subschema mapping.
_SUBSCHEMA = (
    "items",
    "additionalProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contains",
    "propertyNames",
    "not",
    "if",
    "then",
    "else",
)
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMA_MAPS = ("$defs", "properties", "patternProperties", "dependentSchemas")


def walk_properties(schema: Any, path: str = "#") -> Iterator[tuple[str, Any]]:
    """(JSON pointer, subschema) of every property of every object schema, at any depth."""
    if not isinstance(schema, dict):
        return
    for name, subschema in (schema.get("properties") or {}).items():
        yield f"{path}/properties/{name}", subschema
    for keyword in _SUBSCHEMA:
        if isinstance(schema.get(keyword), dict):
            yield from walk_properties(schema[keyword], f"{path}/{keyword}")
    for keyword in _SUBSCHEMA_LISTS:
        for index, subschema in enumerate(schema.get(keyword) or []):
            yield from walk_properties(subschema, f"{path}/{keyword}/{index}")
    for keyword in _SUBSCHEMA_MAPS:
        for name, subschema in (schema.get(keyword) or {}).items():
            yield from walk_properties(subschema, f"{path}/{keyword}/{name}")


def undocumented(schema: dict[str, Any]) -> list[str]:
    return [
        pointer
        for pointer, subschema in walk_properties(schema)
        if not (isinstance(subschema, dict) and str(subschema.get("description", "")).strip())
    ]


@pytest.mark.parametrize("file_name", sorted(SCHEMA_FILES))
def test_every_property_has_a_description(file_name: str) -> None:
    schema = _committed(file_name)
    properties = list(walk_properties(schema))
    assert properties, "the walk found no properties at all"
    missing = undocumented(schema)
    assert not missing, (
        f"{file_name}: properties without a description (add one in models.py): {missing}"
    )


def test_walk_reaches_nested_definitions() -> None:
    pointers = [
        pointer for pointer, _ in walk_properties(_committed("annotation-file.schema.json"))
    ]
    for expected in (
        "#/properties/article",
        "#/$defs/Quote/properties/speaker",
        "#/$defs/Span/properties/start",
        "#/$defs/PartialDate/properties/precision",
    ):
        assert expected in pointers


def test_undocumented_property_is_caught() -> None:
    schema = {
        "type": "object",
        "properties": {"documented": {"type": "string", "description": "Yes."}},
        "$defs": {
            "Inner": {
                "type": "object",
                "properties": {
                    "blank": {"type": "string", "description": "  "},
                    "nested": {
                        "anyOf": [
                            {"type": "object", "properties": {"deep": {"type": "integer"}}},
                            {"type": "null"},
                        ],
                        "description": "Has one.",
                    },
                },
            }
        },
    }
    assert undocumented(schema) == [
        "#/$defs/Inner/properties/blank",
        "#/$defs/Inner/properties/nested/anyOf/0/properties/deep",
    ]
