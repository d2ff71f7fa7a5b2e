"""Where the corpus and schema files are: inside an installed wheel, or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT_DIR = _PACKAGE_DIR.parent.parent

ARTICLES_DIR = "articles"
DATASET_FILE = "dataset.json"
ENTITIES_FILE = "entities.json"
EVENTS_FILE = "events.json"
UTTERANCES_FILE = "utterances.json"
CLAIM_GROUPS_FILE = "claim_groups.json"


def _bundled_or_checkout(bundled: str, checkout: str) -> Path:
    # The wheel carries the data under the package (see pyproject's force-include); a source
    # checkout or editable install reads the top-level folder instead.
    for candidate in (_PACKAGE_DIR / bundled, _CHECKOUT_DIR / checkout):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"no {checkout}/ folder found in the installed package ({_PACKAGE_DIR / bundled}) "
        f"or beside the source ({_CHECKOUT_DIR / checkout}); reinstall annotated-news"
    )


def default_corpus_dir() -> Path:
    """The corpus shipped with this installation."""
    return _bundled_or_checkout("_corpus", "corpus")


def default_schema_dir() -> Path:
    """The JSON Schema files shipped with this installation."""
    return _bundled_or_checkout("_schema", "schema")
