"""The data objects that flow through sitrep.

``RawDocument`` (what a reader found) is turned by extraction into an ``Article``;
every later stage takes an ``Article`` and returns it with more filled in:
``Mention`` (entity spans), ``Actor`` (resolved actors), ``Place`` (geocoded
toponyms) and ``Event`` (PLOVER-coded events). All spans are character offsets
into ``Article.text`` (Python string indices), never copies of the text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

#: The 16 PLOVER event types (PLOVER codebook, current version).
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
    "COERCE", "ASSAULT",
)

#: Entity labels: re3d's label set plus ``Exercise`` for named exercises/operations.
ENTITY_LABELS: tuple[str, ...] = (
    "Person", "Organisation", "Nationality", "Location", "Temporal", "Quantity",
    "Money", "Weapon", "MilitaryPlatform", "Vehicle", "DocumentReference",
    "CommsIdentifier", "Coordinate", "Frequency", "Exercise",
)

#: Date precisions an event date may carry.
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")


def inside(mention: Any, items: Iterable[Any]) -> list[Any]:
    """The actors (or places) of ``items`` that lie within ``mention``'s span, in the same
    part (body or caption): the mention's own resolution, or the ones a group mention holds
    ("Chinese and Russian militaries" is read as one actor per country)."""
    return [x for x in items if x.part == mention.part
            and mention.start <= x.start and x.end <= mention.end]


def participants(mention: Any, events: Iterable[Any]) -> list[Any]:
    """The sides of a named exercise or operation: the actors and recipients of the
    COOPERATE events whose evidence sentence holds the mention ("Chinese and Russian
    militaries concluded ... Peace Mission 2013" -> China, Russia), each country once.
    Events are coded on the body, so a caption's mention has none."""
    out: dict[Any, Any] = {}
    for e in events:
        if mention.part == "body" and e.type == "COOPERATE" \
                and e.evidence.start <= mention.start and mention.end <= e.evidence.end:
            for arg in (*e.actors, *e.recipients):
                out.setdefault(arg.country or arg.name, arg)
    return list(out.values())


def content_hash(data: bytes | str) -> str:
    """Return the sha256 hex digest identifying a document's raw content."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


@dataclass
class RawDocument:
    """One input item as a reader found it, before extraction.

    ``content`` holds the bytes as read (or text for JSON Lines/stdin input);
    ``media_type`` is ``text/plain`` or ``text/html``. ``id`` is the caller's id
    (a JSON Lines ``id``, or derived from the path), ``source`` the path or URL.
    """

    id: str
    source: str
    content: bytes | str
    media_type: str = "text/plain"
    url: str | None = None
    published: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """sha256 of the raw content: the identity used for re-ingestion."""
        return content_hash(self.content)


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` into ``Article.text``."""

    start: int
    end: int


@dataclass
class Mention:
    """An entity mention: a typed span of the article text."""

    start: int
    end: int
    text: str
    label: str
    source: str = "ner"  # which component found it: ner, rule, gazetteer
    part: str = "body"  # "body": offsets into Article.text; "caption": into Article.caption_text


@dataclass
class Actor:
    """A mention resolved to an actor: canonical name, country and sector.

    ``country`` is ISO 3166-1 alpha-3, ``IGO``/``NGO`` or None; ``sector`` a
    PLOVER/POLECAT actor code (GOV, MIL, …) or None. ``antecedent`` is the start
    offset of the first full mention this one refers back to, if any;
    ``provenance`` says why it resolved as it did.
    """

    start: int
    end: int
    text: str
    name: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    antecedent: int | None = None
    provenance: str | None = None
    part: str = "body"


@dataclass
class Place:
    """A toponym resolved to coordinates and a country (ISO alpha-3)."""

    start: int
    end: int
    text: str
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    geonameid: int | None = None
    feature: str | None = None  # e.g. PPL, PPLC, ADM1, PCLI
    part: str = "body"


@dataclass
class EventArg:
    """An actor taking part in an event (as actor or recipient)."""

    text: str
    name: str
    country: str | None = None
    sector: str | None = None


@dataclass
class Event:
    """A PLOVER event coded from one sentence of one article.

    ``evidence`` is the sentence span in the article text; ``coder`` and
    ``coder_version`` name the component that coded it, so a re-run with a
    better coder can be compared and replaced.
    """

    type: str
    evidence: Span
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    actors: list[EventArg] = field(default_factory=list)
    recipients: list[EventArg] = field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None
    location: Place | None = None
    confidence: float = 0.0
    coder: str = ""
    coder_version: str = ""
    article_id: str | None = None


@dataclass
class Article:
    """A clean article and everything the stages found in it.

    ``text`` is the body: ``paragraphs`` joined by a blank line; every span of
    ``mentions``, ``actors``, ``places`` and ``events`` indexes into it, except
    spans marked ``part="caption"``, which index into ``caption_text`` (photo
    captions are annotated too, but kept apart from the body and never coded
    as events).
    ``doc`` holds the transient parse of a stage (a spaCy ``Doc``); it is never
    stored. ``filled`` records which stage outputs are present, so the pipeline
    can check a stage's needs.
    """

    id: str
    source: str
    text: str
    content_hash: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    author: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    url: str | None = None
    language: str | None = None
    story_id: str | None = None
    annotated: bool = False
    mentions: list[Mention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    doc: Any = field(default=None, repr=False, compare=False)
    filled: set[str] = field(default_factory=set, repr=False, compare=False)

    @property
    def caption_text(self) -> str:
        """The captions joined by a blank line: what ``part="caption"`` spans index."""
        return "\n\n".join(self.captions)

    def to_dict(self) -> dict[str, Any]:
        """Return the article as plain JSON-ready data (without ``doc``/``filled``)."""
        out = {k: v for k, v in asdict(_without_doc(self)).items()
               if k not in ("doc", "filled")}
        return out


def _without_doc(article: Article) -> Article:
    """A shallow copy of ``article`` whose ``doc`` is None (asdict deep-copies)."""
    if article.doc is None:
        return article
    import copy

    clone = copy.copy(article)
    clone.doc = None
    return clone


def article_id_for(content_hash_hex: str) -> str:
    """Stable article id derived from the content hash."""
    return content_hash_hex[:16]
