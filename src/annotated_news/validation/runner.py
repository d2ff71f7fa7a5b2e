"""Run every check over a corpus folder, streaming the articles one at a time."""

from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from .. import _paths
from .._version import SCHEMA_VERSION
from ..models import (
    AnnotationFile,
    ClaimGroupRegistry,
    DatasetInfo,
    EntityRegistry,
    EventRegistry,
    Record,
    UtteranceRegistry,
)
from .checks.article_quotes import check_article_has_quotes
from .checks.claimants import check_claimants
from .checks.cue_overlap import check_cue_overlap
from .checks.dates import check_date
from .checks.file_encoding import (
    UTF8_BOM,
    check_byte_order_mark,
    check_line_endings,
    decode,
    parse_json_text,
    read_bytes,
    read_json,
)
from .checks.file_names import check_name_matches_id, check_unsafe_id, pair_article_files
from .checks.groups import check_article_groups, check_groups_complete, register_groups
from .checks.nesting import check_nesting
from .checks.quotation_marks import check_quotation_marks
from .checks.record_ids import (
    register_article_records,
    register_registry_records,
    register_unparsed_records,
)
from .checks.references import check_article_references, resolve
from .checks.span_boundaries import check_span_boundaries
from .checks.span_order import check_span_order
from .checks.spans import check_spans
from ..schema import schema_file_of
from .checks.text_hash import check_text_hash
from .checks.unreferenced_entities import check_unreferenced_entities
from .context import ArticleUnderCheck, CorpusIndex, FileIssues, IndexFindings
from .issues import Report
from .fast_structure import fast_structure
from .source import JsonDocument

# Per-article checks, in the order their issues are most useful to read.
ARTICLE_CHECKS = (
    check_text_hash,
    check_spans,
    check_span_order,
    check_cue_overlap,
    check_article_references,
    check_nesting,
    check_claimants,
    check_article_groups,
    check_quotation_marks,
    check_span_boundaries,
    check_article_has_quotes,
)


class CorpusNotFound(Exception):
    """The path is not a corpus folder: validation could not run."""


class ValidatorBug(Exception):
    """The JSON Schema accepted what the models reject: a bug in one of them, not in the data."""


@dataclass
class _Registry:
    file: str
    model: type[Record]
    field: str
    kind: str


REGISTRIES = (
    _Registry(_paths.ENTITIES_FILE, EntityRegistry, "entities", "entity"),
    _Registry(_paths.EVENTS_FILE, EventRegistry, "events", "event"),
    _Registry(_paths.UTTERANCES_FILE, UtteranceRegistry, "utterances", "utterance group"),
    _Registry(_paths.CLAIM_GROUPS_FILE, ClaimGroupRegistry, "claim_groups", "claim group"),
)


Engine = Literal["fast", "jsonschema"]
CHUNK_SIZE = 256
PARALLEL_FROM = 2 * CHUNK_SIZE


def validate(
    path: str | Path | None = None,
    *,
    engine: Engine = "fast",
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Check a corpus folder (default: the one shipped with the package) and report every issue.

    `engine="fast"` checks structure with msgspec structs derived from the pydantic models
    (`fast_structure`) and sends every file they do not accept down the reference path: the JSON
    Schema (with jsonschema), which reports its problems in the schema's terms, then the models;
    differential tests show the two accept the same files. `engine="jsonschema"` takes the
    reference path for every file. Articles are checked in chunks on `workers` processes (default:
    one per CPU) once the corpus is large enough for that to pay.

    Raises `CorpusNotFound` when `path` is not a corpus folder. Invalid data never raises: it is
    reported.
    """
    root = Path(path) if path is not None else _paths.default_corpus_dir()
    if not root.is_dir():
        raise CorpusNotFound(f"{root} is not a folder")
    if not (root / _paths.DATASET_FILE).exists() and not (root / _paths.ARTICLES_DIR).is_dir():
        raise CorpusNotFound(f"{root} is not a corpus folder: it has neither dataset.json nor articles/")
    run = _Run(root, engine, workers if workers is not None else (os.cpu_count() or 1), progress)
    run.dataset()
    registries = {registry.field: run.registry(registry) for registry in REGISTRIES}
    run.articles()
    run.finish(registries)
    run.report.sort()
    return run.report


def relative_name(root: Path, path: Path | str) -> str:
    """A file's name in reports: from the corpus folder's own name down."""
    name = f"{root.name}{os.sep}{str(path)[len(str(root)) + 1:]}"
    # A file name that is not UTF-8 holds surrogate escapes, which no output can encode.
    return name if name.isascii() else name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def parse_file(
    report: Report,
    index: CorpusIndex,
    engine: Engine,
    path: Path | str,
    file: str,
    model: type[Record],
    lists: dict[str, str] | None = None,
) -> tuple[Any, FileIssues]:
    """Read, parse and check the structure of one JSON file (`file` is its name in the report);
    the model instance when it is valid."""
    issues = FileIssues(report, file)
    report.files_checked += 1
    raw = read_bytes(path, issues)
    if raw is None:
        return None, issues
    if engine == "fast":
        # msgspec checks the UTF-8 of all it decodes: a file it accepts needs no decoding here.
        body = raw.removeprefix(UTF8_BOM)
        instance = fast_structure(body, model)
        if instance is not None:
            check_byte_order_mark(raw, issues)
            issues.document = JsonDocument.lazy(body)
            return instance, issues
    text = decode(raw, issues)
    if text is None:
        return None, issues
    document = parse_json_text(text, issues)
    if document is None:
        return None, issues
    if model is AnnotationFile:
        check_unsafe_id(document.data, issues)
    # jsonschema is imported only for a file that takes this path: it takes longer to import than
    # a small corpus takes to check.
    from .checks.structure import check_structure

    if not check_structure(document.data, schema_file_of(model), issues):
        if lists:
            register_unparsed_records(document.data, lists, index, issues)
        return None, issues
    try:
        return model.model_validate(document.data), issues
    except ValidationError as error:
        raise ValidatorBug(
            f"{issues.file}: the JSON Schema accepts this file but the {model.__name__} model "
            f"rejects it ({error.errors()[0]['msg']}); please report this as a bug"
        ) from error


def check_article(root: Path, report: Report, index: CorpusIndex, engine: Engine, stem: str) -> None:
    """Check the article whose files are `articles/<stem>.txt` and `.json`."""
    path = f"{root}{os.sep}{_paths.ARTICLES_DIR}{os.sep}{stem}"
    shown = relative_name(root, path)
    text_issues = FileIssues(report, f"{shown}.txt")
    report.files_checked += 1
    text_bytes = read_bytes(f"{path}.txt", text_issues)
    text = decode(text_bytes, text_issues) if text_bytes is not None else None
    text_issues.text = text
    if text is not None:
        check_line_endings(text, text_issues)
    annotation, issues = parse_file(
        report, index, engine, f"{path}.json", f"{shown}.json", AnnotationFile,
        {"/article/segments": "segment", "/quotes": "quote", "/claims": "claim"},
    )
    if annotation is None:
        return
    check_name_matches_id(stem, annotation.article.id, issues)
    article = ArticleUnderCheck(annotation, text, text_bytes, issues, text_issues, index)
    register_article_records(article)
    check_date(annotation.article.publication_date, "/article/publication_date", issues, annotation.article.id)
    for check in ARTICLE_CHECKS:
        check(article)


@dataclass
class _ChunkResult:
    issues: list
    files_checked: int
    findings: IndexFindings
    articles: int


def _check_chunk(root: Path, parent: CorpusIndex, engine: Engine, stems: list[str]) -> _ChunkResult:
    report = Report(corpus=str(root))
    index = parent.child()
    for stem in stems:
        check_article(root, report, index, engine, stem)
    return _ChunkResult(report.issues, report.files_checked, index.findings(), len(stems))


_WORKER_STATE: tuple[Path, CorpusIndex, Engine] | None = None


def _start_worker(root: Path, index: CorpusIndex, engine: Engine) -> None:
    global _WORKER_STATE
    _WORKER_STATE = (root, index, engine)


def _check_chunk_in_worker(stems: list[str]) -> _ChunkResult:
    return _check_chunk(*_WORKER_STATE, stems)


class _Run:
    def __init__(self, root: Path, engine: Engine, workers: int, progress) -> None:
        self.root = root
        self.progress = progress
        self.engine = engine
        self.workers = workers
        self.report = Report(corpus=str(root))
        self.index = CorpusIndex()
        self.registry_issues: dict[str, FileIssues] = {}

    def _parse(self, path: Path, model: type[Record], lists=None) -> tuple[Any, FileIssues]:
        file = relative_name(self.root, path)
        if not path.exists():
            issues = FileIssues(self.report, file)
            issues.add("missing-file", f"{path.name} is missing",
                       hint="every corpus has dataset.json, the four registries and articles/")
            return None, issues
        return parse_file(self.report, self.index, self.engine, path, file, model, lists)

    def dataset(self) -> None:
        info, issues = self._parse(self.root / _paths.DATASET_FILE, DatasetInfo)
        if info is not None and info.schema_version != SCHEMA_VERSION:
            issues.add("schema-version-mismatch",
                       f"the corpus follows schema {info.schema_version}; this validator checks {SCHEMA_VERSION}",
                       pointer="/schema_version",
                       hint="migrate the corpus, or use the annotated-news release that matches its schema")

    def registry(self, registry: _Registry) -> list:
        parsed, issues = self._parse(self.root / registry.file, registry.model,
                                     {f"/{registry.field}": registry.kind})
        self.registry_issues[registry.field] = issues
        records = getattr(parsed, registry.field) if parsed is not None else []
        register_registry_records(registry.kind, records, f"/{registry.field}", self.index, issues)
        if registry.field == "events":
            for position, event in enumerate(records):
                check_date(event.date, f"/events/{position}/date", issues, event.id)
        if registry.field in ("utterances", "claim_groups"):
            register_groups(records, registry.kind, f"/{registry.field}", self.index, issues)
        if registry.field == "utterances":
            for position, group in enumerate(records):
                resolve(group.speaker, "entity", f"/utterances/{position}/speaker", self.index, issues, group.id)
                resolve(group.event, "event", f"/utterances/{position}/event", self.index, issues, group.id)
        return records

    def articles(self) -> None:
        articles_dir = self.root / _paths.ARTICLES_DIR
        if not articles_dir.is_dir():
            FileIssues(self.report, relative_name(self.root, articles_dir)).add(
                "missing-file", "the articles/ folder is missing", hint="create it with the article files")
            return
        self.index.seal_registries()
        stems = pair_article_files(articles_dir, self.report, partial(relative_name, self.root))
        chunks = [stems[start : start + CHUNK_SIZE] for start in range(0, len(stems), CHUNK_SIZE)]
        self.articles_done, self.articles_total = 0, len(stems)
        if self.workers > 1 and len(stems) >= PARALLEL_FROM:
            # fork: the workers inherit the registries' index instead of unpickling it. Frozen, the
            # inherited objects are left out of garbage collections, which would otherwise touch
            # (and so copy) every page of them in every worker.
            gc.freeze()
            try:
                with ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                         initializer=_start_worker,
                                         initargs=(self.root, self.index, self.engine)) as pool:
                    for result in pool.map(_check_chunk_in_worker, chunks):
                        self._merge(result)
            finally:
                gc.unfreeze()
        else:
            for chunk in chunks:
                self._merge(_check_chunk(self.root, self.index, self.engine, chunk))

    def _merge(self, result: _ChunkResult) -> None:
        self.report.issues.extend(result.issues)
        self.report.files_checked += result.files_checked
        self.index.merge(result.findings, self._issues_for)
        self.articles_done += result.articles
        if self.progress:
            self.progress(self.articles_done, self.articles_total)

    def _issues_for(self, file: str) -> FileIssues:
        """Issues about a file seen in an earlier chunk: parse it again, only to locate them."""
        path = self.root / Path(file).relative_to(self.root.name)
        scratch = FileIssues(Report(corpus=str(self.root)), file)
        return FileIssues(self.report, file, document=read_json(path, scratch))

    def finish(self, registries: dict[str, list]) -> None:
        for registry in REGISTRIES[2:]:
            check_groups_complete(registries[registry.field], registry.kind, f"/{registry.field}",
                                  self.index, self.registry_issues[registry.field])
        check_unreferenced_entities(registries["entities"], self.index, self.registry_issues["entities"])
