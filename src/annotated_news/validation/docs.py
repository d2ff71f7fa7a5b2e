"""The validation codes page, generated from the catalog."""

from __future__ import annotations

from .catalog import CATALOG

LAYERS = {
    "file": "File: can the file be read as what it claims to be?",
    "structure": "Structure: does it follow the published JSON Schema?",
    "meaning": "Meaning: do the values make sense together and across files?",
    "review": "Review: warnings, worth a look but not wrong in themselves",
}


def render_codes_page() -> str:
    lines = [
        "# Validation codes",
        "",
        "<!-- Generated from src/annotated_news/validation/catalog.py by scripts/generate_docs.py; "
        "do not edit. -->",
        "",
        "`annotated-news validate` reports each problem with one of these codes. Codes are stable: "
        "tools may match on them. Errors make the corpus invalid; warnings do not, except with "
        "`--strict`.",
        "",
        "Every layer runs and every issue is reported, in file order. A file that fails the file or "
        "structure layer is not checked for meaning until it is fixed; its ids still count for the "
        "other files' references.",
        "",
        "The structure layer applies the JSON Schema in `schema/` with two readings JSON Schema "
        "leaves loose, as the models read them: an integer is written without a fraction (`5.0` is "
        "not an integer), and a pattern's `$` is the end of the string.",
        "",
    ]
    for layer, heading in LAYERS.items():
        lines += [f"## {heading}", "", "| code | severity | what | why it matters |", "|---|---|---|---|"]
        for code in CATALOG.values():
            if code.layer == layer:
                lines.append(f"| `{code.code}` | {code.severity} | {code.title} | {code.explanation} |")
        lines.append("")
    return "\n".join(lines)
