"""Named schema migrations, applied in order and recorded in ``schema_migrations``.

A migration is a function of a connection inside a transaction; its name is
recorded when it succeeds, so opening a store twice applies nothing twice. New
migrations are appended to ``MIGRATIONS``; existing ones are never edited.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from sqlalchemy import Connection, select, text

from . import schema

Migration = Callable[[Connection], None]


def _initial(conn: Connection) -> None:
    """Create the core tables (articles, mentions, actors, places, events, dyads)."""
    tables = [t for name, t in schema.metadata.tables.items() if name != "schema_migrations"]
    schema.metadata.create_all(conn, tables=tables)


def _fulltext(conn: Connection) -> None:
    """Full-text search with each database's own facility.

    SQLite: an FTS5 table kept in step with ``articles`` by triggers.
    PostgreSQL: a GIN index over ``to_tsvector('english', title || text)``.
    """
    if conn.dialect.name == "sqlite":
        conn.execute(text(
            "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
            "title, text, content='articles', content_rowid='rowid', tokenize='porter unicode61')"
        ))
        conn.execute(text(
            "CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN "
            "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"
        ))
        conn.execute(text(
            "CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
            "VALUES ('delete', old.rowid, old.title, old.text); END"
        ))
        conn.execute(text(
            "CREATE TRIGGER IF NOT EXISTS articles_au AFTER UPDATE ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
            "VALUES ('delete', old.rowid, old.title, old.text); "
            "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"
        ))
    elif conn.dialect.name == "postgresql":
        conn.execute(text(
            "CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING GIN "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text))"
        ))


def _watchlists(conn: Connection) -> None:
    """Saved event queries with a seen mark (see ``sitrep.store.watchlists``)."""
    from .watchlists import create_table

    create_table(conn)


def _kb_actors(conn: Connection) -> None:
    """Actors learnt from the corpus, with the article that taught each."""
    schema.kb_actors.create(conn, checkfirst=True)


def _dyad_cover(conn: Connection) -> None:
    """A covering index for dyad series: (pair, date, type, event) read from the index alone.

    Measured by ``make bench-api`` on 1M events: the dyad series of the most
    frequent pair read 46k rows from the table; with this index it halves.
    """
    conn.execute(text(
        "CREATE INDEX IF NOT EXISTS ix_dyads_cover ON event_dyads "
        "(source_country, target_country, date, type, event_id)"))


def _dyad_happenings(conn: Connection) -> None:
    """Copy each event's happening id into its dyad rows, with a covering index, so
    a dyad series counts happenings from the index alone (no join with events)."""
    from sqlalchemy import inspect

    cols = {c["name"] for c in inspect(conn).get_columns("event_dyads")}
    if "happening_id" not in cols:
        conn.execute(text("ALTER TABLE event_dyads ADD COLUMN happening_id VARCHAR(64)"))
    conn.execute(text(
        "UPDATE event_dyads SET happening_id = "
        "(SELECT e.happening_id FROM events e WHERE e.id = event_dyads.event_id)"))
    conn.execute(text("DROP INDEX IF EXISTS ix_dyads_cover"))
    conn.execute(text(
        "CREATE INDEX IF NOT EXISTS ix_dyads_cover_h ON event_dyads "
        "(source_country, target_country, date, type, happening_id, event_id)"))


def _dyad_counts(conn: Connection) -> None:
    """Dyad series counted ahead (``dyad_counts``, backfilled from ``event_dyads``),
    one pair index in page order that also covers a series by day, and an index
    for newest-first article pages.

    Measured by ``make bench-api`` (1M events, 8 clients): see ``dyad_counts``
    and ``query.list_events``/``list_articles`` for the figures.
    """
    from .dyad_counts import rebuild

    schema.dyad_counts.create(conn, checkfirst=True)
    conn.execute(text("DROP INDEX IF EXISTS ix_dyads_cover_h"))
    conn.execute(text("DROP INDEX IF EXISTS ix_dyads_pair_date"))
    conn.execute(text(
        "CREATE INDEX IF NOT EXISTS ix_dyads_pair ON event_dyads "
        "(source_country, target_country, date, event_id, type, happening_id)"))
    conn.execute(text(
        "CREATE INDEX IF NOT EXISTS ix_articles_pub_id ON articles (published DESC, id)"))
    rebuild(conn)


def _store_state(conn: Connection) -> None:
    """The data version every write moves (``store_state``), so caches of aggregates
    in any process see a write of another (merging happenings adds no event)."""
    schema.store_state.create(conn, checkfirst=True)
    if conn.execute(select(schema.store_state.c.id)).first() is None:
        conn.execute(schema.store_state.insert().values(id=1, version=0))


def _story_signatures(conn: Connection) -> None:
    """Story signatures kept per article (rows stored before have none: the story
    index hashes their text instead)."""
    schema.story_signatures.create(conn, checkfirst=True)


def _merge_apart(conn: Connection) -> None:
    """The split mark of an event (``events.merge_apart``): a user's reversible
    split of a happening, kept when happenings are merged again."""
    from sqlalchemy import inspect

    if "merge_apart" not in {c["name"] for c in inspect(conn).get_columns("events")}:
        conn.execute(text("ALTER TABLE events ADD COLUMN merge_apart VARCHAR(64)"))


def _site_places(conn: Connection) -> None:
    """Each article's vote for its site's home (``site_places``), so the place
    stage's site priors survive between runs (older articles have none)."""
    schema.site_places.create(conn, checkfirst=True)


#: Every migration, in order. Append only.
MIGRATIONS: list[tuple[str, Migration]] = [
    ("0001_initial", _initial),
    ("0002_fulltext", _fulltext),
    ("0003_watchlists", _watchlists),
    ("0004_kb_actors", _kb_actors),
    ("0005_dyad_cover", _dyad_cover),
    ("0006_dyad_happenings", _dyad_happenings),
    ("0007_dyad_counts", _dyad_counts),
    ("0008_store_state", _store_state),
    ("0009_story_signatures", _story_signatures),
    ("0010_merge_apart", _merge_apart),
    ("0011_site_places", _site_places),
]


def applied(conn: Connection) -> list[str]:
    """Names of the migrations already applied to this database."""
    schema.schema_migrations.create(conn, checkfirst=True)
    rows = conn.execute(select(schema.schema_migrations.c.name)).scalars()
    return list(rows)


#: Key of the PostgreSQL advisory lock held while migrating (any constant works).
PG_MIGRATION_LOCK = 7_151_302


def _lock(conn: Connection) -> None:
    """Serialise migrations of concurrent openers (two ingest processes starting at once).

    SQLite: take the write lock now (``BEGIN IMMEDIATE``; others wait on busy_timeout).
    PostgreSQL: a transaction-scoped advisory lock.
    """
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_MIGRATION_LOCK})


def _pending(conn: Connection) -> bool:
    """True unless every migration is recorded (a read only: takes no write lock)."""
    if not conn.dialect.has_table(conn, schema.schema_migrations.name):
        return True
    done = set(conn.execute(select(schema.schema_migrations.c.name)).scalars())
    return any(name not in done for name, _ in MIGRATIONS)


def migrate(conn: Connection) -> list[str]:
    """Apply the pending migrations; return the names applied now.

    Must run in a fresh transaction. When nothing is pending (the usual case) it
    only reads; otherwise it takes the migration lock and looks again.
    """
    if not _pending(conn):
        return []
    _lock(conn)
    done = set(applied(conn))
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    new: list[str] = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        step(conn)
        conn.execute(schema.schema_migrations.insert().values(name=name, applied_at=now))
        new.append(name)
    return new
