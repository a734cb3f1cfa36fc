"""Table definitions of the store (SQLAlchemy Core, dialect-neutral).

Lists and nested objects are JSON columns; the columns that queries filter on
(dates, country codes, types) are plain indexed columns. ``event_dyads`` holds
one row per ordered (source country, target country) pair of each event, so a
dyad query is an index range scan rather than a JSON search. ``dyad_counts``
holds the dyad series already counted per week, month and year (see
``sitrep.store.dyad_counts``).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    LargeBinary,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations", metadata,
    Column("name", String(128), primary_key=True),
    Column("applied_at", String(32), nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", String(64), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("input_id", Text),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(32)),
    Column("publisher", Text),
    Column("author", Text),
    Column("section", Text),
    Column("tags", JSON, nullable=False),
    Column("text", Text, nullable=False),
    Column("paragraphs", JSON, nullable=False),
    Column("captions", JSON, nullable=False),
    Column("language", String(16)),
    Column("story_id", String(64)),
    Column("annotated", Boolean, nullable=False, default=False),
    Column("components", JSON, nullable=False),
    Column("meta", JSON, nullable=False),
    Column("ingested_at", String(32), nullable=False),
    Index("ix_articles_published", "published"),
    Index("ix_articles_publisher", "publisher"),
    Index("ix_articles_story", "story_id"),
)

#: Newest-first pages in index order (``query.list_articles``; migration 0007).
Index("ix_articles_pub_id", articles.c.published.desc(), articles.c.id)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(32), nullable=False),
    Column("source", String(32)),
    Column("part", String(16), nullable=False, default="body"),
)

actors = Table(
    "actors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("country", String(8), index=True),
    Column("sector", String(8)),
    Column("role", Text),
    Column("antecedent", Integer),
    Column("provenance", Text),
    Column("part", String(16), nullable=False, default="body"),
)

places = Table(
    "places", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(8)),
    Column("geonameid", Integer),
    Column("feature", String(16)),
    Column("part", String(16), nullable=False, default="body"),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("context", JSON, nullable=False),
    Column("actors", JSON, nullable=False),
    Column("recipients", JSON, nullable=False),
    Column("actor_countries", Text),  # "|CHN|RUS|": searchable without JSON functions
    Column("recipient_countries", Text),
    Column("date", String(32)),
    Column("date_precision", String(8)),
    Column("location", JSON),
    Column("location_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("coder", String(64), nullable=False),
    Column("coder_version", String(32), nullable=False),
    Column("happening_id", String(64)),
    # a user's split: events with a mark merge only with events with the same mark
    # (migration 0010; ``events.merge``)
    Column("merge_apart", String(64)),
    Index("ix_events_date", "date"),
    Index("ix_events_type_date", "type", "date"),
    Index("ix_events_happening", "happening_id"),
)

event_dyads = Table(
    "event_dyads", metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("source_country", String(8), nullable=False),
    Column("target_country", String(8), nullable=False),
    Column("type", String(16), nullable=False),
    Column("date", String(32)),
    Column("happening_id", String(64)),  # copied from events by merging (migration 0006)
    # A pair's rows in page order (date, event id), with what a series or a type
    # filter reads, so both are index-only (migration 0007).
    Index("ix_dyads_pair", "source_country", "target_country", "date", "event_id", "type",
          "happening_id"),
    Index("ix_dyads_event", "event_id"),
)

#: Happenings per country pair, period and type (``sitrep.store.dyad_counts``):
#: ``counts`` is ``{TYPE: happenings}``; rows with ``directed`` true count the
#: ordered pair, the others the unordered pair (``source_country < target_country``).
#: ``grain`` is week, month or year; ``period`` the label the query layer shows
#: (``2024-W12``, ``2024-03``, ``2024``).
dyad_counts = Table(
    "dyad_counts", metadata,
    Column("source_country", String(8), primary_key=True),
    Column("target_country", String(8), primary_key=True),
    Column("directed", Boolean, primary_key=True),
    Column("grain", String(8), primary_key=True),
    Column("period", String(16), primary_key=True),
    Column("counts", JSON, nullable=False),
    sqlite_with_rowid=False,
)

#: One row: a number every write of articles, events or happenings moves, so a
#: process can tell that the data changed, whoever changed it (migration 0008).
store_state = Table(
    "store_state", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
)

#: Actors learnt from the corpus (the seed list ships with the code, not here).
kb_actors = Table(
    "kb_actors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("country", String(8)),
    Column("sector", String(8)),
    Column("role", Text),
    Column("aliases", JSON, nullable=False),
    Column("start", String(32)),
    Column("end", String(32)),
    Column("source", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("evidence", Text),
    Column("count", Integer, nullable=False, default=1),
    Index("ix_kb_actors_name", "name"),
)

#: Each article's story signature (``extract.dedup.Signature``): the normalised-text
#: fingerprint and the packed MinHash, so the story index is rebuilt without
#: re-shingling every stored text (migration 0009; older rows have none).
story_signatures = Table(
    "story_signatures", metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("minhash", LargeBinary),
)

#: Each article's vote for its site's home (``nlp.site_places.tally_rows``): a row
#: per country (``admin1`` NULL), per (country, admin1), and one with ``country``
#: NULL and ``votes`` 1 that counts the article. Rows per article rather than summed
#: per site: plain inserts on both backends (no upsert race between two ingests of
#: one site), and deleting an article takes its vote with it (migration 0011).
site_places = Table(
    "site_places", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("site", String(255), nullable=False),
    Column("country", String(8)),
    Column("admin1", String(32)),
    Column("votes", Float, nullable=False),
    Index("ix_site_places_site", "site"),
)
