"""JSON shapes of the command-line contract, shared by the CLI and the API.

``annotation`` is the output line of ``sitrep annotate``; ``extraction`` the
output line of ``sitrep extract``. Both are plain dicts of JSON types.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .models import Article, Event, Place
from .pipeline import Outcome


def place_dict(p: Place | None) -> dict[str, Any] | None:
    """A place as ``{"start","end","text","name","lat","lon","country"}``."""
    if p is None:
        return None
    return {k: getattr(p, k) for k in ("start", "end", "text", "name", "lat", "lon", "country")}


def event_dict(e: Event) -> dict[str, Any]:
    """An event in the ``annotate`` contract's shape."""
    return {
        "type": e.type, "mode": e.mode, "context": list(e.context),
        "actors": [asdict(a) for a in e.actors],
        "recipients": [asdict(a) for a in e.recipients],
        "date": e.date, "date_precision": e.date_precision,
        "location": place_dict(e.location),
        "evidence": {"start": e.evidence.start, "end": e.evidence.end},
        "confidence": round(float(e.confidence), 4),
        "coder": e.coder, "coder_version": e.coder_version,
    }


def annotation(doc_id: str, article: Article) -> dict[str, Any]:
    """The ``sitrep annotate`` output line for one input text."""
    return {
        "id": doc_id,
        "entities": [{"start": m.start, "end": m.end, "text": m.text, "label": m.label}
                     for m in article.mentions],
        "actors": [{"start": a.start, "end": a.end, "text": a.text, "name": a.name,
                    "country": a.country, "sector": a.sector, "role": a.role}
                   for a in article.actors],
        "places": [place_dict(p) for p in article.places],
        "events": [event_dict(e) for e in article.events],
    }


def extraction(outcome: Outcome, input_id: str | None = None) -> dict[str, Any]:
    """The ``sitrep extract --jsonl`` output line for one input document."""
    a = outcome.article
    base = {"id": input_id or outcome.doc_id, "source": outcome.source,
            "status": "ok" if outcome.ok else outcome.status, "reason": outcome.reason}
    if a is None:
        return {**base, "title": None, "published": None, "publisher": None, "section": None,
                "tags": [], "text": None, "paragraphs": [], "captions": []}
    return {**base, "id": input_id or a.meta.get("input_id") or a.id, "title": a.title,
            "published": a.published, "publisher": a.publisher, "author": a.author,
            "section": a.section, "tags": list(a.tags), "language": a.language,
            "url": a.url, "text": a.text, "paragraphs": list(a.paragraphs),
            "captions": list(a.captions)}
