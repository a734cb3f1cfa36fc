"""One event per happening: group coded events within and across articles.

Two events belong to the same happening when they have the same PLOVER type,
the same actor country set and the same recipient country set (names stand in
where a country is unknown; for the reciprocal-capable types — meetings,
agreements, joint action — the union of both sides, as reporters pick the
direction), their dates are compatible within the precision
each states (a day, a week, a month, a year; ``DATE_SLACK_DAYS`` of reporting
slack for days), and their places are compatible (one unknown, or the same
country and within ``PLACE_KM``). Grouping is greedy in a fixed order, so the
result does not depend on the order of the input.

Everything here is a pure function over plain objects: ``Event`` instances or
their dicts (``Event`` fields plus an optional ``story_id``). A happening
lists each supporting ``(article_id, evidence)``, counts articles and
independent sources (articles sharing a ``story_id`` — syndicated copies —
count once), says why each event joined (``reasons``) and can be split again
(``split``). A user's split is kept with the stored events (``merge_apart``): an
event with a mark merges only with events carrying the same mark, so re-merging
after new reports arrive does not undo it, and clearing the mark does.
"""

from __future__ import annotations

import calendar
import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..models import Event, EventArg, Place, Span
from .types import RECIPROCAL_TYPES

#: A day-precision date may differ by this many days and still be the same
#: happening (a meeting reported "Monday" by one outlet and dated by its
#: publication day the next morning by another).
DATE_SLACK_DAYS = 1
#: Places of one happening lie within this distance (a city and its suburbs).
PLACE_KM = 50.0


@dataclass
class Support:
    """One event supporting a happening."""

    article_id: str | None
    story_id: str | None
    evidence: Span
    date: str | None
    date_precision: str | None
    location: Place | None
    confidence: float
    event: Event
    apart: str | None = None  # a user's split mark (``merge_apart``)

    @property
    def key(self) -> tuple:
        """Sort/identity key: ``(article_id, evidence start, evidence end)``."""
        return (self.article_id or "", self.evidence.start, self.evidence.end)


@dataclass
class Happening:
    """Events of several reports merged into one thing that happened."""

    id: str
    type: str
    actors: frozenset[str]
    recipients: frozenset[str]
    start: date | None
    end: date | None
    location: Place | None
    supports: list[Support] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    apart: str | None = None  # the split mark its events share, if any

    @property
    def n_articles(self) -> int:
        """Number of distinct articles reporting it."""
        return len({s.article_id for s in self.supports})

    @property
    def n_sources(self) -> int:
        """Number of independent sources: articles of one story (syndication) count once."""
        return len({s.story_id or s.article_id for s in self.supports})

    @property
    def date(self) -> str | None:
        """Date of the most precise support (supports are kept most precise first)."""
        return self.supports[0].date if self.supports else None

    @property
    def date_precision(self) -> str | None:
        """Precision of ``date``."""
        return self.supports[0].date_precision if self.supports else None


def as_event(obj: Event | Mapping[str, Any]) -> tuple[Event, str | None]:
    """An ``Event`` and its story id from an ``Event`` or a dict of its fields."""
    if isinstance(obj, Event):
        return obj, None
    d = dict(obj)
    ev = d.get("evidence") or {}
    span = Span(ev["start"], ev["end"]) if isinstance(ev, Mapping) else Span(*ev) if ev else Span(0, 0)
    loc = d.get("location")
    place = Place(**loc) if isinstance(loc, Mapping) else loc
    event = Event(
        type=d["type"], evidence=span, mode=d.get("mode"), context=list(d.get("context") or []),
        actors=[_arg(a) for a in d.get("actors") or []],
        recipients=[_arg(a) for a in d.get("recipients") or []],
        date=d.get("date"), date_precision=d.get("date_precision"), location=place,
        confidence=float(d.get("confidence") or 0.0), coder=d.get("coder", ""),
        coder_version=d.get("coder_version", ""), article_id=d.get("article_id"))
    return event, d.get("story_id")


def _arg(a: EventArg | Mapping[str, Any]) -> EventArg:
    return a if isinstance(a, EventArg) else EventArg(**{k: a.get(k) for k in
                                                        ("text", "name", "country", "sector")})


def party_set(args: Sequence[EventArg]) -> frozenset[str]:
    """The countries of the arguments (the name where a country is unknown)."""
    return frozenset(a.country or f"name:{a.name}" for a in args)


def interval(iso: str | None, precision: str | None) -> tuple[date | None, date | None]:
    """The days a date of the given precision may stand for (None: unknown)."""
    if not iso:
        return None, None
    d = date.fromisoformat(iso[:10])
    if precision == "week":
        return d, d + timedelta(days=6)
    if precision == "month":
        return d.replace(day=1), d.replace(day=calendar.monthrange(d.year, d.month)[1])
    if precision == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    return d - timedelta(days=DATE_SLACK_DAYS), d + timedelta(days=DATE_SLACK_DAYS)


def group(events: Iterable[Event | Mapping[str, Any]],
          stories: Mapping[str, str | None] | None = None) -> list[Happening]:
    """Group events into happenings (see the module docstring).

    ``stories`` maps article ids to story ids (syndicated copies share one); a
    dict event may carry its own ``story_id`` instead.
    """
    stories = stories or {}
    supports = []
    for obj in events:
        ev, story = as_event(obj)
        story = story or stories.get(ev.article_id or "")
        apart = obj.get("merge_apart") if isinstance(obj, Mapping) else None
        supports.append(Support(ev.article_id, story, ev.evidence, ev.date, ev.date_precision,
                                ev.location, ev.confidence, ev, apart or None))
    supports.sort(key=lambda s: (_precision_rank(s.date_precision), s.date or "", s.key))
    happenings: list[Happening] = []
    for sup in supports:
        target = next((h for h in happenings if _compatible(h, sup)), None)
        if target is None:
            happenings.append(_new(sup))
        else:
            _join(target, sup)
    for h in happenings:
        h.id = happening_id(h)
    return sorted(happenings, key=lambda h: (h.date or "", h.id))


def happening_id(h: Happening) -> str:
    """Stable id: type, parties and the first supporting (article, evidence) key."""
    first = min(s.key for s in h.supports)
    raw = "|".join([h.type, ",".join(sorted(h.actors)), ",".join(sorted(h.recipients)), repr(first)])
    return "H" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:15]


def split(h: Happening, article_ids: Iterable[str]) -> list[Happening]:
    """Undo a merge: move the supports of ``article_ids`` out into their own grouping."""
    out_ids = set(article_ids)
    moved = [s for s in h.supports if s.article_id in out_ids]
    kept = [s for s in h.supports if s.article_id not in out_ids]
    result = []
    for part in (kept, moved):
        if part:
            result += group([s.event for s in part],
                            {s.article_id: s.story_id for s in part if s.article_id})
    return result


def explain(h: Happening) -> str:
    """Human-readable account of a happening and why its events were merged."""
    head = (f"{h.id} {h.type} {sorted(h.actors)} -> {sorted(h.recipients)} {h.date}/"
            f"{h.date_precision}: {h.n_articles} articles, {h.n_sources} sources")
    return "\n".join([head, *("  " + r for r in h.reasons)])


def _precision_rank(p: str | None) -> int:
    return {"day": 0, "week": 1, "month": 2, "year": 3}.get(p or "", 4)


def _new(sup: Support) -> Happening:
    ev = sup.event
    start, end = interval(sup.date, sup.date_precision)
    why = f"{_label(sup)} starts the happening"
    if sup.apart:
        why += f" (kept apart from other reports by a split: {sup.apart})"
    return Happening("", ev.type, party_set(ev.actors), party_set(ev.recipients), start, end,
                     sup.location, [sup], [why], apart=sup.apart)


def _compatible(h: Happening, sup: Support) -> bool:
    ev = sup.event
    if sup.apart != h.apart:
        return False
    if ev.type != h.type or not _same_parties(h, ev):
        return False
    return _dates_overlap(h, sup) and _places_compatible(h.location, sup.location)


def _same_parties(h: Happening, ev: Event) -> bool:
    """Same actor and recipient sets; for meetings, agreements and joint action
    (``RECIPROCAL_TYPES``) the direction is the reporter's choice, so the union
    of both sides is compared ("A met B" = "B held talks with A")."""
    actors, recipients = party_set(ev.actors), party_set(ev.recipients)
    if actors == h.actors and recipients == h.recipients:
        return True
    return h.type in RECIPROCAL_TYPES and actors | recipients == h.actors | h.recipients


def _dates_overlap(h: Happening, sup: Support) -> bool:
    s, e = interval(sup.date, sup.date_precision)
    if s is None or h.start is None:
        return True
    return s <= h.end and h.start <= e


def _places_compatible(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if None not in (a.lat, a.lon, b.lat, b.lon):
        return _km(a.lat, a.lon, b.lat, b.lon) <= PLACE_KM
    return a.name == b.name or not (a.country and b.country)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _join(h: Happening, sup: Support) -> None:
    s, e = interval(sup.date, sup.date_precision)
    if s is not None:
        if h.start is None:
            h.start, h.end = s, e
        else:
            h.start, h.end = max(h.start, s), min(h.end, e)
    if h.location is None and sup.location is not None:
        h.location = sup.location
    where = sup.location.name if sup.location else "no place"
    h.reasons.append(
        f"{_label(sup)} joined: same type {h.type}, actors {sorted(h.actors)}, recipients "
        f"{sorted(h.recipients)}; date {sup.date}/{sup.date_precision} overlaps "
        f"{h.start}..{h.end}; place {where} compatible")
    h.supports.append(sup)


def _label(sup: Support) -> str:
    story = f" story {sup.story_id}" if sup.story_id else ""
    return f"article {sup.article_id}{story} [{sup.evidence.start}:{sup.evidence.end}]"
