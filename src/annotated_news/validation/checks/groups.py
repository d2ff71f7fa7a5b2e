"""Meaning: utterance and claim groups agree with their members, and readings occur in their quotes."""

from __future__ import annotations

from ...models import ClaimGroup, UtteranceGroup
from ..context import ArticleUnderCheck, CorpusIndex, FileIssues
from .references import resolve

GROUP_FIELD = {"utterance group": "utterance", "claim group": "claim_group"}


def register_groups(groups: list[UtteranceGroup] | list[ClaimGroup], kind: str, pointer: str,
                    index: CorpusIndex, issues: FileIssues) -> None:
    """At registry time: memberships, members listed twice, readings that name non-members."""
    for position, group in enumerate(groups):
        members = index.group_members.setdefault(group.id, [])
        for part, member in enumerate(group.members):
            member_pointer = f"{pointer}/{position}/members/{part}"
            earlier = index.listed_in.get(member)
            if earlier is not None:
                issues.add("member-in-two-groups", f"{member} is already a member of {earlier}",
                           pointer=member_pointer, record_id=group.id,
                           hint="a record belongs to one group; merge the groups or remove it from one")
                continue
            index.listed_in[member] = group.id
            members.append((member, member_pointer))
        for number, difference in enumerate(getattr(group, "differences", [])):
            for part, reading in enumerate(difference.readings):
                reading_pointer = f"{pointer}/{position}/differences/{number}/readings/{part}"
                if reading.quote not in group.members:
                    issues.add("reading-not-in-quote", f"reading names {reading.quote}, which is not a member of {group.id}",
                               pointer=f"{reading_pointer}/quote", record_id=group.id,
                               hint="readings compare the members' wordings; add the quote to members or fix the id")
                else:
                    index.readings.append((reading.quote, reading.text, reading_pointer))
                    index.reading_quotes.add(reading.quote)


def check_article_groups(article: ArticleUnderCheck) -> None:
    """At article time: each record's group lists it; keep what the readings need."""
    index = article.index
    annotation = article.annotation
    for list_name, kind, records in (("quotes", "utterance group", annotation.quotes),
                                     ("claims", "claim group", annotation.claims)):
        field = GROUP_FIELD[kind]
        for position, record in enumerate(records):
            group = getattr(record, field)
            listed_in = index.listed_in.get(record.id)
            if listed_in is not None:
                index.group_of[record.id] = group
            if record.id in index.reading_quotes:
                index.contents[record.id] = "\0".join(span.text for span in record.content)
            if group is None or group not in index.group_members:
                continue
            index.pointed_groups.add(group)
            if listed_in != group:
                article.issues.add("group-membership-mismatch",
                                   f"names {kind} {group}, which does not list it as a member",
                                   pointer=f"/{list_name}/{position}/{field}", record_id=record.id,
                                   hint=f"add {record.id} to the members of {group}, or fix the reference")


def check_groups_complete(groups, kind: str, pointer: str, index: CorpusIndex, issues: FileIssues) -> None:
    """After all articles: members exist and point back; no group is an orphan; readings occur."""
    member_kind = "quote" if kind == "utterance group" else "claim"
    for position, group in enumerate(groups):
        for member, member_pointer in index.group_members.get(group.id, []):
            if not resolve(member, member_kind, member_pointer, index, issues, record_id=group.id):
                continue
            own = index.group_of.get(member)
            if own != group.id:
                issues.add("group-membership-mismatch",
                           f"lists {member}, whose {GROUP_FIELD[kind]} is {own or 'null'}",
                           pointer=member_pointer, record_id=group.id,
                           hint=f"set {GROUP_FIELD[kind]} of {member} to {group.id}, or remove it here")
        if group.id not in index.pointed_groups:
            issues.add("orphan-group", f"no {member_kind} names {group.id} as its {GROUP_FIELD[kind]}",
                       pointer=f"{pointer}/{position}", record_id=group.id,
                       hint=f"set {GROUP_FIELD[kind]} on the members, or remove the group")
    if kind == "utterance group":
        for quote_id, text, reading_pointer in index.readings:
            content = index.contents.get(quote_id)
            if content is not None and text not in content:
                issues.add("reading-not-in-quote", f"{text!r} does not occur in the content of {quote_id}",
                           pointer=f"{reading_pointer}/text",
                           hint="copy the reading from the quote's content; it must match character for character")
