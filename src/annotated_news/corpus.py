"""Load the corpus into typed, navigable objects."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from . import _paths
from .models import (
    AnnotationFile,
    Article,
    Claim,
    ClaimGroup,
    ClaimGroupRegistry,
    DatasetInfo,
    Entity,
    EntityRegistry,
    Event,
    EventRegistry,
    Quote,
    UtteranceGroup,
    UtteranceRegistry,
    attach,
)

ModelT = TypeVar("ModelT", bound=BaseModel)


class CorpusError(Exception):
    """The corpus could not be loaded; the message names the file and what is wrong."""


class Corpus:
    """All articles, quotes, claims and registries of one corpus version, cross-linked.

    Records returned from here navigate: ``article.quotes``, ``quote.speaker_entity``,
    ``quote.other_reports``, ``entity.quotes``, ``claim.group_members``.
    """

    def __init__(
        self,
        info: DatasetInfo,
        files: list[tuple[AnnotationFile, str]],
        entities: list[Entity],
        events: list[Event],
        utterances: list[UtteranceGroup],
        claim_groups: list[ClaimGroup],
    ) -> None:
        self.info = info
        self.articles: list[Article] = []
        self.quotes: list[Quote] = []
        self.claims: list[Claim] = []
        self.entities = entities
        self.events = events
        self.utterances = utterances
        self.claim_groups = claim_groups
        self._quotes_in: dict[str, list[Quote]] = defaultdict(list)
        self._claims_in: dict[str, list[Claim]] = defaultdict(list)
        self._quotes_by: dict[str, list[Quote]] = defaultdict(list)
        self._claims_by: dict[str, list[Claim]] = defaultdict(list)
        for annotation, text in files:
            article = annotation.article
            attach(article, corpus=self, text=text)
            self.articles.append(article)
            for quote in annotation.quotes:
                attach(quote, corpus=self, article_id=article.id)
                self.quotes.append(quote)
                self._quotes_in[article.id].append(quote)
                if quote.speaker is not None:
                    self._quotes_by[quote.speaker].append(quote)
            for claim in annotation.claims:
                attach(claim, corpus=self, article_id=article.id)
                self.claims.append(claim)
                self._claims_in[article.id].append(claim)
                if claim.claimant is not None:
                    self._claims_by[claim.claimant].append(claim)
        for entity in entities:
            attach(entity, corpus=self)
        self._articles = _index(self.articles, "article")
        self._quotes = _index(self.quotes, "quote")
        self._claims = _index(self.claims, "claim")
        self._entities = _index(entities, "entity")
        self._events = _index(events, "event")
        self._utterances = _index(utterances, "utterance group")
        self._claim_groups = _index(claim_groups, "claim group")

    @property
    def version(self) -> str:
        """The dataset version of this corpus."""
        return self.info.version

    def article(self, article_id: str) -> Article:
        return _lookup(self._articles, article_id, "article")

    def quote(self, quote_id: str) -> Quote:
        return _lookup(self._quotes, quote_id, "quote")

    def claim(self, claim_id: str) -> Claim:
        return _lookup(self._claims, claim_id, "claim")

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id; None for a None id (an unnamed speaker, an unknown outlet)."""
        return None if entity_id is None else _lookup(self._entities, entity_id, "entity")

    def event(self, event_id: str) -> Event:
        return _lookup(self._events, event_id, "event")

    def utterance(self, utterance_id: str) -> UtteranceGroup:
        return _lookup(self._utterances, utterance_id, "utterance group")

    def claim_group(self, claim_group_id: str) -> ClaimGroup:
        return _lookup(self._claim_groups, claim_group_id, "claim group")

    def quotes_in(self, article_id: str) -> list[Quote]:
        return list(self._quotes_in[article_id])

    def claims_in(self, article_id: str) -> list[Claim]:
        return list(self._claims_in[article_id])

    def quotes_by(self, entity_id: str) -> list[Quote]:
        return list(self._quotes_by[entity_id])

    def claims_by(self, entity_id: str) -> list[Claim]:
        return list(self._claims_by[entity_id])

    def __repr__(self) -> str:
        return (
            f"Corpus(version={self.version!r}, articles={len(self.articles)}, "
            f"quotes={len(self.quotes)}, claims={len(self.claims)}, "
            f"entities={len(self.entities)})"
        )


def article_files(corpus_dir: Path) -> list[tuple[Path, Path]]:
    """(annotation file, text file) pairs of a corpus, in file-name order."""
    articles_dir = corpus_dir / _paths.ARTICLES_DIR
    names = article_names(corpus_dir)
    return [(articles_dir / name, articles_dir / text_name(name)) for name in names]


def article_names(corpus_dir: Path) -> list[str]:
    """The names of a corpus's annotation files (`NNN_<id>.json`), in order: a list that stays
    small for a large corpus, where paths would not."""
    # Names from the directory listing: at 100,000 articles, `Path.glob` leaves tens of MB behind.
    return sorted(name for name in os.listdir(corpus_dir / _paths.ARTICLES_DIR)
                  if name.endswith(".json") and not name.startswith("."))


def text_name(annotation_name: str) -> str:
    """The name of the text file beside an annotation file."""
    return annotation_name.removesuffix(".json") + ".txt"


def read_text(path: Path) -> str:
    """An article text exactly as stored: UTF-8, no newline translation."""
    return path.read_bytes().decode("utf-8")


def load(path: str | Path | None = None) -> Corpus:
    """Load a corpus folder; by default the corpus shipped with this package.

    Raises `CorpusError` when a file is missing or not a valid record.
    """
    corpus_dir = Path(path) if path is not None else _paths.default_corpus_dir()
    info = _read_model(corpus_dir / _paths.DATASET_FILE, DatasetInfo)
    files = []
    for annotation_path, text_path in article_files(corpus_dir):
        annotation = _read_model(annotation_path, AnnotationFile)
        try:
            text = read_text(text_path)
        except (OSError, UnicodeDecodeError) as error:
            raise CorpusError(f"{text_path}: cannot read the article text: {error}") from error
        files.append((annotation, text))
    return Corpus(
        info=info,
        files=files,
        entities=_read_model(corpus_dir / _paths.ENTITIES_FILE, EntityRegistry).entities,
        events=_read_model(corpus_dir / _paths.EVENTS_FILE, EventRegistry).events,
        utterances=_read_model(corpus_dir / _paths.UTTERANCES_FILE, UtteranceRegistry).utterances,
        claim_groups=_read_model(
            corpus_dir / _paths.CLAIM_GROUPS_FILE, ClaimGroupRegistry
        ).claim_groups,
    )


def _read_model(path: Path, model: type[ModelT]) -> ModelT:
    try:
        return model.model_validate_json(path.read_bytes())
    except OSError as error:
        raise CorpusError(f"{path}: cannot read: {error.strerror}") from error
    except ValidationError as error:
        problems = "; ".join(
            f"{'/'.join(str(part) for part in item['loc']) or '(root)'}: {item['msg']}"
            for item in error.errors()
        )
        raise CorpusError(
            f"{path}: not a valid {model.__name__}: {problems}"
        ) from error


def _index(records, kind: str) -> dict:
    index = {}
    for record in records:
        if record.id in index:
            raise CorpusError(f"duplicate {kind} id {record.id!r}")
        index[record.id] = record
    return index


def _lookup(index: dict, record_id: str, kind: str):
    try:
        return index[record_id]
    except KeyError:
        raise KeyError(f"no {kind} with id {record_id!r} in this corpus") from None
