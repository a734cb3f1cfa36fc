"""Server-rendered web pages (Jinja2, autoescaped) over the same query layer.

Every page is plain HTML that works with the keyboard alone; the charts, the
network and the map are drawn by small local scripts from data embedded as
JSON (``<script type="application/json">``, encoded by Jinja's ``tojson``,
which escapes ``<``, ``>``, ``&`` and quotes) so no inline script is needed and
the Content-Security-Policy can forbid it.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse

from ..models import ENTITY_LABELS, PLOVER_TYPES
from ..store import query as Q
from ..store import watchlists as W
from ..events.dyads import series as dyad_series
from ..events.types import WEIGHTS
from . import dyads as D
from .filters import article_filter, event_filter, filter_params
from .highlight import label_class, segments
from .routes_read import (
    StoreDep, article_payload, cached_countries, cached_facets, network_payload,
    cached_dyad, page_of_events,
)

router = APIRouter(include_in_schema=False)

#: The navigation bar: (path, label, access key).
NAV = (("/", "Search", "s"), ("/events", "Events", "e"), ("/dyad", "Dyads", "d"),
       ("/network", "Network", "n"), ("/map", "Map", "m"), ("/watchlists", "Watchlists", "w"))

EventFilterDep = Annotated[Q.EventFilter, Depends(event_filter)]


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s), else None (never a ``javascript:`` link)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def _render(request: Request, name: str, **ctx: Any) -> HTMLResponse:
    base = {"types": PLOVER_TYPES, "labels": ENTITY_LABELS, "path": request.url.path,
            "label_class": label_class, "safe_url": safe_url, "urlencode": urlencode}
    return request.app.state.templates.TemplateResponse(request, name, {**base, **ctx})


def _link(path: str, params: list[tuple[str, str]], **extra: str) -> str:
    items = [(k, v) for k, v in params if k not in extra] + [(k, v) for k, v in extra.items() if v]
    return path + ("?" + urlencode(items) if items else "")


@router.get("/", response_class=HTMLResponse)
def search(request: Request, store: StoreDep, f: EventFilterDep) -> HTMLResponse:
    """Search page: articles and events, with facets by country, type and month."""
    af = article_filter(q=f.article_text, since=f.since, until=f.until, country=f.country,
                        limit=20, offset=0)
    f.limit = 20
    params = filter_params(f)
    events, more = page_of_events(store, f)
    return _render(request, "search.html", f=f, params=params,
                   articles=Q.list_articles(store, af), events=events, more=more,
                   facets=cached_facets(request, store, f),
                   link=lambda **kw: _link("/", params, **kw),
                   events_link=_link("/events", params))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, store: StoreDep,
                 article_id: Annotated[str, Path(max_length=64)]) -> HTMLResponse:
    """One article: highlighted text, evidence marks, side list of events, story."""
    data = article_payload(store, article_id)
    art = Q.get_article(store, article_id)
    evidence = [(e["id"], e["evidence"]["start"], e["evidence"]["end"]) for e in data["events"]]
    segs = segments(art.text, art.mentions, evidence)
    numbers = {e["id"]: i for i, e in enumerate(data["events"], 1)}
    return _render(request, "article.html", a=data, segs=segs, numbers=numbers,
                   labels_used=sorted({m.label for m in art.mentions}))


@router.get("/happenings/{happening_id}", response_class=HTMLResponse)
def happening_page(request: Request, store: StoreDep,
                   happening_id: Annotated[str, Path(max_length=64)]) -> HTMLResponse:
    """One happening: every report merged into it and why, with a form to split
    reports off (and, on the article pages, to rejoin them)."""
    from ..service import happening_detail

    items = happening_detail(store, happening_id)
    ids = sorted({s["article_id"] for h in items for s in h["supports"]})
    heads = {r["id"]: r for r in Q.list_articles(store, Q.ArticleFilter(ids=ids, limit=Q.MAX_LIMIT))}
    return _render(request, "happening.html", hid=happening_id, items=items, heads=heads)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, store: StoreDep, f: EventFilterDep) -> HTMLResponse:
    """Event table with filters, paging and CSV download."""
    params = filter_params(f)
    rows, more = page_of_events(store, f)
    prev_off = max(0, f.offset - f.limit) if f.offset else None
    page = lambda off: _link("/events", params + [("limit", str(f.limit))], offset=str(off))  # noqa: E731
    return _render(request, "events.html", f=f, rows=rows, more=more,
                   dyad="-".join(f.dyad) if f.dyad else "",
                   prev=page(prev_off) if prev_off is not None else None,
                   next=page(f.offset + f.limit) if more else None,
                   csv=_link("/api/export/events.csv", params),
                   jsonl=_link("/api/export/events.jsonl", params))


@router.get("/dyad", response_class=HTMLResponse)
def dyad_page(request: Request, store: StoreDep,
              a: Annotated[str, Query(pattern=r"^([A-Za-z]{3})?$")] = "",
              b: Annotated[str, Query(pattern=r"^([A-Za-z]{3})?$")] = "",
              by: Annotated[str, Query(pattern=r"^(day|week|month|year)$")] = "month",
              directed: bool = False) -> HTMLResponse:
    """Pick two countries: timeline by type and cooperation–conflict score."""
    countries = cached_countries(request, store)
    a, b = a.upper(), b.upper()
    series: list[dict[str, Any]] = []
    weights = dict(WEIGHTS)
    if a and b:
        series = dyad_series(cached_dyad(request, store, a, b, by, directed), weights)
        for s in series:
            since, until = D.period_range(s["period"])
            base = [("dyad", f"{a}-{b}"), ("since", since), ("until", until)]
            if directed:
                base.append(("directed", "true"))
            s["link"] = _link("/events", base)
            s["type_links"] = {t: _link("/events", base + [("type", t)]) for t in s["counts"]}
    used = sorted({t for s in series for t in s["counts"]}, key=PLOVER_TYPES.index)
    return _render(request, "dyad.html", a=a, b=b, by=by, directed=directed,
                   countries=countries, series=series, used=used, weights=weights,
                   chart={"series": series, "types": used, "a": a, "b": b, "by": by})


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, store: StoreDep, f: EventFilterDep,
                 level: Annotated[str, Query(pattern=r"^(country|actor)$")] = "country"
                 ) -> HTMLResponse:
    """Countries (or actors) as nodes, shared events as weighted edges."""
    data = network_payload(store, f, level, 150)
    return _render(request, "network.html", f=f, level=level, data=data,
                   dyad_link=lambda x, y: _link("/dyad", [("a", x), ("b", y)]))


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, store: StoreDep, f: EventFilterDep) -> HTMLResponse:
    """Event locations on an offline world map (Natural Earth shapes shipped locally)."""
    points = Q.map_points(store, f, limit=2000)
    return _render(request, "map.html", f=f, points=points)


@router.get("/watchlists", response_class=HTMLResponse)
def watchlists_page(request: Request, store: StoreDep) -> HTMLResponse:
    """Saved queries with what is new since the last visit; a form to save one."""
    return _render(request, "watchlists.html", items=W.list_all(store),
                   countries=cached_countries(request, store))


@router.get("/watchlists/{ident}", response_class=HTMLResponse)
def watchlist_page(request: Request, store: StoreDep,
                   ident: Annotated[str, Path(max_length=W.MAX_NAME)]) -> HTMLResponse:
    """One watchlist: its new events, a 'mark seen' button and exports."""
    wl = W.get(store, ident)
    return _render(request, "watchlist.html", wl=wl, rows=W.new_events(store, wl, limit=200))
