"""JSON shapes of the command-line contract.

``annotation`` is the output line of ``sitrep annotate``, a plain dict of JSON
types.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .models import Article, Event, Place


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

