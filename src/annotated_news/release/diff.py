"""What changed between two releases, per table, and the smallest version bump that allows it.

The build compares every release with the one before, so a table is never read whole: its ids
are, and its rows a batch at a time, compared with arrow's equality where the two tables have the
same types (as canonical JSON otherwise)."""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
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


BATCH_ROWS = 2_000
"""Rows of a config read at once from each release: with their ids, what a comparison holds."""


def _diff_table(config: str, old: Path, new: Path) -> TableDiff:
    table = TableDiff(config)
    before = _Parquet(old / "data" / f"{config}.parquet")
    after = _Parquet(new / "data" / f"{config}.parquet")
    table.removed = _missing_from(after.keys, before.keys)
    table.added = _missing_from(before.keys, after.keys)
    if before.file is not None and after.file is not None:
        table.changed = sorted(_changed(before, after))
    table.columns_removed = sorted(set(before.features) - set(after.features))
    table.columns_added = sorted(set(after.features) - set(before.features))
    for name in sorted(set(before.features) & set(after.features)):
        change = _feature_change(before.features[name], after.features[name])
        if change == "incompatible":
            table.columns_changed.append(name)
        elif change == "extended":
            table.columns_extended.append(name)
    return table


def _missing_from(keys: pa.StringArray, others: pa.StringArray) -> list[str]:
    """The ids of `others` that `keys` does not have, sorted."""
    return sorted(others.filter(pc.invert(pc.is_in(others, value_set=keys))).to_pylist())


class _Parquet:
    """A config's parquet file of a release (or its absence): its rows' ids, in file order, and
    each column's declared feature; the rows themselves are read a batch at a time."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            self.file = self.key = None
            self.keys, self.features = pa.array([], pa.string()), {}
            return
        # Read a page at a time, not a whole column chunk of a row group at once.
        self.file = pq.ParquetFile(path, pre_buffer=False, buffer_size=1 << 20)
        schema = self.file.schema_arrow
        self.key = "id" if "id" in schema.names else "article_id"
        self.keys = self.file.read(columns=[self.key]).column(self.key).combine_chunks()
        metadata = json.loads((schema.metadata or {}).get(b"huggingface", b"{}"))
        self.features = metadata.get("info", {}).get("features") or {
            field.name: str(field.type) for field in schema
        }

    def batches(self) -> Iterator[pa.RecordBatch]:
        return self.file.iter_batches(batch_size=BATCH_ROWS)


def _changed(before: _Parquet, after: _Parquet) -> list[str]:
    """The ids of the rows in both whose values differ. The new rows are read in order and each
    batch is compared with the old rows of the same ids, read forward from the old file (a
    release keeps its rows in corpus order, so that reads each file about once)."""
    old_rows = _Rows(before.file)
    positions = pc.index_in(after.keys, value_set=before.keys)
    same_types = before.file.schema_arrow.equals(after.file.schema_arrow)
    changed = []
    start = 0
    for batch in after.batches():
        new = pa.Table.from_batches([batch])
        at = positions.slice(start, new.num_rows)
        start += new.num_rows
        if at.null_count:  # added rows
            in_both = pc.is_valid(at)
            new, at = new.filter(in_both), at.filter(in_both)
        if len(at) > 1 and pc.min(pc.pairwise_diff(at)).as_py() < 0:
            order = pc.sort_indices(at)
            new, at = new.take(order), at.take(order)
        old = old_rows.take(at.to_pylist())
        differing = _differing(new, old) if same_types else _differing_json(new, old)
        changed += new.column(after.key).take(pa.array(differing, pa.int64())).to_pylist()
        del batch, new, old
        # The reader decodes in arrow's threads, whose allocator keeps what they freed.
        pa.default_memory_pool().release_unused()
    return changed


class _Rows:
    """The rows of a parquet file by position, read forward a batch at a time; asking for a row
    before the batch held reads the file again from its start."""

    def __init__(self, file: pq.ParquetFile) -> None:
        self._file = file
        self._restart()

    def _restart(self) -> None:
        self._batches = self._file.iter_batches(batch_size=BATCH_ROWS)
        self._batch = pa.RecordBatch.from_pylist([], schema=self._file.schema_arrow)
        self._start = 0

    def take(self, positions: list[int]) -> pa.Table:
        """The rows at some positions, given in ascending order."""
        if positions and positions[0] < self._start:
            self._restart()
        parts = []
        index = 0
        while index < len(positions):
            while positions[index] >= self._start + self._batch.num_rows:
                self._start += self._batch.num_rows
                self._batch = next(self._batches)
            stop = bisect.bisect_left(positions, self._start + self._batch.num_rows, index)
            first = positions[index] - self._start
            if positions[stop - 1] - positions[index] == stop - 1 - index:  # a stretch: no copy
                parts.append(self._batch.slice(first, stop - index))
            else:
                parts.append(self._batch.take([at - self._start for at in positions[index:stop]]))
            index = stop
        return pa.Table.from_batches(parts, schema=self._file.schema_arrow)


def _differing(new: pa.Table, old: pa.Table) -> list[int]:
    """Indices of the rows that differ between two tables of the same types, found by halving:
    whole stretches of equal rows are compared at once."""
    if new.equals(old):
        return []
    if new.num_rows == 1:
        return [0]
    half = new.num_rows // 2
    return _differing(new.slice(0, half), old.slice(0, half)) + [
        half + index for index in _differing(new.slice(half), old.slice(half))
    ]


def _differing_json(new: pa.Table, old: pa.Table) -> list[int]:
    """Indices of the rows that differ between two tables of other types: compared as canonical
    JSON, so that a value that reads the same is the same."""
    return [
        index
        for index, (after, before) in enumerate(zip(new.to_pylist(), old.to_pylist(), strict=True))
        if _canonical(after) != _canonical(before)
    ]


def _canonical(row: dict) -> str:
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


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
