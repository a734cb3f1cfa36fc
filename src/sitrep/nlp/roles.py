"""Read a descriptor phrase: country cue, sector, title and the proper name in it.

``"Chinese Vice Premier Wang Yang"`` → country CHN (demonym), sector GOV, role
``Vice Premier``, name ``Wang Yang``. The role/sector words live in
``data/actors/sectors.tsv`` (documented there); country cues come from a
:class:`~sitrep.nlp.countries.CountryIndex`. Pure string work: no parse needed,
so ``resolve_actor`` and ``ActorStage`` share it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .countries import CountryIndex
from .data_files import rows

#: Words that split a phrase into head and modifier parts ("Minister | for National
#: Defense", "Muslim leaders | in France"); the head is in the first part with a match.
PREPOSITIONS = frozenset({"of", "for", "to", "in", "at", "from", "on", "with", "across",
                          "near", "between", "against"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "several",
                         "some", "many", "two", "three", "top", "senior", "new", "then",
                         "current", "largest", "prominent", "disgraced", "heavily", "armed",
                         "team", "group", "members", "member"})
#: Words that make a phrase relational: its sector comes from the actor it is
#: the counterpart of ("his Russian counterpart").
RELATIONAL = frozenset({"counterpart", "counterparts", "opposite", "colleague"})
MAX_PHRASE = 4
#: Words that may follow "Minister for/of" inside a title ("Minister for National
#: Defense", "Secretary of State", "Minister of the Armed Forces"); the first other
#: word ends the title (it is usually the person's name).
TITLE_COMPLEMENT = frozenset("""national defense defence foreign affairs home interior state
security finance economy trade justice health education armed forces the and public internal
external international cooperation development energy industry agriculture transport
information intelligence military war navy army air force staff general europe emergency
situations veterans homeland culture""".split())
#: Group words too generic to decide the sector when a more specific word precedes.
GENERIC_HEADS = frozenset({"force", "forces", "group", "unit"})

_TOKEN = re.compile(r"[A-Za-z][A-Za-z.\-]*(?:[’'][A-Za-z]+)?|[’']s\b")


@dataclass(frozen=True)
class SectorWord:
    """One lexicon entry."""

    phrase: str
    sector: str
    title: bool


@dataclass
class Descriptor:
    """What a phrase says about an actor."""

    country: str | None = None
    country_kind: str | None = None  # name, demonym, capital
    sector: str | None = None
    role: str | None = None
    name: str | None = None  # the proper-name part, if any
    relational: bool = False

    @property
    def empty(self) -> bool:
        """True when the phrase carries no cue at all."""
        return not (self.country or self.sector or self.name or self.relational)


class SectorLexicon:
    """Role and group words → sector, loaded from ``sectors.tsv``."""

    def __init__(self, entries: list[SectorWord] | None = None) -> None:
        self.entries: dict[tuple[str, ...], SectorWord] = {}
        for e in entries if entries is not None else _load_entries():
            self.entries[tuple(e.phrase.split())] = e

    def match(self, lowered: list[str], i: int) -> tuple[int, SectorWord] | None:
        """Longest entry starting at token ``i``: (length, entry) or None."""
        for n in range(min(MAX_PHRASE, len(lowered) - i), 0, -1):
            key = tuple(lowered[i:i + n])
            hit = self.entries.get(key) or self.entries.get(key[:-1] + (_singular(key[-1]),))
            if hit:
                return n, hit
        return None


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _load_entries() -> list[SectorWord]:
    return [SectorWord(phrase, sector, title == "1")
            for phrase, sector, title in rows("actors/sectors.tsv")]


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Word tokens of ``text`` as (start, end, surface); possessive 's kept apart."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        poss = re.search(r"[’']s$", word)
        if poss and len(word) > 2:
            out.append((m.start(), m.start() + poss.start(), word[:poss.start()]))
            out.append((m.start() + poss.start(), m.end(), word[poss.start():]))
        else:
            out.append((m.start(), m.end(), word))
    return out


def describe(text: str, countries: CountryIndex, lexicon: SectorLexicon) -> Descriptor:
    """Analyse a descriptor phrase (see module docstring)."""
    toks = tokens(text)
    low = [t[2].lower().rstrip(",") for t in toks]
    desc = Descriptor(relational=any(w in RELATIONAL for w in low))
    cues = countries.find_in(text)
    cue_tok: set[int] = set()
    for start, end, a3, kind in cues:
        cue_tok |= {i for i, t in enumerate(toks) if t[0] < end and t[1] > start}
    if cues:
        desc.country, desc.country_kind = cues[0][2], cues[0][3]
    matches = _matches(low, lexicon, cue_tok)
    head = _head(matches, low)
    used: set[int] = set()
    if head is not None:
        i, n, entry = head
        desc.sector = entry.sector
        if entry.title:
            desc.role, used = _role_text(text, toks, low, matches, i, cue_tok)
    desc.name = _proper_name(text, toks, low, matches, cue_tok | used)
    return desc


def _matches(low: list[str], lexicon: SectorLexicon, skip: set[int]):
    out, i = [], 0
    while i < len(low):
        hit = None if i in skip else lexicon.match(low, i)
        if hit:
            out.append((i, hit[0], hit[1]))
            i += hit[0]
        else:
            i += 1
    return out


def _head(matches, low: list[str]):
    """Rightmost match of the first preposition-delimited part that has one."""
    if not matches:
        return None
    bounds = [i for i, w in enumerate(low) if w in PREPOSITIONS]
    parts, start = [], 0
    for b in bounds + [len(low)]:
        parts.append((start, b))
        start = b + 1
    for lo, hi in parts:
        inside = [m for m in matches if lo <= m[0] < hi]
        if len(inside) > 1 and inside[-1][2].phrase in GENERIC_HEADS:
            return inside[-2]  # "the rebel FDLR force": the modifier says who
        if inside:
            return inside[-1]
    return matches[-1]


def _role_text(text, toks, low, matches, i, cue_tok) -> tuple[str, set[int]]:
    """The title as written: from the first title word of the head's run to the
    last title word, with its prepositional complement ("Minister for National
    Defense"), without country cues and determiners."""
    titled = sorted(m for m in matches if m[2].title)
    first = i
    for m in reversed([m for m in titled if m[0] <= i]):
        if m[0] + m[1] == first or m[0] == first:
            first = m[0]
    last = i + next(n for j, n, _ in matches if j == i) - 1
    j = last + 1
    # "Minister for National Defense": a preposition followed by capitalised words
    if j < len(low) and low[j] in ("for", "of") and j + 1 < len(toks) and low[j + 1] in TITLE_COMPLEMENT:
        k = j + 1
        while k < len(toks) and low[k] in TITLE_COMPLEMENT and k not in cue_tok:
            k += 1
        if k > j + 1:
            last = k - 1
    while first < last and (low[first] in DETERMINERS or first in cue_tok):
        first += 1
    while last > first and low[last] in ("the", "and", "of", "for"):
        last -= 1
    return text[toks[first][0]:toks[last][1]], set(range(first, last + 1))


def _proper_name(text, toks, low, matches, cue_tok) -> str | None:
    """The last run of capitalised tokens that are neither lexicon words nor cues."""
    covered = set(cue_tok)
    for i, n, _ in matches:
        covered |= set(range(i, i + n))
    runs, cur = [], []
    for k, t in enumerate(toks):
        word = t[2]
        ok = k not in covered and word[:1].isupper() and low[k] not in DETERMINERS \
            and not word.startswith(("'", "’"))
        if ok or (cur and low[k] in ("de", "bin", "al", "al-", "von", "van", "la", "le", "da", "los")):
            cur.append(k)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    if not runs:
        return None
    run = runs[-1]
    while run and low[run[-1]] in ("de", "bin", "al", "von", "van", "la", "le", "da", "los"):
        run = run[:-1]
    return text[toks[run[0]][0]:toks[run[-1]][1]] if run else None
