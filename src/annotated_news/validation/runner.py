"""Run every check over a corpus folder, streaming the articles one at a time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
from .checks.file_encoding import check_line_endings, decode, read_bytes, read_json
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
from .checks.structure import check_structure
from .checks.text_hash import check_text_hash
from .checks.unreferenced_entities import check_unreferenced_entities
from .context import ArticleUnderCheck, CorpusIndex, FileIssues
from .issues import Report

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
    schema_file: str
    model: type[Record]
    field: str
    kind: str


REGISTRIES = (
    _Registry(_paths.ENTITIES_FILE, "entities.schema.json", EntityRegistry, "entities", "entity"),
    _Registry(_paths.EVENTS_FILE, "events.schema.json", EventRegistry, "events", "event"),
    _Registry(_paths.UTTERANCES_FILE, "utterances.schema.json", UtteranceRegistry, "utterances", "utterance group"),
    _Registry(_paths.CLAIM_GROUPS_FILE, "claim-groups.schema.json", ClaimGroupRegistry, "claim_groups", "claim group"),
)


def validate(path: str | Path | None = None) -> Report:
    """Check a corpus folder (default: the one shipped with the package) and report every issue.

    Raises `CorpusNotFound` when `path` is not a corpus folder. Invalid data never raises: it is
    reported.
    """
    root = Path(path) if path is not None else _paths.default_corpus_dir()
    if not root.is_dir():
        raise CorpusNotFound(f"{root} is not a folder")
    if not (root / _paths.DATASET_FILE).exists() and not (root / _paths.ARTICLES_DIR).is_dir():
        raise CorpusNotFound(f"{root} is not a corpus folder: it has neither dataset.json nor articles/")
    run = _Run(root)
    run.dataset()
    registries = {registry.field: run.registry(registry) for registry in REGISTRIES}
    run.articles()
    run.finish(registries)
    run.report.sort()
    return run.report


class _Run:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.report = Report(corpus=str(root))
        self.index = CorpusIndex()
        self.registry_issues: dict[str, FileIssues] = {}

    def relative(self, path: Path) -> str:
        name = str(Path(self.root.name) / path.relative_to(self.root))
        # A file name that is not UTF-8 holds surrogate escapes, which no output can encode.
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")

    def _parse(
        self, path: Path, schema_file: str, model: type[Record], lists: dict[str, str] | None = None
    ) -> tuple[Any, FileIssues]:
        issues = FileIssues(self.report, self.relative(path))
        if not path.exists():
            issues.add("missing-file", f"{path.name} is missing",
                       hint="every corpus has dataset.json, the four registries and articles/")
            return None, issues
        self.report.files_checked += 1
        document = read_json(path, issues)
        if document is None:
            return None, issues
        if model is AnnotationFile:
            check_unsafe_id(document.data, issues)
        if not check_structure(document.data, schema_file, issues):
            if lists:
                register_unparsed_records(document.data, lists, self.index, issues)
            return None, issues
        try:
            return model.model_validate(document.data), issues
        except ValidationError as error:
            raise ValidatorBug(
                f"{issues.file}: the JSON Schema accepts this file but the {model.__name__} model "
                f"rejects it ({error.errors()[0]['msg']}); please report this as a bug"
            ) from error

    def dataset(self) -> None:
        info, issues = self._parse(self.root / _paths.DATASET_FILE, "dataset.schema.json", DatasetInfo)
        if info is not None and info.schema_version != SCHEMA_VERSION:
            issues.add("schema-version-mismatch",
                       f"the corpus follows schema {info.schema_version}; this validator checks {SCHEMA_VERSION}",
                       pointer="/schema_version",
                       hint="migrate the corpus, or use the annotated-news release that matches its schema")

    def registry(self, registry: _Registry) -> list:
        parsed, issues = self._parse(self.root / registry.file, registry.schema_file, registry.model,
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
            FileIssues(self.report, self.relative(articles_dir)).add(
                "missing-file", "the articles/ folder is missing", hint="create it with the article files")
            return
        for json_path, text_path in pair_article_files(articles_dir, self.report, self.relative):
            self.article(json_path, text_path)

    def article(self, json_path: Path, text_path: Path) -> None:
        text_issues = FileIssues(self.report, self.relative(text_path))
        self.report.files_checked += 1
        text_bytes = read_bytes(text_path, text_issues)
        text = decode(text_bytes, text_issues) if text_bytes is not None else None
        text_issues.text = text
        if text is not None:
            check_line_endings(text, text_issues)
        annotation, issues = self._parse(json_path, "annotation-file.schema.json", AnnotationFile,
                                         {"/article/segments": "segment", "/quotes": "quote", "/claims": "claim"})
        if annotation is None:
            return
        check_name_matches_id(json_path, annotation.article.id, issues)
        article = ArticleUnderCheck(annotation, issues.document.data, text, text_bytes, issues, text_issues,
                                    self.index)
        register_article_records(article)
        check_date(annotation.article.publication_date, "/article/publication_date", issues, annotation.article.id)
        for check in ARTICLE_CHECKS:
            check(article)

    def finish(self, registries: dict[str, list]) -> None:
        for registry in REGISTRIES[2:]:
            check_groups_complete(registries[registry.field], registry.kind, f"/{registry.field}",
                                  self.index, self.registry_issues[registry.field])
        check_unreferenced_entities(registries["entities"], self.index, self.registry_issues["entities"])
