"""The plausibility of dates near the present, which the fixtures (fixed files) cannot pin down."""

from __future__ import annotations

import datetime

import pytest

from annotated_news.models import PartialDate
from annotated_news.validation.checks.dates import check_date
from annotated_news.validation.context import FileIssues
from annotated_news.validation.issues import Report

TODAY = datetime.date.today()


def codes(value: str, precision: str) -> list[str]:
    report = Report(corpus="corpus")
    date = PartialDate.model_validate({"value": value, "precision": precision, "evidence": "test"})
    check_date(date, "/article/publication_date", FileIssues(report, "corpus/dataset.json"))
    return [issue.code for issue in report.issues]


@pytest.mark.parametrize(
    ("value", "precision"),
    [
        (TODAY.isoformat(), "day"),
        (f"{TODAY.year}-01-01", "day"),
        (f"{TODAY.year}", "year"),
        (f"{TODAY.year - 1}-12-31", "day"),
    ],
)
def test_a_date_up_to_today_is_plausible(value, precision):
    assert codes(value, precision) == []


@pytest.mark.parametrize(
    ("value", "precision"),
    [
        ((TODAY + datetime.timedelta(days=1)).isoformat(), "day"),
        (f"{TODAY.year + 1}", "year"),
        (f"{TODAY.year + 1}-01", "month"),
    ],
)
def test_a_date_after_today_is_implausible(value, precision):
    assert codes(value, precision) == ["implausible-date"]
