"""The store: one small interface over SQLAlchemy Core (SQLite by default).

``Store.open(url_or_path)`` accepts a file path (SQLite) or any SQLAlchemy URL
(``postgresql+psycopg://…``). Writes are atomic per article: the article, its
mentions, actors, places and events go in one transaction or not at all. The
content hash is unique, so re-ingesting a document changes nothing.
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, case, create_engine, delete, event, func, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..errors import ConfigError, NotFound, StorageError
from ..models import Article
from . import dyad_counts as DC
from . import rows as R
from . import schema as S
from .migrations import migrate

#: Where the database lives when neither --db nor SITREP_DB is given.
DEFAULT_DB = ".sitrep/sitrep.db"

#: Seconds a SQLite writer waits for another writer's lock before failing.
SQLITE_BUSY_TIMEOUT_S = 30

#: Bytes of the database file SQLite reads through a memory map instead of
#: copying pages from the OS cache into each connection's own cache. Measured
#: with bench/api_bench.py's requests (1M events, server CPU per request, one
#: client): events 7.9 → 6.8 ms, dyad 8.7 → 7.5 ms, search 11.8 → 9.2 ms. Address
#: space only: mapped pages are the OS page cache, shared by every connection.
SQLITE_MMAP_BYTES = 1 << 30


def resolve_url(url_or_path: str | None) -> str:
    """Turn ``--db``/``SITREP_DB``/default into a SQLAlchemy URL."""
    value = url_or_path or os.environ.get("SITREP_DB") or DEFAULT_DB
    if "://" in value:
        if value.startswith("postgresql://"):
            value = "postgresql+psycopg://" + value[len("postgresql://"):]
        return value
    path = Path(value).expanduser()
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # busy_timeout first: switching to WAL needs a lock another opener may hold.
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
    cur.execute("PRAGMA foreign_keys=ON")
    _switch_to_wal(cur)
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cur.close()


def _switch_to_wal(cur: Any) -> None:
    """Put the database in WAL mode, waiting for other openers doing the same.

    Switching holds a shared lock while it asks for an exclusive one. When two
    connections do so at once (several threads or processes opening a brand-new
    file), SQLite answers one of them "database is locked" at once, without
    calling the busy handler, since waiting could deadlock (sqlite3_busy_handler:
    "the presence of a busy handler does not guarantee that it will be invoked").
    The refused connection has let its lock go, so trying again after a pause is
    safe; by then the other one has usually switched the file and this is a no-op.
    (Three threads switching 300 new files: 14 files refused before, none after;
    this was the "database is locked" of ``test_concurrent_migrations[sqlite]``.)
    """
    import sqlite3

    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    pause = 0.005
    while True:
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(pause * (1 + random.random()))
            pause = min(pause * 2, 0.2)


def _bump(conn: Any) -> None:
    """Move the data version (``store_state``), late in a write transaction (on
    PostgreSQL its row lock serialises writers from there to their commits)."""
    conn.execute(update(S.store_state).values(version=S.store_state.c.version + 1))


class Store:
    """Articles with their mentions, actors, places and events."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url_or_path: str | None = None, *, migrate_schema: bool = True) -> "Store":
        """Open (and by default migrate) the store at a path or SQLAlchemy URL."""
        url = resolve_url(url_or_path)
        try:
            engine = create_engine(url, future=True)
        except Exception as exc:  # noqa: BLE001 - bad URL or missing driver
            raise ConfigError(f"cannot open database {url_or_path!r}: {exc}") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        if migrate_schema:
            store.migrate()
        return store

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def migrate(self) -> list[str]:
        """Apply pending migrations; return their names."""
        try:
            with self.engine.begin() as conn:
                return migrate(conn)
        except SQLAlchemyError as exc:
            raise StorageError(f"migration failed: {exc}") from exc

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------

    def find_hash(self, content_hash: str) -> str | None:
        """Id of the stored article with this content hash, if any."""
        with self.engine.connect() as conn:
            q = select(S.articles.c.id).where(S.articles.c.content_hash == content_hash)
            return conn.execute(q).scalar_one_or_none()

    def add_article(self, article: Article, components: dict[str, str] | None = None,
                    kb_rows: list[dict[str, Any]] | None = None,
                    signature: tuple[str, bytes | None] | None = None, *,
                    site_rows: list[dict[str, Any]] | None = None) -> bool:
        """Store an article with everything found in it, atomically.

        ``kb_rows`` are the knowledge-base facts this article taught (their
        ``source`` is the article id), ``signature`` its story signature
        (``extract.dedup.Signature``) and ``site_rows`` its vote for its site's
        home (``site``, ``country``, ``admin1``, ``votes``; see
        ``schema.site_places``); they are written in the same transaction.
        Returns False (and changes nothing) when an article with the same
        content hash is already stored.
        """
        spans = R.span_rows(article)
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(S.articles).values(R.article_row(article, components or {})))
                for table in ("mentions", "actors", "places"):
                    if spans[table]:
                        conn.execute(insert(S.metadata.tables[table]), spans[table])
                self._insert_events(conn, article)
                if kb_rows:
                    conn.execute(insert(S.kb_actors), [
                        {k: v for k, v in r.items() if k in S.kb_actors.c} for r in kb_rows])
                if site_rows:
                    conn.execute(insert(S.site_places), [
                        {"article_id": article.id, "site": r["site"], "country": r["country"],
                         "admin1": r["admin1"], "votes": r["votes"]} for r in site_rows])
                if signature is not None:
                    conn.execute(insert(S.story_signatures).values(
                        article_id=article.id, fingerprint=signature[0], minhash=signature[1]))
        except IntegrityError:
            if self.find_hash(article.content_hash):
                return False
            raise StorageError("integrity error while storing", doc_id=article.id) from None
        except SQLAlchemyError as exc:
            raise StorageError(f"could not store: {exc}", doc_id=article.id) from exc
        return True

    def _insert_events(self, conn: Any, article: Article,
                       removed: list[tuple[str, str, str | None]] | None = None) -> None:
        """Insert the article's events and dyad rows and bring the kept dyad counts in
        step: new events are added to them; with dyad rows ``removed`` by the caller,
        the pairs touched are recounted instead."""
        new: list[tuple[Any, ...]] = []
        for ev in article.events:
            ev.article_id = article.id
            res = conn.execute(insert(S.events).values(R.event_row(ev, article)))
            event_id = res.inserted_primary_key[0]
            pairs = R.dyad_pairs(ev)
            if pairs:
                conn.execute(insert(S.event_dyads), [
                    {"event_id": event_id, "source_country": s, "target_country": t,
                     "type": ev.type, "date": ev.date} for s, t in pairs])
                new += [(s, t, ev.date, ev.type, None, event_id) for s, t in pairs]
        if removed:
            DC.recount(conn, removed + [r[:3] for r in new])
        else:
            DC.add(conn, new)
        _bump(conn)

    def replace_events(self, article: Article) -> None:
        """Replace an article's events (a re-run with another coder), atomically.

        A user's split marks survive: a new event takes the mark of the old event
        coded from the same evidence sentence; where there is none, it takes the
        article's mark if every old event carried that one mark (a split names whole
        articles)."""
        d, e = S.event_dyads.c, S.events.c
        with self.engine.begin() as conn:
            ids = select(e.id).where(e.article_id == article.id)
            marks = [tuple(r) for r in conn.execute(
                select(e.evidence_start, e.evidence_end, e.merge_apart).where(e.article_id == article.id))]
            old = [tuple(r) for r in conn.execute(
                select(d.source_country, d.target_country, d.date).where(d.event_id.in_(ids)))]
            conn.execute(delete(S.event_dyads).where(d.event_id.in_(ids)))
            conn.execute(delete(S.events).where(e.article_id == article.id))
            self._insert_events(conn, article, old)
            if any(m for _, _, m in marks):
                _carry_split_marks(conn, article.id, marks)

    def rebuild_dyad_counts(self) -> int:
        """Recount the dyad series table from every dyad row (after a bulk load that
        wrote ``event_dyads`` directly); returns the rows written."""
        with self.engine.begin() as conn:
            n = DC.rebuild(conn)
            _bump(conn)
        return n

    # -- reading -------------------------------------------------------------

    def version(self) -> int:
        """The data version: moved by every write of articles, events or happenings
        (by any process), so caches of aggregates can key on it."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(S.store_state.c.version)).scalar() or 0)

    def get_article(self, article_id: str) -> Article:
        """The stored article with its spans and events; ``NotFound`` if absent."""
        with self.engine.connect() as conn:
            row = conn.execute(select(S.articles).where(S.articles.c.id == article_id)).mappings().first()
            if row is None:
                raise NotFound(f"no article with id {article_id!r}")
            spans = {}
            for name in ("mentions", "actors", "places"):
                t = S.metadata.tables[name]
                spans[name] = [dict(r) for r in conn.execute(
                    select(t).where(t.c.article_id == article_id).order_by(t.c.part, t.c.start)).mappings()]
            evs = [dict(r) for r in conn.execute(
                select(S.events).where(S.events.c.article_id == article_id)
                .order_by(S.events.c.evidence_start, S.events.c.id)).mappings()]
        return R.article_from_rows(dict(row), spans, evs)

    # -- knowledge base, stories, happenings ---------------------------------

    def kb_rows(self) -> list[dict[str, Any]]:
        """Every corpus-learnt actor fact, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(S.kb_actors).order_by(S.kb_actors.c.id)).mappings()
            return [{k: v for k, v in r.items() if k != "id"} for r in rows]

    def site_place_rows(self) -> list[tuple[str, str | None, str | None, float]]:
        """``(site, country, admin1, votes)`` summed over every stored article's vote
        for its site's home (a row without a country counts the site's articles)."""
        p = S.site_places.c
        q = (select(p.site, p.country, p.admin1, func.sum(p.votes))
             .group_by(p.site, p.country, p.admin1).order_by(p.site))
        with self.engine.connect() as conn:
            return [(site, country, admin1, float(votes))
                    for site, country, admin1, votes in conn.execute(q)]

    def story_rows(self) -> Iterator[tuple[str, str, str | None, bytes | None, str | None]]:
        """``(article_id, story_id, fingerprint, minhash, text)`` of every article,
        oldest first, for the story index: the text only where no signature is stored."""
        a, g = S.articles.c, S.story_signatures.c
        q = (select(a.id, a.story_id, g.fingerprint, g.minhash,
                    case((g.fingerprint.is_(None), a.text), else_=None))
             .select_from(S.articles.outerjoin(S.story_signatures, g.article_id == a.id))
             .order_by(a.ingested_at, a.id))
        with self.engine.connect() as conn:
            for aid, story, fp, mh, text_ in conn.execution_options(stream_results=True).execute(q):
                yield aid, story or aid, fp, mh, text_

    def events_for_merge(self, since: str | None = None, until: str | None = None,
                         happening: str | None = None,
                         article_id: str | None = None) -> list[dict[str, Any]]:
        """Event rows (with their article's story id) dated within [since, until],
        and only those of one ``happening`` or one article when given."""
        e = S.events.c
        q = (select(S.events, S.articles.c.story_id)
             .join(S.articles, S.articles.c.id == e.article_id).order_by(e.id))
        if happening is not None:
            q = q.where(e.happening_id == happening)
        if article_id is not None:
            q = q.where(e.article_id == article_id)
        if since:
            q = q.where(e.date >= since)
        if until:
            q = q.where(e.date <= until + "\uffff")
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def set_merge_apart(self, mark: str | None, *, event_ids: list[int] | None = None,
                        article_id: str | None = None) -> int:
        """Set (or with None clear) the split mark of the given events, or of every
        event of ``article_id``; return how many events changed."""
        e = S.events.c
        if event_ids is not None:
            cond = e.id.in_(event_ids)
        elif article_id is not None:
            cond = e.article_id == article_id
        else:
            raise ValueError("give event_ids or article_id")
        with self.engine.begin() as conn:
            return conn.execute(update(S.events).where(cond).values(merge_apart=mark)).rowcount

    def set_happenings(self, happening_of: dict[int, str]) -> None:
        """Record the happening id of each event id, in one transaction, and recount
        the dyad series of the pairs whose events changed happening."""
        if not happening_of:
            return
        from sqlalchemy import bindparam

        d = S.event_dyads.c
        with self.engine.begin() as conn:
            current: dict[int, str | None] = {}
            touched: list[tuple[str, str, str | None]] = []
            ids = list(happening_of)
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                current.update(conn.execute(select(S.events.c.id, S.events.c.happening_id)
                                            .where(S.events.c.id.in_(chunk))).all())
            changed = [k for k, v in happening_of.items() if k in current and current[k] != v]
            if not changed:
                return
            for i in range(0, len(changed), 500):
                touched += [tuple(r) for r in conn.execute(
                    select(d.source_country, d.target_country, d.date)
                    .where(d.event_id.in_(changed[i:i + 500])))]
            params = [{"eid": k, "hid": happening_of[k]} for k in changed]
            for table, key in ((S.events, S.events.c.id), (S.event_dyads, d.event_id)):
                conn.execute(update(table).where(key == bindparam("eid"))
                             .values(happening_id=bindparam("hid")), params)
            DC.recount(conn, touched)
            _bump(conn)


def _carry_split_marks(conn: Any, article_id: str,
                       marks: list[tuple[int | None, int | None, str | None]]) -> None:
    """Give an article's re-coded events the split marks its old events had."""
    e = S.events.c
    by_sentence = {(a, b): m for a, b, m in marks if m}
    distinct = {m for _, _, m in marks}
    whole = next(iter(distinct)) if len(distinct) == 1 else None
    for eid, start, end in conn.execute(
            select(e.id, e.evidence_start, e.evidence_end).where(e.article_id == article_id)).all():
        mark = by_sentence.get((start, end), whole)
        if mark:
            conn.execute(update(S.events).where(e.id == eid).values(merge_apart=mark))
