"""JSON Schema (Draft 2020-12) of the corpus files, generated from the models."""

from __future__ import annotations

import re
from typing import Any

from ._version import SCHEMA_VERSION
from .models import (
    AnnotationFile,
    ClaimGroupRegistry,
    DatasetInfo,
    EntityRegistry,
    EventRegistry,
    Record,
    UtteranceRegistry,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def python_pattern(pattern: str) -> str:
    """A schema pattern as Python's `re` must read it to match what the models match: ECMA-262 `$`
    (no multiline flag) matches only at the very end, which Python spells `\\Z` (its `$` also
    matches before a final newline)."""
    return re.sub(r"(?<!\\)\$", r"\\Z", pattern)


# Schema file name -> the model of the corpus file it describes.
SCHEMA_FILES: dict[str, type[Record]] = {
    "annotation-file.schema.json": AnnotationFile,
    "entities.schema.json": EntityRegistry,
    "events.schema.json": EventRegistry,
    "utterances.schema.json": UtteranceRegistry,
    "claim-groups.schema.json": ClaimGroupRegistry,
    "dataset.schema.json": DatasetInfo,
}


def schema_file_of(model: type[Record]) -> str:
    """The name of the schema file that describes a corpus file of `model`."""
    return next(name for name, described in SCHEMA_FILES.items() if described is model)


def schema_id(file_name: str) -> str:
    """A URN, not a URL: the schema is identified by name and version, fetched from nowhere."""
    return f"urn:annotated-news:schema:{SCHEMA_VERSION}:{file_name.removesuffix('.schema.json')}"


def generate_schemas() -> dict[str, dict[str, Any]]:
    """Every schema file's content, keyed by file name."""
    schemas = {}
    for file_name, model in SCHEMA_FILES.items():
        body = model.model_json_schema(mode="validation")
        schemas[file_name] = {"$schema": DIALECT, "$id": schema_id(file_name), **body}
    return schemas
