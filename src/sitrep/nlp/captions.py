"""Annotating photo captions apart from the body.

Captions name weapons, units and places that the body may not (a parade photo
of DF-31A missiles in Beijing), so an analyst wants their entities; but they
are not news of the article's day, so they are never coded as events. This
stage runs the entity, actor and place stages over the caption text as a
separate little article and adds what they find with ``part="caption"``
(offsets into ``Article.caption_text``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..models import Article
from ..pipeline import Stage


class CaptionStage:
    """Runs ``stages`` (parse … places) over the captions of each article."""

    name = "captions"
    version = "1"
    requires = frozenset({"mentions", "actors", "places"})
    assigns = frozenset({"caption_entities"})

    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages = list(stages)

    def _sub_article(self, article: Article) -> Article:
        text = article.caption_text
        # same site and date as the article (its places take the site's prior), but
        # ``derived_from`` keeps it from voting for the site a second time
        return Article(id=article.id + "#captions", source=article.source, text=text,
                       content_hash=article.content_hash, paragraphs=list(article.captions),
                       published=article.published, language=article.language,
                       url=article.url, publisher=article.publisher,
                       meta={"derived_from": article.id})

    def _merge(self, article: Article, sub: Article) -> Article:
        for kind in ("mentions", "actors", "places"):
            found = getattr(sub, kind)
            for item in found:
                item.part = "caption"
            getattr(article, kind).extend(found)
        return article

    def __call__(self, article: Article) -> Article:
        if not article.captions:
            return article
        sub = self._sub_article(article)
        for stage in self.stages:
            sub = stage(sub)
        return self._merge(article, sub)

    def pipe(self, articles: Iterable[Article]) -> list[Article]:
        """Batch version: one pass of each stage over all articles' captions."""
        articles = list(articles)
        todo = [a for a in articles if a.captions]
        subs = [self._sub_article(a) for a in todo]
        for stage in self.stages:
            pipe = getattr(stage, "pipe", None)
            subs = list(pipe(subs)) if pipe else [stage(s) for s in subs]
        for article, sub in zip(todo, subs):
            self._merge(article, sub)
        return articles
