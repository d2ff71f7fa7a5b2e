"""Review: every entity in the registry is referred to by some annotation."""

from __future__ import annotations

from ...models import Entity
from ..context import CorpusIndex, FileIssues


def check_unreferenced_entities(entities: list[Entity], index: CorpusIndex, issues: FileIssues) -> None:
    for position, entity in enumerate(entities):
        if entity.id not in index.referenced_entities:
            issues.add("unreferenced-entity", f"no annotation refers to {entity.id}",
                       pointer=f"/entities/{position}", record_id=entity.id,
                       hint="remove it, or use it as a speaker, claimant, outlet or claim subject")
