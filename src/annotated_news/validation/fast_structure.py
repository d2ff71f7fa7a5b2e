"""The fast structure engine: the models' rules, compiled to msgspec, for the clean files of a large corpus.

At 100,000 articles the structure check is the largest cost of validation: pydantic's
`model_validate_json` takes about twice as long per file as msgspec decoding into typed structs. The
structs here are derived from the pydantic models, field by field (types, nullability, literals,
patterns, lengths, bounds, unknown fields forbidden), so the models stay the one source of truth.
msgspec checks all but the patterns while it decodes; the settler, generated per model, matches the
patterns after (see `_Pattern`).

The engine only ever says "clean" or "not sure". A file it accepts satisfies the models, and then its
struct stands in for the model instance (the same attribute names and defaults). Anything else goes
to the reference path (JSON parser with the file-level checks, the JSON Schema, the models), which
says exactly what is wrong; that path also takes the rare valid files this engine turns down (a
string holding `":`, which counts as a key token). `tests/test_validation_differential.py` checks on
mutated documents that whatever this engine accepts, the models accept.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
import msgspec
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..models import default_maker, find_in_annotation, nested_model
from ..schema import python_pattern
from .source import key_tokens

_UNION_TYPES = (Union, types.UnionType)


@cache
def struct_for(model: type[BaseModel]) -> type[msgspec.Struct]:
    """A msgspec struct type with the fields and constraints of `model`.

    A field with a default defaults to `UNSET` here, so that `_settler` can tell a key left out
    from one written with its default value: it counts the keys a file was decoded from.
    """
    fields = []
    for name, info in model.model_fields.items():
        annotation = _field_type(info)
        if info.is_required():
            fields.append((name, annotation))
        else:
            fields.append((name, annotation | msgspec.UnsetType, msgspec.UNSET))
    # Trees of records never form cycles: untracked by the garbage collector, a million decoded
    # records cost it nothing.
    return msgspec.defstruct(model.__name__, fields, kw_only=True, forbid_unknown_fields=True, gc=False)


def _field_type(info: FieldInfo) -> Any:
    return _constrained(_msgspec_type(info.annotation), info.metadata)


def _msgspec_type(annotation: Any) -> Any:
    origin = get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return struct_for(annotation)
    if origin is Annotated:
        base, *extras = get_args(annotation)
        metadata = [item for extra in extras for item in (extra.metadata if isinstance(extra, FieldInfo) else [extra])]
        return _constrained(_msgspec_type(base), metadata)
    if origin in _UNION_TYPES:
        options = [_msgspec_type(option) for option in get_args(annotation)]
        return Union[tuple(options)]
    if origin is list:
        (item,) = get_args(annotation)
        return list[_msgspec_type(item)]
    if origin is Literal or annotation in (str, int, type(None)):
        return annotation
    raise TypeError(f"no msgspec form for the model annotation {annotation!r}")


def _constrained(annotation: Any, metadata: list[Any]) -> Any:
    constraints: dict[str, Any] = {}
    for item in metadata:
        for name, value in _constraints_of(item):
            constraints[name] = value
    if not constraints:
        return annotation
    # Patterns are matched by the settler (`_Pattern`), not by msgspec.
    pattern = constraints.pop("pattern", None)
    metadata = ([msgspec.Meta(**constraints)] if constraints else []) + ([_pattern(pattern)] if pattern else [])
    # A constraint on `X | None` constrains X, as in pydantic.
    if get_origin(annotation) in _UNION_TYPES:
        options = [option for option in get_args(annotation) if option is not type(None)]
        (option,) = options
        return Union[Annotated[(option, *metadata)], None]
    return Annotated[(annotation, *metadata)]


def _constraints_of(item: Any) -> list[tuple[str, Any]]:
    if isinstance(item, annotated_types.Ge):
        return [("ge", item.ge)]
    if isinstance(item, annotated_types.MinLen):
        return [("min_length", item.min_length)]
    # pydantic keeps `Field(pattern=...)` as a metadata object with that one attribute.
    if getattr(item, "__dict__", {}).keys() == {"pattern"}:
        return [("pattern", python_pattern(item.pattern))]
    # A constraint the models gain later must be translated here, not skipped.
    raise TypeError(f"no msgspec form for the constraint {item!r}")


# --- patterns ---------------------------------------------------------------------------------------


class _Pattern:
    """A pattern that strings of a field must match, with the strings already seen to match it.

    msgspec matches a pattern by a method call per string: 29 µs of the 49 µs it took to decode an
    article of the synthetic corpus. The settler matches instead, and only strings it has not seen
    match: most are references to registry records (speakers, claimants, groups), each named by
    many articles. The strings kept are bounded, so memory does not grow with the corpus.
    """

    LIMIT = 1 << 15

    def __init__(self, pattern: str) -> None:
        self.search = re.compile(pattern).search
        self.known: set[str] = set()

    def vouch(self, value: str) -> bool:
        """Whether `value` matches; remembered when it does."""
        if self.search(value) is None:
            return False
        if len(self.known) >= self.LIMIT:
            self.known.clear()
        self.known.add(value)
        return True


@cache
def _pattern(pattern: str) -> _Pattern:
    return _Pattern(pattern)


class _Declined(Exception):
    """A string does not match its pattern: the reference path must decide."""


def _pattern_of(annotation: Any) -> tuple[_Pattern, bool] | None:
    """The pattern of a struct field's strings, and whether the field is a list of them."""
    return find_in_annotation(annotation, _pattern_marker)


def _pattern_marker(annotation: Any) -> _Pattern | None:
    if get_origin(annotation) is not Annotated:
        return None
    return next((item for item in annotation.__metadata__ if isinstance(item, _Pattern)), None)


def _patterns_in(annotation: Any) -> int:
    if isinstance(annotation, _Pattern):
        return 1
    return sum(_patterns_in(part) for part in get_args(annotation))


# --- settling what was decoded ---------------------------------------------------------------------


@cache
def _settler(model: type[BaseModel]) -> Callable[[msgspec.Struct], int]:
    """A function that gives every key a record of `model` left out its model default, in place,
    checks its strings against their patterns (raising `_Declined`), and returns the number of keys
    the record (at every depth) was decoded from.

    Generated as straight-line code from the model's fields, as `dataclasses` generates
    `__init__`: a loop over field descriptions cost three times as much, at a million records a
    run. Only field names of our own models go into the code, never data. A child record whose
    fields are all required and plain (a span, a date) always has every key: it is counted, not
    visited.
    """
    namespace: dict[str, Any] = {"UNSET": msgspec.UNSET}
    lines = ["def settle(record):", f"    count = {len(model.model_fields)}"]
    for name, info in model.model_fields.items():
        if not info.is_required():
            namespace[f"default_{name}"] = default_maker(info)
            lines += [f"    if record.{name} is UNSET:",
                      f"        record.{name} = default_{name}()",
                      "        count -= 1"]
    for field in msgspec.structs.fields(struct_for(model)):
        found = _pattern_of(field.type)
        if _patterns_in(field.type) != (found is not None):  # a pattern left unchecked would let any string by
            raise TypeError(f"no settler form for the patterns of {model.__name__}.{field.name}")
        if found is None:
            continue
        pattern, many = found
        name = field.name
        # A record's own id is never seen again: matched, not remembered.
        if name == "id":
            namespace[f"search_{name}"] = pattern.search
            check = [f"if search_{name}(item) is None:"]
        else:
            namespace[f"known_{name}"], namespace[f"vouch_{name}"] = pattern.known, pattern.vouch
            check = [f"if item not in known_{name} and not vouch_{name}(item):"]
        check.append("    raise Declined")
        lines += [f"    value = record.{name}", "    if value is not None:"]
        lines += (["        for item in value:"] + [f"            {line}" for line in check] if many
                  else ["        item = value"] + [f"        {line}" for line in check])
    namespace["Declined"] = _Declined
    for name, info in model.model_fields.items():
        found = nested_model(info.annotation)
        if found is None:
            continue
        child, many = found
        lines += [f"    value = record.{name}", "    if value is not None:"]
        fixed = _fixed_keys(child)
        if fixed:
            lines.append(f"        count += {fixed} * len(value)" if many else f"        count += {fixed}")
        else:
            namespace[f"settle_{name}"] = _settler(child)
            lines += ["        for item in value:", f"            count += settle_{name}(item)"] if many else [
                f"        count += settle_{name}(value)"]
    lines.append("    return count")
    exec("\n".join(lines), namespace)
    return namespace["settle"]


def _fixed_keys(model: type[BaseModel]) -> int:
    """The number of keys of every record of `model` when that is fixed and nothing in it needs
    settling (all fields required, none holding records or taking a pattern); else 0."""
    fields = model.model_fields.values()
    if (all(info.is_required() and nested_model(info.annotation) is None for info in fields)
            and not any(_pattern_of(field.type) for field in msgspec.structs.fields(struct_for(model)))):
        return len(fields)
    return 0


@cache
def _decoder(model: type[BaseModel]) -> msgspec.json.Decoder:
    return msgspec.json.Decoder(struct_for(model))


def fast_structure(raw: bytes, model: type[BaseModel]) -> msgspec.Struct | None:
    """The record in `raw` when it is certainly valid by `model`, with no key written twice; None
    when the reference path must decide."""
    try:
        record = _decoder(model).decode(raw)
    except (msgspec.MsgspecError, UnicodeDecodeError):  # msgspec's own errors, and bytes that are not UTF-8
        return None
    try:
        keys = _settler(model)(record)
    except _Declined:
        return None
    # msgspec keeps the last of two equal keys; key_tokens counts every key written.
    return record if keys == key_tokens(raw) else None
