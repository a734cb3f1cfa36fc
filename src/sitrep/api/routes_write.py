"""Writing endpoints (ingest, watchlists, splitting happenings; token required) and exports."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from fastapi.responses import FileResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from ..models import RawDocument
from ..pipeline import Outcome
from ..store import query as Q
from ..store import watchlists as W
from . import exports
from .errors import ApiError
from .filters import DATE_PATTERN, event_filter, parse_dyad, parse_types
from .routes_read import StoreDep, event_out
from .settings import token_matches

router = APIRouter(prefix="/api")
bearer = HTTPBearer(auto_error=False, description="The write token (SITREP_TOKEN)")

#: Media types accepted by ``POST /api/ingest``.
TEXT_TYPES = {"text/plain": "text/plain", "text/html": "text/html"}
JSONL_TYPES = {"application/x-ndjson", "application/jsonl", "application/x-jsonlines",
               "application/json-lines"}


def require_token(request: Request,
                  cred: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None) -> None:
    """Refuse a write without the configured token (401)."""
    given = cred.credentials if cred else request.headers.get("x-sitrep-token")
    expected = request.app.state.settings.token
    if not token_matches(given, expected):
        why = "no write token is configured on this server" if not expected else \
            "a valid token is required (Authorization: Bearer <token>)"
        raise ApiError(401, why)


Token = Depends(require_token)

# -- ingestion ------------------------------------------------------------------


@router.post("/ingest", tags=["write"], dependencies=[Token], openapi_extra={
    "requestBody": {"required": True, "content": {
        "text/plain": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
        "application/x-ndjson": {"schema": {"type": "string"}}}}})
async def ingest(request: Request,
                 url: Annotated[str | None, Query(max_length=2000)] = None,
                 published: Annotated[str | None, Query(max_length=32)] = None,
                 id: Annotated[str | None, Query(max_length=200)] = None) -> dict[str, Any]:  # noqa: A002
    """Ingest one text or HTML document, or JSON Lines (``{"id","text"|"html","url"?,
    "published"?}`` per line). Returns the outcome of every document."""
    settings = request.app.state.settings
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in TEXT_TYPES and media not in JSONL_TYPES:
        raise ApiError(415, "send text/plain, text/html or application/x-ndjson")
    body = await _read_limited(request, settings.max_ingest_bytes)
    if media in TEXT_TYPES:
        items: list[RawDocument | Outcome] = [RawDocument(
            id=id or "api", source=url or "api", content=body, media_type=TEXT_TYPES[media],
            url=url, published=published)]
    else:
        items = list(jsonl_documents(body))
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(_run_ingest, request, items)


async def _read_limited(request: Request, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"request body over {limit} bytes; use `sitrep ingest` for big batches")
        chunks.append(chunk)
    body = b"".join(chunks)
    if not body.strip():
        raise ApiError(400, "empty request body")
    return body


def jsonl_documents(body: bytes):
    """RawDocuments (or dropped outcomes, for bad lines) of a JSON Lines body: the
    reader ``sitrep ingest`` uses for JSON Lines files."""
    import io

    from ..ingest.readers import jsonl_lines

    yield from jsonl_lines(io.BytesIO(body), "api", len(body) + 1)


def _run_ingest(request: Request, items: list[RawDocument | Outcome]) -> dict[str, Any]:
    state = request.app.state
    outcomes: list[dict[str, Any]] = []

    def on_outcome(o: Outcome) -> None:
        outcomes.append({"id": o.doc_id, "source": o.source, "status": o.status,
                         "reason": o.reason,
                         "article_id": o.article.id if o.article is not None else None})

    ingestor = state.pipeline.get()
    with state.ingest_lock:  # one writer at a time (SQLite has one anyway)
        counts = ingestor.run(items, on_outcome=on_outcome)
    return {"counts": dict(counts.by_status), "outcomes": outcomes}


# -- watchlists -----------------------------------------------------------------


class WatchQuery(BaseModel):
    """The saved query of a watchlist (the filters of ``/api/events``)."""

    types: list[Annotated[str, Field(max_length=16)]] = Field(default_factory=list, max_length=16)
    dyad: Annotated[str, Field(max_length=7, pattern=r"^([A-Za-z]{3}-[A-Za-z]{3})?$")] | None = None
    directed: bool = False
    country: Annotated[str, Field(max_length=3, pattern=r"^([A-Za-z]{3})?$")] | None = None
    actor: Annotated[str, Field(max_length=200)] | None = None
    since: Annotated[str, Field(max_length=10, pattern=DATE_PATTERN)] | None = None
    until: Annotated[str, Field(max_length=10, pattern=DATE_PATTERN)] | None = None
    text: Annotated[str, Field(max_length=200)] | None = None
    q: Annotated[str, Field(max_length=200)] | None = None
    context: Annotated[str, Field(max_length=50)] | None = None


class WatchIn(BaseModel):
    """A watchlist to save."""

    name: Annotated[str, Field(min_length=1, max_length=W.MAX_NAME)]
    query: WatchQuery = Field(default_factory=WatchQuery)
    note: Annotated[str, Field(max_length=2000)] | None = None


def _filter_of(q: WatchQuery) -> Q.EventFilter:
    return Q.EventFilter(types=parse_types(q.types), dyad=parse_dyad(q.dyad),
                         directed=q.directed, country=(q.country or "").upper() or None,
                         actor=q.actor or None, since=q.since or None, until=q.until or None,
                         text=q.text or None, article_text=q.q or None, context=q.context or None)


WatchId = Annotated[str, Path(max_length=W.MAX_NAME, description="Watchlist id or name")]
Limit = Annotated[int, Query(ge=1, le=Q.MAX_LIMIT)]


@router.get("/watchlists", tags=["watchlists"])
def watchlists(store: StoreDep) -> dict[str, Any]:
    """Every watchlist with its count of new events."""
    return {"items": W.list_all(store)}


@router.post("/watchlists", tags=["watchlists"], dependencies=[Token], status_code=201)
def save_watchlist(store: StoreDep, body: Annotated[WatchIn, Body()]) -> dict[str, Any]:
    """Save a query as a watchlist."""
    return W.save(store, body.name, _filter_of(body.query), note=body.note)


@router.get("/watchlists/{ident}", tags=["watchlists"])
def watchlist(store: StoreDep, ident: WatchId, limit: Limit = 100,
              all: bool = False) -> dict[str, Any]:  # noqa: A002
    """A watchlist and its new events (every matching event with ``all=true``)."""
    wl = W.get(store, ident)
    rows = (W.all_events if all else W.new_events)(store, wl, limit=limit)
    return {**wl, "events": [event_out(r) for r in rows]}


@router.post("/watchlists/{ident}/seen", tags=["watchlists"], dependencies=[Token])
def watchlist_seen(store: StoreDep, ident: WatchId) -> dict[str, Any]:
    """Mark a visit: what is stored now is no longer new."""
    return W.mark_seen(store, ident)


@router.delete("/watchlists/{ident}", tags=["watchlists"], dependencies=[Token])
def delete_watchlist(store: StoreDep, ident: WatchId) -> dict[str, Any]:
    """Delete a watchlist."""
    W.remove(store, ident)
    return {"deleted": ident}


# -- happenings: a user's split and its undoing --------------------------------


class SplitIn(BaseModel):
    """The articles whose reports leave a happening."""

    articles: Annotated[list[Annotated[str, Field(min_length=1, max_length=64)]],
                        Field(min_length=1, max_length=500)]


@router.post("/happenings/{happening_id}/split", tags=["happenings"], dependencies=[Token])
def split(store: StoreDep, happening_id: Annotated[str, Path(max_length=64)],
          body: Annotated[SplitIn, Body()]) -> dict[str, Any]:
    """Take the named articles' reports out of a merged happening and keep them apart
    in every later merge (as ``sitrep happenings --split``); returns the happenings
    the former members now form."""
    from ..service import split_happening

    return {"items": split_happening(store, happening_id, body.articles)}


@router.post("/articles/{article_id}/rejoin", tags=["happenings"], dependencies=[Token])
def rejoin(store: StoreDep, article_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """Clear the split marks of an article's events and merge them again."""
    from ..service import rejoin as rejoin_article

    return {"items": rejoin_article(store, article_id)}


Fmt = Annotated[str, Path(pattern=exports.FORMAT_PATTERN)]


@router.get("/watchlists/{ident}/export.{fmt}", tags=["watchlists"])
def export_watchlist(store: StoreDep, ident: WatchId, fmt: Fmt,
                     all: bool = False) -> FileResponse:  # noqa: A002
    """Export a watchlist's new (or, with ``all=true``, every) events."""
    wl = W.get(store, ident)
    f = W.filter_from_query(wl["query"])
    if not all:
        f.after_id = int(wl["seen_event_id"] or 0)
    return exports.response(store, f, fmt, f"watchlist-{wl['id']}")


# -- exports --------------------------------------------------------------------


@router.get("/export/events.{fmt}", tags=["export"])
def export_events(store: StoreDep, fmt: Fmt,
                  f: Annotated[Q.EventFilter, Depends(event_filter)],
                  max_rows: Annotated[int, Query(ge=1, le=exports.MAX_EXPORT)] = exports.MAX_EXPORT,
                  ) -> FileResponse:
    """Events matching the filters as CSV, JSON Lines, Parquet or a GDELT-style table."""
    f.offset, f.limit = 0, Q.MAX_LIMIT
    return exports.response(store, f, fmt, "events", max_rows=max_rows)
