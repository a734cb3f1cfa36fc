"""Ingestion: readers → extraction → stages → store, with an outcome per document.

This is the core of ``sitrep ingest`` (and of the API's ingestion endpoint); it
knows nothing of either. Documents already stored (same content hash) are
reported as ``present`` before any work is done on them; extracted articles are
annotated in batches so that spaCy can use ``nlp.pipe``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .models import Article, RawDocument
from .pipeline import Counts, Outcome, Pipeline
from .store import Store

#: Articles annotated together (spaCy ``nlp.pipe`` batch). 16 keeps memory low
#: for long articles while giving most of the batching speed-up.
BATCH_SIZE = 16

OnOutcome = Callable[[Outcome], None]


def ingest(items: Iterable[RawDocument | Outcome], pipeline: Pipeline, store: Store,
           on_outcome: OnOutcome | None = None, batch_size: int = BATCH_SIZE,
           story_index: object | None = None) -> Counts:
    """Ingest every item; return the tally. ``on_outcome`` sees each outcome."""
    counts = Counts()

    def report(outcome: Outcome) -> None:
        counts.add(outcome)
        if on_outcome:
            on_outcome(outcome)

    for outcome in process(items, pipeline, store, batch_size, story_index):
        if outcome.ok and outcome.article is not None:
            outcome = _store(outcome, pipeline, store)
        report(outcome)
    return counts


def process(items: Iterable[RawDocument | Outcome], pipeline: Pipeline, store: Store | None,
            batch_size: int = BATCH_SIZE, story_index: object | None = None) -> Iterator[Outcome]:
    """Extract and annotate; yield one outcome per item (nothing is stored here)."""
    pending: list[Article] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Outcome):
            yield item
            continue
        digest = item.content_hash
        if digest in seen or (store is not None and store.find_hash(digest)):
            yield Outcome(item.id, item.source, "present", reason="already stored")
            continue
        seen.add(digest)
        out = pipeline.extract(item)
        if not out.ok:
            yield out
            continue
        if story_index is not None and out.article is not None:
            out.article.story_id = story_index.assign(out.article.id, out.article.text)
        pending.append(out.article)
        if len(pending) >= batch_size:
            yield from pipeline.annotate_many(pending, batch_size)
            pending = []
    if pending:
        yield from pipeline.annotate_many(pending, batch_size)


def _store(outcome: Outcome, pipeline: Pipeline, store: Store) -> Outcome:
    article = outcome.article
    assert article is not None
    try:
        added = store.add_article(article, pipeline.components)
    except Exception as exc:  # noqa: BLE001 - one bad row never stops the batch
        return Outcome(article.id, article.source, "failed", reason=str(exc))
    if not added:
        return Outcome(article.id, article.source, "present", article=article,
                       reason="already stored")
    return outcome
