"""Resolve one actor phrase to name, country, sector and role.

``Resolver`` combines what the phrase itself says (:func:`sitrep.nlp.roles.describe`:
demonym, country name or capital, title and group words) with what the
:class:`~sitrep.nlp.kb.ActorKB` knows about a proper name in it. The text wins
over the KB where both speak (an article's "Chief Minister X" beats a stale seed
entry); the KB fills what the text leaves out ("Hagel" → USA GOV).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..models import Actor
from .countries import CountryIndex
from .kb import ActorKB, KBEntry
from .places import Gazetteer
from .roles import DETERMINERS, PREPOSITIONS, Descriptor, SectorLexicon, describe


#: A city names its country only when it is this big: smaller towns share names
#: with people and with towns elsewhere (checked on the NGEC rows: Shanghai,
#: Minsk, Mariupol and Puerto Peñasco are all above it).
MIN_CITY_ACTOR_POPULATION = 50_000
#: A bare town as an actor stands for its inhabitants (NGEC/POLECAT convention).
CITY_SECTOR = "CVL"
#: Titles that take the sector of the body they head ("chairman of the X party").
LEADER_TITLES = frozenset({"president", "chairman", "chairwoman", "chair", "head", "leader",
                           "speaker", "director", "chief", "secretary-general"})


@dataclass
class Resolution:
    """A resolved phrase, before it is placed in an article."""

    name: str
    country: str | None
    sector: str | None
    role: str | None
    provenance: str
    descriptor: Descriptor
    entry: KBEntry | None = None


class Resolver:
    """Shared tables for actor resolution: country index, sector lexicon, KB."""

    def __init__(self, kb: ActorKB | None = None, countries: CountryIndex | None = None,
                 lexicon: SectorLexicon | None = None, places: Gazetteer | None = None) -> None:
        self.kb = kb if kb is not None else ActorKB.seeded()
        self.countries = countries or CountryIndex()
        self.lexicon = lexicon or SectorLexicon()
        self.places = places  # optional: a city names its country ("Shanghai police")

    def describe(self, text: str) -> Descriptor:
        """The cues of a phrase (see :func:`sitrep.nlp.roles.describe`)."""
        return describe(text, self.countries, self.lexicon)

    def resolve(self, text: str, context: str | None = None, date: str | None = None,
                *, name: str | None = None) -> Resolution | None:
        """Resolve ``text`` (a mention with its descriptor); ``name`` is the proper
        name part when the caller knows it (a NER span). None when nothing in the
        phrase, its context or the KB says who it is."""
        text = re.sub(r"\s+", " ", text.strip())
        if not text:
            return None
        day = normalise_date(date)
        desc = self.describe(text)
        entry = self._kb_entry(text, name or desc.name, day)
        country, how = desc.country, "text"
        if country is None and entry is not None:
            country = entry.country
        sector = desc.sector or (entry.sector if entry else None)
        if sector is None and desc.country_kind == "capital" and _only_place(text, desc):
            sector = "GOV"  # a capital standing for its government: "Tehran said"
        if entry is not None and (desc.country is None or desc.sector is None):
            how = f"kb:{entry.source}"
        if country is None and entry is None and self.places is not None:
            country, town = self._city_country(text, desc)
            how = "text+gazetteer" if country else how
            if town and sector is None and desc.country is None:
                sector = CITY_SECTOR  # a bare town standing for its people: "Mariupol"
        if desc.role and desc.role.split()[-1].lower() in LEADER_TITLES and " of " in text:
            sub = self.resolve(text.split(" of ", 1)[1], None, date)
            if sub is not None and sub.sector and sub.sector != "GOV":
                sector = sub.sector  # "president of the Riigikogu" leads a legislature
                country = country or sub.country
                how = f"{how}; head of {sub.name}"
        if country is None and context and (desc.sector or entry is None):
            cues = self.countries.find_in(context)
            if cues and (desc.sector or desc.name):
                country, how = cues[0][2], "context"
        if country is None and sector is None and entry is None:
            return None
        if entry is None and desc.country is None and desc.sector is None \
                and how != "text+gazetteer":
            return None  # a context country alone does not make an actor
        person = desc.name if desc.role and desc.name else None
        label = entry.name if entry else (name or person or _group_name(text, desc, self.countries))
        role = desc.role or (entry.role if entry and not desc.sector else None)
        if role and name and role.endswith(name):
            role = role[: -len(name)].strip() or None
        return Resolution(label, country, sector, role, how, desc, entry)

    def _city_country(self, text: str, desc: Descriptor) -> tuple[str | None, bool]:
        """Country of a well-known place named in a group phrase ("Shanghai police")
        or of a phrase that is only a place name ("Mariupol"), and whether that
        place is a town."""
        words = strip_determiners(text).split()
        bare = desc.sector is None and desc.name == strip_determiners(text)
        if desc.role or not (bare or desc.sector):
            return None, False  # a title means a person: no "Park" in "Minister Park Jin"
        for n in ((len(words),) if bare else (3, 2, 1)):  # a bare phrase: all of it
            for i in range(len(words) - n + 1):
                chunk = " ".join(words[i:i + n]).rstrip(",.")
                if not chunk[:1].isupper():
                    continue
                best = max((self.places.entry(j) for j, _ in self.places.candidates(chunk)),
                           key=lambda e: e.population, default=None)
                if best is not None and best.population >= MIN_CITY_ACTOR_POPULATION:
                    return best.country, best.feature.startswith("PPL")
        return None, False

    def _kb_entry(self, text: str, name: str | None, date: str | None) -> KBEntry | None:
        for cand, surname in ((text, False), (strip_determiners(text), False), (name, True)):
            if cand:
                hit = self.kb.lookup(cand, date, surname=surname)
                if hit:
                    return hit
        return None

    def actor(self, text: str, context: str | None = None, date: str | None = None) -> Actor | None:
        """Resolve a bare phrase into an ``Actor`` spanning the whole phrase."""
        res = self.resolve(text, context, date)
        if res is None:
            return None
        return Actor(0, len(text), text, res.name, res.country, res.sector, res.role,
                     provenance=res.provenance)


def resolve_actor(text: str, context: str | None = None, date: str | None = None,
                  kb: ActorKB | None = None, *, resolver: Resolver | None = None) -> Actor | None:
    """Resolve one actor phrase (the ``sitrep resolve`` contract).

    ``context`` is an optional sentence or country hint, ``date`` the date the text
    speaks of (ISO, or free text such as "10 May 2015" / "today"). Pass a
    ``resolver`` to reuse its tables across calls; ``kb`` defaults to the seed KB.
    """
    resolver = resolver or Resolver(kb)
    return resolver.actor(text, context, date)


def normalise_date(date: str | None) -> str | None:
    """ISO ``YYYY-MM-DD`` for ``date`` ("2015-05-10", "10 May 2015", "today"), or None."""
    if not date or not date.strip():
        return None
    raw = date.strip()
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", raw):
        return raw
    if raw.lower() in ("today", "now"):
        return dt.date.today().isoformat()
    for fmt in ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(raw.title() if "%B" in fmt else raw, fmt).date().isoformat()
        except ValueError:
            continue
    m = re.match(r"(\d{4}-\d{2}-\d{2})", raw)
    return m.group(1) if m else None


def strip_determiners(text: str) -> str:
    """``text`` without leading determiners and prepositions ("the", "a", "of")."""
    words = text.split()
    while words and (words[0].lower() in DETERMINERS or words[0].lower() in PREPOSITIONS):
        words = words[1:]
    return " ".join(words)


def _only_place(text: str, desc: Descriptor) -> bool:
    return desc.name is None and len(strip_determiners(text).split()) <= 3


def _group_name(text: str, desc: Descriptor, countries: CountryIndex) -> str:
    """Name of an actor without a proper name: the phrase minus determiners, or the
    country itself for a bare country/demonym ("Chinese" → China)."""
    stripped = strip_determiners(text)
    if desc.country and (desc.sector is None or stripped.lower() == text.lower()) \
            and countries.any(stripped) == desc.country:
        return countries.name_of(desc.country)
    return stripped or text
