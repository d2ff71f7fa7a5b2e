"""Review: an article with no quotes at all is probably not annotated completely."""

from __future__ import annotations

from ..context import ArticleUnderCheck


def check_article_has_quotes(article: ArticleUnderCheck) -> None:
    if not article.annotation.quotes:
        article.issues.add("article-without-quotes", "the article has no quotes annotated", pointer="/quotes",
                           hint="check that the annotation is complete, or leave it if the article quotes no one")
