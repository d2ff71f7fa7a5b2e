"""The versioned release: parquet per config, dataset card, Croissant, checksums.

    >>> from annotated_news.release.build import build
    >>> build()              # writes dist/annotated-news-<version>/

Importing this package imports `datasets`; `import annotated_news` does not.
"""

from .errors import BuildError, ReleaseExists
from .features import CONFIGS, FEATURES
from .hf import load_hf

__all__ = ["CONFIGS", "FEATURES", "BuildError", "ReleaseExists", "load_hf"]
