"""Meaning: the sha256 stored for an article is the hash of its text file."""

from __future__ import annotations

import hashlib

from ..context import ArticleUnderCheck


def check_text_hash(article: ArticleUnderCheck) -> None:
    if article.text_bytes is None:
        return
    actual = hashlib.sha256(article.text_bytes).hexdigest()
    if actual != article.annotation.article.sha256:
        article.issues.add(
            "sha256-mismatch",
            f"stored sha256 {article.annotation.article.sha256[:12]}... but the text hashes to {actual[:12]}...",
            pointer="/article/sha256",
            hint=f"if the text change is intended, set sha256 to {actual} and recheck every span; "
                 "otherwise restore the original text")
