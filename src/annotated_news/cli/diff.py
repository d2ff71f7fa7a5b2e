"""Compare two releases: added, removed and changed records per table, and the smallest bump allowed."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..release.versions import RELEASE_PREFIX, parse, smallest_version
from ._table import render_table


def add_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", help=f"the earlier release folder (dist/{RELEASE_PREFIX}<version>)")
    parser.add_argument("new", help="the later release folder")
    parser.add_argument("--format", choices=["table", "json"], default="table")


def run(arguments: argparse.Namespace) -> int:
    old, new = Path(arguments.old), Path(arguments.new)
    for folder in (old, new):
        if not (folder / "data").is_dir():
            print(f"annotated-news diff: {folder} is not a release folder (no data/ inside)")
            return 2
    from ..release.diff import diff_releases  # pyarrow: only for the command that needs it

    result = diff_releases(old, new)
    if arguments.format == "json":
        print(json.dumps(result.to_dict(), indent=2))
        return 0
    rows = [[table.config, len(table.added), len(table.removed), len(table.changed),
             ", ".join(table.columns_added + table.columns_extended) or "-",
             ", ".join(table.columns_removed + table.columns_changed) or "-", table.required]
            for table in result.tables]
    print(render_table(["config", "added", "removed", "changed", "columns added", "columns removed/changed",
                        "needs"], rows))
    for reason in result.reasons():
        print(f"  {reason}")
    line = f"smallest bump allowed: {result.required}"
    version = old.name.removeprefix(RELEASE_PREFIX)
    if result.required != "none" and _is_version(version):
        line += f" ({version} -> {smallest_version(version, result.required)} or later)"
    print(line)
    return 0


def _is_version(text: str) -> bool:
    try:
        parse(text)
    except ValueError:
        return False
    return True
