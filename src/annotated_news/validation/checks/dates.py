"""Meaning: partial dates fit their precision, exist in the calendar, and are plausible for news."""

from __future__ import annotations

import datetime

from ...models import PartialDate
from ..context import FileIssues

_FORMS = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}
_LENGTHS = {"day": 10, "month": 7, "year": 4}
EARLIEST_YEAR = 1900
# A date in an earlier year than this one is in the past for the rest of the run; asking the clock
# for every date of 100,000 articles costs more than the rest of the check.
_YEAR_AT_START = datetime.date.today().year


def check_date(date: PartialDate, pointer: str, issues: FileIssues, record_id: str | None = None) -> None:
    value, precision = date.value, date.precision
    if precision == "unknown":
        if value is not None:
            issues.add("date-precision-mismatch", f"precision is unknown but the value is {value}",
                       pointer=f"{pointer}/value", record_id=record_id,
                       hint="set the precision the value has, or the value to null")
        return
    if value is None or len(value) != _LENGTHS[precision]:
        issues.add("date-precision-mismatch",
                   f"precision {precision} needs a value of the form {_FORMS[precision]}, found {value}",
                   pointer=f"{pointer}/value", record_id=record_id,
                   hint="cut the value to the precision the evidence supports, or change the precision")
        return
    parts = [int(part) for part in value.split("-")]
    try:
        first = datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as error:
        issues.add("invalid-date", f"{value} is not a calendar date ({error})", pointer=f"{pointer}/value",
                   record_id=record_id, hint="check the month and day")
        return
    if first.year < EARLIEST_YEAR or (first.year >= _YEAR_AT_START and first > datetime.date.today()):
        issues.add("implausible-date", f"{value} is before {EARLIEST_YEAR} or in the future",
                   pointer=f"{pointer}/value", record_id=record_id, hint="check the year")
