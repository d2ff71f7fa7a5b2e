"""Check the corpus: every error and warning, located and explained."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections import Counter
from itertools import groupby

from ..validation import CorpusNotFound, Report, ValidatorBug, validate
from ._progress import Progress

EXIT_VALID, EXIT_INVALID, EXIT_COULD_NOT_RUN = 0, 1, 2


def add_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", help="corpus folder (default: the corpus shipped with the package)")
    parser.add_argument("--format", choices=["table", "json"], default="table",
                        help="human report grouped by file (default), or the complete report as JSON")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--max-per-code", type=int, default=25, metavar="N",
                        help="show at most N issues of each code in the table, with a count of the "
                        "rest (default 25; 0 for all); --format json always lists every issue")
    parser.add_argument("--engine", choices=["fast", "jsonschema"], default="fast",
                        help="structure check: msgspec structs derived from the models, with "
                        "jsonschema only for files they decline (fast, default), or jsonschema on "
                        "every file (the reference engine)")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="processes for the articles (default: one per CPU)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def run(arguments: argparse.Namespace) -> int:
    if isinstance(sys.stdout, io.TextIOWrapper):
        # Report texts quote the corpus (curly quotes, emoji): a console or pipe in a narrower
        # encoding gets escapes for what it cannot show, not a UnicodeEncodeError.
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        report = validate(arguments.path, engine=arguments.engine, workers=arguments.workers,
                          progress=Progress("validating articles", quiet=arguments.quiet))
    except (CorpusNotFound, ValidatorBug, OSError) as error:
        print(f"annotated-news validate: could not run: {error}")
        return EXIT_COULD_NOT_RUN
    if arguments.format == "json":
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(render(report, arguments.max_per_code))
    failed = report.errors or (arguments.strict and report.warnings)
    return EXIT_INVALID if failed else EXIT_VALID


def render(report: Report, max_per_code: int = 0) -> str:
    """The report grouped by file: position, severity, code, record and pointer, message, hint.

    With `max_per_code`, only the first issues of each code are shown, and a count of the rest.
    """
    lines = []
    shown: Counter[str] = Counter()
    for file, issues in groupby(report.issues, key=lambda issue: issue.file):
        kept = []
        for issue in issues:
            if max_per_code and shown[issue.code] >= max_per_code:
                continue
            shown[issue.code] += 1
            kept.append(issue)
        if not kept:
            continue
        lines.append(file)
        for issue in kept:
            position = f"{issue.line}:{issue.column}" if issue.line is not None else "-"
            where = " > ".join(part for part in (issue.record_id, issue.pointer) if part)
            lines.append(f"  {position:>8}  {issue.severity:<7}  {issue.code}  {where}".rstrip())
            lines.append(f"            {issue.message}")
            if issue.hint:
                lines.append(f"            hint: {issue.hint}")
        lines.append("")
    counts = report.counts_by_code()
    hidden = {code: count - shown[code] for code, count in counts.items() if count > shown[code]}
    if hidden:
        lines.append("Issues by code (the table shows the first of each; --format json lists all):")
        lines += [f"  {count:>8,}  {code}" + (f"  ({hidden[code]:,} not shown)" if code in hidden else "")
                  for code, count in counts.items()]
        lines.append("")
    lines.append(("valid: " if report.valid else "invalid: ") + report.summary())
    return "\n".join(lines)
