"""Validate a corpus: every problem found, located and explained, as data.

    >>> from annotated_news import validate
    >>> report = validate("corpus")
    >>> report.valid, report.summary()
"""

from .catalog import CATALOG, Code
from .issues import Issue, Report
from .runner import CorpusNotFound, ValidatorBug, validate

__all__ = ["CATALOG", "Code", "CorpusNotFound", "Issue", "Report", "ValidatorBug", "validate"]
