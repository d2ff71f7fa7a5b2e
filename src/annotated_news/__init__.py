"""annotated-news: a versioned corpus of the quotes news articles report and the claims they make.

    >>> import annotated_news
    >>> corpus = annotated_news.load()
"""

import json as _json

from . import _paths
from ._version import SCHEMA_VERSION, __version__
from .corpus import Corpus, CorpusError, load
from .models import Article, Claim, ClaimGroup, Entity, Event, Quote, Span, UtteranceGroup
from .validation import Issue, Report, validate

DATASET_VERSION: str = _json.loads(
    (_paths.default_corpus_dir() / _paths.DATASET_FILE).read_text(encoding="utf-8")
)["version"]
"""Version of the corpus shipped with this package (semver, TFDS rules)."""


def load_hf(config: str, corpus_dir=None):
    """One release config (`articles`, `quotes`, `claims`, `entities`, `utterances`,
    `claim_groups`, `documents`) of a corpus, by default the shipped one, as a
    `datasets.DatasetDict` with a `train` split.

    Built offline from the corpus with the release's features and row builders: the same rows as
    the released parquet files. Needs `datasets` (imported only when called).
    """
    from .release.hf import load_hf as _load_hf

    return _load_hf(config, corpus_dir)


__all__ = [
    "DATASET_VERSION",
    "SCHEMA_VERSION",
    "Article",
    "Claim",
    "ClaimGroup",
    "Corpus",
    "CorpusError",
    "Entity",
    "Event",
    "Issue",
    "Quote",
    "Report",
    "Span",
    "UtteranceGroup",
    "__version__",
    "load",
    "load_hf",
    "validate",
]
