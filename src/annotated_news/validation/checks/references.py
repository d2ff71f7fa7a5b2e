"""Meaning: every reference names an existing record of the right kind, in the right article."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...models import QUOTE_ID as _QUOTE_ID_PATTERN

from ..context import ArticleUnderCheck, CorpusIndex, FileIssues, a_or_an

QUOTE_ID = re.compile(_QUOTE_ID_PATTERN)


def resolve(reference: str | None, kind: str, pointer: str, index: CorpusIndex, issues: FileIssues,
            record_id: str | None = None, entity_type: str | None = None) -> bool:
    """Report a reference that names nothing or the wrong kind of record; True when it resolves."""
    if reference is None:
        return True
    definition = index.lookup(reference)
    if definition is not None and definition.kind == kind and entity_type is None:
        if kind == "entity":
            index.referenced_entities.add(reference)
        return True
    if definition is None:
        close = index.closest_id(reference, kind)
        issues.add("dangling-reference", f"no {kind} with id {reference!r}", pointer=pointer,
                   record_id=record_id,
                   hint=f"did you mean {close!r}?" if close else f"add the {kind} or fix the id")
        return False
    if definition.kind != kind:
        issues.add("wrong-record-kind",
                   f"{reference!r} is {a_or_an(definition.kind)}, not {a_or_an(kind)}",
                   pointer=pointer, record_id=record_id, hint=f"name {a_or_an(kind)} here")
        return False
    if entity_type is not None and definition.entity_type != entity_type:
        issues.add("wrong-record-kind",
                   f"{reference!r} is an entity of type {definition.entity_type}, not {entity_type}",
                   pointer=pointer, record_id=record_id,
                   hint=f"name an entity of type {entity_type}, or fix the entity's type")
        return False
    if kind == "entity":
        index.referenced_entities.add(reference)
    return True


OWN_QUOTE = "quote of this article"


def check_article_references(article: ArticleUnderCheck) -> None:
    index, annotation = article.index, article.annotation
    resolve(annotation.article.outlet, "entity", "/article/outlet", index, article.issues, entity_type="outlet")
    own_quotes = {quote.id for quote in annotation.quotes}
    if _all_resolve(annotation, own_quotes, index):
        return
    for reference, kind, where in _references(annotation):
        if reference is None:
            continue
        if kind == OWN_QUOTE:
            if reference not in own_quotes:
                _other_quote(reference, _pointer(where), article)
            continue
        resolve(reference, kind, _pointer(where), index, article.issues)


def _all_resolve(annotation, own_quotes: set[str], index: CorpusIndex) -> bool:
    """The common case, tested a kind at a time with set operations rather than a step per
    reference: every reference names a record of its kind. Its entities are then marked referenced."""
    quotes, claims = annotation.quotes, annotation.claims
    entities = {quote.speaker for quote in quotes}
    entities.update([claim.claimant for claim in claims])
    for claim in claims:
        entities.update(claim.about)
    entities.discard(None)
    named_quotes = {quote.nested_in for quote in quotes}
    for claim in claims:
        named_quotes.update(claim.supporting_quotes)
    named_quotes.discard(None)
    groups = {quote.utterance for quote in quotes} - {None}
    claim_groups = {claim.claim_group for claim in claims} - {None}
    event = annotation.article.event
    if (entities <= index.registry_ids("entity") and named_quotes <= own_quotes
            and groups <= index.registry_ids("utterance group")
            and claim_groups <= index.registry_ids("claim group")
            and (event is None or event in index.registry_ids("event"))):
        index.referenced_entities |= entities
        return True
    return False


def _references(annotation) -> Iterator[tuple[str | None, str, tuple]]:
    """Every reference of an annotation file but the outlet: (id or None, kind of record it names,
    the tokens of its JSON pointer)."""
    yield annotation.article.event, "event", ("article", "event")
    for position, quote in enumerate(annotation.quotes):
        yield quote.speaker, "entity", ("quotes", position, "speaker")
        yield quote.utterance, "utterance group", ("quotes", position, "utterance")
        yield quote.nested_in, OWN_QUOTE, ("quotes", position, "nested_in")
    for position, claim in enumerate(annotation.claims):
        yield claim.claimant, "entity", ("claims", position, "claimant")
        yield claim.claim_group, "claim group", ("claims", position, "claim_group")
        for part, entity in enumerate(claim.about):
            yield entity, "entity", ("claims", position, "about", part)
        for part, quote_id in enumerate(claim.supporting_quotes):
            yield quote_id, OWN_QUOTE, ("claims", position, "supporting_quotes", part)


def _pointer(tokens: tuple) -> str:
    return "".join(f"/{token}" for token in tokens)


def _other_quote(quote_id: str, pointer: str, article: ArticleUnderCheck) -> None:
    """A reference that must name a quote of this article names another record."""
    other_article = quote_id.split("-q")[0]
    if QUOTE_ID.match(quote_id) and other_article != article.article_id:
        article.issues.add("cross-article-reference",
                           f"quote {quote_id!r} is in article {other_article}, not in this one",
                           pointer=pointer, hint="name a quote of this article")
    else:
        resolve(quote_id, "quote", pointer, article.index, article.issues)
