"""Markdown pieces for the dataset card."""

from __future__ import annotations


def table(headers: list[str], rows: list[list[object]]) -> str:
    """A GitHub-flavoured Markdown table; cells are escaped so that they stay on one line."""
    lines = [_row(headers), _row(["---"] * len(headers))]
    lines += [_row(row) for row in rows]
    return "\n".join(lines)


def _row(cells: list[object]) -> str:
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def _cell(cell: object) -> str:
    return " ".join(str(cell).split()).replace("|", "\\|")
