"""``sitrep load``: put a batch run's Parquet output into the store, idempotently.

Each article goes through ``Store.add_article`` (atomic, and a no-op for a
content hash already stored) with the KB facts the worker learnt from it and
its vote for its site's home, as ``sitrep ingest`` stores them, so loading twice, loading after a crash, or
loading two overlapping outputs stores every article once.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from ..errors import UsageError
from ..pipeline import Counts, Outcome
from ..service import story_signature
from ..store import Store
from .parquet import done_partitions, read_articles


def load(out_dir: str | os.PathLike, store: Store,
         on_outcome: Callable[[Outcome], None] | None = None,
         story_index: object | None = None) -> Counts:
    """Load every complete partition under ``out_dir``; return ok/present/failed counts.

    ``story_index`` (as for ``sitrep.service.ingest``) assigns story ids here, in one
    process, because near-duplicate detection needs every article seen so far.
    """
    parts = done_partitions(out_dir)
    if not parts:
        raise UsageError(f"{out_dir}: no complete batch partitions found (run `sitrep batch` first)")
    counts = Counts()
    for part_id in parts:
        for article, components, kb_rows, site_rows in read_articles(out_dir, part_id):
            signature = None
            if story_index is not None and store.find_hash(article.content_hash) is None:
                article.story_id = story_index.assign(article.id, article.text)
                signature = story_signature(story_index, article.id)
            try:
                added = store.add_article(article, components, kb_rows, signature,
                                          site_rows=site_rows)
                outcome = Outcome(article.id, article.source, "ok" if added else "present",
                                  reason=None if added else "already stored")
            except Exception as exc:  # noqa: BLE001 - one bad row never stops the load
                outcome = Outcome(article.id, article.source, "failed", reason=str(exc))
            counts.add(outcome)
            if on_outcome:
                on_outcome(outcome)
    return counts
