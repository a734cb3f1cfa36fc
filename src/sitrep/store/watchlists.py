"""Watchlists: saved event queries, and what is new in each since the last visit.

A watchlist stores an ``EventFilter`` (as JSON) and a *seen mark*: the largest
event id that existed when it was last visited. Event ids only grow, so "new
since the last visit" is "matches the filter and has an id above the mark".
The table is created by migration ``0003_watchlists``.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, Column, Connection, Integer, String, Table, Text, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import NotFound, UsageError
from . import query as Q
from . import schema as S
from .store import Store

watchlists = Table(
    "watchlists", S.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("query", JSON, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("seen_event_id", Integer, nullable=False, default=0),
    Column("seen_at", String(32)),
    Column("note", Text),
    extend_existing=True,
)

#: Filter fields a watchlist may store (its page and ``after_id`` are not saved).
QUERY_FIELDS = tuple(f.name for f in fields(Q.EventFilter)
                     if f.name not in ("limit", "offset", "after_id"))

#: Longest watchlist name accepted.
MAX_NAME = 200


def create_table(conn: Connection) -> None:
    """Create the ``watchlists`` table if it is missing (migration 0003)."""
    watchlists.create(conn, checkfirst=True)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def filter_from_query(query: dict[str, Any], limit: int = 50, offset: int = 0) -> Q.EventFilter:
    """The ``EventFilter`` of a stored query (unknown keys are an error)."""
    unknown = set(query) - set(QUERY_FIELDS)
    if unknown:
        raise UsageError(f"unknown watchlist query fields: {sorted(unknown)}")
    q = dict(query)
    if q.get("dyad") is not None:
        q["dyad"] = tuple(q["dyad"])
    return Q.EventFilter(**q, limit=limit, offset=offset)


def query_from_filter(f: Q.EventFilter) -> dict[str, Any]:
    """The JSON-ready query of a filter, without empty fields."""
    d = asdict(f)
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in d.items()
            if k in QUERY_FIELDS and v not in (None, [], "", False)}


def save(store: Store, name: str, f: Q.EventFilter, note: str | None = None) -> dict[str, Any]:
    """Save a watchlist; it starts with nothing seen, so everything is new."""
    name = (name or "").strip()
    if not name or len(name) > MAX_NAME:
        raise UsageError(f"a watchlist needs a name of 1..{MAX_NAME} characters")
    row = {"name": name, "query": query_from_filter(f), "created_at": _now(),
           "seen_event_id": 0, "seen_at": None, "note": note}
    try:
        with store.engine.begin() as conn:
            wid = conn.execute(insert(watchlists).values(row)).inserted_primary_key[0]
    except IntegrityError:
        raise UsageError(f"a watchlist named {name!r} already exists") from None
    return get(store, wid)


def list_all(store: Store) -> list[dict[str, Any]]:
    """Every watchlist, by name, each with its count of new events."""
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(select(watchlists).order_by(watchlists.c.name)).mappings()]
    for r in rows:
        r["new"] = count_new(store, r)
    return rows


def get(store: Store, ident: int | str) -> dict[str, Any]:
    """One watchlist by id or name; ``NotFound`` if absent."""
    c = watchlists.c
    cond = c.id == int(ident) if str(ident).isdigit() else c.name == str(ident)
    with store.engine.connect() as conn:
        row = conn.execute(select(watchlists).where(cond)).mappings().first()
    if row is None:
        raise NotFound(f"no watchlist {ident!r}")
    out = dict(row)
    out["new"] = count_new(store, out)
    return out


def new_events(store: Store, wl: dict[str, Any], limit: int = 100,
               offset: int = 0) -> list[dict[str, Any]]:
    """Events matching the watchlist stored since its last visit (date order)."""
    f = filter_from_query(wl["query"], limit=limit, offset=offset)
    f.after_id = int(wl["seen_event_id"] or 0)
    return Q.list_events(store, f)


def all_events(store: Store, wl: dict[str, Any], limit: int = 100,
               offset: int = 0) -> list[dict[str, Any]]:
    """Every event matching the watchlist, seen or not."""
    return Q.list_events(store, filter_from_query(wl["query"], limit=limit, offset=offset))


def count_new(store: Store, wl: dict[str, Any]) -> int:
    """How many events are new for this watchlist."""
    f = filter_from_query(wl["query"])
    f.after_id = int(wl["seen_event_id"] or 0)
    return Q.count_events(store, f)


def mark_seen(store: Store, ident: int | str) -> dict[str, Any]:
    """Record a visit: everything stored so far is no longer new."""
    wl = get(store, ident)
    mark = Q.last_event_id(store)
    with store.engine.begin() as conn:
        conn.execute(update(watchlists).where(watchlists.c.id == wl["id"])
                     .values(seen_event_id=mark, seen_at=_now()))
    return get(store, wl["id"])


def remove(store: Store, ident: int | str) -> None:
    """Delete a watchlist; ``NotFound`` if absent."""
    wl = get(store, ident)
    with store.engine.begin() as conn:
        conn.execute(delete(watchlists).where(watchlists.c.id == wl["id"]))
