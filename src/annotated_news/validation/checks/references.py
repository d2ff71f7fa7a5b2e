"""Meaning: every reference names an existing record of the right kind, in the right article."""

from __future__ import annotations

import difflib
import re

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
        # Only ids that start alike and are about as long: difflib over every id would be slow.
        candidates = [key for key in index.ids_of_kind(kind)
                      if key[:1] == reference[:1] and abs(len(key) - len(reference)) <= 3]
        close = difflib.get_close_matches(reference, candidates, n=1)
        issues.add("dangling-reference", f"no {kind} with id {reference!r}", pointer=pointer,
                   record_id=record_id,
                   hint=f"did you mean {close[0]!r}?" if close else f"add the {kind} or fix the id")
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


def check_article_references(article: ArticleUnderCheck) -> None:
    index, issues, annotation = article.index, article.issues, article.annotation
    resolve(annotation.article.outlet, "entity", "/article/outlet", index, issues, entity_type="outlet")
    resolve(annotation.article.event, "event", "/article/event", index, issues)
    own_quotes = {quote.id for quote in annotation.quotes}
    for position, quote in enumerate(annotation.quotes):
        base = f"/quotes/{position}"
        resolve(quote.speaker, "entity", f"{base}/speaker", index, issues)
        resolve(quote.utterance, "utterance group", f"{base}/utterance", index, issues)
        _same_article_quote(quote.nested_in, f"{base}/nested_in", own_quotes, article)
    for position, claim in enumerate(annotation.claims):
        base = f"/claims/{position}"
        resolve(claim.claimant, "entity", f"{base}/claimant", index, issues)
        resolve(claim.claim_group, "claim group", f"{base}/claim_group", index, issues)
        for part, entity in enumerate(claim.about):
            resolve(entity, "entity", f"{base}/about/{part}", index, issues)
        for part, quote_id in enumerate(claim.supporting_quotes):
            _same_article_quote(quote_id, f"{base}/supporting_quotes/{part}", own_quotes, article)


def _same_article_quote(quote_id: str | None, pointer: str, own_quotes: set[str], article: ArticleUnderCheck) -> None:
    if quote_id is None or quote_id in own_quotes:
        return
    other_article = quote_id.split("-q")[0]
    if QUOTE_ID.match(quote_id) and other_article != article.article_id:
        article.issues.add("cross-article-reference",
                           f"quote {quote_id!r} is in article {other_article}, not in this one",
                           pointer=pointer, hint="name a quote of this article")
    else:
        resolve(quote_id, "quote", pointer, article.index, article.issues)
