"""Print what the corpus holds: counts per article, quote kind and claim class, and the cross-article links."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from typing import get_args

from .._version import SCHEMA_VERSION
from ..corpus import Corpus, CorpusError, load
from ..models import CheckWorthiness, QuoteKind
from ._table import render_table


def add_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", help="corpus folder (default: the corpus shipped with the package)")
    parser.add_argument("--format", choices=["table", "json"], default="table")


def run(arguments: argparse.Namespace) -> int:
    try:
        corpus = load(arguments.path)
    except (CorpusError, FileNotFoundError) as error:
        print(f"annotated-news summary: {error}")
        return 2
    report = summarize(corpus)
    print(json.dumps(report, indent=2, ensure_ascii=False) if arguments.format == "json" else render(report))
    return 0


def summarize(corpus: Corpus) -> dict:
    """Counts and links of a corpus, as plain data."""
    kinds, classes = get_args(QuoteKind), get_args(CheckWorthiness)
    articles = []
    for article in corpus.articles:
        quote_kinds = Counter(quote.kind for quote in article.quotes)
        claim_classes = Counter(claim.check_worthiness for claim in article.claims)
        articles.append(
            {
                "id": article.id,
                "outlet": article.outlet,
                "published": article.publication_date.value,
                "quotes": {kind: quote_kinds[kind] for kind in kinds},
                "claims": {name: claim_classes[name] for name in classes},
            }
        )
    return {
        "dataset_version": corpus.version,
        "schema_version": SCHEMA_VERSION,
        "totals": {
            "articles": len(corpus.articles),
            "quotes": len(corpus.quotes),
            "claims": len(corpus.claims),
            "entities": len(corpus.entities),
            "utterance_groups": len(corpus.utterances),
            "claim_groups": len(corpus.claim_groups),
        },
        "articles": articles,
        "utterance_groups": [
            {
                "id": group.id,
                "articles": len({corpus.quote(member).article.id for member in group.members}),
                "reports": len(group.members),
                "differences": len(group.differences),
            }
            for group in corpus.utterances
        ],
        "claim_groups": [
            {
                "id": group.id,
                "stances": dict(
                    sorted(Counter(corpus.claim(member).stance for member in group.members).items())
                ),
            }
            for group in corpus.claim_groups
        ],
    }


def render(report: dict) -> str:
    totals = report["totals"]
    article_rows = [
        [
            article["id"],
            article["outlet"] or "(not named)",
            article["published"] or "(unknown)",
            *article["quotes"].values(),
            *article["claims"].values(),
        ]
        for article in report["articles"]
    ]
    first = report["articles"][0] if report["articles"] else {"quotes": {}, "claims": {}}
    headers = ["article", "outlet", "published", *first["quotes"], *first["claims"]]
    return "\n\n".join(
        [
            f"annotated-news {report['dataset_version']} (schema {report['schema_version']}): "
            + ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in totals.items()),
            "Quotes by kind and claims by check-worthiness, per article\n"
            + render_table(headers, article_rows),
            "Utterances reported more than once\n"
            + render_table(
                ["utterance group", "articles", "reports", "wording differences"],
                [list(group.values()) for group in report["utterance_groups"]],
            ),
            "Claims across articles\n"
            + render_table(
                ["claim group", "stances"],
                [
                    [group["id"], ", ".join(f"{n} {stance}" for stance, n in group["stances"].items())]
                    for group in report["claim_groups"]
                ],
            ),
        ]
    )
