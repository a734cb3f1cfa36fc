"""``ActorKB``: what sitrep knows about named actors, and where it learnt it.

Entries come from two places, always labelled:

* **seed** — curated lists, provenance ``"seed"``: ``data/actors/seed.tsv`` (hand
  picked: IGOs, armed forces, intelligence services, state media, legislatures,
  leaders of major states) and complete classes whose definitions head their files
  (``leaders.tsv``: every head of state/government 2010-2025; ``ministers.tsv``:
  foreign and defence ministers of the G20 and five regional powers;
  ``armed_groups.tsv``: US-designated FTOs and the armed groups of major conflicts;
  ``subnational.tsv``: the chief ministers of Pakistan's provinces 2010-2025);
* **corpus** — learnt by :meth:`ActorKB.learn` from an actor an article resolved from
  its own words ("Chinese Vice Premier Wang Yang"), provenance = the article id and
  the evidence phrase.

The KB is a plain in-memory object (no module-level state); ``to_rows`` /
``from_rows`` turn it into JSON-ready dicts for the storage layer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields, replace
from importlib import resources
from typing import Any

from ..models import Actor
from .data_files import rows_of

#: Romanisations of one name, matched as one ("Mohammed Hussein Roble" is the
#: seed's "Mohamed Hussein Roble"): news spells it every way.
MUHAMMAD = re.compile(r"\b(?:mohammed|mohamed|mohammad|mohamad|muhammed|muhammad)\b")
#: Acronyms up to this length match only with their exact case ("PAN" ≠ "pan").
ACRONYM_MAX = 5
#: A multi-word name the KB lacks matches an alias whose spelling skeleton (see
#: :func:`skeleton`) is at most one edit away, when that skeleton has at least this
#: many letters: romanisations of one Arabic or Somali name differ by a letter or
#: an article ("Ahlu Sunnah Wa-Jama" / "Ahlu Sunna Waljama'a"). Shorter skeletons
#: ("mamudkan") are left to exact matching: one edit there is another person.
#: Measured: NGEC +1 row (country and sector); over the 13.5k capitalised phrases of
#: the PLOVER and LGL texts it matched 11, all right ("Laurent Gbago", "Mahinda
#: Rajapakse", "Benjamin Netanyau", "United Nations Development Program").
SKELETON_MIN = 12


@dataclass
class KBEntry:
    """One fact: ``name`` was ``country``/``sector`` (as ``role``) from ``start`` to ``end``."""

    name: str
    country: str | None
    sector: str | None
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    start: str | None = None  # ISO date (or year) the fact begins, None = open
    end: str | None = None
    source: str = "seed"  # "seed" or the article id that taught it
    evidence: str | None = None  # the phrase that taught it
    count: int = 1  # how many articles confirmed it


def normalise(name: str) -> str:
    """Lookup key: case-folded, accents removed, spaces and dots collapsed."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"^(the)\s+", "", text.strip(), flags=re.IGNORECASE)
    text = re.sub(r"\s+", " ", text.replace("’", "'")).casefold().strip(" .,")
    return MUHAMMAD.sub("muhammad", text)


def skeleton(name: str) -> str:
    """Spelling skeleton of a name: its letters without spaces, hyphens,
    apostrophes or "h", doubled letters single ("Sunnah" = "Suna")."""
    letters = re.sub(r"[^a-z]", "", normalise(name).replace("h", ""))
    return re.sub(r"(.)\1+", r"\1", letters)


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1:] for i in range(len(key))}


class ActorKB:
    """Named actors → country, sector and role, with provenance."""

    def __init__(self, entries: list[KBEntry] | None = None) -> None:
        self.entries: list[KBEntry] = []
        self._by_key: dict[str, list[int]] = {}
        self._by_exact: dict[str, list[int]] = {}
        self._by_surname: dict[str, set[str]] = {}
        self._given: set[str] = set()  # given names of the KB's people
        # skeleton and one-letter deletions of it -> entries (see SKELETON_MIN)
        self._by_skeleton: dict[str, set[int]] = {}
        for e in entries or []:
            self.add(e)

    @classmethod
    def seeded(cls) -> ActorKB:
        """A KB holding the curated seed list only."""
        return cls(load_seed())

    def add(self, entry: KBEntry) -> None:
        """Index one entry under its name and aliases."""
        idx = len(self.entries)
        self.entries.append(entry)
        for alias in [entry.name, *entry.aliases]:
            if _is_acronym(alias):
                self._by_exact.setdefault(alias.strip(), []).append(idx)
            else:
                self._by_key.setdefault(normalise(alias), []).append(idx)
                skel = skeleton(alias)
                if len(alias.split()) > 1 and len(skel) >= SKELETON_MIN:
                    for key in {skel} | _deletions(skel):
                        self._by_skeleton.setdefault(key, set()).add(idx)
        if _person_like(entry):
            self._by_surname.setdefault(_surname(entry), set()).add(normalise(entry.name))
            self._given.add(_given_name(entry))

    def lookup(self, name: str, date: str | None = None, *, surname: bool = True) -> KBEntry | None:
        """Best entry for ``name`` at ``date``: exact name/alias first, then (if
        ``surname``) a unique surname ("Hagel" → Chuck Hagel) that is no one's given
        name in the KB ("Paul" may be Paul Kagame as well as Evans Paul). Among
        several facts about one name the one whose term covers ``date`` wins, then
        the latest corpus-learnt one, then the last term it left (a former office
        holder is ELI, see :func:`_former`), then the most recent term."""
        hits = self._by_exact.get(name.strip()) or self._by_key.get(normalise(name))
        if not hits and surname and " " not in name.strip() \
                and normalise(name) not in self._given:  # "Paul": Kagame? Evans Paul?
            full = self._by_surname.get(normalise(name), set())
            if len(full) == 1:
                hits = self._by_key.get(next(iter(full)))
        if not hits:
            hits = self._spelling_variant(name)
        if not hits:
            return None
        return _former(_pick([self.entries[i] for i in hits], date), date)

    def _spelling_variant(self, name: str) -> list[int]:
        """Entries of the one actor whose alias is one edit from ``name``'s skeleton
        (symmetric deletions: an insertion, deletion or substitution)."""
        skel = skeleton(name)
        if len(name.split()) < 2 or len(skel) < SKELETON_MIN:
            return []
        hits: set[int] = set()
        for key in {skel} | _deletions(skel):
            hits |= self._by_skeleton.get(key, set())
        if len({normalise(self.entries[i].name) for i in hits}) != 1:
            return []  # none, or two actors: no guess
        return sorted(hits)

    def learn(self, actor: Actor, article_id: str, sentence: str | None = None) -> KBEntry | None:
        """Remember an actor an article resolved from its own words.

        Only actors with a proper name and a country learnt from text (not from the
        KB itself, nor an antecedent) are kept; a repeat increments ``count``.
        """
        if not actor.country or not actor.name or actor.antecedent is not None:
            return None
        if (actor.provenance or "").startswith("kb"):
            return None
        for i in self._by_key.get(normalise(actor.name), []):
            e = self.entries[i]
            if e.source != "seed" and (e.country, e.sector) == (actor.country, actor.sector):
                e.count += 1
                return e
        entry = KBEntry(actor.name, actor.country, actor.sector, actor.role,
                        source=article_id, evidence=sentence or actor.provenance)
        self.add(entry)
        return entry

    def to_rows(self) -> list[dict[str, Any]]:
        """All entries as JSON-ready dicts."""
        return [asdict(e) for e in self.entries]

    @classmethod
    def from_rows(cls, rows: list[dict[str, Any]]) -> ActorKB:
        """Rebuild a KB from :meth:`to_rows` output (unknown keys, such as a
        store's own id column, are ignored)."""
        keep = {f.name for f in fields(KBEntry)}
        return cls([KBEntry(**{k: v for k, v in row.items() if k in keep}) for row in rows])

    def __len__(self) -> int:
        return len(self.entries)


#: Last words that mark an organisation's name, never a person's surname.
ORG_WORDS = frozenset({
    "party", "agency", "force", "forces", "army", "navy", "council", "union", "organization",
    "organisation", "group", "bank", "court", "assembly", "congress", "ministry", "department",
    "service", "fleet", "command", "times", "daily", "news", "office", "committee", "commission",
    "front", "movement", "corps", "guard", "league", "nations", "republic", "state", "states",
    "authority", "parliament"})


def _person_like(entry: KBEntry) -> bool:
    """Entries reachable by surname alone: named people (an office, or two to four
    capitalised words that do not end in an organisation word)."""
    words = entry.name.split()
    if not 2 <= len(words) <= 4 or words[-1].lower() in ORG_WORDS:
        return False
    return entry.role is not None or all(w[:1].isupper() for w in words)


#: Countries whose people's names are written family name first in English news
#: ("Park Jin", "Tsai Ing-wen", "Hun Sen"): their first word is the surname.
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "KOR", "PRK", "KHM"})
#: The sector of someone no longer in any office the KB records (PLOVER/NGEC "ELI":
#: former officials); the seed itself codes Trump 2021-2025 this way.
FORMER_SECTOR = "ELI"


def _surname(entry: KBEntry) -> str:
    words = normalise(entry.name).split()
    return words[0] if entry.country in FAMILY_NAME_FIRST else words[-1]


def _given_name(entry: KBEntry) -> str:
    words = normalise(entry.name).split()
    return words[-1] if entry.country in FAMILY_NAME_FIRST else words[0]


def _former(entry: KBEntry, date: str | None) -> KBEntry:
    """A seed office holder looked up at a date after the office ended is a former
    official: same country, sector ELI, role "former ...". Organisations (no role)
    and open-ended terms are returned as they are."""
    if not date or entry.role is None or entry.end is None or date < entry.end \
            or entry.source != "seed" or entry.sector not in ("GOV", "MIL", "LEG"):
        return entry
    return replace(entry, sector=FORMER_SECTOR, role=f"former {entry.role}")


def _is_acronym(alias: str) -> bool:
    a = alias.strip()
    return len(a) <= ACRONYM_MAX and a.replace(".", "").isupper()


def _covers(e: KBEntry, date: str) -> bool:
    return (e.start is None or e.start <= date) and (e.end is None or date < e.end)


def _pick(entries: list[KBEntry], date: str | None) -> KBEntry:
    if date:
        dated = [e for e in entries if _covers(e, date)]
        past = [e for e in entries if e.end is not None and e.end <= date]
        if dated:
            entries = dated
        elif past:  # between or after its terms: the last office it left
            entries = [max(past, key=lambda e: e.end or "")]
    learnt = [e for e in entries if e.source != "seed"]
    if learnt:
        return max(learnt, key=lambda e: e.count)
    return max(entries, key=lambda e: (e.end is None, e.start or ""))


#: The curated files, each a class of actors whose definition heads the file
#: (``seed.tsv``: hand-picked; the others: complete classes, see their headers).
SEED_FILES = ("seed.tsv", "leaders.tsv", "ministers.tsv", "armed_groups.tsv",
              "subnational.tsv")


def load_seed() -> list[KBEntry]:
    """The curated seed entries (see ``data/actors/*.tsv``, :data:`SEED_FILES`)."""
    root = resources.files("sitrep.nlp").joinpath("data/actors")
    out: list[KBEntry] = []
    for fname in SEED_FILES:
        out += _read_seed(root.joinpath(fname).read_text("utf-8"))
    return out


def _read_seed(text: str) -> list[KBEntry]:
    out = []
    for cols in rows_of(text):
        name, aliases, country, sector, role, start, end = (cols + [""] * 7)[:7]
        out.append(KBEntry(name, None if country in ("", "None") else country, sector or None,
                           role or None, [a for a in aliases.split("|") if a],
                           start or None, end or None, "seed", "seed list"))
    return out
