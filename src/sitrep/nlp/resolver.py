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
from .gazetteer import Gazetteer
from .kb import ActorKB, KBEntry
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
#: Words that make a media outlet the state's voice: NGEC/POLECAT code state media
#: as government (the lexicon's "state news agency" is GOV for the same reason).
STATE_MEDIA_WORDS = frozenset({"official", "state", "state-run", "state-owned",
                               "state-controlled", "government", "government-run"})


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
        # a NER span cut inside a parenthesis: "the International Labor Office (ILO"
        text = re.sub(r"\s*\([^)]*$", "", text) or text
        if not text:
            return None
        day = normalise_date(date)
        desc = self.describe(text)
        entry, match, rest = self._kb_entry(text, name or desc.name, day)
        country, how = desc.country, "text"
        if country is None and entry is not None:
            country = entry.country
        sector = desc.sector or (entry.sector if entry else None)
        # the phrase is (or starts with) the body's own name: its words are the
        # name's, not a description ("Syrian Democratic Forces" are rebels, the
        # "African Union Commission" is no trade union)
        if match == "exact" and entry.sector:
            sector = entry.sector
        elif match == "prefix":
            sector = self.describe(rest).sector or entry.sector
        if sector == "MED" and desc.sector == "MED" and entry is None and _state_media(text):
            # "the official news agency", "a Chinese state-run newspaper"; an outlet
            # the KB knows keeps its curated sector
            sector = "GOV"
        if sector is None and desc.country_kind == "capital" and _only_place(text, desc):
            sector = "GOV"  # a capital standing for its government: "Tehran said"
        if entry is not None and (desc.country is None or desc.sector is None):
            how = f"kb:{entry.source}"
        if country is None and entry is None:
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
                and how != "text+gazetteer" and not (how == "context" and _only_name(text, desc)):
            return None  # a context country alone does not make an actor of a phrase
        person = desc.name if desc.role and desc.name else None
        if match == "prefix":  # the body only says whose: "UN Envoy Martin Griffiths"
            how = f"kb:{entry.source} (name starts with {entry.name!r})"
            entry = None
            label = name or person or strip_determiners(text)
        else:
            label = entry.name if entry else (name or person
                                              or _group_name(text, desc, self.countries))
        role = desc.role or (entry.role if entry and not desc.sector else None)
        if role and name and role.endswith(name):
            role = role[: -len(name)].strip() or None
        return Resolution(label, country, sector, role, how, desc, entry)

    def _city_country(self, text: str, desc: Descriptor) -> tuple[str | None, bool]:
        """Country of a well-known place that is the whole proper name of a group
        phrase ("Shanghai police"; a state or province of one country: "Kerala
        police") or the whole phrase ("Mariupol": towns only), and whether that
        place is a town. A place name inside a longer name says nothing ("European
        Court of Human Rights")."""
        bare = desc.sector is None and desc.name == strip_determiners(text)
        if desc.role or not (bare or desc.sector) or not desc.name:
            return None, False  # a title means a person: no "Park" in "Minister Park Jin"
        chunk = re.sub(r"[’']s$", "", desc.name).rstrip(",.")
        found = self.places.candidates(chunk) if self.places is not None else []
        best = max((self.places.entry(j) for j, _ in found), key=lambda e: e.population,
                   default=None)
        if best is not None and best.population >= MIN_CITY_ACTOR_POPULATION:
            return best.country, best.feature.startswith("PPL")
        if bare:
            return None, False  # a lone province name may be a person's ("Victoria")
        return self.countries.by_subdivision(chunk), False  # "Kerala police"

    def _kb_entry(self, text: str, name: str | None,
                  date: str | None) -> tuple[KBEntry | None, str | None, str]:
        """(entry, how it matched, the words after a matched prefix): ``exact`` when
        the phrase (without determiners) is a name or alias of the entry, ``name``
        for its proper-name part or surname, ``prefix`` (see :meth:`_kb_prefix`)."""
        tries = ((text, False, "exact"), (strip_determiners(text), False, "exact"),
                 (name, True, "name"))
        for cand, surname, how in tries:
            if cand:
                hit = self.kb.lookup(cand, date, surname=surname)
                if hit:
                    return hit, how, ""
        hit, rest = self._kb_prefix(strip_determiners(text), date)
        return hit, ("prefix" if hit else None), rest

    def known(self, text: str, date: str | None = None) -> KBEntry | None:
        """The KB entry a phrase names, whole or by its leading name (see
        :meth:`_kb_prefix`): "Red Cross officials" → the Red Cross."""
        return self._kb_entry(text, None, date)[0]

    def _kb_prefix(self, text: str, date: str | None) -> tuple[KBEntry | None, str]:
        """A known organisation whose name starts a longer capitalised name: "African
        Union Commission" → African Union, with "Commission" left over. People (KB
        entries with an office) are left out, and a one-word prefix counts only as
        an acronym ("UN Envoy", "NATO Commander"). A capitalised name followed by
        common nouns only is tried whole too ("Red Cross officials", "UN
        peacekeepers", "NATO peacekeeping troops"): the nouns are its people."""
        words = text.split()
        caps = next((i for i, w in enumerate(words) if not w[:1].isupper()), len(words))
        if caps == len(words):
            longest = len(words) - 1
        elif caps and all(w.isalpha() and w.islower() for w in words[caps:]):
            longest = caps
        else:
            return None, ""
        for n in range(longest, 0, -1):
            if n == 1 and not _acronym(words[0]):
                break  # one ordinary word is too weak a cue ("Congress Leader X")
            hit = self.kb.lookup(" ".join(words[:n]), date, surname=False)
            if hit is not None and hit.role is None:  # an office holder is a person
                return hit, " ".join(words[n:])
        return None, ""

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


def _only_name(text: str, desc: Descriptor) -> bool:
    """The phrase is a proper name and nothing else ("SONNA", "the PAN")."""
    return desc.name is not None and desc.name == strip_determiners(text) and not desc.role


def _acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 5 and letters.isupper()


def _state_media(text: str) -> bool:
    return any(w.lower().strip(",.") in STATE_MEDIA_WORDS for w in text.split())


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
