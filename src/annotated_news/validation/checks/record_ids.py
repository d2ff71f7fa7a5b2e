"""Meaning: record ids are unique across the corpus and carry their article's id."""

from __future__ import annotations

from itertools import repeat

from ..context import ArticleUnderCheck, CorpusIndex, Definition, FileIssues


def register_article_records(article: ArticleUnderCheck) -> None:
    """Ids are unique in the file; ids other files may need (group members, ids without the
    article's prefix, which could collide elsewhere) go to the corpus index."""
    annotation, index, issues = article.annotation, article.index, article.issues
    article_id = annotation.article.id
    index.define(article_id, Definition("article", issues.file, "/article", article_id), issues)
    ids = [segment.id for segment in annotation.article.segments]
    ids += [quote.id for quote in annotation.quotes]
    ids += [claim.id for claim in annotation.claims]
    prefix = f"{article_id}-"
    # The common case, tested without a Python-level loop: nothing to report, nothing other files need.
    if (len(set(ids)) == len(ids) and not any(map(index.listed_in.__contains__, ids))
            and all(map(str.startswith, ids, repeat(prefix)))):
        return
    wanted = {record_id for record_id in ids if record_id in index.listed_in}
    records = [(f"/article/segments/{i}", "segment", "s", segment.id) for i, segment in enumerate(annotation.article.segments)]
    records += [(f"/quotes/{i}", "quote", "q", quote.id) for i, quote in enumerate(annotation.quotes)]
    records += [(f"/claims/{i}", "claim", "c", claim.id) for i, claim in enumerate(annotation.claims)]
    in_file = CorpusIndex()
    for pointer, kind, letter, record_id in records:
        definition = Definition(kind, issues.file, pointer, article_id)
        in_file.define(record_id, definition, issues)
        if not record_id.startswith(prefix):
            issues.add("id-prefix-mismatch",
                       f"{kind} id {record_id!r} does not start with the article id {article_id}",
                       pointer=f"{pointer}/id", record_id=record_id,
                       hint=f"use {article_id}-{letter}<n>")
            index.define(record_id, definition, issues)
        elif record_id in wanted and index.lookup(record_id) is None:
            index.definitions[record_id] = definition


def register_registry_records(kind: str, records, pointer: str, index: CorpusIndex, issues: FileIssues) -> None:
    for position, record in enumerate(records):
        index.define(record.id, Definition(kind, issues.file, f"{pointer}/{position}",
                                           entity_type=getattr(record, "type", None)), issues)


def register_unparsed_records(data, kind_by_list: dict[str, str], index: CorpusIndex, issues: FileIssues) -> None:
    """Ids of a file that failed the schema, taken as they stand.

    Its records are not checked further until the structure is fixed, but other files' references
    to them must not all turn into dangling-reference errors meanwhile.
    """
    article = data.get("article") if isinstance(data, dict) else None
    if isinstance(article, dict) and isinstance(article.get("outlet"), str):
        index.referenced_entities.add(article["outlet"])
    for pointer, kind in kind_by_list.items():
        node = data
        for token in pointer.strip("/").split("/"):
            node = node.get(token) if isinstance(node, dict) else None
        if not isinstance(node, list):
            continue
        for position, record in enumerate(node):
            record_id = record.get("id") if isinstance(record, dict) else None
            if not isinstance(record_id, str):
                continue
            index.define(record_id, Definition(kind, issues.file, f"{pointer}/{position}",
                                               entity_type=record.get("type") if kind == "entity" else None), issues)
            for field in ("speaker", "claimant", "about"):
                value = record.get(field) if kind in ("quote", "claim") else None
                for entity in value if isinstance(value, list) else [value]:
                    if isinstance(entity, str):
                        index.referenced_entities.add(entity)
            group = record.get({"quote": "utterance", "claim": "claim_group"}.get(kind, ""))
            if kind in ("quote", "claim"):
                index.group_of[record_id] = group if isinstance(group, str) else None
                if isinstance(group, str):
                    index.pointed_groups.add(group)
