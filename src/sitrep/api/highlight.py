"""Cut an article's text into segments for highlighting entities and evidence.

Mentions may overlap each other and event evidence spans cover whole
sentences, so the text is cut at every span boundary into flat segments. Each
segment knows the entity label covering it (the shortest covering mention wins)
and the events whose evidence covers it. The template renders each segment as
one escaped element: no HTML is ever built from article text here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Segment:
    """A run of text with one entity label (or none) and the events covering it."""

    start: int
    end: int
    text: str
    label: str | None = None
    entity: str | None = None
    events: list[int] = field(default_factory=list)
    first_of: list[int] = field(default_factory=list)  # events whose evidence starts here
    paragraph_break: bool = False


def segments(text: str, mentions: list[Any], evidence: list[tuple[int, int, int]]) -> list[Segment]:
    """Segments of ``text`` given mentions (``start``/``end``/``label``) and evidence.

    ``evidence`` is a list of ``(event_id, start, end)``. Spans outside the text
    are clipped; empty spans are ignored.
    """
    n = len(text)
    spans = [(max(0, m.start), min(n, m.end), m.label, getattr(m, "text", None))
             for m in mentions if 0 <= m.start < m.end]
    evs = [(eid, max(0, s), min(n, e)) for eid, s, e in evidence if 0 <= s < e]
    cuts = {0, n}
    for s, e, _, _ in spans:
        cuts.update((s, e))
    for _, s, e in evs:
        cuts.update((s, e))
    bounds = sorted(c for c in cuts if 0 <= c <= n)
    out: list[Segment] = []
    for s, e in zip(bounds, bounds[1:]):
        if s >= e:
            continue
        covering = [m for m in spans if m[0] <= s and e <= m[1]]
        best = min(covering, key=lambda m: m[1] - m[0]) if covering else None
        seg = Segment(s, e, text[s:e], label=best[2] if best else None,
                      entity=best[3] if best else None)
        seg.events = [eid for eid, es, ee in evs if es <= s and e <= ee]
        seg.first_of = [eid for eid, es, _ in evs if es == s]
        out.append(seg)
    return out


def label_class(label: str | None) -> str:
    """A CSS class for an entity label (only letters kept)."""
    if not label:
        return ""
    return "ent ent-" + "".join(ch for ch in label if ch.isalpha())
