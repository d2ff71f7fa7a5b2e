"""What changed between two releases, per table, and the smallest version bump that allows it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from .versions import BUMP_ORDER, Bump


@dataclass
class TableDiff:
    config: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    columns_changed: list[str] = field(default_factory=list)
    columns_extended: list[str] = field(default_factory=list)

    @property
    def required(self) -> Bump:
        if self.removed or self.columns_removed or self.columns_changed:
            return "major"
        if self.added or self.columns_added or self.columns_extended:
            return "minor"
        return "patch" if self.changed else "none"


@dataclass
class ReleaseDiff:
    tables: list[TableDiff]

    @property
    def required(self) -> Bump:
        """The smallest bump the changes allow (TFDS rules)."""
        return max((table.required for table in self.tables), key=BUMP_ORDER.index, default="none")

    def reasons(self) -> list[str]:
        """Why the bump is required, one line per table and kind of change."""
        lines = []
        for table in self.tables:
            for kind, ids, bump in (("removed", table.removed, "major"), ("added", table.added, "minor"),
                                    ("changed", table.changed, "patch")):
                if ids:
                    shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
                    lines.append(f"{table.config}: {len(ids)} {kind} ({shown}) -> {bump}")
            for kind, columns, bump in (("removed", table.columns_removed, "major"),
                                        ("changed type", table.columns_changed, "major"),
                                        ("added", table.columns_added, "minor"),
                                        ("extended (new field or label)", table.columns_extended, "minor")):
                if columns:
                    lines.append(f"{table.config}: column(s) {kind}: {', '.join(columns)} -> {bump}")
        return lines

    def to_dict(self) -> dict:
        return {"required_bump": self.required, "reasons": self.reasons(),
                "tables": [asdict(table) for table in self.tables]}


def diff_releases(old: Path, new: Path) -> ReleaseDiff:
    """Compare every config's parquet file of two release folders, record by record."""
    configs = sorted({path.stem for path in (old / "data").glob("*.parquet")}
                     | {path.stem for path in (new / "data").glob("*.parquet")})
    return ReleaseDiff([_diff_table(config, old, new) for config in configs])


def _diff_table(config: str, old: Path, new: Path) -> TableDiff:
    table = TableDiff(config)
    before, before_columns = _read(old / "data" / f"{config}.parquet")
    after, after_columns = _read(new / "data" / f"{config}.parquet")
    table.removed = sorted(set(before) - set(after))
    table.added = sorted(set(after) - set(before))
    table.changed = sorted(key for key in set(before) & set(after) if before[key] != after[key])
    table.columns_removed = sorted(set(before_columns) - set(after_columns))
    table.columns_added = sorted(set(after_columns) - set(before_columns))
    for name in sorted(set(before_columns) & set(after_columns)):
        change = _feature_change(before_columns[name], after_columns[name])
        if change == "incompatible":
            table.columns_changed.append(name)
        elif change == "extended":
            table.columns_extended.append(name)
    return table


def _read(path: Path) -> tuple[dict[str, str], dict[str, object]]:
    """Rows keyed by their id, as canonical JSON; and each column's declared feature."""
    if not path.exists():
        return {}, {}
    parquet = pq.read_table(path)
    key = "id" if "id" in parquet.column_names else "article_id"
    rows = {row[key]: json.dumps(row, sort_keys=True, ensure_ascii=False) for row in parquet.to_pylist()}
    metadata = json.loads((parquet.schema.metadata or {}).get(b"huggingface", b"{}"))
    features = metadata.get("info", {}).get("features") or {
        name: str(parquet.schema.field(name).type) for name in parquet.column_names
    }
    return rows, features


def _feature_change(before: object, after: object) -> str:
    """`same`; `extended` (a struct gained fields, a ClassLabel gained names at the end, so old data
    still reads the same); or `incompatible`."""
    if before == after:
        return "same"
    if isinstance(before, dict) and isinstance(after, dict):
        if before.get("_type") == after.get("_type") == "ClassLabel":
            names_before, names_after = before.get("names", []), after.get("names", [])
            return "extended" if names_after[: len(names_before)] == names_before else "incompatible"
        if set(before) <= set(after):
            changes = {_feature_change(before[key], after[key]) for key in before}
            return "incompatible" if "incompatible" in changes else "extended"
    return "incompatible"
