"""The streaming build: a corpus folder to the spilled rows of every config and the `Summary` the
text files are made from, holding one chunk of articles at a time.

Articles are read in chunks of `CHUNK_ARTICLES`, in corpus order; each chunk becomes one arrow
batch per per-article config (`articles`, `quotes`, `claims`, `documents`; `batches.py`), spilled
to disk (`parquet.spill`; `documents` is made again from the others' spills), with the counts of
its articles. Chunks run in worker threads: the reading, parsing and spilling are pyarrow's and
the system's, which release the GIL, and threads share one process's memory, where forked workers
would each count all that the parent holds. Their results are merged in chunk order, so the
output does not depend on the workers.

The configs that join across articles keep only what they join: `utterances` the quotes its groups
list as members (id, article, text, kind), `claim_groups` the claims its groups list. They are
built from the registries at the end.
"""

from __future__ import annotations

import copy
import functools
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from datasets import ClassLabel, List

from .. import _paths
from ..corpus import article_names
from .batches import Nesting, chunk_batches, documents, nesting
from .errors import BuildError
from .features import COLUMNS, CONFIGS, Column
from .parquet import Spilled, counted, spill, to_batch
from .rows import claim_group_row, claim_member, project, utterance_row, variant
from .source import Registries, read_articles, read_registries
from .summary import ArticleCounts, Summary

Row = dict[str, Any]

CHUNK_ARTICLES = 1000
"""Articles per chunk: per arrow batch of the per-article configs, and per job of a worker."""
PER_ARTICLE = ("articles", "quotes", "claims", "documents")
SPILLED = ("articles", "quotes", "claims")
"""The per-article configs spilled as they are; `documents` is made of them."""
FROM_REGISTRIES = ("entities", "events", "utterances", "claim_groups")

if set(PER_ARTICLE + FROM_REGISTRIES) != set(CONFIGS):  # pragma: no cover - programming error
    raise RuntimeError("every config is built either per article or from the registries")


# --- class labels -------------------------------------------------------------------------------


def label_mapper(columns: tuple[Column, ...], *, encode: bool) -> Callable[[Row], None] | None:
    """A function that replaces, in place, every class label in a row of `columns` (at any depth):
    its name with its index, as `Features.encode_example` does (`encode`), or its index with its
    name; None when there are none."""
    steps = []
    for column in columns:
        many = isinstance(column.feature, List)
        inner = column.feature.feature if many else column.feature
        if isinstance(inner, ClassLabel):
            indexed = enumerate(inner.names)
            mapping = {name: i for i, name in indexed} if encode else dict(indexed)
            steps.append((column.name, many, mapping, None))
        elif column.children:
            map_child = label_mapper(column.children, encode=encode)
            if map_child is not None:
                steps.append((column.name, many, None, map_child))
    if not steps:
        return None

    def relabel(row: Row) -> None:
        for name, many, mapping, map_child in steps:
            value = row[name]
            if value is None:
                continue
            if mapping is not None:
                row[name] = [mapping[item] for item in value] if many else mapping[value]
            elif many:
                for item in value:
                    map_child(item)
            else:
                map_child(value)

    return relabel


def _no_labels(row: Row) -> None:
    pass


ENCODERS: dict[str, Callable[[Row], None]] = {
    config: label_mapper(COLUMNS[config], encode=True) or _no_labels for config in FROM_REGISTRIES
}
"""For the rows built from the registries."""
DECODERS: dict[str, Callable[[Row], None]] = {
    config: label_mapper(COLUMNS[config], encode=False) or _no_labels for config in PER_ARTICLE
}
"""For the rows taken back from the per-article batches: examples and group members."""


# --- one chunk of articles ----------------------------------------------------------------------


@dataclass
class Wanted:
    """The records the cross-article configs join: ids of members of utterance and claim
    groups."""

    quotes: pa.StringArray
    claims: pa.StringArray


@dataclass
class ChunkResult:
    counts: ArticleCounts
    spilled: dict[str, Spilled]
    firsts: dict[str, Row] = field(default_factory=dict)
    """The first row of each per-article config in the chunk, in column order, labels by name."""
    variants: dict[str, Row] = field(default_factory=dict)
    """Quote id -> the quote as a member of its utterance group, for the quotes `Wanted`."""
    members: dict[str, Row] = field(default_factory=dict)
    """Claim id -> the claim as a member of its claim group, for the claims `Wanted`."""


Job = tuple[int, Path, list[str], Path]
"""(chunk index, articles folder, annotation file names, spill folder)."""


def process_chunk(job: Job, wanted: Wanted) -> ChunkResult:
    """Read some articles and spill their rows, one batch per per-article config."""
    index, articles_dir, names, spill_dir = job
    chunk = read_articles(articles_dir, names)
    batches = chunk_batches(chunk)
    result = ChunkResult(ArticleCounts(), {})
    result.counts.add(batches)
    for config, batch in batches.items():
        if batch.num_rows:
            result.firsts[config] = _rows(batch.slice(0, 1), config)[0]
    for quote in _rows(_among(batches["quotes"], wanted.quotes), "quotes"):
        result.variants[quote["id"]] = variant(quote)
    for claim in _rows(_among(batches["claims"], wanted.claims), "claims"):
        result.members[claim["id"]] = claim_member(claim)
    for config in SPILLED:
        path = spill_dir / f"{config}-{index:06d}.arrow"
        result.spilled[config] = spill(config, batches[config], path)
    # Its text, quotes and claims are spilled already: made again from those when written.
    reads = [result.spilled[config].parts[0] for config in SPILLED]
    result.spilled["documents"] = counted(
        "documents", batches["documents"], functools.partial(_documents, reads, nesting(chunk))
    )
    del chunk, batches
    # The allocator keeps what a thread freed for that thread to reuse; given back, it is not
    # counted against the build for the rest of it (writing parquet needs the most).
    pa.default_memory_pool().release_unused()
    return result


def _documents(reads: list[Callable[[], pa.RecordBatch]], nested: Nesting) -> pa.RecordBatch:
    return documents(*(read() for read in reads), nested)


def _among(batch: pa.RecordBatch, ids: pa.StringArray) -> pa.RecordBatch:
    return batch.filter(pc.is_in(batch.column("id"), value_set=ids))


def _rows(batch: pa.RecordBatch, config: str) -> list[Row]:
    """The rows of a batch of a config, in column order, class labels by name."""
    rows = batch.to_pylist()
    decode = DECODERS[config]
    for row in rows:
        decode(row)
    return rows


# --- the whole corpus ---------------------------------------------------------------------------


def stream(
    corpus_dir: Path,
    spill_dir: Path,
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Summary, dict[str, Spilled]]:
    """Spill the rows of every config of a corpus under `spill_dir` and count what the text files
    say. `workers`: threads to read articles in (default: up to 2); `progress(done, total)` hears
    the articles as their chunks are done."""
    registries = read_registries(corpus_dir)
    names = article_names(corpus_dir)
    articles_dir = corpus_dir / _paths.ARTICLES_DIR
    wanted = Wanted(
        quotes=pa.array(
            [quote for group in registries.utterances for quote in group["members"]], pa.string()
        ),
        claims=pa.array(
            [claim for group in registries.claim_groups for claim in group["members"]], pa.string()
        ),
    )
    jobs = [
        (index, articles_dir, names[start : start + CHUNK_ARTICLES], spill_dir)
        for index, start in enumerate(range(0, len(names), CHUNK_ARTICLES))
    ]
    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    counts = ArticleCounts()
    spilled = {config: Spilled.empty(config) for config in CONFIGS}
    firsts: dict[str, Row] = {}
    variants: dict[str, Row] = {}
    members: dict[str, Row] = {}
    done = 0
    for (_, _, chunk, _), result in zip(jobs, _results(jobs, wanted, workers)):
        done += len(chunk)
        if progress:
            progress(done, len(names))
        counts.merge(result.counts)
        for config, part in result.spilled.items():
            spilled[config].extend(part)
        for config, row in result.firsts.items():
            firsts.setdefault(config, row)
        variants.update(result.variants)
        members.update(result.members)
    examples = dict(firsts)
    for config, rows in _registry_rows(registries, variants, members):
        if rows:
            examples[config] = copy.deepcopy(rows[0])
        encode = ENCODERS[config]
        for row in rows:
            encode(row)
        batch = to_batch(config, rows) if rows else None
        spilled[config].extend(spill(config, batch, spill_dir / f"{config}.arrow"))
    empty = [config for config in CONFIGS if config not in examples]
    if empty:
        raise BuildError(f"no rows in {', '.join(empty)}: a release needs at least one of each")
    return Summary(registries, counts, examples), spilled


def _results(jobs: list[Job], wanted: Wanted, workers: int) -> Iterator[ChunkResult]:
    """The chunks' results in chunk order."""
    if workers <= 1:
        for job in jobs:
            yield process_chunk(job, wanted)
        return
    with ThreadPoolExecutor(workers) as pool:
        yield from pool.map(functools.partial(process_chunk, wanted=wanted), jobs)
    # What the ended threads' heaps kept for them goes back too.
    pa.default_memory_pool().release_unused()


def _registry_rows(
    registries: Registries, variants: dict[str, Row], members: dict[str, Row]
) -> Iterable[tuple[str, list[Row]]]:
    """The rows of the configs built from the registries, projected (new dicts, class labels by
    name)."""
    yield "entities", [project(entity, "entities") for entity in registries.entities]
    yield "events", [project(event, "events") for event in registries.events]
    yield "utterances", [
        project(utterance_row(group, _members(group, variants, "quote")), "utterances")
        for group in registries.utterances
    ]
    yield "claim_groups", [
        project(claim_group_row(group, _members(group, members, "claim")), "claim_groups")
        for group in registries.claim_groups
    ]


def _members(group: Row, found: dict[str, Row], kind: str) -> list[Row]:
    try:
        return [found[member] for member in group["members"]]
    except KeyError as error:
        raise BuildError(f"{group['id']}: member {kind} {error.args[0]} is in no article") from None
