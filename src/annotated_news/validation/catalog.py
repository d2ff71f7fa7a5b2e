"""The one catalog of issue codes. The docs page `docs/validation-codes.md` is generated from it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .issues import Severity

Layer = Literal["file", "structure", "meaning", "review"]


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    layer: Layer
    title: str
    explanation: str


_CODES = [
    # --- file: can the file be read as what it claims to be?
    Code("missing-file", "error", "file", "A required corpus file is missing",
         "The corpus folder must hold dataset.json, entities.json, events.json, utterances.json, "
         "claim_groups.json and an articles/ folder."),
    Code("unreadable-file", "error", "file", "The file cannot be read",
         "The operating system refused to read the file (permissions, a folder where a file is "
         "expected)."),
    Code("invalid-utf8", "error", "file", "The file is not valid UTF-8",
         "Every corpus file is UTF-8. The location is the first byte that does not decode."),
    Code("byte-order-mark", "error", "file", "The file starts with a byte order mark",
         "A BOM (U+FEFF) is an invisible first character: in a text file it shifts every offset "
         "by one. Save the file as UTF-8 without BOM."),
    Code("non-lf-line-endings", "error", "file", "The text has CRLF or CR line endings",
         "Offsets count code points of the text as stored; a CR before each LF shifts every "
         "offset after the first line break. Texts use LF only."),
    Code("invalid-json", "error", "file", "The file is not valid JSON",
         "The JSON parser stopped at the given line and column."),
    Code("duplicate-key", "error", "file", "An object has the same key twice",
         "JSON parsers keep only one of the values (usually the last), silently dropping the "
         "other."),
    Code("unpaired-surrogate", "error", "file", "A string escapes half of a surrogate pair",
         "`\\ud800`-`\\udfff` escapes must come in high-low pairs (RFC 8259 section 8.2; I-JSON "
         "forbids them alone): half a pair is no character, UTF-8 cannot store it and the models "
         "reject it. Tools that cut strings by UTF-16 offsets leave them inside emoji. The rest of "
         "the file is checked with U+FFFD in its place."),
    Code("non-finite-number", "error", "file", "NaN or Infinity in JSON",
         "NaN and Infinity are not JSON; some tools write them, and other tools cannot read them."),
    Code("missing-annotations", "error", "file", "An article text has no annotation file",
         "Each `NNN_<id>.txt` needs a `NNN_<id>.json` beside it."),
    Code("missing-text", "error", "file", "An annotation file has no article text",
         "Each `NNN_<id>.json` needs the text `NNN_<id>.txt` beside it."),
    Code("bad-file-name", "error", "file", "An article file name is not `NNN_<id>.txt` or `.json`",
         "Article files are named by their position, zero-padded to three or more digits "
         "(`007_`, or `00007_` in a corpus of 10,000 or more), and the 16-hex article id."),
    Code("file-name-mismatch", "error", "file", "The file name does not match the article id",
         "The id in `NNN_<id>.json` must equal `article.id` inside it."),
    Code("unsafe-id", "error", "file", "An article id is unsafe as a file name",
         "Article ids become file names in releases; an id with a path separator, `..`, a "
         "leading dot, a control character or over 100 characters could write outside its "
         "folder."),
    # --- structure: does the file follow the published JSON Schema?
    Code("missing-field", "error", "structure", "A required field is missing",
         "Every field without a default must be present, even when its value is null."),
    Code("unknown-field", "error", "structure", "A field the schema does not define",
         "Unknown fields are errors, so that a misspelt field name is not silently ignored."),
    Code("wrong-type", "error", "structure", "A value has the wrong JSON type",
         "Types are strict: `\"5\"` and `5.0` are not integers, `true` is not a number."),
    Code("pattern-mismatch", "error", "structure", "A string does not have the required form",
         "Ids, dates, hashes, Wikidata QIDs and language tags have fixed forms; the message "
         "names the pattern."),
    Code("invalid-value", "error", "structure", "A value is not one of the allowed values",
         "Enumerated fields (kind, medium, stance, ...) take only the listed values."),
    Code("empty-value", "error", "structure", "A string or list is shorter than allowed",
         "Some strings must not be empty and some lists need a minimum number of items."),
    Code("out-of-range", "error", "structure", "A number is below its minimum",
         "Offsets are non-negative; `end` is at least 1."),
    # --- meaning: do the values make sense together?
    Code("schema-version-mismatch", "error", "meaning", "dataset.json names another schema version",
         "The corpus says which schema version its files follow; this validator checks "
         "another one."),
    Code("sha256-mismatch", "error", "meaning", "The stored sha256 does not match the text",
         "`article.sha256` must be the SHA-256 of the text file's bytes: the text changed, or "
         "the hash was not updated."),
    Code("empty-span", "error", "meaning", "A span ends at or before its start",
         "`end` is exclusive and must be greater than `start`."),
    Code("span-out-of-bounds", "error", "meaning", "A span reaches past the end of the text",
         "Offsets count Unicode code points of the text as stored."),
    Code("span-text-mismatch", "error", "meaning", "A span's text is not the text at its offsets",
         "`text` must equal `article_text[start:end]`; the hint says where the text really is "
         "and what kind of offset error explains it."),
    Code("spans-out-of-order", "error", "meaning", "The spans of one list overlap or are out of order",
         "Discontinuous content or claim spans are listed in text order and do not overlap."),
    Code("cue-overlaps-content", "error", "meaning", "A quote's cue overlaps its content",
         "The cue (`said`) and the content (what was said) are disjoint."),
    Code("id-prefix-mismatch", "error", "meaning", "A record id does not start with its article id",
         "Quote, claim and segment ids are `<article id>-q<n>`, `-c<n>`, `-s<n>`."),
    Code("duplicate-id", "error", "meaning", "Two records have the same id",
         "Ids are unique across the whole corpus, in and across files."),
    Code("dangling-reference", "error", "meaning", "A reference names a record that does not exist",
         "Speakers, outlets, claimants, events, groups, nested quotes, supporting quotes and "
         "group members must exist."),
    Code("wrong-record-kind", "error", "meaning", "A reference names a record of the wrong kind",
         "For example a speaker that is an event id, or an outlet that is an entity of another "
         "type than `outlet`."),
    Code("cross-article-reference", "error", "meaning", "A reference leaves its article",
         "`nested_in` and `supporting_quotes` name quotes of the same article."),
    Code("nested-outside-parent", "error", "meaning", "A nested quote lies outside its parent",
         "Every content span of a nested quote lies inside a content span of the quote it is "
         "nested in."),
    Code("nesting-cycle", "error", "meaning", "Quotes are nested in each other in a cycle",
         "Following `nested_in` must end at a top-level quote."),
    Code("group-membership-mismatch", "error", "meaning", "A record and its group disagree",
         "A quote's `utterance` (a claim's `claim_group`) names a group exactly when the group "
         "lists it as a member."),
    Code("member-in-two-groups", "error", "meaning", "A record is a member of two groups",
         "A quote belongs to one utterance group, a claim to one claim group."),
    Code("orphan-group", "error", "meaning", "No record points to a group",
         "A group whose members do not point back to it links nothing."),
    Code("reading-not-in-quote", "error", "meaning", "A wording-difference reading is not in its quote",
         "A reading names a member of the group, and its text occurs in that quote's content."),
    Code("claimant-mismatch", "error", "meaning", "The claimant does not fit the claimant role",
         "`article` claims have the article's outlet as claimant and no claimant span; "
         "`source` claims have a claimant span."),
    Code("date-precision-mismatch", "error", "meaning", "A date's value does not fit its precision",
         "`day` is YYYY-MM-DD, `month` YYYY-MM, `year` YYYY; `unknown` has a null value."),
    Code("invalid-date", "error", "meaning", "A date does not exist in the calendar",
         "Month 1-12, and a day that exists in that month."),
    Code("implausible-date", "error", "meaning", "A date is before 1900 or in the future",
         "Publication and event dates of news articles lie between 1900 and today."),
    # --- review: worth a look, not wrong in themselves
    Code("unannotated-quotation-mark", "warning", "review", "A quotation mark with no quote over it",
         "Opening quotation marks in body text usually start a quote; either annotate it or "
         "note why not (scare quotes, titles)."),
    Code("span-boundary", "warning", "review", "A span starts or ends mid-word, on white space, "
         "or takes in the quotation marks",
         "Guidelines section 3: spans start and end on word boundaries, without surrounding "
         "white space, and direct-quote content excludes its quotation marks."),
    Code("unreferenced-entity", "warning", "review", "An entity no annotation refers to",
         "The registry holds the entities the annotations use; remove it or refer to it."),
    Code("article-without-quotes", "warning", "review", "An article has no quotes",
         "Almost every news article quotes someone; check the annotation is complete."),
]

CATALOG: dict[str, Code] = {code.code: code for code in _CODES}


def severity_of(code: str) -> Severity:
    return CATALOG[code].severity
