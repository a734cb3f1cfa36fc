"""Conversion between the data objects of ``sitrep.models`` and table rows."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timezone
from typing import Any

from ..models import Actor, Article, Event, EventArg, Mention, Place, Span


def _countries(args: list[EventArg]) -> str | None:
    codes = sorted({a.country for a in args if a.country})
    return "|" + "|".join(codes) + "|" if codes else None


def article_row(article: Article, components: dict[str, str]) -> dict[str, Any]:
    """The ``articles`` row of an article."""
    return {
        "id": article.id, "content_hash": article.content_hash, "source": article.source,
        "input_id": article.meta.get("input_id"), "url": article.url, "title": article.title,
        "published": article.published, "publisher": article.publisher,
        "author": article.author, "section": article.section, "tags": list(article.tags),
        "text": article.text, "paragraphs": list(article.paragraphs),
        "captions": list(article.captions), "language": article.language,
        "story_id": article.story_id, "annotated": article.annotated,
        "components": components,
        "meta": {k: v for k, v in article.meta.items() if _jsonable(v)},
        "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def _jsonable(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool, list, dict, type(None)))


def span_rows(article: Article) -> dict[str, list[dict[str, Any]]]:
    """Rows of ``mentions``, ``actors`` and ``places`` for an article."""
    aid = article.id
    return {
        "mentions": [{"article_id": aid, **asdict(m)} for m in article.mentions],
        "actors": [{"article_id": aid, **asdict(a)} for a in article.actors],
        "places": [{"article_id": aid, **asdict(p)} for p in article.places],
    }


def event_row(event: Event, article: Article) -> dict[str, Any]:
    """The ``events`` row of one event (without its id)."""
    loc = event.location
    return {
        "article_id": article.id, "type": event.type, "mode": event.mode,
        "context": list(event.context),
        "actors": [asdict(a) for a in event.actors],
        "recipients": [asdict(a) for a in event.recipients],
        "actor_countries": _countries(event.actors),
        "recipient_countries": _countries(event.recipients),
        "date": event.date, "date_precision": event.date_precision,
        "location": asdict(loc) if loc else None,
        "location_name": loc.name if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "evidence_start": event.evidence.start, "evidence_end": event.evidence.end,
        "evidence_text": article.text[event.evidence.start:event.evidence.end],
        "confidence": float(event.confidence), "coder": event.coder,
        "coder_version": event.coder_version,
    }


def dyad_pairs(event: Event) -> list[tuple[str, str]]:
    """Ordered (source, target) country pairs of an event (``sitrep.events.dyads.pairs``:
    reciprocal events count both ways)."""
    from ..events.dyads import pairs

    return pairs(event.type, [a.country for a in event.actors if a.country],
                 [a.country for a in event.recipients if a.country])


def article_from_rows(row: dict[str, Any], spans: dict[str, list[dict]],
                      events: list[dict]) -> Article:
    """Rebuild an ``Article`` (with its spans and events) from stored rows."""
    def strip(r: dict, *drop: str) -> dict:
        return {k: v for k, v in r.items() if k not in ("id", "article_id", *drop)}

    article = Article(
        id=row["id"], source=row["source"], text=row["text"],
        content_hash=row["content_hash"], title=row["title"], published=row["published"],
        publisher=row["publisher"], author=row["author"], section=row["section"],
        tags=list(row["tags"] or []), paragraphs=list(row["paragraphs"] or []),
        captions=list(row["captions"] or []), url=row["url"], language=row["language"],
        story_id=row["story_id"], annotated=bool(row["annotated"]),
        meta=dict(row["meta"] or {}),
    )
    article.mentions = [Mention(**strip(r)) for r in spans.get("mentions", [])]
    article.actors = [Actor(**strip(r)) for r in spans.get("actors", [])]
    article.places = [Place(**strip(r)) for r in spans.get("places", [])]
    article.events = [event_from_row(r) for r in events]
    return article


def event_from_row(row: dict[str, Any]) -> Event:
    """Rebuild an ``Event`` from its stored row."""
    loc = row.get("location")
    return Event(
        type=row["type"], evidence=Span(row["evidence_start"], row["evidence_end"]),
        mode=row["mode"], context=list(row["context"] or []),
        actors=[EventArg(**a) for a in row["actors"] or []],
        recipients=[EventArg(**a) for a in row["recipients"] or []],
        date=row["date"], date_precision=row["date_precision"],
        location=Place(**loc) if loc else None, confidence=row["confidence"],
        coder=row["coder"], coder_version=row["coder_version"],
        article_id=row["article_id"],
    )
