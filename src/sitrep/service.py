"""Ingestion: readers → extraction → stages → store, with an outcome per document.

This is the core of ``sitrep ingest`` (and of the API's ingestion endpoint); it
knows nothing of either. Documents already stored (same content hash) are
reported as ``present`` before any work is done on them; extracted articles are
annotated in batches so that spaCy can use ``nlp.pipe``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from typing import Any

from .models import Article, RawDocument
from .pipeline import Counts, Outcome, Pipeline
from .store import Store

#: Articles annotated together (spaCy ``nlp.pipe`` batch). 16 keeps memory low
#: for long articles while giving most of the batching speed-up.
BATCH_SIZE = 16

OnOutcome = Callable[[Outcome], None]


def ingest(items: Iterable[RawDocument | Outcome], pipeline: Pipeline, store: Store,
           on_outcome: OnOutcome | None = None, batch_size: int = BATCH_SIZE,
           story_index: object | None = None, kb: object | None = None,
           merge: bool = True, sites: object | None = None) -> Counts:
    """Ingest every item; return the tally. ``on_outcome`` sees each outcome.

    ``story_index`` (a ``StoryIndex``) gives each article its story id; ``kb``
    (the ``ActorKB`` the pipeline's actor stage learns into) has the facts each
    article taught stored with it, and ``sites`` (the recording ``SiteProfiles``
    of its place stage) the article's vote for its site's home. With ``merge``,
    the events of the new articles are then grouped into happenings with the
    stored ones.
    """
    counts = Counts()
    journal = KBJournal(kb)
    site_journal = SiteJournal(sites)
    dates: list[str] = []

    def report(outcome: Outcome) -> None:
        counts.add(outcome)
        if on_outcome:
            on_outcome(outcome)

    for outcome in process(items, pipeline, store, batch_size, story_index):
        if outcome.ok and outcome.article is not None:
            aid = outcome.article.id
            signature = story_signature(story_index, aid)
            outcome = _store(outcome, pipeline, store, journal.taught_by(aid), signature,
                             site_journal.voted_by(aid))
            if outcome.ok:
                dates += [e.date for e in outcome.article.events if e.date]
        report(outcome)
    if merge and dates:
        merge_happenings(store, min(dates), max(dates))
    return counts


class Ingestor:
    """Everything ingestion keeps between batches: store, pipeline, KB, story
    index and site profiles.

    The CLI and the API both ingest through one of these, so a document goes
    through the same steps whichever way it arrives.
    """

    def __init__(self, store: Store, pipeline: Pipeline, kb: object | None = None,
                 stories: object | None = None, sites: object | None = None) -> None:
        self.store, self.pipeline, self.kb, self.stories = store, pipeline, kb, stories
        self.sites = sites

    @classmethod
    def standard(cls, store: Store, annotate: bool = True,
                 pipeline: Pipeline | None = None) -> "Ingestor":
        """The standard pipeline with the store's KB, story index and site
        profiles loaded."""
        from .factory import build_pipeline

        fresh = annotate and pipeline is None
        kb = knowledge_base(store) if fresh else None
        sites = site_profiles(store) if fresh else None
        pipeline = pipeline or build_pipeline(annotate=annotate, kb=kb, sites=sites)
        return cls(store, pipeline, kb, story_index(store), sites)

    def run(self, items: Iterable[RawDocument | Outcome], on_outcome: OnOutcome | None = None) -> Counts:
        """Ingest ``items`` (see ``ingest``)."""
        return ingest(items, self.pipeline, self.store, on_outcome,
                      story_index=self.stories, kb=self.kb, sites=self.sites)


class KBJournal:
    """Finds the facts a KB learnt from each article (entries are only appended).

    Used by ``ingest`` and by batch workers, which write the facts beside the
    articles so that ``sitrep load`` stores them as ingest would.
    """

    def __init__(self, kb: object | None) -> None:
        self.kb = kb
        self.seen = 0
        self.by_source: dict[str, list[dict]] = {}

    def taught_by(self, article_id: str) -> list[dict]:
        if self.kb is None:
            return []
        entries = self.kb.entries
        for entry in entries[self.seen:]:
            if entry.source != "seed":
                self.by_source.setdefault(entry.source, []).append(asdict(entry))
        self.seen = len(entries)
        return self.by_source.pop(article_id, [])


class SiteJournal:
    """Finds the vote each article gave its site's home, as rows for the store.

    Reads (and clears) what a recording ``SiteProfiles`` observed. An article's
    captions, resolved as an article of their own by the caption stage, do not
    vote (``PlaceStage``), so each article casts one vote.
    """

    def __init__(self, sites: object | None) -> None:
        self.sites = sites
        self.by_article: dict[str, list[dict]] = {}

    def voted_by(self, article_id: str) -> list[dict]:
        observed = getattr(self.sites, "observed", None)
        if not observed:
            return self.by_article.pop(article_id, [])
        from .nlp.site_places import tally_rows

        for aid, key, tally in observed:
            rows = self.by_article.setdefault(aid, [])
            rows += [{"site": key, "country": c, "admin1": a, "votes": v}
                     for c, a, v in tally_rows(tally)]
        observed.clear()
        return self.by_article.pop(article_id, [])


def site_profiles(store: Store):
    """The place stage's site profiles, summed from every stored article's vote
    (recording, so that ``ingest`` stores the votes of new articles)."""
    from .nlp.site_places import SiteProfiles

    return SiteProfiles.from_rows(store.site_place_rows(), record=True)


def knowledge_base(store: Store):
    """The actor KB: the shipped seed list plus every fact learnt from the store."""
    from .nlp.kb import ActorKB, KBEntry

    kb = ActorKB.seeded()
    for row in store.kb_rows():
        kb.add(KBEntry(**row))
    return kb


def story_index(store: Store):
    """The story index (exact and near duplicates) over every stored article."""
    from .extract.dedup import Signature, StoredStory, StoryIndex

    return StoryIndex.rebuild(
        StoredStory(aid, story, Signature(fp, mh) if fp is not None else None, text)
        for aid, story, fp, mh, text in store.story_rows())


#: Events up to this many days outside the new events' dates are merged with
#: them too (covers week and month precision on either side).
MERGE_WINDOW_DAYS = 31


def merge_happenings(store: Store, since: str | None = None, until: str | None = None) -> int:
    """Group stored events dated within [since, until] (widened by
    ``MERGE_WINDOW_DAYS``) into happenings; record each event's happening id.
    Returns the number of happenings. Re-running is idempotent."""
    from datetime import date, timedelta

    def widen(iso: str | None, days: int) -> str | None:
        if not iso:
            return None
        return (date.fromisoformat(iso[:10]) + timedelta(days=days)).isoformat()

    rows = store.events_for_merge(widen(since, -MERGE_WINDOW_DAYS), widen(until, MERGE_WINDOW_DAYS))
    ids: dict[tuple, list[int]] = {}
    for r in rows:
        ids.setdefault((r["article_id"], r["evidence_start"], r["evidence_end"], r["type"]), []).append(r["id"])
    happenings = _group_rows(rows)
    mapping: dict[int, str] = {}
    for h in happenings:
        for sup in h.supports:
            key = (sup.article_id, sup.evidence.start, sup.evidence.end, sup.event.type)
            for event_id in ids.get(key, []):
                mapping[event_id] = h.id
    store.set_happenings(mapping)
    return len(happenings)


def _group_rows(rows: list[dict[str, Any]]) -> list:
    """``events.merge.group`` over stored event rows (``Store.events_for_merge``)."""
    from .events.merge import group

    return group({**r, "evidence": {"start": r["evidence_start"], "end": r["evidence_end"]}}
                 for r in rows)


def happening_detail(store: Store, happening_id: str) -> list[dict[str, Any]]:
    """The happening ``happening_id`` regrouped from its stored events: its parties,
    dates and counts, every supporting event (id, article, story, sentence) and the
    reason each joined (as ``events.merge`` gives them). JSON-ready; usually one
    item. Raises ``NotFound`` when no event has that happening id."""
    from .errors import NotFound

    rows = store.events_for_merge(happening=happening_id)
    if not rows:
        raise NotFound(f"no happening {happening_id!r}")
    by_key = {(r["article_id"], r["evidence_start"], r["evidence_end"], r["type"]): r for r in rows}
    out = []
    for h in _group_rows(rows):
        supports = []
        for sup in h.supports:
            row = by_key[(sup.article_id, sup.evidence.start, sup.evidence.end, h.type)]
            supports.append({"event_id": row["id"], "article_id": sup.article_id,
                             "story_id": sup.story_id, "date": sup.date,
                             "date_precision": sup.date_precision,
                             "evidence": {"start": sup.evidence.start, "end": sup.evidence.end,
                                          "text": row["evidence_text"]}})
        out.append({"id": h.id, "type": h.type, "actors": sorted(h.actors),
                    "recipients": sorted(h.recipients), "date": h.date,
                    "date_precision": h.date_precision,
                    "start": h.start.isoformat() if h.start else None,
                    "end": h.end.isoformat() if h.end else None,
                    "location": h.location.name if h.location else None,
                    "n_articles": h.n_articles, "n_sources": h.n_sources,
                    "supports": supports, "reasons": list(h.reasons)})
    return out


def split_happening(store: Store, happening_id: str, article_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Undo a merge, reversibly: the events of ``happening_id`` reported by
    ``article_ids`` get a split mark (kept in the store, so later merges respect
    it) and the happenings around them are merged again. Returns the happenings
    of the former members (``happening_detail`` form). ``rejoin`` undoes it."""
    from .errors import NotFound, UsageError

    rows = store.events_for_merge(happening=happening_id)
    if not rows:
        raise NotFound(f"no happening {happening_id!r}")
    wanted = set(article_ids)
    moved = [r["id"] for r in rows if r["article_id"] in wanted]
    if not moved:
        raise UsageError(f"none of {sorted(wanted)} reports happening {happening_id}")
    if len(moved) == len(rows):
        raise UsageError("every report of the happening was named: nothing to split from")
    store.set_merge_apart(f"split:{happening_id}", event_ids=moved)
    return _remerge(store, rows)


def rejoin(store: Store, article_id: str) -> list[dict[str, Any]]:
    """Clear the split marks of ``article_id``'s events and merge again (undoes
    ``split_happening``). Returns the happenings its events now belong to."""
    from .errors import NotFound

    if not store.set_merge_apart(None, article_id=article_id):
        raise NotFound(f"no events of article {article_id!r}")
    return _remerge(store, store.events_for_merge(article_id=article_id))


def _remerge(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    dates = sorted(r["date"] for r in rows if r["date"])
    merge_happenings(store, dates[0] if dates else None, dates[-1] if dates else None)
    ids = {r["id"] for r in rows}
    hids = {r["happening_id"] for a in {r["article_id"] for r in rows}
            for r in store.events_for_merge(article_id=a) if r["id"] in ids and r["happening_id"]}
    return [h for hid in sorted(hids) for h in happening_detail(store, hid)]


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


def story_signature(story_index: object | None, article_id: str) -> tuple | None:
    """The story signature to store with an article (None from an index that has none)."""
    get = getattr(story_index, "signature", None)
    return get(article_id) if get is not None else None


def _store(outcome: Outcome, pipeline: Pipeline, store: Store, kb_rows: list[dict],
           signature: tuple | None = None, site_rows: list[dict] | None = None) -> Outcome:
    article = outcome.article
    assert article is not None
    try:
        added = store.add_article(article, pipeline.components, kb_rows, signature,
                                  site_rows=site_rows)
    except Exception as exc:  # noqa: BLE001 - one bad row never stops the batch
        return Outcome(article.id, article.source, "failed", reason=str(exc))
    if not added:
        return Outcome(article.id, article.source, "present", article=article,
                       reason="already stored")
    return outcome
