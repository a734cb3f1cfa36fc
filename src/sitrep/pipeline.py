"""Stages, the pipeline that orders them, and the outcome of every document.

A stage is any object with ``name``, ``version``, ``requires``, ``assigns`` and
``__call__(article) -> article`` (optionally ``pipe(articles) -> articles`` for
batched work such as spaCy's ``nlp.pipe``). The pipeline checks before running
that each stage's needs are filled by an earlier one (as spaCy does with
``requires``/``assigns``), runs every document to an ``Outcome`` and never lets
one bad document stop a batch: a ``Dropped`` becomes a counted drop with its
reason, any other exception a counted failure with its traceback.
"""

from __future__ import annotations

import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .errors import Dropped, PipelineError, SitrepError
from .models import Article, RawDocument

#: What extraction fills; every later stage may rely on it.
EXTRACTED = frozenset({"text", "metadata"})

#: Languages the NLP stages are built for; other articles are stored unannotated.
ANNOTATED_LANGUAGES = frozenset({"en"})


@runtime_checkable
class Stage(Protocol):
    """One step after extraction: takes an ``Article`` and returns it."""

    name: str
    version: str
    requires: frozenset[str]
    assigns: frozenset[str]

    def __call__(self, article: Article) -> Article: ...


class Extractor(Protocol):
    """Turns a ``RawDocument`` into an ``Article`` or raises ``Dropped``."""

    def __call__(self, raw: RawDocument) -> Article: ...


@dataclass
class Outcome:
    """What became of one document: ok, dropped, failed or present (already stored)."""

    doc_id: str
    source: str
    status: str
    article: Article | None = None
    reason: str | None = None
    traceback: str | None = None

    @property
    def ok(self) -> bool:
        """True when the document went through every stage."""
        return self.status == "ok"

    def line(self) -> str:
        """One human-readable line for a report."""
        what = self.reason or ""
        return f"{self.status}: {self.source}" + (f": {what}" if what else "")


STATUSES = ("ok", "dropped", "failed", "present")


@dataclass
class Counts:
    """Tally of outcomes for a batch."""

    by_status: Counter = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        self.by_status[outcome.status] += 1

    def summary(self) -> str:
        """``ok 3, dropped 1, failed 0, present 2``."""
        return ", ".join(f"{s} {self.by_status.get(s, 0)}" for s in STATUSES)


def check_order(stages: Sequence[Stage], available: Iterable[str] = EXTRACTED) -> None:
    """Raise ``PipelineError`` if a stage needs what no earlier stage assigns."""
    have = set(available)
    for stage in stages:
        missing = set(stage.requires) - have
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} needs {sorted(missing)} which no earlier stage assigns"
            )
        have |= set(stage.assigns)


class Pipeline:
    """An extractor followed by stages, checked for order at construction."""

    def __init__(self, extractor: Extractor | None, stages: Sequence[Stage] = (),
                 languages: frozenset[str] = ANNOTATED_LANGUAGES) -> None:
        check_order(stages)
        self.extractor = extractor
        self.stages = list(stages)
        self.languages = languages

    def wants(self, article: Article) -> bool:
        """True if the stages apply to this article's language (unknown counts as yes)."""
        return article.language is None or article.language in self.languages

    @property
    def components(self) -> dict[str, str]:
        """Name → version of every stage, as recorded with results."""
        return {s.name: s.version for s in self.stages}

    def extract(self, raw: RawDocument) -> Outcome:
        """Run extraction alone on one document."""
        if self.extractor is None:
            raise PipelineError("this pipeline has no extractor")
        return _guard(raw.id, raw.source, lambda: self.extractor(raw))

    def annotate(self, article: Article) -> Outcome:
        """Run the stages on one extracted article."""
        return _guard(article.id, article.source, lambda: self._run_stages(article))

    def process(self, raw: RawDocument) -> Outcome:
        """Extract then annotate one document."""
        out = self.extract(raw)
        return self.annotate(out.article) if out.ok else out

    def annotate_many(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Outcome]:
        """Annotate articles in batches, using a stage's ``pipe`` where it has one.

        If a batched call fails, the batch is re-run one article at a time so the
        failure is pinned to its document and the others still go through.
        """
        for batch in _chunks(articles, batch_size):
            try:
                done = self._run_stages_batch(batch)
            except Exception:  # noqa: BLE001 - isolate the bad document below
                yield from (self.annotate(_reset(a)) for a in batch)
                continue
            for article in done:
                yield Outcome(article.id, article.source, "ok", article=article)

    def _run_stages(self, article: Article) -> Article:
        if not self.wants(article):
            return article
        for stage in self.stages:
            article = stage(article)
            article.filled |= set(stage.assigns)
        article.doc = None
        article.annotated = bool(self.stages)
        return article

    def _run_stages_batch(self, articles: list[Article]) -> list[Article]:
        todo = [a for a in articles if self.wants(a)]
        for stage in self.stages:
            pipe = getattr(stage, "pipe", None)
            todo = list(pipe(todo)) if pipe else [stage(a) for a in todo]
            for article in todo:
                article.filled |= set(stage.assigns)
        done = {id(a) for a in todo}
        for article in todo:
            article.doc = None
            article.annotated = bool(self.stages)
        return todo + [a for a in articles if id(a) not in done]


def _reset(article: Article) -> Article:
    """Clear what stages fill, so a document can go through them again from scratch."""
    article.mentions, article.actors, article.places, article.events = [], [], [], []
    article.doc, article.annotated = None, False
    article.filled = set()
    return article


def _guard(doc_id: str, source: str, work: Callable[[], Article]) -> Outcome:
    """Run ``work`` and turn its result or exception into an ``Outcome``."""
    try:
        article = work()
    except Dropped as exc:
        return Outcome(doc_id, source, "dropped", reason=exc.reason)
    except SitrepError as exc:
        return Outcome(doc_id, source, "failed", reason=exc.message,
                       traceback=traceback.format_exc())
    except Exception as exc:  # noqa: BLE001 - a bug in one document never stops the batch
        return Outcome(doc_id, source, "failed", reason=f"{type(exc).__name__}: {exc}",
                       traceback=traceback.format_exc())
    return Outcome(doc_id, source, "ok", article=article)


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
