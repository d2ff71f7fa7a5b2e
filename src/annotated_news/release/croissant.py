"""`croissant.json`: the release described in Croissant 1.1, one RecordSet per config.

Fields follow the way the Hugging Face dataset viewer maps features to Croissant: a struct is a
field with `subField`s reading its members through `jsonPath`, a list has `isArray`, a class label
is an `sc:Integer` (its names are in the description). What `mlcroissant` 1.1 can load sets the
limits: inside a list of structs it reads one level of members, so a struct there is flattened into
its parent's members (`segments/span/start`), and a list of structs inside a list of structs is
left out of the record set (its record set's description says where those values are).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datasets import ClassLabel, List, Value

from .checksums import sha256
from .features import COLUMNS, SUMMARIES, Column
from .summary import Summary

CONFORMS_TO = "http://mlcommons.org/croissant/1.1"

# The JSON-LD context mlcroissant writes for Croissant 1.1 (mlcroissant._src.core.rdf.make_context).
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileObject": "cr:fileObject",
    "fileProperty": "cr:fileProperty",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

DATA_TYPES = {"string": "sc:Text", "int64": "sc:Integer", "bool": "sc:Boolean"}


def croissant(
    summary: Summary,
    release_dir: Path,
    parquet_files: dict[str, str],
    *,
    title: str,
    citation: str,
    keywords: list[str],
) -> dict[str, Any]:
    """The Croissant document of a release whose parquet files (config -> path relative to the
    release folder) are already written."""
    distribution = []
    record_sets = []
    for config, relative in parquet_files.items():
        path = release_dir / relative
        file_id = f"{config}-parquet"
        distribution.append(
            {
                "@type": "cr:FileObject",
                "@id": file_id,
                "name": file_id,
                "description": f"The `{config}` config.",
                "contentUrl": relative,
                "contentSize": f"{path.stat().st_size} B",
                "encodingFormat": "application/x-parquet",
                "sha256": sha256(path),
            }
        )
        record_sets.append(_record_set(config, file_id))
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": summary.info.name,
        "alternateName": title,
        "description": summary.info.description,
        "version": summary.version,
        "inLanguage": summary.languages,
        "keywords": keywords,
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "conditionsOfAccess": f"The annotations are under CC BY 4.0. {summary.info.text_rights}",
        # The release folder does not know where it will be published; its dataset card,
        # relative to this file, is the dataset's page wherever the folder is put.
        "url": "README.md",
        "creator": {"@type": "Organization", "name": "annotated-news developers"},
        "citeAs": citation,
        "isLiveDataset": False,
        "distribution": distribution,
        "recordSet": record_sets,
    }


def _record_set(config: str, file_id: str) -> dict[str, Any]:
    omitted: list[str] = []
    fields = [_field(column, config, file_id, omitted) for column in COLUMNS[config]]
    key = "id" if any(column.name == "id" for column in COLUMNS[config]) else "article_id"
    description = SUMMARIES[config]
    if omitted:
        description += (
            " Left out of this record set, because Croissant loaders cannot read a list of "
            "structs inside a list of structs: " + ", ".join(f"`{path}`" for path in omitted)
            + "; the parquet file has them."
        )
    return {
        "@type": "cr:RecordSet",
        "@id": config,
        "name": config,
        "description": description,
        "key": {"@id": f"{config}/{key}"},
        "field": fields,
    }


def _field(column: Column, config: str, file_id: str, omitted: list[str]) -> dict[str, Any]:
    """The field of a top-level column: a leaf, a struct or a list of structs."""
    field_id = f"{config}/{column.name}"
    if not column.children:
        return _leaf(column, field_id, column.name, file_id, column.name, [])
    field: dict[str, Any] = {
        "@type": "cr:Field",
        "@id": field_id,
        "name": column.name,
        "description": _description(column),
        "subField": list(_members(column, field_id, column.name, file_id, [], omitted)),
    }
    if isinstance(column.feature, List):
        field["isArray"] = True
        field["arrayShape"] = "-1"
    return field


def _members(
    parent: Column,
    id_prefix: str,
    column: str,
    file_id: str,
    json_path: list[str],
    omitted: list[str],
    context: str = "",
):
    """The member fields of a struct, or of each struct of a list, read with `jsonPath`.

    A struct member is flattened into its parent's members (`segments/span/start`): loaders read
    one level of members. A list of structs inside is left out and noted in `omitted`.
    """
    for child in parent.children:
        child_id = f"{id_prefix}/{child.name}"
        child_path = [*json_path, child.name]
        if not child.children:
            leaf = _leaf(child, child_id, child_id.split("/", 1)[1], file_id, column, child_path)
            leaf["description"] = context + leaf["description"]
            yield leaf
        elif isinstance(child.feature, List):
            omitted.append(child_id.split("/", 1)[1])
        else:
            within = f"{context}`{child.name}`: {child.description} "
            yield from _members(child, child_id, column, file_id, child_path, omitted, within)


def _leaf(
    column: Column, field_id: str, name: str, file_id: str, source: str, json_path: list[str]
) -> dict[str, Any]:
    """A field holding a value, or a list of values, of one type."""
    is_list = isinstance(column.feature, List)
    field: dict[str, Any] = {
        "@type": "cr:Field",
        "@id": field_id,
        "name": name,
        "description": _description(column),
        "dataType": _data_type(column.feature.feature if is_list else column.feature),
        "source": {"fileObject": {"@id": file_id}, "extract": {"column": source}},
    }
    if json_path:
        field["source"]["transform"] = {"jsonPath": ".".join(json_path)}
    if is_list:
        field["isArray"] = True
        field["arrayShape"] = "-1"
    return field


def _data_type(feature: Any) -> str:
    if isinstance(feature, ClassLabel):
        return "sc:Integer"
    if isinstance(feature, Value) and feature.dtype in DATA_TYPES:
        return DATA_TYPES[feature.dtype]
    raise TypeError(f"no Croissant data type for {feature}")


def _description(column: Column) -> str:
    feature = column.feature.feature if isinstance(column.feature, List) else column.feature
    if isinstance(feature, ClassLabel):
        classes = ", ".join(f"{index} = {name}" for index, name in enumerate(feature.names))
        return f"{column.description} Class index: {classes}."
    return column.description
