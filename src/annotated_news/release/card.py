"""`README.md` of the release: the Hugging Face dataset card, YAML front matter and body.

Everything in it is generated from the corpus, the features and the model descriptions, except
the prose of the fixed sections; the field tables come from `features.COLUMNS`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any, get_args

import yaml
from datasets import ClassLabel, List, Value

from .._version import SCHEMA_VERSION, __version__
from ..models import DatePrecision
from . import _markdown
from .features import COLUMNS, FEATURES, SUMMARIES, Column
from .licenses import rights_table
from .metadata import ANNOTATION_LICENSE, ANNOTATION_LICENSE_URL, PRETTY_NAME, TITLE, bibtex
from .stats import statistics
from .summary import Summary

DEFAULT_CONFIG = "documents"
EXAMPLE_TEXT_LIMIT = 100
EXAMPLE_LIST_LIMIT = 2
SIZE_CATEGORIES = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K")]


@dataclass(frozen=True)
class WrittenConfig:
    """What the build wrote for one config."""

    path: str
    """The parquet file, relative to the release folder."""
    num_examples: int
    num_bytes: int
    """Size of the data in memory (arrow), as `datasets` reports `dataset_size`."""
    file_size: int


def card(
    summary: Summary, written: dict[str, WrittenConfig], *, release_notes: str, guidelines: str
) -> str:
    """The whole dataset card."""
    front_matter = yaml.safe_dump(
        _metadata(summary, written), sort_keys=False, allow_unicode=True, width=100
    )
    sections = [
        f"# {TITLE}",
        _summary(summary, written),
        _tasks(),
        _loading(summary),
        _structure(summary, written),
        _statistics(summary),
        _creation(summary, guidelines),
        _limitations(summary),
        _licensing(summary),
        "## Citation\n\n```bibtex\n" + bibtex(summary.version) + "\n```",
        f"## Changelog\n\n### Dataset {summary.version}\n\n{release_notes}",
    ]
    return f"---\n{front_matter}---\n\n" + "\n\n".join(sections) + "\n"


# --- YAML ----------------------------------------------------------------------------------------


def _metadata(summary: Summary, written: dict[str, WrittenConfig]) -> dict[str, Any]:
    largest = max(config.num_examples for config in written.values())
    size = next((name for limit, name in SIZE_CATEGORIES if largest < limit), "n>100K")
    return {
        "pretty_name": PRETTY_NAME,
        "license": ANNOTATION_LICENSE,
        "language": summary.languages,
        "multilinguality": ["monolingual"],
        "size_categories": [size],
        "task_categories": ["token-classification", "text-classification"],
        "task_ids": ["fact-checking"],
        "tags": ["quotation-attribution", "claim-detection", "check-worthiness", "stance", "news"],
        "configs": [
            {
                "config_name": config,
                "data_files": [{"split": "train", "path": info.path}],
                # `datasets` reads a config's version from here (BuilderConfig.version).
                "version": summary.version,
                **({"default": True} if config == DEFAULT_CONFIG else {}),
            }
            for config, info in written.items()
        ],
        "dataset_info": [
            {
                "config_name": config,
                "features": FEATURES[config]._to_yaml_list(),
                "splits": [
                    {
                        "name": "train",
                        "num_bytes": info.num_bytes,
                        "num_examples": info.num_examples,
                    }
                ],
                "download_size": info.file_size,
                "dataset_size": info.num_bytes,
            }
            for config, info in written.items()
        ],
    }


# --- body ----------------------------------------------------------------------------------------


def _summary(summary: Summary, written: dict[str, WrittenConfig]) -> str:
    counts, registries = summary.counts, summary.registries
    totals = _markdown.table(
        ["config", "rows", "what a row is"],
        [[f"`{config}`", info.num_examples, SUMMARIES[config]] for config, info in written.items()],
    )
    return f"""## Dataset summary

{summary.info.description}

Dataset version **{summary.version}** (semver: a patch keeps every id, a minor version adds records
or optional fields, a major version breaks the schema or removes or renames ids), annotation
schema {summary.info.schema_version}, built by the `annotated-news` package {__version__}. The
corpus holds {counts.articles} articles, {counts.quotes} quotes, {counts.claims}
claims, {len(registries.entities)} entities, {len(registries.events)} news events,
{len(registries.utterances)} utterance groups and {len(registries.claim_groups)} claim groups.

{totals}

Every config has one split, `train`: the corpus is far too small to split (see the limitations).
Besides the parquet files, this folder holds `croissant.json` (Croissant 1.1 metadata),
`checksums.json` (size and SHA-256 of every file), `schema/` (the JSON Schema of the corpus files,
schema version {SCHEMA_VERSION}), the annotation guidelines `GUIDELINES.md`, the license texts
`LICENSE` and `TEXT_RIGHTS.md`."""


def _tasks() -> str:
    return """## Supported tasks

- **Quotation attribution** (span extraction; `documents`, `quotes`): find each attribution's
  content, source and cue spans in the article text, classify its `kind` (direct, indirect, mixed)
  and `medium`, and link the speaker to an entity. Quotes can be discontinuous and nested.
- **Claim detection and check-worthiness** (text classification; `claims`, `documents`): find the
  claims an article makes, in its own voice or through a source, and classify them with the
  ClaimBuster classes (`check_worthiness`) and the claim types (`claim_types`, multi-label).
- **Stance across outlets** (`claim_groups`): whether each article asserts, reports or disputes a
  proposition shared across articles.
- **How outlets reword what was said** (`utterances`): the reports of one utterance side by side,
  with every wording difference.

With a few dozen records per task, this is material for evaluation examples, error analysis and
teaching, not for training models. The claims are not fact-checked: `check_worthiness` says whether
a claim is worth checking, not whether it is true."""


def _loading(summary: Summary) -> str:
    return f"""## Loading

```python
from datasets import load_dataset

quotes = load_dataset("path/to/{summary.info.name}-{summary.version}", "quotes", split="train")
print(quotes.features["kind"].int2str(quotes[0]["kind"]))
```

On the Hugging Face Hub, pass the repository id instead of the folder and pin this version with
`revision="v{summary.version}"`. The Python package `annotated-news` builds the same rows offline,
from the corpus it ships: `annotated_news.load_hf("quotes")`. Croissant loaders read
`croissant.json`, for example `mlcroissant.Dataset(jsonld="croissant.json").records("quotes")`.

Class labels are stored as integers; `features[column].names` (or `int2str`) gives the names.
Offsets (`start`, `end`) count **Unicode code points** of the article text, 0-based and
end-exclusive, so `text[start:end] == span["text"]` in Python; JavaScript strings and tools such as
Label Studio count UTF-16 code units instead."""


def _structure(summary: Summary, written: dict[str, WrittenConfig]) -> str:
    parts = [
        "## Dataset structure",
        (
            "Ids link the configs: `article_id` is an article's `id`; `speaker`, `claimant`, "
            "`outlet` and `about` hold entity ids (`entities`); `utterance` and `claim_group` hold "
            "the ids of the `utterances` and `claim_groups` rows; `event` holds an `events` id. "
            "A struct member is written "
            "`parent.member`, a member of each item of a list `parent[].member`."
        ),
    ]
    for config in written:
        example = summary.examples[config]
        parts.append(
            f"### `{config}`\n\n{SUMMARIES[config]}\n\n"
            f"An example row (long texts and lists shortened, class labels shown by name):\n\n"
            f"```json\n{json.dumps(_abbreviate(example), indent=2, ensure_ascii=False)}\n```\n\n"
            + _markdown.table(
                ["field", "type", "null", "description"], _field_rows(COLUMNS[config])
            )
        )
    return "\n\n".join(parts)


def field_paths(columns: tuple[Column, ...], prefix: str = "") -> list[tuple[str, Column]]:
    """Every field of a config, containers first, as (`path`, column)."""
    paths = []
    for column in columns:
        path = prefix + column.name
        paths.append((path, column))
        if column.children:
            inner = f"{path}[]." if isinstance(column.feature, List) else f"{path}."
            paths += field_paths(column.children, inner)
    return paths


def _field_rows(columns: tuple[Column, ...]) -> list[list[object]]:
    return [
        [f"`{path}`", _type(column.feature), "yes" if column.nullable else "", column.description]
        for path, column in field_paths(columns)
    ]


def _type(feature: Any) -> str:
    if isinstance(feature, List):
        return f"list of {_type(feature.feature)}"
    if isinstance(feature, ClassLabel):
        return "class label: " + ", ".join(
            f"{index} `{name}`" for index, name in enumerate(feature.names)
        )
    if isinstance(feature, dict):
        return "struct"
    if isinstance(feature, Value):
        return feature.dtype
    raise TypeError(f"no card type for {feature}")


def _abbreviate(value: Any) -> Any:
    if isinstance(value, str) and len(value) > EXAMPLE_TEXT_LIMIT:
        return value[: EXAMPLE_TEXT_LIMIT - 1] + "…"
    if isinstance(value, list):
        shown = [_abbreviate(item) for item in value[:EXAMPLE_LIST_LIMIT]]
        hidden = len(value) - len(shown)
        return shown + ([f"… {hidden} more"] if hidden else [])
    if isinstance(value, dict):
        return {key: _abbreviate(item) for key, item in value.items()}
    return value


def _statistics(summary: Summary) -> str:
    tables = [
        f"### {title}\n\n" + _markdown.table(headers, rows)
        for title, headers, rows in statistics(summary)
    ]
    return "## Statistics\n\n" + "\n\n".join(tables)


def _creation(summary: Summary, guidelines: str) -> str:
    counts = summary.counts
    return f"""## How the data was made

**Texts.** {counts.articles} English news articles, kept byte for byte as received: no
trimming, no newline or Unicode normalisation, with their scraped parts (photo captions, datelines,
embedded social-media posts, credit lines) marked as segments rather than removed. Article metadata
is taken only from the text itself: a value the text does not give (headline, address, byline, and
the outlet of {counts.per_outlet.get(None, [0])[0]} of the
{counts.articles} articles) is null, never looked up or guessed; publication dates carry a
precision ({_precision_counts(counts.precisions)}) and the evidence they rest on.

**Annotation**, following the guidelines in [{guidelines}]({guidelines}) (copied from the
corpus), which decide every value with examples from the corpus:

- *Quotes* are attribution relations in the PARC/PolNeAR sense: a source to whom a content is
  attributed, usually through a cue. Every one is annotated, whatever its form: direct and
  indirect speech, mixed quotes and one-word partial quotes, block quotes, embedded posts, quotes
  inside quotes, nominal attributions ("accusations of …") and passives with no source. Span
  boundaries, `kind`, `medium` (from what the article says only) and the speaker (never named
  when the text does not name it) follow fixed rules.
- *Utterance groups* link every report of one real-world utterance, in any article, and list each
  place where the reports' wording differs.
- *Claims* are propositions the article puts forward, in its own voice or through a quoted source:
  every check-worthy factual claim (ClaimBuster `CFS`), characterisations of actors and events
  (`NFS`, because framing is what the corpus is for), and unimportant factual statements (`UFS`)
  only where they take part in a claim group. Claims are atomic; each has a normalised wording that
  stands alone, ClaimBuster check-worthiness, claim types adapted from Full Fact's typology, and
  the quotes it rests on.
- *Claim groups* link claims about one proposition across articles, with each claimant's stance
  (asserts, reports, disputes) toward a canonical wording.
- *Entities* are the speakers, claimants, outlets and topics the annotations refer to; a Wikidata
  id is given only where the identity is certain.

Before every build, the corpus is checked by `annotated-news validate`: the JSON Schema of every
file (in `schema/`) and the rules that relate values, such as every span's text being exactly the
text at its offsets and every reference resolving."""


def _precision_counts(precisions: Counter) -> str:
    """`2 to the month, 1 to the year`, in the order of the precisions."""
    return ", ".join(
        f"{precisions[precision]} not at all"
        if precision == "unknown"
        else f"{precisions[precision]} to the {precision}"
        for precision in get_args(DatePrecision)
        if precisions[precision]
    )


def _limitations(summary: Summary) -> str:
    counts = summary.counts
    articles = counts.articles
    outlets = sorted(
        {summary.entity_name(outlet) for outlet in counts.per_outlet if outlet is not None}
    )
    unnamed = counts.per_outlet.get(None, [0])[0]
    precisions = Counter({p: n for p, n in counts.precisions.items() if p != "day"})
    inexact = sum(precisions.values())
    events = "; ".join(event["name"] for event in summary.registries.events)
    disputes = counts.stances["disputes"]
    return f"""## Limitations and biases

- **Tiny.** {articles} articles, {counts.quotes} quotes and {counts.claims} claims:
  too few to train or to compare models with any confidence, and too few for the statistics above
  to say anything about news in general.
- **Narrow.** The articles cover {len(summary.registries.events)} news events ({events}); topics, speakers and
  claim types follow from them.
- **Slanted, hand-picked outlets.** The articles are a hand-picked seed, not a sample of the press,
  and they frame the same events in opposite ways ({disputes} claims dispute the proposition of
  their claim group). Outlets named in the texts: {", ".join(outlets) or "none"}; {unnamed} of
  {articles} articles do not name theirs. Claims, including claims about real people and
  groups, are annotated as the articles make them, not as true.
- **Missing and inferred metadata.** No headline, address or byline is given where the text does
  not print it. {inexact} of {articles} publication dates are not printed as a day but
  inferred from the text (embedded posts, captions, named events) and known only to
  {_precision_counts(precisions)}; the evidence is in `publication_date.evidence`.
- **One annotator.** The annotations were made by a single annotator following the guidelines; no
  inter-annotator agreement has been measured, and borderline decisions (span boundaries, `kind`,
  check-worthiness, stance) are one person's reading.
- **English only**, and offsets in Unicode code points (convert before comparing with UTF-16
  tools)."""


def _licensing(summary: Summary) -> str:
    return f"""## Licensing

The two parts of this dataset are licensed apart.

- **Annotations** (everything except the article texts: offsets, labels, normalised claims,
  groups, entities, notes, the guidelines and the metadata):
  [CC BY 4.0]({ANNOTATION_LICENSE_URL}), full text in `LICENSE` (SPDX
  `{summary.info.annotation_license}`).
- **Article texts** (`text` in `articles` and `documents`, and the excerpts of them in every span
  `text` and quote `text`): not ours, and not under the annotation license.
  {summary.info.text_rights} See `TEXT_RIGHTS.md`.

{rights_table(summary)}"""

