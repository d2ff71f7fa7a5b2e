"""`diff_releases` reads two releases a batch at a time and finds the same added, removed and
changed records as comparing every row of both as canonical JSON, held whole, does: checked on
releases whose rows were dropped, edited, moved and added, and whose columns changed, with small
batches so that the rows of a config span many of them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_release_stream import synthetic  # noqa: F401 - a fixture

from annotated_news.release import diff as diff_module
from annotated_news.release.build import build
from annotated_news.release.diff import diff_releases

SMALL_BATCH = 7


@pytest.fixture(scope="module")
def release(synthetic: Path, tmp_path_factory) -> Path:  # noqa: F811 - the fixture imported
    return build(synthetic, tmp_path_factory.mktemp("dist"))


def _whole(folder: Path) -> dict[str, dict[str, str]]:
    """Every config's rows by id, as canonical JSON: the comparison the diff must agree with."""
    rows = {}
    for path in sorted((folder / "data").glob("*.parquet")):
        table = pq.read_table(path)
        key = "id" if "id" in table.column_names else "article_id"
        rows[path.stem] = {
            row[key]: json.dumps(row, sort_keys=True, ensure_ascii=False) for row in table.to_pylist()
        }
    return rows


def _expected(old: Path, new: Path) -> dict[str, tuple[list[str], list[str], list[str]]]:
    before, after = _whole(old), _whole(new)
    expected = {}
    for config in sorted(set(before) | set(after)):
        old_rows, new_rows = before.get(config, {}), after.get(config, {})
        expected[config] = (
            sorted(set(new_rows) - set(old_rows)),
            sorted(set(old_rows) - set(new_rows)),
            sorted(key for key in set(old_rows) & set(new_rows) if old_rows[key] != new_rows[key]),
        )
    return expected


def _found(old: Path, new: Path) -> dict[str, tuple[list[str], list[str], list[str]]]:
    return {
        table.config: (table.added, table.removed, table.changed)
        for table in diff_releases(old, new).tables
    }


def _rewrite(release: Path, config: str, change) -> None:
    path = release / "data" / f"{config}.parquet"
    table = pq.read_table(path)
    pq.write_table(change(table), path)


def _edit_quotes(table: pa.Table) -> pa.Table:
    """Rows dropped, one edited, a stretch moved to the end, a row added."""
    rows = table.to_pylist()
    kept = [row for index, row in enumerate(rows) if index % 11 != 3]
    kept[5]["note"] = "An edited note."
    moved = kept[20:40]
    kept = kept[:20] + kept[40:] + moved
    kept.append({**kept[0], "id": kept[0]["id"] + "0"})
    return pa.Table.from_pylist(kept, schema=table.schema)


def _edit_documents(table: pa.Table) -> pa.Table:
    """Every third text changed, the rows in reverse order."""
    texts = [text + " More." if index % 3 == 0 else text
             for index, text in enumerate(table.column("text").to_pylist())]
    table = table.set_column(table.column_names.index("text"), "text", pa.array(texts))
    return table.take(pa.array(range(table.num_rows - 1, -1, -1)))


def _add_a_column(table: pa.Table) -> pa.Table:
    return table.append_column("extra", pa.array(["x"] * table.num_rows))


@pytest.mark.parametrize("batch_rows", [SMALL_BATCH, diff_module.BATCH_ROWS])
def test_the_diff_is_the_comparison_of_every_row(release, tmp_path, monkeypatch, batch_rows):
    monkeypatch.setattr(diff_module, "BATCH_ROWS", batch_rows)
    changed = tmp_path / release.name
    shutil.copytree(release, changed)
    _rewrite(changed, "quotes", _edit_quotes)
    _rewrite(changed, "documents", _edit_documents)
    _rewrite(changed, "entities", _add_a_column)
    (changed / "data" / "events.parquet").unlink()
    found, expected = _found(release, changed), _expected(release, changed)
    assert found == expected
    assert all(found[config][2] for config in ("quotes", "documents", "entities"))
    assert found["events"][1] and found["quotes"][0] and found["quotes"][1]
    assert _found(changed, release) == _expected(changed, release)


def test_identical_releases_differ_in_nothing(release, monkeypatch):
    monkeypatch.setattr(diff_module, "BATCH_ROWS", SMALL_BATCH)
    assert all(found == ([], [], []) for found in _found(release, release).values())
    assert diff_releases(release, release).required == "none"
