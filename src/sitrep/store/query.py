"""The one query layer: the CLI, the HTTP API and the web UI read through it.

Results are JSON-ready dicts; filters are dataclasses so every interface offers
the same options. Ordering is stable (by date, then id) so pages do not shift.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Text, and_, case, exists, func, or_, select, text, union, union_all

from ..errors import UsageError
from . import dyad_counts as DC
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
    ids: list[str] | None = None  # only these articles
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
    context: str | None = None  # events whose context list holds this tag
    after_id: int | None = None  # events stored after this id (what is new)
    article_text: str | None = None  # events of articles matching this full-text query


def _check_page(limit: int, offset: int) -> None:
    if not 0 < limit <= MAX_LIMIT or offset < 0:
        raise UsageError(f"limit must be 1..{MAX_LIMIT} and offset >= 0")


def _fts_terms(query: str) -> str:
    """An FTS5 query of every word of ``query``, each quoted (no operators)."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in query.split())


def _fts_match(store: Store, query: str, walk: bool = False):
    """A clause matching articles whose title/text match ``query``. With ``walk``
    (SQLite) the clause cannot drive the query (unary ``+``), so a page is read
    by walking the articles in page order and keeping the matching ones."""
    if store.dialect == "sqlite":
        terms = _fts_terms(query)
        return text(("+" if walk else "") + "articles.rowid IN "
                    "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q)"
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
    with store.engine.connect() as conn:
        walk = bool(f.text) and store.dialect == "sqlite" and not (
            f.publisher or f.story_id or f.country or f.ids is not None) and _fts_frequent(conn, f.text)
    if f.text:
        conds.append(_fts_match(store, f.text, walk))
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
    if f.ids is not None:
        conds.append(a.id.in_(f.ids))
    if f.country:
        sub = select(S.actors.c.article_id).where(S.actors.c.country == f.country.upper())
        conds.append(a.id.in_(sub))
    q = (select(*cols).where(*conds).order_by(a.published.desc(), a.id)
         .limit(f.limit).offset(f.offset))
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings().all()]


#: Matches from which a full-text page walks articles newest first and keeps the
#: matching ones, instead of sorting every match by date. On 100k bench articles
#: a word in 19% of them took 85 ms sorted and 13 ms walked; a word matching
#: nothing walks the whole index (about 35 ms), so rare words are sorted.
FTS_WALK_MIN = 2000


def _fts_frequent(conn: Any, query: str) -> bool:
    """Whether ``query`` matches at least ``FTS_WALK_MIN`` articles (reads at most
    that many entries of the full-text index)."""
    n = conn.execute(text("SELECT count(*) FROM (SELECT 1 FROM articles_fts "
                          "WHERE articles_fts MATCH :q LIMIT :n)"),
                     {"q": _fts_terms(query), "n": FTS_WALK_MIN}).scalar_one()
    return int(n) >= FTS_WALK_MIN


#: Dyad rows above which a page of a pair's events probes the pair per event
#: (cheap when the pair is frequent) rather than listing the pair's events
#: first (cheap when it is rare); 5000 of 1.3M dyad rows was about even in the
#: 1M-event benchmark.
DYAD_PROBE_MIN = 5000


def _dyad_rows(store: Store, pair: Any) -> int:
    """Rows of ``event_dyads`` matching ``pair`` (an index-only count)."""
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(S.event_dyads).where(pair)).scalar_one())


def _event_conditions(f: EventFilter, store: Store | None = None, page: bool = False) -> list[Any]:
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
        if page and store is not None and _dyad_rows(store, pair) > DYAD_PROBE_MIN:
            # A frequent pair: walk events in page order and probe the pair per
            # event, instead of sorting every event of the pair (470 ms → 1 ms
            # for a pair of 46,000 rows in 1M events; bench/api_bench.py).
            conds.append(exists(select(d.event_id).where(d.event_id == e.id, pair)))
        else:
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
    if f.context:
        conds.append(e.context.cast(Text).like(f'%"{f.context.lower()}"%'))
    if f.after_id is not None:
        conds.append(e.id > f.after_id)
    if f.article_text and store is not None:
        sub = select(S.articles.c.id).where(_fts_match(store, f.article_text))
        conds.append(e.article_id.in_(sub))
    return conds


def list_events(store: Store, f: EventFilter) -> list[dict[str, Any]]:
    """Events matching ``f`` in a stable order (date, id), with their article's title.

    The page's ids are found first and only then are their rows read (a "late row
    lookup"): an offset then walks index entries instead of reading and joining
    every skipped row (``type=…&offset=500`` of 1M events: 14 ms → 4-6 ms).
    """
    _check_page(f.limit, f.offset)
    e = S.events.c
    ids = _page_ids(store, f)
    if not ids:
        return []
    q = (select(S.events, S.articles.c.title.label("article_title"),
                S.articles.c.url.label("article_url"), S.articles.c.story_id)
         .join(S.articles, S.articles.c.id == e.article_id).where(e.id.in_(ids)))
    with store.engine.connect() as conn:
        rows = {r["id"]: dict(r) for r in conn.execute(q).mappings().all()}
    return [rows[i] for i in ids if i in rows]


#: Filters a page of one dyad's events can apply from the pair index alone.
_DYAD_INDEX_FILTERS = {"types", "dyad", "directed", "since", "until", "after_id", "limit",
                       "offset"}


def _page_ids(store: Store, f: EventFilter) -> list[int]:
    """Ids of the events of ``f``'s page, in page order."""
    e = S.events.c
    if f.dyad and all(k in _DYAD_INDEX_FILTERS or not v for k, v in f.__dict__.items()):
        q = _dyad_page(f)
    else:
        q = (select(e.id).where(*_event_conditions(f, store, page=True))
             .order_by(e.date, e.id).limit(f.limit).offset(f.offset))
    with store.engine.connect() as conn:
        return [int(r[-1]) for r in conn.execute(q).all()]


def _dyad_page(f: EventFilter):
    """A page of one dyad's events from ``ix_dyads_pair`` alone: each direction's
    rows come in (date, event id) order and the union merges them (a reciprocal
    event stored both ways once). For the bench's pairs of 1M events this reads
    about a page of index entries instead of probing thousands of events
    (40-210 ms → 2-11 ms on a loaded machine; ``bench/api_bench.py``)."""
    d = S.event_dyads.c
    x, y = (c.upper() for c in f.dyad)
    conds = []
    if f.types:
        conds.append(d.type.in_([t.upper() for t in f.types]))
    if f.since:
        conds.append(d.date >= f.since)
    if f.until:
        conds.append(d.date <= f.until + "\uffff")
    if f.after_id is not None:
        conds.append(d.event_id > f.after_id)
    arms = [select(d.date, d.event_id).where(d.source_country == s, d.target_country == t, *conds)
            for s, t in ([(x, y)] if f.directed or x == y else [(x, y), (y, x)])]
    q = union(*arms) if len(arms) > 1 else arms[0]
    cols = q.selected_columns
    return q.order_by(cols.date, cols.event_id).limit(f.limit).offset(f.offset)


def count_events(store: Store, f: EventFilter) -> int:
    """How many events match ``f`` (ignoring its page)."""
    q = select(func.count()).select_from(S.events).where(*_event_conditions(f, store))
    with store.engine.connect() as conn:
        return int(conn.execute(q).scalar_one())


#: Length of the date prefix that names a period, per granularity.
_PERIOD_CHARS = {"day": 10, "month": 7, "year": 4}


def get_article(store: Store, article_id: str):
    """One article with everything found in it (see ``Store.get_article``)."""
    return store.get_article(article_id)


def stats(store: Store) -> dict[str, int]:
    """Row counts of the main tables."""
    with store.engine.connect() as conn:
        return {name: int(conn.execute(select(func.count()).select_from(S.metadata.tables[name])).scalar_one())
                for name in ("articles", "mentions", "actors", "places", "events")}


# -- read functions of the HTTP API and web UI -------------------------------

#: Most locations one map request returns.
MAX_MAP_POINTS = 5000

#: Most facet values returned per facet (the rest are summed into no row).
FACET_LIMIT = 30


def _scoped_events(store: Store, f: EventFilter):
    """A sub-select of the ids of events matching ``f`` (its page ignored)."""
    return select(S.events.c.id).where(*_event_conditions(f, store))


def event_facets(store: Store, f: EventFilter) -> dict[str, list[dict[str, Any]]]:
    """Counts of the events matching ``f`` by type, country and month.

    Each facet is a list of ``{"value", "count"}``, largest first (ties by value).
    A country counts an event once whether it is the actor's or the recipient's.
    """
    e, d = S.events.c, S.event_dyads.c
    conds = _event_conditions(f, store)
    month = func.substr(e.date, 1, 7)
    scoped = _scoped_events(store, f)
    sides = union_all(
        select(d.event_id, d.source_country.label("country")).where(d.event_id.in_(scoped)),
        select(d.event_id, d.target_country.label("country")).where(d.event_id.in_(scoped)),
    ).subquery()
    queries = {
        "type": select(e.type, func.count()).where(*conds).group_by(e.type),
        "month": (select(month, func.count()).where(*conds, e.date.is_not(None))
                  .group_by(month)),
        "country": (select(sides.c.country, func.count(func.distinct(sides.c.event_id)))
                    .group_by(sides.c.country)),
    }
    out: dict[str, list[dict[str, Any]]] = {}
    with store.engine.connect() as conn:
        for name, q in queries.items():
            rows = [(v, int(n)) for v, n in conn.execute(q) if v is not None]
            key = (lambda r: r[0]) if name == "month" else (lambda r: (-r[1], r[0]))
            rows.sort(key=key)
            out[name] = [{"value": v, "count": n} for v, n in rows[:FACET_LIMIT]]
    return out


def dyad_countries(store: Store) -> list[dict[str, Any]]:
    """Countries that appear in any dyad, with their event counts, most first."""
    d = S.event_dyads.c
    q = select(d.source_country, func.count(func.distinct(d.event_id))).group_by(d.source_country)
    with store.engine.connect() as conn:
        rows = [(c, int(n)) for c, n in conn.execute(q)]
    rows.sort(key=lambda r: (-r[1], r[0]))
    return [{"country": c, "count": n} for c, n in rows]


def country_network(store: Store, f: EventFilter, limit: int = 200) -> list[dict[str, Any]]:
    """Undirected country–country edges with event counts (and counts per type).

    Each edge is ``{"a", "b", "count", "types": {TYPE: n}}`` with ``a < b``; an
    event counts once per pair however many directions it was stored in.
    """
    _check_page(limit, 0)
    d = S.event_dyads.c
    lo = case((d.source_country < d.target_country, d.source_country), else_=d.target_country)
    hi = case((d.source_country < d.target_country, d.target_country), else_=d.source_country)
    q = (select(lo.label("a"), hi.label("b"), d.type, func.count(func.distinct(d.event_id)))
         .where(d.event_id.in_(_scoped_events(store, f)))
         .group_by(lo, hi, d.type))
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for a, b, typ, n in conn.execute(q):
            edge = edges.setdefault((a, b), {"a": a, "b": b, "count": 0, "types": {}})
            edge["count"] += int(n)
            edge["types"][typ] = int(n)
    ranked = sorted(edges.values(), key=lambda x: (-x["count"], x["a"], x["b"]))
    return ranked[:limit]


def actor_network(store: Store, f: EventFilter, limit: int = 200,
                  scan: int = 5000) -> list[dict[str, Any]]:
    """Undirected actor–actor edges (by canonical name) over the first ``scan`` events.

    Each edge is ``{"a", "b", "a_country", "b_country", "count", "types"}``.
    Reciprocal events (no recipient) link every pair of their actors.
    """
    rows = list_events(store, EventFilter(**{**f.__dict__, "limit": min(scan, MAX_LIMIT),
                                             "offset": 0}))
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        acts = [(a.get("name"), a.get("country")) for a in r["actors"] or []]
        recs = [(a.get("name"), a.get("country")) for a in r["recipients"] or []]
        pairs = ([(x, y) for x in acts for y in recs] if recs
                 else [(x, y) for i, x in enumerate(acts) for y in acts[i + 1:]])
        for x, y in pairs:
            if not x[0] or not y[0] or x[0] == y[0]:
                continue
            x, y = sorted((x, y), key=lambda t: t[0])
            edge = edges.setdefault((x[0], y[0]), {"a": x[0], "b": y[0], "a_country": x[1],
                                                   "b_country": y[1], "count": 0, "types": {}})
            edge["count"] += 1
            edge["types"][r["type"]] = edge["types"].get(r["type"], 0) + 1
    ranked = sorted(edges.values(), key=lambda x: (-x["count"], x["a"], x["b"]))
    return ranked[:limit]


def map_points(store: Store, f: EventFilter, limit: int = 2000) -> list[dict[str, Any]]:
    """Event locations matching ``f``: ``{"name","lat","lon","count"}``, most first."""
    if not 0 < limit <= MAX_MAP_POINTS:
        raise UsageError(f"limit must be 1..{MAX_MAP_POINTS}")
    e = S.events.c
    q = (select(e.location_name, e.lat, e.lon, func.count().label("n"))
         .where(*_event_conditions(f, store), e.lat.is_not(None), e.lon.is_not(None))
         .group_by(e.location_name, e.lat, e.lon)
         .order_by(func.count().desc(), func.coalesce(e.location_name, "")).limit(limit))
    with store.engine.connect() as conn:
        return [{"name": name, "lat": lat, "lon": lon, "count": int(n)}
                for name, lat, lon, n in conn.execute(q)]


def list_actors(store: Store, name: str | None = None, country: str | None = None,
                limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Resolved actors grouped by (name, country, sector), with mention and article counts.

    ``provenance`` is one of the knowledge-base provenance strings recorded for
    the group (the lexically first), so a caller sees why it resolved as it did.
    """
    _check_page(limit, offset)
    a = S.actors.c
    conds = []
    if name:
        conds.append(a.name.like(f"%{name}%"))
    if country:
        conds.append(a.country == country.upper())
    q = (select(a.name, a.country, a.sector, func.count().label("mentions"),
                func.count(func.distinct(a.article_id)).label("articles"),
                func.min(a.provenance).label("provenance"), func.min(a.role).label("role"))
         .where(*conds).group_by(a.name, a.country, a.sector)
         .order_by(func.count().desc(), a.name, a.country, a.sector)
         .limit(limit).offset(offset))
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def list_places(store: Store, name: str | None = None, country: str | None = None,
                limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Geocoded places grouped by (name, country, lat, lon), with mention counts."""
    _check_page(limit, offset)
    p = S.places.c
    conds = []
    if name:
        conds.append(p.name.like(f"%{name}%"))
    if country:
        conds.append(p.country == country.upper())
    q = (select(p.name, p.country, p.lat, p.lon, func.min(p.geonameid).label("geonameid"),
                func.min(p.feature).label("feature"), func.count().label("mentions"),
                func.count(func.distinct(p.article_id)).label("articles"))
         .where(*conds).group_by(p.name, p.country, p.lat, p.lon)
         .order_by(func.count().desc(), p.name, p.country)
         .limit(limit).offset(offset))
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def get_event(store: Store, event_id: int) -> dict[str, Any]:
    """One event row with its article's title and url; ``NotFound`` if absent."""
    from ..errors import NotFound

    e = S.events.c
    q = (select(S.events, S.articles.c.title.label("article_title"),
                S.articles.c.url.label("article_url"), S.articles.c.story_id)
         .join(S.articles, S.articles.c.id == e.article_id).where(e.id == event_id))
    with store.engine.connect() as conn:
        row = conn.execute(q).mappings().first()
    if row is None:
        raise NotFound(f"no event with id {event_id}")
    return dict(row)


def last_event_id(store: Store) -> int:
    """The largest event id stored (0 when there is none): a 'seen up to' mark."""
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.max(S.events.c.id))).scalar() or 0)


def dyad_type_counts(store: Store, a: str, b: str, by: str = "month",
                     directed: bool = False) -> list[dict[str, Any]]:
    """Happenings per period and type between ``a`` and ``b``.

    A happening reported by five outlets counts once, and so does a reciprocal
    event stored as A→B and B→A; events not merged into a happening count one
    each. Weeks, months and years are read from the counts the store keeps
    (``dyad_counts``); days are counted from the pair index ``ix_dyads_pair``
    alone. Rows are ``{"period", "type", "count"}``, in period and type order.
    """
    if by not in ("day", "week", "month", "year"):
        raise UsageError("by must be day, week, month or year")
    x, y = a.upper(), b.upper()
    if by in DC.GRAINS:
        grouped = dyad_period_counts(store, x, y, by, directed)
        return [{"period": p, "type": t, "count": n}
                for p in sorted(grouped) for t, n in sorted(grouped[p].items())]
    d = S.event_dyads.c
    pair = and_(d.source_country == x, d.target_country == y)
    if not directed:
        pair = or_(pair, and_(d.source_country == y, d.target_country == x))
    bucket = func.substr(d.date, 1, _PERIOD_CHARS[by])
    unit = func.coalesce(d.happening_id, func.cast(d.event_id, Text))
    q = (select(bucket, d.type, func.count(func.distinct(unit)))
         .where(pair, d.date.is_not(None)).group_by(bucket, d.type))
    with store.engine.connect() as conn:
        rows = sorted((p, t, int(n)) for p, t, n in conn.execute(q))
    return [{"period": p, "type": t, "count": n} for p, t, n in rows]


def dyad_period_counts(store: Store, a: str, b: str, by: str = "month",
                       directed: bool = False) -> dict[str, dict[str, int]]:
    """``dyad_type_counts`` grouped by period: ``{period: {TYPE: n}}`` (what
    ``sitrep.events.dyads.series`` takes; cheaper for long series)."""
    if by in DC.GRAINS:
        with store.engine.connect() as conn:
            return DC.read(conn, a.upper(), b.upper(), by, directed)
    out: dict[str, dict[str, int]] = {}
    for r in dyad_type_counts(store, a, b, by, directed):
        out.setdefault(r["period"], {})[r["type"]] = r["count"]
    return out


def list_happenings(store: Store, f: EventFilter) -> list[dict[str, Any]]:
    """Happenings (merged events) matching ``f``: one row each with the number of
    supporting events, articles and independent sources (a story counts once),
    described by its earliest-coded supporting event."""
    _check_page(f.limit, f.offset)
    e, a = S.events.c, S.articles.c
    src = func.coalesce(a.story_id, a.id)
    groups = (select(e.happening_id, func.min(e.id).label("first_id"),
                     func.count().label("n_events"),
                     func.count(func.distinct(e.article_id)).label("n_articles"),
                     func.count(func.distinct(src)).label("n_sources"))
              .join(S.articles, a.id == e.article_id)
              .where(e.happening_id.is_not(None), *_event_conditions(f))
              .group_by(e.happening_id).subquery())
    q = (select(groups, e.type, e.date, e.date_precision, e.actors, e.recipients,
                e.location_name, e.evidence_text.label("evidence"))
         .join(S.events, e.id == groups.c.first_id)
         .order_by(e.date, groups.c.happening_id).limit(f.limit).offset(f.offset))
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def export_events(store: Store, f: EventFilter, page: int = 1000):
    """Every event matching ``f`` (ignoring its page), streamed in id order by
    keyset pages (no growing OFFSET scans on large stores)."""
    e = S.events.c
    last = 0
    while True:
        q = (select(S.events, S.articles.c.title.label("article_title"),
                    S.articles.c.url.label("article_url"), S.articles.c.story_id)
             .join(S.articles, S.articles.c.id == e.article_id)
             .where(e.id > last, *_event_conditions(f, store, page=True))
             .order_by(e.id).limit(page))
        with store.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(q).mappings()]
        yield from rows
        if len(rows) < page:
            return
        last = rows[-1]["id"]
