"""Check the corpus: every error and warning, located and explained."""

from __future__ import annotations

import argparse
import io
import json
import sys
from itertools import groupby

from ..validation import CorpusNotFound, Report, ValidatorBug, validate

EXIT_VALID, EXIT_INVALID, EXIT_COULD_NOT_RUN = 0, 1, 2


def add_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", help="corpus folder (default: the corpus shipped with the package)")
    parser.add_argument("--format", choices=["table", "json"], default="table",
                        help="human report grouped by file (default), or the complete report as JSON")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")


def run(arguments: argparse.Namespace) -> int:
    if isinstance(sys.stdout, io.TextIOWrapper):
        # Report texts quote the corpus (curly quotes, emoji): a console or pipe in a narrower
        # encoding gets escapes for what it cannot show, not a UnicodeEncodeError.
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        report = validate(arguments.path)
    except (CorpusNotFound, ValidatorBug, OSError) as error:
        print(f"annotated-news validate: could not run: {error}")
        return EXIT_COULD_NOT_RUN
    if arguments.format == "json":
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(render(report))
    failed = report.errors or (arguments.strict and report.warnings)
    return EXIT_INVALID if failed else EXIT_VALID


def render(report: Report) -> str:
    """The report grouped by file: position, severity, code, record and pointer, message, hint."""
    lines = []
    for file, issues in groupby(report.issues, key=lambda issue: issue.file):
        lines.append(file)
        for issue in issues:
            position = f"{issue.line}:{issue.column}" if issue.line is not None else "-"
            where = " > ".join(part for part in (issue.record_id, issue.pointer) if part)
            lines.append(f"  {position:>8}  {issue.severity:<7}  {issue.code}  {where}".rstrip())
            lines.append(f"            {issue.message}")
            if issue.hint:
                lines.append(f"            hint: {issue.hint}")
        lines.append("")
    lines.append(("valid: " if report.valid else "invalid: ") + report.summary())
    return "\n".join(lines)
