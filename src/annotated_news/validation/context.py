"""What the checks share: where to put issues, the article under check, the cross-file index."""

from __future__ import annotations

from collections.abc import Iterator
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


@dataclass
class Definition:
    kind: str
    file: str
    pointer: str
    article_id: str | None = None
    entity_type: str | None = None


@dataclass
class CorpusIndex:
    """What cross-file checks need, and nothing more: ids, kinds, group memberships.

    Built while the files stream past; article texts are never kept.
    """

    definitions: dict[str, Definition] = field(default_factory=dict)
    # group id -> (member id, JSON pointer in the registry) as the registry lists them
    group_members: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # member id -> the group whose registry entry lists it first
    listed_in: dict[str, str] = field(default_factory=dict)
    # record id -> the group its own annotation names (None for none)
    group_of: dict[str, str | None] = field(default_factory=dict)
    pointed_groups: set[str] = field(default_factory=set)
    # wording-difference readings to check once their quotes are seen: (quote id, text, pointer)
    readings: list[tuple[str, str, str]] = field(default_factory=list)
    # quote id -> content text, kept only for quotes that a reading names
    contents: dict[str, str] = field(default_factory=dict)
    referenced_entities: set[str] = field(default_factory=set)

    def define(self, record_id: str, definition: Definition, issues: FileIssues) -> None:
        earlier = self.definitions.get(record_id)
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


@dataclass
class ArticleUnderCheck:
    """One article during validation: its parsed annotation file, its text, where to report.

    `issues` locates by JSON pointer in the annotation file; `text_issues` by offset in the text.
    """

    annotation: AnnotationFile
    data: dict
    text: str | None
    text_bytes: bytes | None
    issues: FileIssues
    text_issues: FileIssues
    index: CorpusIndex

    @property
    def article_id(self) -> str:
        return self.annotation.article.id

    def spans(self) -> Iterator[tuple[str, Span, str]]:
        """Every span of the file as (JSON pointer, span, id of the record holding it)."""
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
