"""The license files of a release: CC BY 4.0 for the annotations, the publishers' rights for the
article texts."""

from __future__ import annotations

from pathlib import Path

from ..corpus import Corpus
from . import _markdown
from .metadata import ANNOTATION_LICENSE_URL

CC_BY_4_0 = Path(__file__).with_name("CC-BY-4.0.txt")
"""The Creative Commons Attribution 4.0 International legal code, plain text."""


def license_text(corpus: Corpus) -> str:
    """`LICENSE`: which part the license covers, then the CC BY 4.0 legal code."""
    return (
        f"The annotations of {corpus.info.name} {corpus.version} (all of this dataset except the "
        "article texts) are licensed\n"
        "under the Creative Commons Attribution 4.0 International license\n"
        f"({ANNOTATION_LICENSE_URL}), whose legal code follows.\n\n"
        "The article texts are not covered by this license: see TEXT_RIGHTS.md.\n\n"
        + "=" * 71
        + "\n\n"
        + CC_BY_4_0.read_text(encoding="utf-8")
    )


def rights_table(corpus: Corpus) -> str:
    """Who holds the rights to each article text, as a Markdown table."""
    rows = [[f"`{a.id}`", a.outlet or "(not named in the text)", a.rights] for a in corpus.articles]
    return _markdown.table(["article", "outlet", "rights"], rows)


def text_rights(corpus: Corpus) -> str:
    """`TEXT_RIGHTS.md`: the terms of the article texts, per article."""
    return (
        "# Rights to the article texts\n\n"
        f"{corpus.info.text_rights}\n\n"
        "The texts appear in the `text` columns of the `articles` and `documents` configs, and as "
        "excerpts in every span `text` and quote `text`.\n\n"
        + rights_table(corpus)
        + "\n"
    )
