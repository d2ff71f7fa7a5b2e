"""The streaming build: a corpus folder to the spilled rows of every config and the `Summary` the
text files are made from, holding one chunk of articles at a time.

Articles are read in chunks of `CHUNK_ARTICLES`, in corpus order; each chunk becomes one arrow
batch per per-article config (`articles`, `quotes`, `claims`, `documents`), spilled to disk
(`parquet.spill`), with the counts of its articles. Chunks run in worker processes when that
pays; their results are merged in chunk order, so the output does not depend on the workers.

The configs that join across articles keep only what they join: `utterances` the quotes its groups
list as members (id, article, text, kind), `claim_groups` the claims its groups list. They are
built from the registries at the end.
"""

from __future__ import annotations

import copy
import gc
import itertools
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
from datasets import ClassLabel, List

from .. import _paths
from ..corpus import article_names
from .errors import BuildError
from .features import COLUMNS, CONFIGS, FEATURES, Column
from .parquet import Spilled, spill, to_batch
from .rows import (
    article_row,
    claim_group_row,
    claim_member,
    claim_row,
    document_row,
    project,
    quote_row,
    utterance_row,
    variant,
)
from .source import Registries, read_articles, read_registries
from .summary import ArticleCounts, Summary

Row = dict[str, Any]

CHUNK_ARTICLES = 1000
"""Articles per chunk: per arrow batch of the per-article configs, and per job of a worker."""
PARALLEL_FROM_CHUNKS = 4
"""Chunks from which worker processes pay for their start."""
PER_ARTICLE = ("articles", "quotes", "claims", "documents")
FROM_REGISTRIES = ("entities", "events", "utterances", "claim_groups")

if set(PER_ARTICLE + FROM_REGISTRIES) != set(CONFIGS):  # pragma: no cover - programming error
    raise RuntimeError("every config is built either per article or from the registries")


# --- class labels -------------------------------------------------------------------------------


def label_encoder(columns: tuple[Column, ...]) -> Callable[[Row], None] | None:
    """A function that replaces, in place, every class label name in a row of `columns` (at any
    depth) with its class index, as `Features.encode_example` does; None when there are none."""
    steps = []
    for column in columns:
        many = isinstance(column.feature, List)
        inner = column.feature.feature if many else column.feature
        if isinstance(inner, ClassLabel):
            steps.append((column.name, many, {name: i for i, name in enumerate(inner.names)}, None))
        elif column.children:
            encode_child = label_encoder(column.children)
            if encode_child is not None:
                steps.append((column.name, many, None, encode_child))
    if not steps:
        return None

    def encode(row: Row) -> None:
        for name, many, index, encode_child in steps:
            value = row[name]
            if value is None:
                continue
            if index is not None:
                row[name] = [index[item] for item in value] if many else index[value]
            elif many:
                for item in value:
                    encode_child(item)
            else:
                encode_child(value)

    return encode


def _no_labels(row: Row) -> None:
    pass


ENCODERS: dict[str, Callable[[Row], None]] = {
    config: label_encoder(COLUMNS[config]) or _no_labels for config in CONFIGS
}
"""Per config. The `documents` batch is made from the `quotes` and `claims` arrays, already
encoded; its own encoder is not used."""


# --- one chunk of articles ----------------------------------------------------------------------


@dataclass
class Wanted:
    """The records the cross-article configs join: members of utterance and claim groups."""

    quotes: set[str]
    claims: set[str]


@dataclass
class ChunkResult:
    counts: ArticleCounts
    spilled: dict[str, Spilled]
    firsts: dict[str, Row] = field(default_factory=dict)
    """The first row of each per-article config in the chunk, projected, labels by name."""
    variants: dict[str, Row] = field(default_factory=dict)
    """Quote id -> the quote as a member of its utterance group, for the quotes `Wanted`."""
    members: dict[str, Row] = field(default_factory=dict)
    """Claim id -> the claim as a member of its claim group, for the claims `Wanted`."""


Job = tuple[int, Path, list[str], Path]
"""(chunk index, articles folder, annotation file names, spill folder)."""


def process_chunk(job: Job, wanted: Wanted) -> ChunkResult:
    """Read some articles and spill their rows, one batch per per-article config."""
    with _no_cycle_collection():
        return _process_chunk(job, wanted)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector: rows make no cycles (reference counting frees them), and the
    collector would otherwise scan every live object again and again as a chunk's rows pile up."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _process_chunk(job: Job, wanted: Wanted) -> ChunkResult:
    index, articles_dir, names, spill_dir = job
    result = ChunkResult(ArticleCounts(), {})
    rows: dict[str, list[Row]] = {"articles": [], "quotes": [], "claims": []}
    nested: dict[str, list[Any]] = {"article_id": [], "text": [], "quotes": [], "claims": []}
    encode_article, encode_quote, encode_claim = (
        ENCODERS["articles"], ENCODERS["quotes"], ENCODERS["claims"]
    )
    firsts = result.firsts
    for record in read_articles(articles_dir, names):
        article_id = record.article["id"]
        article = article_row(record.article, record.text)
        quotes = [quote_row(quote, article_id) for quote in record.quotes]
        claims = [claim_row(claim, article_id) for claim in record.claims]
        result.counts.add(record.article, quotes, claims)
        for quote in quotes:
            if quote["id"] in wanted.quotes:
                result.variants[quote["id"]] = variant(quote)
        for claim in claims:
            if claim["id"] in wanted.claims:
                result.members[claim["id"]] = claim_member(claim)
        if not firsts:
            firsts["articles"] = project(article, "articles")
            document = document_row(article_id, record.text, quotes, claims)
            firsts["documents"] = project(document, "documents")
        if quotes and "quotes" not in firsts:
            firsts["quotes"] = project(quotes[0], "quotes")
        if claims and "claims" not in firsts:
            firsts["claims"] = project(claims[0], "claims")
        # Encoded in place: from here on the rows hold class indices.
        encode_article(article)
        for quote in quotes:
            encode_quote(quote)
        for claim in claims:
            encode_claim(claim)
        rows["articles"].append(article)
        rows["quotes"] += quotes
        rows["claims"] += claims
        nested["article_id"].append(article_id)
        nested["text"].append(record.text)
        nested["quotes"].append(len(quotes))
        nested["claims"].append(len(claims))
    batches = {config: to_batch(config, config_rows) for config, config_rows in rows.items()}
    del rows
    batches["documents"] = _documents(nested, batches["quotes"], batches["claims"])
    for config in PER_ARTICLE:
        path = spill_dir / f"{config}-{index:06d}.arrow"
        result.spilled[config] = spill(config, batches[config], path)
    return result


DOCUMENTS_SCHEMA = FEATURES["documents"].arrow_schema


def _documents(
    nested: dict[str, list[Any]], quotes: pa.RecordBatch, claims: pa.RecordBatch
) -> pa.RecordBatch:
    """The `documents` batch of a chunk: each article's text with its quote and claim rows nested,
    made from the arrays of the `quotes` and `claims` batches rather than converted again
    (`document_row` is what a row holds)."""
    columns = [
        pa.array(nested["article_id"], DOCUMENTS_SCHEMA.field("article_id").type),
        pa.array(nested["text"], DOCUMENTS_SCHEMA.field("text").type),
        _nest(quotes, nested["quotes"], DOCUMENTS_SCHEMA.field("quotes").type),
        _nest(claims, nested["claims"], DOCUMENTS_SCHEMA.field("claims").type),
    ]
    return pa.RecordBatch.from_arrays(columns, schema=DOCUMENTS_SCHEMA)


def _nest(batch: pa.RecordBatch, counts: list[int], list_type: pa.ListType) -> pa.ListArray:
    """Consecutive rows of a batch as lists of `counts[i]` structs of `list_type`'s members."""
    member_type = list_type.value_type
    values = pa.StructArray.from_arrays(
        [batch.column(field.name) for field in member_type], fields=list(member_type)
    )
    offsets = pa.array(list(itertools.accumulate(counts, initial=0)), pa.int32())
    return pa.ListArray.from_arrays(offsets, values, type=list_type)


_worker_wanted: Wanted | None = None


def _init_worker(wanted: Wanted) -> None:
    global _worker_wanted
    _worker_wanted = wanted
    # What the worker inherited stays alive: the collector need not scan it.
    gc.freeze()


def _process_in_worker(job: Job) -> ChunkResult:
    assert _worker_wanted is not None
    return process_chunk(job, _worker_wanted)


# --- the whole corpus ---------------------------------------------------------------------------


def stream(
    corpus_dir: Path, spill_dir: Path, *, workers: int | None = None
) -> tuple[Summary, dict[str, Spilled]]:
    """Spill the rows of every config of a corpus under `spill_dir` and count what the text files
    say. `workers`: processes to read articles in (default: up to 2, for corpora large enough)."""
    registries = read_registries(corpus_dir)
    names = article_names(corpus_dir)
    articles_dir = corpus_dir / _paths.ARTICLES_DIR
    wanted = Wanted(
        quotes={quote for group in registries.utterances for quote in group["members"]},
        claims={claim for group in registries.claim_groups for claim in group["members"]},
    )
    jobs = [
        (index, articles_dir, names[start : start + CHUNK_ARTICLES], spill_dir)
        for index, start in enumerate(range(0, len(names), CHUNK_ARTICLES))
    ]
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if len(jobs) >= PARALLEL_FROM_CHUNKS else 1
    counts = ArticleCounts()
    spilled = {config: Spilled.empty(config) for config in CONFIGS}
    firsts: dict[str, Row] = {}
    variants: dict[str, Row] = {}
    members: dict[str, Row] = {}
    for result in _results(jobs, wanted, workers):
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


def _results(jobs: list, wanted: Wanted, workers: int) -> Iterator[ChunkResult]:
    """The chunks' results in chunk order."""
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for job in jobs:
            yield process_chunk(job, wanted)
        return
    # Forked, as the validator's workers are: they start at once, share what the parent has
    # imported, and need no importable `__main__` (pyarrow re-creates its thread pools after a fork).
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, context, initializer=_init_worker, initargs=(wanted,)) as pool:
        yield from pool.map(_process_in_worker, jobs)


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
