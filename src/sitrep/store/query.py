"""The one query layer: the CLI, the HTTP API and the web UI read through it.

Results are JSON-ready dicts; filters are dataclasses so every interface offers
the same options. Ordering is stable (by date, then id) so pages do not shift.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Text, and_, func, or_, select, text

from ..errors import UsageError
from . import schema as S
from .store import Store

#: Largest page a caller may ask for.
MAX_LIMIT = 1000


@dataclass
class ArticleFilter:
    """Which articles to list."""

    text: str | None = None
    since: str | None = None
    until: str | None = None
    publisher: str | None = None
    country: str | None = None
    language: str | None = None
    story_id: str | None = None
    limit: int = 50
    offset: int = 0


@dataclass
class EventFilter:
    """Which events to list. ``dyad`` is (A, B); undirected unless ``directed``."""

    types: list[str] = field(default_factory=list)
    dyad: tuple[str, str] | None = None
    directed: bool = False
    country: str | None = None
    actor: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    article_id: str | None = None
    limit: int = 50
    offset: int = 0


def _check_page(limit: int, offset: int) -> None:
    if not 0 < limit <= MAX_LIMIT or offset < 0:
        raise UsageError(f"limit must be 1..{MAX_LIMIT} and offset >= 0")


def _fts_match(store: Store, query: str):
    """A clause matching articles whose title/text match ``query``."""
    if store.dialect == "sqlite":
        terms = " ".join('"' + t.replace('"', '""') + '"' for t in query.split())
        return text("articles.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q)"
                    ).bindparams(q=terms)
    if store.dialect == "postgresql":
        return text("to_tsvector('english', coalesce(articles.title, '') || ' ' || articles.text) "
                    "@@ plainto_tsquery('english', :q)").bindparams(q=query)
    return S.articles.c.text.contains(query)


def list_articles(store: Store, f: ArticleFilter) -> list[dict[str, Any]]:
    """Articles matching ``f``, newest first, without their full text."""
    _check_page(f.limit, f.offset)
    a = S.articles.c
    cols = [a.id, a.title, a.published, a.publisher, a.section, a.source, a.url,
            a.language, a.story_id, a.annotated]
    conds = []
    if f.text:
        conds.append(_fts_match(store, f.text))
    if f.since:
        conds.append(a.published >= f.since)
    if f.until:
        conds.append(a.published <= f.until + "\uffff")
    if f.publisher:
        conds.append(a.publisher == f.publisher)
    if f.language:
        conds.append(a.language == f.language)
    if f.story_id:
        conds.append(a.story_id == f.story_id)
    if f.country:
        sub = select(S.actors.c.article_id).where(S.actors.c.country == f.country.upper())
        conds.append(a.id.in_(sub))
    q = (select(*cols).where(*conds).order_by(a.published.desc(), a.id)
         .limit(f.limit).offset(f.offset))
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def _event_conditions(f: EventFilter) -> list[Any]:
    e = S.events.c
    conds: list[Any] = []
    if f.types:
        conds.append(e.type.in_([t.upper() for t in f.types]))
    if f.dyad:
        x, y = (c.upper() for c in f.dyad)
        d = S.event_dyads.c
        pair = and_(d.source_country == x, d.target_country == y)
        if not f.directed:
            pair = or_(pair, and_(d.source_country == y, d.target_country == x))
        conds.append(e.id.in_(select(d.event_id).where(pair)))
    if f.country:
        code = f"%|{f.country.upper()}|%"
        conds.append(or_(e.actor_countries.like(code), e.recipient_countries.like(code)))
    if f.actor:
        conds.append(or_(e.actors.cast(Text).like(f"%{f.actor}%"),
                         e.recipients.cast(Text).like(f"%{f.actor}%")))
    if f.since:
        conds.append(e.date >= f.since)
    if f.until:
        conds.append(e.date <= f.until + "\uffff")
    if f.text:
        conds.append(e.evidence_text.like(f"%{f.text}%"))
    if f.article_id:
        conds.append(e.article_id == f.article_id)
    return conds


def list_events(store: Store, f: EventFilter) -> list[dict[str, Any]]:
    """Events matching ``f`` in a stable order (date, id), with their article's title."""
    _check_page(f.limit, f.offset)
    e = S.events.c
    q = (select(S.events, S.articles.c.title.label("article_title"),
                S.articles.c.url.label("article_url"))
         .join(S.articles, S.articles.c.id == e.article_id)
         .where(*_event_conditions(f))
         .order_by(e.date, e.id).limit(f.limit).offset(f.offset))
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def count_events(store: Store, f: EventFilter) -> int:
    """How many events match ``f`` (ignoring its page)."""
    q = select(func.count()).select_from(S.events).where(*_event_conditions(f))
    with store.engine.connect() as conn:
        return int(conn.execute(q).scalar_one())


#: Length of the date prefix that names a period, per granularity.
_PERIOD_CHARS = {"day": 10, "month": 7, "year": 4}


def dyad_counts(store: Store, a: str, b: str, by: str = "month",
                directed: bool = False) -> list[dict[str, Any]]:
    """Event counts per period and type between countries ``a`` and ``b``.

    ``by`` is day, week (ISO week, Monday start), month or year. Each row is
    ``{"period", "source", "target", "type", "count"}``.
    """
    if by not in ("day", "week", "month", "year"):
        raise UsageError("by must be day, week, month or year")
    d = S.event_dyads.c
    x, y = a.upper(), b.upper()
    pair = and_(d.source_country == x, d.target_country == y)
    if not directed:
        pair = or_(pair, and_(d.source_country == y, d.target_country == x))
    q = (select(d.date, d.source_country, d.target_country, d.type, func.count().label("n"))
         .where(pair, d.date.is_not(None))
         .group_by(d.date, d.source_country, d.target_country, d.type))
    out: dict[tuple[str, str, str, str], int] = {}
    with store.engine.connect() as conn:
        for date, src, dst, typ, n in conn.execute(q):
            key = (_period(date, by), src, dst, typ)
            out[key] = out.get(key, 0) + n
    return [{"period": p, "source": s, "target": t, "type": ty, "count": n}
            for (p, s, t, ty), n in sorted(out.items())]


def _period(date: str, by: str) -> str:
    if by == "week":
        from datetime import date as _date

        y, w, _ = _date.fromisoformat(date[:10]).isocalendar()
        return f"{y}-W{w:02d}"
    return date[: _PERIOD_CHARS[by]]


def get_article(store: Store, article_id: str):
    """One article with everything found in it (see ``Store.get_article``)."""
    return store.get_article(article_id)


def stats(store: Store) -> dict[str, int]:
    """Row counts of the main tables."""
    with store.engine.connect() as conn:
        return {name: int(conn.execute(select(func.count()).select_from(S.metadata.tables[name])).scalar_one())
                for name in ("articles", "mentions", "actors", "places", "events")}
