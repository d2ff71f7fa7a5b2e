"""The versioned release: parquet per config, dataset card, Croissant, checksums.

    >>> from annotated_news.release.build import build
    >>> build()              # writes dist/annotated-news-<version>/

`CONFIGS`, `FEATURES` and `load_hf` import `datasets` when first asked for: the command line's
`validate` and `diff`, which pass through this package, start without it (two seconds).
"""

from __future__ import annotations

import importlib
from typing import Any

from .errors import BuildError, ReleaseExists

__all__ = ["CONFIGS", "FEATURES", "BuildError", "ReleaseExists", "load_hf"]

_NEEDING_DATASETS = {"CONFIGS": "features", "FEATURES": "features", "load_hf": "hf"}


def __getattr__(name: str) -> Any:
    if name in _NEEDING_DATASETS:
        return getattr(importlib.import_module(f".{_NEEDING_DATASETS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
