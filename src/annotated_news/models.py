"""The data model: the one source of truth for the corpus files, the JSON Schema and the docs.

Every model is strict (no ``"5"`` or ``true`` for an int) and forbids unknown fields. Only
constraints that JSON Schema can express live here, so that the generated schema and these models
accept the same documents; rules that relate several values (``end > start``, a span's text equals
its slice of the article, references resolve) belong to the validator's meaning checks.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field
from pydantic.fields import FieldInfo

if TYPE_CHECKING:
    from .corpus import Corpus

ARTICLE_ID = r"^[0-9a-f]{16}$"
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ENTITY_ID = rf"^{SLUG}$"
EVENT_ID = rf"^event-{SLUG}$"
UTTERANCE_ID = rf"^utterance-{SLUG}$"
CLAIM_GROUP_ID = rf"^claim-group-{SLUG}$"
QUOTE_ID = r"^[0-9a-f]{16}-q[1-9][0-9]*$"
CLAIM_ID = r"^[0-9a-f]{16}-c[1-9][0-9]*$"
SEGMENT_ID = r"^[0-9a-f]{16}-s[1-9][0-9]*$"
PARTIAL_DATE = r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"
WIKIDATA_QID = r"^Q[1-9][0-9]*$"
SEMVER = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"
CONTENT_JOINER = " … "
"""Joins the content spans of a discontinuous quote into its `text`."""

QuoteKind = Literal["direct", "indirect", "mixed"]
Medium = Literal[
    "public-remarks",
    "press-conference",
    "interview",
    "statement",
    "leaked-recording",
    "social-media-post",
    "unknown",
]
CheckWorthiness = Literal["CFS", "UFS", "NFS"]
ClaimType = Literal[
    "event",
    "statement",
    "quantity",
    "causation",
    "rules",
    "prediction",
    "position",
    "characterization",
]
ClaimantRole = Literal["article", "source"]
Stance = Literal["asserts", "reports", "disputes"]
EntityType = Literal[
    "person",
    "outlet",
    "political-party",
    "government-body",
    "organization",
    "country",
    "group",
]
SegmentKind = Literal["image-caption", "dateline", "embedded-post", "credit-line"]
DatePrecision = Literal["day", "month", "year", "unknown"]

EntityRef = Annotated[str, Field(pattern=ENTITY_ID)]
QuoteRef = Annotated[str, Field(pattern=QUOTE_ID)]
ClaimRef = Annotated[str, Field(pattern=CLAIM_ID)]


class Record(BaseModel):
    """Base of every record: strict types, unknown fields are errors."""

    model_config = ConfigDict(strict=True, extra="forbid")


class Span(Record):
    """A stretch of an article's text, as standoff offsets plus the text they cover."""

    start: int = Field(
        ge=0,
        description="Offset of the first character, 0-based, counted in Unicode code points of the "
        "article text exactly as stored (no normalisation). Not UTF-16 code units (JavaScript, "
        "Label Studio, INCEpTION) and not UTF-8 bytes.",
    )
    end: int = Field(
        ge=1,
        description="Offset one past the last character (end-exclusive), in Unicode code points; "
        "`text == article_text[start:end]` in Python.",
    )
    text: str = Field(
        min_length=1,
        description="The covered text, a copy of `article_text[start:end]` kept so that a "
        "mismatch between offsets and text is caught.",
    )


class PartialDate(Record):
    """A date known to a stated precision, with the evidence for it."""

    value: str | None = Field(
        pattern=PARTIAL_DATE,
        description="ISO 8601 date cut to its precision: `YYYY-MM-DD` (day), `YYYY-MM` (month), "
        "`YYYY` (year); null when the precision is `unknown`.",
    )
    precision: DatePrecision = Field(description="How much of the date is known.")
    evidence: str = Field(
        min_length=1,
        description="Where the date comes from: the words of the text it rests on, or why it "
        "cannot be told.",
    )


class Segment(Record):
    """A part of the article text that is not body text."""

    id: str = Field(pattern=SEGMENT_ID, description="`<article id>-s<n>`, unique in the corpus.")
    kind: SegmentKind = Field(
        description="`image-caption`: a photo caption block; `dateline`: the place line opening "
        "the story; `embedded-post`: a social-media post embedded in the page, with its "
        "attribution line; `credit-line`: the sources or agencies credited."
    )
    span: Span = Field(description="Where the segment is in the text.")
    note: str | None = Field(default=None, description="Annotator's note on the segment.")


class Article(Record):
    """One news article: its metadata and its non-body segments. The text is beside it in a file."""

    id: str = Field(
        pattern=ARTICLE_ID,
        description="16 lowercase hex digits, as in the text file name `NNN_<id>.txt`.",
    )
    outlet: str | None = Field(
        pattern=ENTITY_ID,
        description="Entity id of the publishing outlet; null when the text does not name it.",
    )
    title: str | None = Field(description="Headline; null when the text does not give it.")
    url: str | None = Field(
        pattern=r"^https?://[^\s]+$",
        description="Address of the original page; null when not known from the source.",
    )
    authors: list[str] | None = Field(
        description="Names of the authors as bylined; null when the text does not say "
        "(an empty list would claim there is no author)."
    )
    publication_date: PartialDate = Field(description="When the article was published.")
    language: str = Field(
        pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$",
        description="BCP-47 language tag of the text, e.g. `en`.",
    )
    sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        description="SHA-256 of the text file's bytes, lowercase hex.",
    )
    rights: str = Field(
        min_length=1,
        description="Who holds the rights to the text and on what terms it is included.",
    )
    event: str | None = Field(
        pattern=EVENT_ID,
        description="Event id of the story the article covers; null if it fits none.",
    )
    segments: list[Segment] = Field(
        description="Parts of the text that are not body text (captions, datelines, embedded "
        "posts, credit lines), in text order."
    )
    notes: str | None = Field(
        default=None,
        description="Annotator's notes on the metadata: where a value comes from, why one is null.",
    )

    @property
    def text(self) -> str:
        """The article text, as stored (loaded by `annotated_news.load`)."""
        return _attached(self, "text")

    @property
    def quotes(self) -> list[Quote]:
        """The quotes annotated in this article, in file order."""
        return _attached(self, "corpus").quotes_in(self.id)

    @property
    def claims(self) -> list[Claim]:
        """The claims annotated in this article, in file order."""
        return _attached(self, "corpus").claims_in(self.id)

    @property
    def outlet_entity(self) -> Entity | None:
        """The outlet as an `Entity`, or None when unknown."""
        return _attached(self, "corpus").entity(self.outlet)


class AnnotationRecord(Record):
    """A record annotated inside one article (a quote or a claim)."""

    @property
    def article(self) -> Article:
        """The article this record is in."""
        return _attached(self, "corpus").article(_attached(self, "article_id"))


class Quote(AnnotationRecord):
    """An attribution relation (PARC/PolNeAR): a source, a cue, and the content attributed."""

    id: str = Field(pattern=QUOTE_ID, description="`<article id>-q<n>`, unique in the corpus.")
    content: list[Span] = Field(
        min_length=1,
        description="What is attributed, one span per continuous stretch (quotes can be "
        "discontinuous), in text order. Direct: the words inside the quotation marks, marks "
        "excluded. Indirect and mixed: the reported clause, without the complementiser "
        "(`that`, `if`) and the sentence's final full stop.",
    )
    speaker: str | None = Field(
        pattern=ENTITY_ID,
        description="Entity id of who said it; null for an unnamed or unidentifiable source. "
        "A spokesperson speaking for someone is attributed to whom they speak for.",
    )
    speaker_note: str | None = Field(
        default=None,
        description="Who the source is when that is more than the entity says: an unnamed "
        "source's description, or `spokesperson`.",
    )
    source: Span | None = Field(
        description="The mention of the source in the text (name, title + name, pronoun, or "
        "description); null when the text does not mention it (a passive `was asked`)."
    )
    cue: Span | None = Field(
        description="The words that signal the attribution (`said`, `pledged`, `is heard "
        "saying`); null when there are none, as for an embedded post."
    )
    kind: QuoteKind = Field(
        description="`direct`: verbatim, in quotation marks or embedded; `indirect`: paraphrase "
        "with no quoted words; `mixed`: paraphrase containing quoted words, including partial "
        "quotes of a single word."
    )
    medium: Medium = Field(
        description="How the words were originally delivered, as far as the article tells."
    )
    nested_in: str | None = Field(
        default=None,
        pattern=QUOTE_ID,
        description="Id of the quote this one is reported inside (a quoted post that itself "
        "quotes someone); null at top level.",
    )
    utterance: str | None = Field(
        default=None,
        pattern=UTTERANCE_ID,
        description="Id of the utterance group: all reports of the same real-world utterance, "
        "in this and other articles.",
    )
    note: str | None = Field(default=None, description="Annotator's note.")

    @property
    def speaker_entity(self) -> Entity | None:
        """The speaker as an `Entity`, or None for an unnamed source."""
        return _attached(self, "corpus").entity(self.speaker)

    @property
    def text(self) -> str:
        """The content spans joined with ` … ` where they are discontinuous."""
        return CONTENT_JOINER.join(span.text for span in self.content)

    @property
    def other_reports(self) -> list[Quote]:
        """Other quotes reporting the same utterance (this article's and other articles')."""
        corpus = _attached(self, "corpus")
        if self.utterance is None:
            return []
        group = corpus.utterance(self.utterance)
        return [corpus.quote(quote_id) for quote_id in group.members if quote_id != self.id]


class Claim(AnnotationRecord):
    """A check-worthy (or cross-article relevant) proposition made in an article."""

    id: str = Field(pattern=CLAIM_ID, description="`<article id>-c<n>`, unique in the corpus.")
    spans: list[Span] = Field(
        min_length=1,
        description="The words that make the claim, one span per continuous stretch, in text order.",
    )
    claimant_role: ClaimantRole = Field(
        description="`article`: made in the article's own voice; `source`: made by a quoted "
        "source (the claim lies inside a quote)."
    )
    claimant: str | None = Field(
        pattern=ENTITY_ID,
        description="Entity id of who makes the claim: the outlet for `article` (null when the "
        "outlet is unknown), the source for `source` (null when unnamed).",
    )
    claimant_span: Span | None = Field(
        description="The mention of a quoted claimant in the text; null for `article` claims."
    )
    normalized: str = Field(
        min_length=1,
        description="The claim reworded to stand alone: names instead of pronouns, times made "
        "explicit where the text allows, no framing words of the outlet.",
    )
    check_worthiness: CheckWorthiness = Field(
        description="ClaimBuster classes: `CFS` check-worthy factual statement; `UFS` "
        "unimportant factual statement; `NFS` non-factual (opinion, characterisation)."
    )
    claim_types: list[ClaimType] = Field(
        min_length=1,
        description="What kind of proposition: `event` something happened; `statement` someone "
        "said something; `quantity`; `causation`; `rules` laws, rules, official status; "
        "`prediction`; `position` someone's stance or support; `characterization` an "
        "evaluative label.",
    )
    about: list[EntityRef] = Field(
        default_factory=list,
        description="Entity ids of who or what the claim is about.",
    )
    supporting_quotes: list[QuoteRef] = Field(
        default_factory=list,
        description="Ids of quotes in the same article that the claim rests on or reports.",
    )
    claim_group: str | None = Field(
        default=None,
        pattern=CLAIM_GROUP_ID,
        description="Id of the claim group: the same proposition across articles.",
    )
    stance: Stance = Field(
        description="The claimant's stance toward the group's canonical wording (toward "
        "`normalized` when there is no group): `asserts` states it; `reports` attributes it to "
        "others without taking it on; `disputes` contradicts it."
    )
    note: str | None = Field(default=None, description="Annotator's note.")

    @property
    def claimant_entity(self) -> Entity | None:
        """The claimant as an `Entity`, or None when unknown or unnamed."""
        return _attached(self, "corpus").entity(self.claimant)

    @property
    def supporting(self) -> list[Quote]:
        """The supporting quotes as `Quote` objects."""
        corpus = _attached(self, "corpus")
        return [corpus.quote(quote_id) for quote_id in self.supporting_quotes]

    @property
    def group_members(self) -> list[Claim]:
        """Other claims of the same claim group, in any article."""
        corpus = _attached(self, "corpus")
        if self.claim_group is None:
            return []
        group = corpus.claim_group(self.claim_group)
        return [corpus.claim(claim_id) for claim_id in group.members if claim_id != self.id]


class Entity(Record):
    """A person, organisation, outlet, or other actor the annotations refer to."""

    id: str = Field(pattern=ENTITY_ID, description="Kebab-case slug, e.g. `mike-pompeo`.")
    type: EntityType = Field(description="What kind of actor.")
    name: str = Field(min_length=1, description="Canonical name.")
    aliases: list[str] = Field(
        default_factory=list, description="Other names and forms used in the texts."
    )
    description: str = Field(
        min_length=1, description="Who this is, as of the articles' time (2019)."
    )
    wikidata: str | None = Field(
        default=None,
        pattern=WIKIDATA_QID,
        description="Wikidata QID (`Q` + digits); only where the identity is certain.",
    )

    @property
    def quotes(self) -> list[Quote]:
        """Quotes whose speaker is this entity: what they said."""
        return _attached(self, "corpus").quotes_by(self.id)

    @property
    def claims(self) -> list[Claim]:
        """Claims whose claimant is this entity."""
        return _attached(self, "corpus").claims_by(self.id)


class Event(Record):
    """A news event (story) that articles cover."""

    id: str = Field(pattern=EVENT_ID, description="`event-<slug>`.")
    name: str = Field(min_length=1, description="Short name of the event.")
    date: PartialDate = Field(description="When the event happened.")
    description: str = Field(min_length=1, description="What happened, in a sentence or two.")


class Reading(Record):
    """How one report words a passage that differs between reports."""

    quote: str = Field(pattern=QUOTE_ID, description="Id of the quote.")
    text: str = Field(
        min_length=1, description="The passage as this quote has it; it occurs in its content."
    )


class WordingDifference(Record):
    """One place where reports of the same utterance differ."""

    description: str = Field(min_length=1, description="What differs and why it matters.")
    readings: list[Reading] = Field(
        min_length=2, description="The passage as each report words it."
    )


class UtteranceGroup(Record):
    """All reports of one real-world utterance, across articles."""

    id: str = Field(pattern=UTTERANCE_ID, description="`utterance-<slug>`.")
    speaker: str | None = Field(
        pattern=ENTITY_ID, description="Entity id of the speaker; null when unnamed."
    )
    event: str | None = Field(
        pattern=EVENT_ID, description="Event id of the occasion; null if none fits."
    )
    description: str = Field(min_length=1, description="The utterance: who, when, where, what.")
    members: list[QuoteRef] = Field(
        min_length=2,
        description="Ids of the quotes that report it.",
    )
    differences: list[WordingDifference] = Field(
        description="Every place where the members' wording differs; empty when identical."
    )


class ClaimGroup(Record):
    """One proposition as made, reported or disputed across articles."""

    id: str = Field(pattern=CLAIM_GROUP_ID, description="`claim-group-<slug>`.")
    canonical: str = Field(
        min_length=1,
        description="The proposition, worded to stand alone; member stances are toward it.",
    )
    members: list[ClaimRef] = Field(
        min_length=2,
        description="Ids of the claims in the group.",
    )
    note: str = Field(
        min_length=1,
        description="How the members' wordings and stances differ: where the articles agree "
        "and where they conflict.",
    )


class AnnotationFile(Record):
    """One article's annotation file, `corpus/articles/NNN_<id>.json`, beside its text."""

    article: Article = Field(description="The article's metadata and segments.")
    quotes: list[Quote] = Field(description="Every quote in the article, in text order.")
    claims: list[Claim] = Field(description="Every annotated claim, in text order.")


class EntityRegistry(Record):
    """`corpus/entities.json`."""

    entities: list[Entity] = Field(description="Every entity, sorted by id.")


class EventRegistry(Record):
    """`corpus/events.json`."""

    events: list[Event] = Field(description="Every event, sorted by id.")


class UtteranceRegistry(Record):
    """`corpus/utterances.json`."""

    utterances: list[UtteranceGroup] = Field(description="Every utterance group, sorted by id.")


class ClaimGroupRegistry(Record):
    """`corpus/claim_groups.json`."""

    claim_groups: list[ClaimGroup] = Field(description="Every claim group, sorted by id.")


class DatasetInfo(Record):
    """`corpus/dataset.json`: what this corpus is and which version."""

    name: str = Field(pattern=ENTITY_ID, description="Dataset name.")
    version: str = Field(
        pattern=SEMVER,
        description="Dataset version, semver with TFDS rules: patch = corrections that keep "
        "ids; minor = added records or optional fields; major = schema break or removed ids.",
    )
    schema_version: str = Field(
        pattern=SEMVER, description="Version of the schema the annotation files follow."
    )
    description: str = Field(min_length=1, description="What the corpus holds.")
    annotation_license: str = Field(
        min_length=1, description="SPDX id of the license of the annotations."
    )
    text_rights: str = Field(
        min_length=1, description="Terms under which the article texts are included."
    )


def find_in_annotation(annotation: Any, match: Callable[[Any], Any]) -> tuple[Any, bool] | None:
    """(what `match` returns for a part of a field's annotation, whether that part is the item of a
    list), looking through `Annotated`, unions (the first option that has it) and lists; None when
    no part matches."""
    found = match(annotation)
    if found is not None:
        return found, False
    origin = get_origin(annotation)
    if origin is Annotated:
        return find_in_annotation(get_args(annotation)[0], match)
    if origin in (Union, types.UnionType):
        return next(filter(None, (find_in_annotation(arg, match) for arg in get_args(annotation))), None)
    if origin is list:
        found = find_in_annotation(get_args(annotation)[0], match)
        if found is not None and found[1]:
            raise TypeError(f"{annotation!r}: a list of lists")
        return None if found is None else (found[0], True)
    return None


def nested_model(annotation: Any) -> tuple[type[Record], bool] | None:
    """(model, is a list) when a field holds a record or a list of records."""
    return find_in_annotation(annotation, _record_type)


def _record_type(annotation: Any) -> type[Record] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, Record) else None


def default_maker(info: FieldInfo) -> Callable[[], Any]:
    """A function that makes the default of a field, as pydantic fills it in for a key left out."""
    if info.default_factory is not None:
        return info.default_factory
    return lambda: info.default


def attach(record: Record, **navigation) -> None:
    """Link a loaded record to its corpus (and article, text) for the navigation properties.

    Kept in pydantic's per-instance private storage without declaring private attributes: declared
    ones cost an initialisation on every validated instance, which the validator makes by the
    million.
    """
    object.__setattr__(record, "__pydantic_private__", navigation)


def _attached(record: Record, name: str):
    navigation = record.__pydantic_private__
    if not navigation or name not in navigation:
        raise RuntimeError(
            f"{type(record).__name__} {getattr(record, 'id', '')!r} is not attached to a corpus: "
            "navigation works on records from annotated_news.load()"
        )
    return navigation[name]
