"""Structure: the published JSON Schema, applied with jsonschema (Draft 2020-12, formats checked).

Two rules the schema states but python-jsonschema reads more loosely are applied as the models read
them: an integer is written without a fraction (`5.0` is not an integer here, as in pydantic strict
mode), and a pattern's `$` means the end of the string (Python's `re.search` also lets it match
before a final newline).
"""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators

from ..._paths import default_schema_dir
from ...schema import python_pattern
from ..context import FileIssues
from ..source import pointer_join

_KEYWORD_CODES = {
    "required": "missing-field",
    "additionalProperties": "unknown-field",
    "type": "wrong-type",
    "pattern": "pattern-mismatch",
    "enum": "invalid-value",
    "const": "invalid-value",
    "minLength": "empty-value",
    "minItems": "empty-value",
    "minimum": "out-of-range",
}


def _is_integer(_checker, instance: Any) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


def _pattern(validator, pattern: str, instance: Any, schema: dict):
    if isinstance(instance, str) and not _ecma_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _ecma_pattern(pattern: str) -> re.Pattern:
    return re.compile(python_pattern(pattern))


StrictValidator = validators.extend(
    Draft202012Validator,
    validators={"pattern": _pattern},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer),
)


@cache
def validator_for(schema_file: str) -> Draft202012Validator:
    schema = json.loads((default_schema_dir() / schema_file).read_text(encoding="utf-8"))
    return StrictValidator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def check_structure(data: Any, schema_file: str, issues: FileIssues) -> bool:
    """Report every schema violation in `data`; True when there is none."""
    errors = sorted(
        validator_for(schema_file).iter_errors(data),
        key=lambda error: (list(map(str, error.absolute_path)), error.validator),
    )
    for error in errors:
        _report(_most_specific(error), issues)
    return not errors


def _most_specific(error: ValidationError) -> ValidationError:
    # A nullable field fails `anyOf: [{...}, {type: null}]`; the useful error is the non-null branch.
    while error.validator in ("anyOf", "oneOf") and error.context:
        non_null = [sub for sub in error.context if sub.validator != "type" or sub.validator_value != "null"]
        error = min(non_null or error.context, key=lambda sub: len(sub.relative_path))
        if error.validator not in ("anyOf", "oneOf"):
            break
    return error


def _report(error: ValidationError, issues: FileIssues) -> None:
    pointer = ""
    for part in error.absolute_path:
        pointer = pointer_join(pointer, part)
    code = _KEYWORD_CODES.get(error.validator, "wrong-type")
    field = pointer.rsplit("/", 1)[-1] or "(file)"
    value = error.instance
    if code == "missing-field":
        name = re.match(r"'(.*)' is a required property", error.message)
        missing = name.group(1) if name else error.message
        pointer = pointer_join(pointer, missing)
        message = f"required field {missing!r} is missing"
        hint = "add it; write null where the value is unknown"
    elif code == "unknown-field":
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        for name in extra:
            issues.add(
                code,
                f"unknown field {name!r}",
                pointer=pointer_join(pointer, name),
                hint=_closest_hint(name, error.schema.get("properties", {}))
                or f"remove it; allowed here: {', '.join(error.schema.get('properties', {}))}",
            )
        return
    elif code == "wrong-type":
        expected = error.validator_value
        message = f"{field}: expected {_type_words(expected)}, found {_json_type(value)} {_short(value)}"
        hint = "types are strict: no quoted numbers, no 5.0 for an integer, no true/false for numbers"
    elif code == "pattern-mismatch":
        message = f"{field}: {_short(value)} does not have the required form {error.validator_value}"
        hint = _pattern_hint(error.validator_value, value)
    elif code == "invalid-value":
        allowed = error.validator_value if error.validator == "enum" else [error.validator_value]
        message = f"{field}: {_short(value)} is not one of {', '.join(map(str, allowed))}"
        hint = _closest_hint(str(value), allowed) or f"use one of {', '.join(map(str, allowed))}"
    elif code == "empty-value":
        message = f"{field}: needs at least {error.validator_value} {'character' if isinstance(value, str) else 'item'}(s)"
        hint = "fill it in, or remove the record"
    else:
        message = f"{field}: {_short(value)} is below the minimum {error.validator_value}"
        hint = "offsets count from 0 and are never negative"
    issues.add(code, message, pointer=pointer, hint=hint)


def _type_words(expected: Any) -> str:
    return " or ".join(expected) if isinstance(expected, list) else str(expected)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object"}.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except RecursionError:  # nested deeper than the encoder recurses
        text = "[...]" if isinstance(value, list) else "{...}"
    return text if len(text) <= 60 else text[:57] + "..."


def _pattern_hint(pattern: str, value: Any) -> str:
    if isinstance(value, str) and value != value.strip():
        return f"remove the white space at the start or end of the value ({value!r})"
    if "Q[1-9]" in pattern:
        return "a Wikidata QID is Q followed by digits, e.g. Q22686; leave it out when unsure"
    if "[0-9a-f]{64}" in pattern:
        return "the SHA-256 of the text file's bytes as 64 lowercase hex digits"
    if "[0-9]{4}" in pattern:
        return "write the date as YYYY-MM-DD, YYYY-MM or YYYY"
    if r"\." in pattern:
        return "a version is MAJOR.MINOR.PATCH, e.g. 1.0.0"
    if "https?" in pattern:
        return "an http:// or https:// address without spaces, or null when not known"
    if "[a-z]{2,3}" in pattern:
        return "a BCP-47 language tag, e.g. en or en-GB"
    if "[0-9a-f]{16}" in pattern:
        return "article ids are 16 lowercase hex digits; quote, claim and segment ids add -q<n>, -c<n>, -s<n>"
    return "ids are lowercase words joined by single hyphens, with the prefix of their kind"


def _closest_hint(value: str, candidates) -> str | None:
    match = difflib.get_close_matches(value, [str(candidate) for candidate in candidates], n=1)
    return f"did you mean {match[0]!r}?" if match else None
