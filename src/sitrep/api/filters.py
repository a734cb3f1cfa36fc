"""Query parameters shared by the API routes and the pages, parsed into filters.

Empty strings (what an HTML form sends for a blank field) mean "no filter", so
the same parameters serve ``/api/events`` and the ``/events`` page.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from ..models import PLOVER_TYPES
from ..store import query as Q
from .errors import ApiError

#: A date or date prefix: 2013, 2013-08 or 2013-08-20 (or blank).
DATE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
#: A country code (ISO alpha-3, or IGO/NGO) (or blank).
COUNTRY_PATTERN = r"^([A-Za-z]{3})?$"
#: A dyad: two country codes joined by a dash (or blank).
DYAD_PATTERN = r"^([A-Za-z]{3}-[A-Za-z]{3})?$"

Text200 = Annotated[str | None, Query(max_length=200)]
Date = Annotated[str | None, Query(max_length=10, pattern=DATE_PATTERN,
                                   description="YYYY, YYYY-MM or YYYY-MM-DD")]
Country = Annotated[str | None, Query(max_length=3, pattern=COUNTRY_PATTERN,
                                      description="ISO 3166-1 alpha-3 code")]
Limit = Annotated[int, Query(ge=1, le=Q.MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def blank(value: str | None) -> str | None:
    """None for a blank form value, else the stripped value."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def parse_types(types: list[str]) -> list[str]:
    """Upper-cased PLOVER types; an unknown type is a 422 error."""
    out = [t.strip().upper() for t in types if t and t.strip()]
    bad = [t for t in out if t not in PLOVER_TYPES]
    if bad:
        raise ApiError(422, f"unknown event type(s) {bad}; known: {', '.join(PLOVER_TYPES)}")
    return out


def parse_dyad(value: str | None) -> tuple[str, str] | None:
    """``CHN-RUS`` → ("CHN", "RUS")."""
    value = blank(value)
    if not value:
        return None
    a, b = value.upper().split("-")
    return a, b


def event_filter(
    type: Annotated[list[str], Query(description="PLOVER event type (repeatable)")] = [],  # noqa: A002,B006
    dyad: Annotated[str | None, Query(max_length=7, pattern=DYAD_PATTERN,
                                      description="Country pair, e.g. CHN-RUS")] = None,
    directed: bool = False,
    country: Country = None,
    actor: Text200 = None,
    since: Date = None,
    until: Date = None,
    text: Annotated[str | None, Query(max_length=200,
                                      description="Evidence sentence contains this text")] = None,
    q: Annotated[str | None, Query(max_length=200,
                                   description="Full-text query on the events' articles")] = None,
    context: Annotated[str | None, Query(max_length=50)] = None,
    article: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Q.EventFilter:
    """The ``EventFilter`` of the request's query parameters."""
    return Q.EventFilter(
        types=parse_types(type), dyad=parse_dyad(dyad), directed=directed,
        country=(blank(country) or "").upper() or None, actor=blank(actor),
        since=blank(since), until=blank(until), text=blank(text), article_text=blank(q),
        context=blank(context), article_id=blank(article), limit=limit, offset=offset)


def article_filter(
    q: Annotated[str | None, Query(max_length=200, description="Full-text query")] = None,
    since: Date = None,
    until: Date = None,
    publisher: Text200 = None,
    country: Country = None,
    language: Annotated[str | None, Query(max_length=16)] = None,
    story: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Q.ArticleFilter:
    """The ``ArticleFilter`` of the request's query parameters."""
    return Q.ArticleFilter(
        text=blank(q), since=blank(since), until=blank(until), publisher=blank(publisher),
        country=(blank(country) or "").upper() or None, language=blank(language),
        story_id=blank(story), limit=limit, offset=offset)


def filter_params(f: Q.EventFilter) -> list[tuple[str, str]]:
    """Query parameters that reproduce ``f`` (without its page), for links."""
    out: list[tuple[str, str]] = [("type", t) for t in f.types]
    if f.dyad:
        out.append(("dyad", "-".join(f.dyad)))
    if f.directed:
        out.append(("directed", "true"))
    for key, value in (("country", f.country), ("actor", f.actor), ("since", f.since),
                       ("until", f.until), ("text", f.text), ("q", f.article_text),
                       ("context", f.context), ("article", f.article_id)):
        if value:
            out.append((key, value))
    return out
