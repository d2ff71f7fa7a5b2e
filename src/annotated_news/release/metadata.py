"""What the card and Croissant both say about the dataset: names, keywords, citation, license."""

from __future__ import annotations

PRETTY_NAME = "annotated-news"
TITLE = "annotated-news: the quotes news articles report and the claims they make"
CREATOR = "annotated-news developers"
ANNOTATION_LICENSE = "cc-by-4.0"
"""The Hub's license id of the annotations (the corpus says `CC-BY-4.0`, its SPDX id)."""
ANNOTATION_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
KEYWORDS = [
    "quotation attribution",
    "claim detection",
    "check-worthiness",
    "stance",
    "news",
    "computational journalism",
    "fact-checking",
]


def bibtex(version: str) -> str:
    """A BibTeX entry for this version; no year or URL, since neither is known when building."""
    key = f"annotated_news_{version.replace('.', '_')}"
    return (
        f"@misc{{{key},\n"
        f"  title = {{{{{TITLE}}}}},\n"
        f"  author = {{{{{CREATOR}}}}},\n"
        f"  howpublished = {{Dataset, version {version}}},\n"
        f"  version = {{{version}}},\n"
        f"  note = {{Annotations under CC BY 4.0; article texts remain the property of their "
        f"publishers}}\n"
        "}"
    )
