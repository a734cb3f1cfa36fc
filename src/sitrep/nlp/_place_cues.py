"""Cues in the text and in a toponym's own words that ``PlaceStage`` weighs.

Our own small rules (no library reads these cues). The first two are what a
reader of local news uses to tell the paper's own town from a famous namesake
(LGL: "Athens City Council" in the Athens Review is Athens, Texas). The writing
style of the text (AP dates "Sept. 8", "7 p.m.", "£") is deliberately *not* a
cue: it was tried (LGL country 0.9661 -> 0.9774) and dropped, because US defence
outlets write AP style about foreign cities ("talks in Dublin and London ... at
7 p.m." read as Dublin, Ohio and London, Ontario). Where a site is, is learned
from the places its own articles name instead (``site_places``).

* **Municipal use** — the toponym names a municipality: "Athens City Council",
  "City of Oxford" (strong), "Lebanon police", "a Berea man", "the Jordan boys
  team" (weak). The prior that a bare name is the world capital
  (``CAPITAL_BONUS``) is no prior for such a use; a country has no city council, so
  a strong use sets its country reading aside when it has towns, while a weak one
  ("Lebanon residents", common in defence news) leaves the country its reading.
* **Apposition** — "Toronto, Ontario" / "Belgrade, Minn.": the name after the
  comma contains the one before it (``places`` ignores a town after the comma:
  "Athens, Alexandria and Haifa" is a list).
* **World regions** — "European ministers", "NATO": a text about abroad, where
  the home of the publishing site is no evidence (``places``).

The rest — :func:`norm`, :func:`name_variants`, :func:`proper_name` — read a
toponym's own words.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

#: Words after a toponym that make it a municipality's name: a town's institutions
#: (a country has none of these, so its country reading is set aside). Municipal
#: use on LGL: country 0.9709 -> 0.9774 (halves 0.9755/0.9655 -> 0.9806/0.9737),
#: measured with the style cue and before the split below.
_MUNICIPAL_AFTER = re.compile(
    r"\s+(?:City Council|city council|City Hall|city hall|City Manager|city manager|"
    r"Police Department|Fire Department|Fire Chief|"
    r"High School|Middle School|middle school|Elementary|Public Schools?|"
    r"(?:Independent |City )?School District|Board of Education|Public Library|"
    r"Township|Parks and Recreation)\b")
#: Words a town shares with a country ("Lebanon residents", "Jordan police",
#: "Georgia residents" in defence news): they take away the capital prior only, the
#: country keeps its reading and prior. Splitting them off cost LGL country 0.9790 ->
#: 0.9783 (halves 0.9781/0.9801 -> 0.9772/0.9796, 3 toponyms) and fixed those three
#: defence sentences; capitalised "Police" strong instead: same LGL figure.
_WEAK_AFTER = re.compile(r"\s+(?:Police|police|firefighters|Mayor|mayor|residents?)\b")
#: ... and before it ("City of Athens").
_MUNICIPAL_BEFORE = re.compile(r"\b(?:City|Town|Village|Borough|Mayor) of\s+$")
#: Its people ("a Berea man", "the Jordan boys"): 0.9756 -> 0.9765 over requiring
#: "a"/"an" before the name. ("Danielle Taylor of Paris" was tried and dropped: it
#: also reads "Bank of America" as a town, net -2 toponyms.)
_RESIDENT = re.compile(r"\s+(?:man|men|woman|women|boys?|girls?|teens?|couple|family|natives?)\b")


#: Strength of a municipal use: none, weak (no capital/country prior), strong (and
#: no country reading either).
NONE, WEAK, STRONG = 0, 1, 2


#: World regions and alliances: a text naming them reports from abroad (for a US,
#: UK or Canadian site) even when it names no country ("European ministers"). On
#: LGL the same figures with or without it: it is there for defence news.
_WORLD_REGION = re.compile(
    r"\b(?:Europe|Europeans?|EU|NATO|Middle East|Mideast|Asia|Asians?|Africa|Africans?|"
    r"Latin America|Gulf states|Balkans?|Baltic|Caucasus|Indo-Pacific|Arctic|"
    r"Kremlin)\b(?![- ]Americans?\b)")  # "African American" is no region abroad


def world_region(text: str) -> bool:
    """Whether ``text`` names a world region or alliance (see ``_WORLD_REGION``)."""
    return bool(_WORLD_REGION.search(text))


def municipal_use(text: str, start: int, end: int) -> int:
    """How surely the toponym at ``text[start:end]`` names a municipality:
    ``STRONG`` for a town's institution ("Athens City Council", "City of Oxford"),
    ``WEAK`` for words a country shares ("Lebanon residents", "a Berea man")."""
    after = text[end:end + 40]
    before = text[max(0, start - 20):start]
    if _MUNICIPAL_AFTER.match(after) or _MUNICIPAL_BEFORE.search(before):
        return STRONG
    return WEAK if _WEAK_AFTER.match(after) or _RESIDENT.match(after) else NONE


def containers(text: str, spans: list[tuple[int, int, str]]) -> dict[int, int]:
    """Span index → index of the span that follows it as "A, B" (B contains A)."""
    order = sorted(range(len(spans)), key=lambda k: spans[k][0])
    out = {}
    for a, b in itertools.pairwise(order):
        gap = text[spans[a][1]:spans[b][0]]
        if gap in (", ", ","):
            out[a] = b
    return out


#: Generic words around a local name that the cities-only gazetteer lacks as such:
#: "Neches River" / "Lake Robinson" / "Hamilton Township" / "Port of Los Angeles" are
#: looked up again as "Neches" / "Robinson" / "Hamilton" / "Los Angeles" (a town of
#: that name is usually the one the feature is named after, or next to it).
GENERIC_SUFFIXES = ("river", "creek", "township", "twp", "lake", "valley", "park", "islands",
                    "island", "national park", "national lakeshore", "national forest",
                    "station", "village", "city", "county", "co", "parish", "borough",
                    "mountains", "mountain", "hills", "bay")
GENERIC_PREFIXES = ("lake", "mount", "mt", "port of", "fort", "downtown", "north", "south",
                    "east", "west", "northern", "southern", "eastern", "western", "central",
                    "upper", "lower", "greater")
#: Lower-case words that may sit inside a place name.
NAME_CONNECTORS = frozenset({"of", "de", "del", "la", "le", "les", "on", "upon", "am", "an",
                             "der", "du", "el", "al", "and", "y", "sur", "en"})
#: Abbreviated compass words in names ("W. Columbia" → "West Columbia").
COMPASS_ABBR = {"n": "north", "s": "south", "e": "east", "w": "west"}


def norm(name: str) -> str:
    """Index key: accents removed, case-folded, punctuation collapsed to spaces."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’'`]", "", text.casefold())
    return re.sub(r"[^\w]+", " ", text).strip()


def name_variants(name: str) -> list[str]:
    """Shorter forms of a local name to look up when the name itself is unknown."""
    words = norm(name).split()
    if words and words[0] in COMPASS_ABBR and len(words) > 1:
        words = [COMPASS_ABBR[words[0]], *words[1:]]
    out = [" ".join(words)]
    for suffix in GENERIC_SUFFIXES:
        sw = suffix.split()
        if len(words) > len(sw) and words[-len(sw):] == sw:
            out.append(" ".join(words[:-len(sw)]))
            if sw[0] in ("co", "county"):
                out.insert(1, " ".join(words[:-len(sw)] + ["county"]))
    for prefix in GENERIC_PREFIXES:
        pw = prefix.split()
        if len(words) > len(pw) and words[:len(pw)] == pw:
            out.append(" ".join(words[len(pw):]))
    return [v for v in dict.fromkeys(out) if v and v != norm(name)]


def proper_name(text: str) -> bool:
    """Every word capitalised, but for name connectors ("Port of Spain")."""
    words = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE).split()
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() or w in NAME_CONNECTORS
                               for w in words)
