"""What the checks share: where to put issues, the article under check, the cross-file index."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..models import AnnotationFile, Span
from .catalog import severity_of
from .issues import Issue, Report
from .source import JsonDocument, LineIndex, pointer_join


class FileIssues:
    """Adds issues about one file to the report, locating them by JSON pointer or text offset."""

    def __init__(
        self,
        report: Report,
        file: str,
        document: JsonDocument | None = None,
        text: str | None = None,
    ) -> None:
        self.report = report
        self.file = file
        self.document = document
        self.text = text
        self._lines: LineIndex | None = None

    def add(
        self,
        code: str,
        message: str,
        *,
        pointer: str = "",
        hint: str | None = None,
        record_id: str | None = None,
        offset: int | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        if offset is not None and self.text is not None:
            if self._lines is None:
                self._lines = LineIndex(self.text)
            line, column = self._lines.position(offset)
        elif self.document is not None and line is None:
            position = self.document.position(pointer)
            if position:
                line, column = position
        if record_id is None and self.document is not None:
            record_id = record_id_at(self.document.data, pointer)
        self.report.issues.append(
            Issue(
                code=code,
                severity=severity_of(code),
                file=self.file,
                message=message,
                pointer=pointer,
                line=line,
                column=column,
                record_id=record_id,
                hint=hint,
            )
        )


def a_or_an(noun: str) -> str:
    """`noun` with its indefinite article, for messages: "an entity", "a quote"."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def record_id_at(data: Any, pointer: str) -> str | None:
    """The id of the innermost record (an object with a string `id`) on the way to `pointer`."""
    found = None
    node = data
    for token in [part for part in pointer.split("/")[1:]]:
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
        key = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return found
    if isinstance(node, dict) and isinstance(node.get("id"), str):
        found = node["id"]
    return found


@dataclass(slots=True)
class Definition:
    kind: str
    file: str
    pointer: str
    article_id: str | None = None
    entity_type: str | None = None


@dataclass
class CorpusIndex:
    """What cross-file checks need, and nothing more.

    Registry records and article ids are kept; a quote, claim or segment is kept only when a group
    names it as a member or its id lacks its article's prefix (so it could collide with another
    file's). Article texts and annotations are never kept: memory grows with the registries and the
    number of articles, not with the annotations.

    While articles are checked in parallel, each chunk fills a `child` index that reads the
    registries from its parent; `merge` brings the chunk's findings back in file order.
    """

    definitions: dict[str, Definition] = field(default_factory=dict)
    # A chunk's index reads the registries' definitions from its parent, and writes its own above.
    inherited: dict[str, Definition] = field(default_factory=dict)
    # group id -> (member id, JSON pointer in the registry) as the registry lists them
    group_members: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # member id -> the group whose registry entry lists it first
    listed_in: dict[str, str] = field(default_factory=dict)
    # wording-difference readings to check once their quotes are seen: (quote id, text, pointer)
    readings: list[tuple[str, str, str]] = field(default_factory=list)
    reading_quotes: set[str] = field(default_factory=set)
    # group member id -> the group its own annotation names (None for none)
    group_of: dict[str, str | None] = field(default_factory=dict)
    pointed_groups: set[str] = field(default_factory=set)
    # quote id -> content text, kept only for quotes that a reading names
    contents: dict[str, str] = field(default_factory=dict)
    referenced_entities: set[str] = field(default_factory=set)
    _ids_by_kind: dict[str, list[str]] | None = None
    # kind -> its registry ids, for testing an article's references a kind at a time
    _registry_ids: dict[str, frozenset[str]] = field(default_factory=dict)
    # (reference, kind) -> did-you-mean id: an id missing from a registry is usually named by many
    # articles, and matching it against thousands of ids each time would dominate the run.
    _suggestions: dict[tuple[str, str], str | None] = field(default_factory=dict)

    def lookup(self, record_id: str) -> Definition | None:
        return self.definitions.get(record_id) or self.inherited.get(record_id)

    def define(self, record_id: str, definition: Definition, issues: FileIssues) -> None:
        earlier = self.lookup(record_id)
        if earlier is not None:
            issues.add(
                "duplicate-id",
                f"{definition.kind} id {record_id!r} is already used by {a_or_an(earlier.kind)} at "
                f"{earlier.file} > {earlier.pointer}",
                pointer=pointer_join(definition.pointer, "id"),
                record_id=record_id,
                hint="give one of them a new id; ids are unique across the corpus",
            )
            return
        self.definitions[record_id] = definition

    def registry_ids(self, kind: str) -> frozenset[str]:
        """The ids of the registry records of `kind` (entities, events, groups), once sealed.

        An article defines no record of these kinds, and a registry id is never defined again: an id
        in this set is one that `lookup` finds as a record of `kind`.
        """
        return self._registry_ids.get(kind, frozenset())

    def ids_of_kind(self, kind: str) -> list[str]:
        """Registry ids of one kind, for did-you-mean hints (registries are complete by then)."""
        if self._ids_by_kind is None:
            self._ids_by_kind = {}
            for record_id, definition in self.definitions.items():
                self._ids_by_kind.setdefault(definition.kind, []).append(record_id)
        return self._ids_by_kind.get(kind, [])

    def closest_id(self, reference: str, kind: str) -> str | None:
        """The registry id of `kind` most like `reference`, for a did-you-mean hint."""
        key = (reference, kind)
        if key not in self._suggestions:
            # Only ids that start alike and are about as long: difflib over every id would be slow.
            candidates = [known for known in self.ids_of_kind(kind)
                          if known[:1] == reference[:1] and abs(len(known) - len(reference)) <= 3]
            close = difflib.get_close_matches(reference, candidates, n=1)
            self._suggestions[key] = close[0] if close else None
        return self._suggestions[key]

    def child(self) -> CorpusIndex:
        """An index for one chunk of articles: reads everything here, writes only its own."""
        return CorpusIndex(
            inherited=self.definitions,
            group_members=self.group_members,
            listed_in=self.listed_in,
            readings=self.readings,
            reading_quotes=self.reading_quotes,
            _ids_by_kind=self._ids_by_kind,
            _registry_ids=self._registry_ids,
            _suggestions=self._suggestions,
        )

    def seal_registries(self) -> None:
        """The registries are complete: index their ids by kind once, for the articles' references
        and hints."""
        self._ids_by_kind = None
        self._suggestions.clear()
        self.ids_of_kind("")
        self._registry_ids = {kind: frozenset(ids) for kind, ids in self._ids_by_kind.items()}

    def findings(self) -> IndexFindings:
        """What a child index learnt, to send back to the parent."""
        return IndexFindings(
            definitions=self.definitions,
            group_of=self.group_of,
            pointed_groups=self.pointed_groups,
            contents=self.contents,
            referenced_entities=self.referenced_entities,
        )

    def merge(self, findings: IndexFindings, issues_for: Callable[[str], FileIssues]) -> None:
        for record_id, definition in findings.definitions.items():
            if record_id in self.definitions:  # a duplicate: only then is the file read again
                self.define(record_id, definition, issues_for(definition.file))
            else:
                self.definitions[record_id] = definition
        self.group_of.update(findings.group_of)
        self.pointed_groups |= findings.pointed_groups
        self.contents.update(findings.contents)
        self.referenced_entities |= findings.referenced_entities


@dataclass
class IndexFindings:
    definitions: dict[str, Definition]
    group_of: dict[str, str | None]
    pointed_groups: set[str]
    contents: dict[str, str]
    referenced_entities: set[str]


@dataclass
class ArticleUnderCheck:
    """One article during validation: its parsed annotation file, its text, where to report.

    `issues` locates by JSON pointer in the annotation file; `text_issues` by offset in the text.
    """

    annotation: AnnotationFile
    text: str | None
    text_bytes: bytes | None
    issues: FileIssues
    text_issues: FileIssues
    index: CorpusIndex
    _spans: list[Span] | None = None
    _holding: list[Span] | None = None
    _locations: dict[int, tuple[str, str]] | None = None

    @property
    def article_id(self) -> str:
        return self.annotation.article.id

    def spans(self) -> list[Span]:
        """Every span of the file, in file order; `locate` says where one is."""
        if self._spans is None:
            annotation = self.annotation
            spans = [segment.span for segment in annotation.article.segments]
            for quote in annotation.quotes:
                spans += quote.content
                if quote.source is not None:
                    spans.append(quote.source)
                if quote.cue is not None:
                    spans.append(quote.cue)
            for claim in annotation.claims:
                spans += claim.spans
                if claim.claimant_span is not None:
                    spans.append(claim.claimant_span)
            self._spans = spans
        return self._spans

    def holding_spans(self) -> list[Span]:
        """The spans that lie in the text and hold the text at their offsets: normally all."""
        if self._holding is None:
            text = self.text
            if text is None:
                self._holding = []
            else:
                length = len(text)
                self._holding = [span for span in self.spans()
                                 if span.start < span.end <= length and text[span.start : span.end] == span.text]
        return self._holding

    def locate(self, span: Span) -> tuple[str, str]:
        """The JSON pointer of one of `spans()` and the id of the record that holds it.

        Worked out only for an article with something to report: most never need it.
        """
        if self._locations is None:
            self._locations = {id(span): (pointer, record_id) for pointer, span, record_id in self._walk_spans()}
        return self._locations[id(span)]

    def _walk_spans(self) -> Iterator[tuple[str, Span, str]]:
        article = self.annotation.article
        for position, segment in enumerate(article.segments):
            yield f"/article/segments/{position}/span", segment.span, segment.id
        for position, quote in enumerate(self.annotation.quotes):
            base = f"/quotes/{position}"
            for part, span in enumerate(quote.content):
                yield f"{base}/content/{part}", span, quote.id
            for name in ("source", "cue"):
                span = getattr(quote, name)
                if span is not None:
                    yield f"{base}/{name}", span, quote.id
        for position, claim in enumerate(self.annotation.claims):
            base = f"/claims/{position}"
            for part, span in enumerate(claim.spans):
                yield f"{base}/spans/{part}", span, claim.id
            if claim.claimant_span is not None:
                yield f"{base}/claimant_span", claim.claimant_span, claim.id
