"""Validation results as data: one `Issue` per problem, collected in a `Report`."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Issue:
    """One problem found in the corpus, located as precisely as the input allows."""

    code: str
    severity: Severity
    file: str
    message: str
    pointer: str = ""
    line: int | None = None
    column: int | None = None
    record_id: str | None = None
    hint: str | None = None

    @property
    def location(self) -> str:
        """`file:line:col > record > pointer`, as much of it as is known."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column}"
        if self.record_id:
            where += f" > {self.record_id}"
        if self.pointer:
            where += f" > {self.pointer}"
        return where

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.pointer, self.code, self.message)


@dataclass
class Report:
    """Everything validation found. `valid` means no errors; warnings do not count."""

    corpus: str
    files_checked: int = 0
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "warning"]

    @property
    def valid(self) -> bool:
        return not self.errors

    def sort(self) -> None:
        self.issues.sort(key=Issue.sort_key)

    def files_with_issues(self) -> int:
        return len({issue.file for issue in self.issues})

    def counts_by_code(self) -> dict[str, int]:
        return dict(sorted(Counter(issue.code for issue in self.issues).items()))

    def summary(self) -> str:
        errors, warnings = len(self.errors), len(self.warnings)
        if not self.issues:
            return f"0 errors, 0 warnings in {self.files_checked:,} files"
        return (
            f"{errors:,} error{'s' * (errors != 1)}, {warnings:,} warning{'s' * (warnings != 1)} "
            f"in {self.files_with_issues():,} of {self.files_checked:,} files"
        )

    def to_dict(self) -> dict:
        return {
            "corpus": self.corpus,
            "valid": self.valid,
            "summary": self.summary(),
            "files_checked": self.files_checked,
            "counts": self.counts_by_code(),
            "issues": [asdict(issue) for issue in self.issues],
        }
