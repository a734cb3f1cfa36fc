"""Read endpoints of the JSON API (``/api/...``): all go through the query layer."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from ..store import query as Q
from ..store import Store
from ..events.dyads import series
from ..events.types import WEIGHTS
from ..models import participants
from ..nlp.systems import systems_of
from .filters import Country, Limit, Offset, Text200, article_filter, event_filter

router = APIRouter(prefix="/api", tags=["read"], default_response_class=JSONResponse)


def fast(body: dict[str, Any]) -> JSONResponse:
    """A JSON response serialised by ``json.dumps`` directly.

    FastAPI's own encoding of a returned dict (``jsonable_encoder``/pydantic) costs
    about 12 ms for a page of 50 events; the rows here are plain JSON types already,
    so ``json.dumps`` (about 1 ms) is enough. Measured with bench/api_bench.py.
    """
    return JSONResponse(body)

ArticleId = Annotated[str, Path(max_length=64)]


def get_store(request: Request) -> Store:
    """The app's store."""
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]
EventFilterDep = Annotated[Q.EventFilter, Depends(event_filter)]


def event_out(row: dict[str, Any]) -> dict[str, Any]:
    """An event row as the API returns it (evidence as an object)."""
    out = {k: v for k, v in row.items()
           if k not in ("evidence_start", "evidence_end", "actor_countries", "recipient_countries")}
    out["evidence"] = {"start": row["evidence_start"], "end": row["evidence_end"],
                       "text": row["evidence_text"]}
    return out


@router.get("/health")
def health(store: StoreDep) -> JSONResponse:
    """Liveness, and row counts of the main tables."""
    return fast({"ok": True, "counts": Q.stats(store)})


@router.get("/articles")
def articles(store: StoreDep, f: Annotated[Q.ArticleFilter, Depends(article_filter)]) -> JSONResponse:
    """Articles (newest first), with full-text search and filters."""
    return fast({"items": Q.list_articles(store, f), "limit": f.limit, "offset": f.offset})


@router.get("/articles/{article_id}")
def article(store: StoreDep, article_id: ArticleId) -> JSONResponse:
    """One article with its entities, actors, places, events and story siblings."""
    return fast(article_payload(store, article_id))


def article_payload(store: Store, article_id: str) -> dict[str, Any]:
    """The article JSON: ``Article.to_dict()`` with event rows (with ids) and its story."""
    art = Q.get_article(store, article_id)
    out = art.to_dict()
    out["systems"] = systems_of(art.mentions)  # what each named weapon/platform is
    out["exercises"] = [  # who takes part in each named exercise or operation
        {"start": m.start, "end": m.end, "part": m.part,
         "participants": [{"name": x.name, "country": x.country} for x in sides]}
        for m in art.mentions if m.label == "Exercise" and (sides := participants(m, art.events))]
    out["events"] = [event_out(r) for r in Q.list_events(
        store, Q.EventFilter(article_id=article_id, limit=Q.MAX_LIMIT))]
    out["story"] = []
    if art.story_id:
        out["story"] = [r for r in Q.list_articles(store, Q.ArticleFilter(
            story_id=art.story_id, limit=100)) if r["id"] != art.id]
    return out


@router.get("/events")
def events(store: StoreDep, f: EventFilterDep,
           total: Annotated[bool, Query(description="Also count every match (slower)")] = False,
           ) -> JSONResponse:
    """Events in a stable order (date, id), filterable by type, dyad, country, actor,
    date range and text; ``offset``/``limit`` page through them. ``more`` says
    whether a next page exists; ``total`` (a full count) only when asked for."""
    rows, more = page_of_events(store, f)
    return fast({"items": [event_out(r) for r in rows], "limit": f.limit, "offset": f.offset,
                 "more": more, "total": Q.count_events(store, f) if total else None})


def page_of_events(store: Store, f: Q.EventFilter) -> tuple[list[dict[str, Any]], bool]:
    """One page of events and whether another follows (one extra row is read,
    which is much cheaper than counting every match on a large store)."""
    probe = Q.EventFilter(**{**f.__dict__, "limit": min(f.limit + 1, Q.MAX_LIMIT)})
    rows = Q.list_events(store, probe)
    if f.limit >= Q.MAX_LIMIT:
        return rows, len(rows) == f.limit
    return rows[: f.limit], len(rows) > f.limit


@router.get("/events/{event_id}")
def event(store: StoreDep, event_id: Annotated[int, Path(ge=1, le=2**62)]) -> JSONResponse:
    """One event with its article's title and url."""
    return fast(event_out(Q.get_event(store, event_id)))


@router.get("/happenings")
def happenings(store: StoreDep, f: EventFilterDep) -> JSONResponse:
    """Happenings (reports of one real event merged), filterable as events are: each
    with its numbers of supporting events, articles and independent sources."""
    return fast({"items": Q.list_happenings(store, f), "limit": f.limit, "offset": f.offset})


@router.get("/happenings/{happening_id}")
def happening(store: StoreDep,
              happening_id: Annotated[str, Path(max_length=64)]) -> JSONResponse:
    """One happening: every supporting event, article and sentence, and why each
    was merged (the merge is recomputed from the stored events)."""
    from ..service import happening_detail

    return fast({"items": happening_detail(store, happening_id)})


@router.get("/facets")
def facets(request: Request, store: StoreDep, f: EventFilterDep) -> JSONResponse:
    """Counts of matching events by type, country and month."""
    return fast(cached_facets(request, store, f))


def cached_facets(request: Request, store: Store, f: Q.EventFilter) -> dict[str, Any]:
    """``query.event_facets`` through the app's aggregate cache."""
    key = {**f.__dict__, "limit": 0, "offset": 0}
    return request.app.state.cache.get(store, "facets", key, lambda: Q.event_facets(store, f))


def cached_countries(request: Request, store: Store) -> list[dict[str, Any]]:
    """``query.dyad_countries`` through the app's aggregate cache."""
    return request.app.state.cache.get(store, "countries", None, lambda: Q.dyad_countries(store))


@router.get("/actors")
def actors(store: StoreDep, name: Text200 = None, country: Country = None,
           limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    """Resolved actors with counts and their knowledge-base provenance."""
    items = Q.list_actors(store, name or None, (country or "").upper() or None, limit, offset)
    return fast({"items": items, "limit": limit, "offset": offset})


@router.get("/places")
def places(store: StoreDep, name: Text200 = None, country: Country = None,
           limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    """Geocoded places with counts."""
    items = Q.list_places(store, name or None, (country or "").upper() or None, limit, offset)
    return fast({"items": items, "limit": limit, "offset": offset})


@router.get("/dyads")
def dyad_countries(request: Request, store: StoreDep) -> JSONResponse:
    """Countries that take part in any dyad, with event counts."""
    return fast({"countries": cached_countries(request, store)})


Code = Annotated[str, Path(pattern=r"^[A-Za-z]{3}$")]
By = Annotated[str, Query(pattern=r"^(day|week|month|year)$")]


@router.get("/dyads/{a}/{b}")
def dyad_series(request: Request, store: StoreDep, a: Code, b: Code, by: By = "month",
                directed: bool = False) -> Response:
    """Happenings between two countries per period and type, with the cooperation–conflict
    score (mean Goldstein-like weight of the period's happenings)."""
    def body() -> bytes:
        rows = Q.dyad_period_counts(store, a, b, by=by, directed=directed)
        return json.dumps({"a": a.upper(), "b": b.upper(), "by": by, "directed": directed,
                           "series": series(rows), "weights": dict(WEIGHTS)},
                          ensure_ascii=False, separators=(",", ":")).encode()

    # The encoded body is cached too: a weekly series of a busy pair is 80 kB of
    # JSON, whose building and encoding cost more than reading its counts.
    key = (a.upper(), b.upper(), by, directed)
    return Response(request.app.state.cache.get(store, "dyad-body", key, body),
                    media_type="application/json")


def cached_dyad(request: Request, store: Store, a: str, b: str, by: str,
                directed: bool) -> dict[str, dict[str, int]]:
    """``query.dyad_period_counts`` through the app's aggregate cache."""
    key = (a.upper(), b.upper(), by, directed)
    return request.app.state.cache.get(
        store, "dyad", key, lambda: Q.dyad_period_counts(store, a, b, by=by, directed=directed))


@router.get("/network")
def network(store: StoreDep, f: EventFilterDep,
            level: Annotated[str, Query(pattern=r"^(country|actor)$")] = "country",
            edges: Annotated[int, Query(ge=1, le=1000)] = 200) -> JSONResponse:
    """Weighted edges between countries (or actors) that share events."""
    return fast(network_payload(store, f, level, edges))


def network_payload(store: Store, f: Q.EventFilter, level: str, edges: int) -> dict[str, Any]:
    """Nodes and edges of the network (nodes weighted by their edges' counts)."""
    if level == "actor":
        rows = Q.actor_network(store, f, limit=edges)
    else:
        rows = Q.country_network(store, f, limit=edges)
    nodes: dict[str, dict[str, Any]] = {}
    for e in rows:
        for side in ("a", "b"):
            node = nodes.setdefault(e[side], {"id": e[side], "count": 0,
                                              "country": e.get(side + "_country", e[side])})
            node["count"] += e["count"]
    return {"level": level, "nodes": sorted(nodes.values(), key=lambda n: (-n["count"], n["id"])),
            "edges": rows}


@router.get("/map")
def map_points(store: StoreDep, f: EventFilterDep,
               points: Annotated[int, Query(ge=1, le=5000)] = 2000) -> JSONResponse:
    """Event locations (grouped by place) for the offline map."""
    return fast({"points": Q.map_points(store, f, limit=points)})
