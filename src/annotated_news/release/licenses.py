"""The license files of a release: CC BY 4.0 for the annotations, the publishers' rights for the
article texts."""

from __future__ import annotations

from pathlib import Path

from . import _markdown
from .metadata import ANNOTATION_LICENSE_URL
from .summary import Summary

CC_BY_4_0 = Path(__file__).with_name("CC-BY-4.0.txt")
"""The Creative Commons Attribution 4.0 International legal code, plain text."""


def license_text(summary: Summary) -> str:
    """`LICENSE`: which part the license covers, then the CC BY 4.0 legal code."""
    return (
        f"The annotations of {summary.info.name} {summary.version} (all of this dataset except the "
        "article texts) are licensed\n"
        "under the Creative Commons Attribution 4.0 International license\n"
        f"({ANNOTATION_LICENSE_URL}), whose legal code follows.\n\n"
        "The article texts are not covered by this license: see TEXT_RIGHTS.md.\n\n"
        + "=" * 71
        + "\n\n"
        + CC_BY_4_0.read_text(encoding="utf-8")
    )


def rights_table(summary: Summary) -> str:
    """Who holds the rights to each article text, as a Markdown table."""
    if summary.rights_markdown is None:
        rows = [
            [f"`{article}`", outlet or "(not named in the text)", rights]
            for article, outlet, rights in summary.counts.rights
        ]
        summary.rights_markdown = _markdown.table(["article", "outlet", "rights"], rows)
    return summary.rights_markdown


def text_rights(summary: Summary) -> str:
    """`TEXT_RIGHTS.md`: the terms of the article texts, per article."""
    return (
        "# Rights to the article texts\n\n"
        f"{summary.info.text_rights}\n\n"
        "The texts appear in the `text` columns of the `articles` and `documents` configs, and as "
        "excerpts in every span `text` and quote `text`.\n\n"
        + rights_table(summary)
        + "\n"
    )
