"""Country names, demonyms and capitals → ISO 3166-1 alpha-3.

The tables come from installed packages, not from hand-typed lists:
``pycountry`` (ISO names, official and common names, and the ISO 3166-3 names of
countries that changed: "Zaire" → COD, "Upper Volta" → BFA, where the change left
one successor), ``countryinfo`` (alternative spellings, demonym, capital with
coordinates, country centre; a demonym several entries share — "Indian",
"Dominican" — goes to the most populous of them).
(``country_converter`` 1.3.2 fails to build its regex table with the pandas
installed here — Namibia's ISO2 "NA" is read as a missing value — so it is not
used; its table's regexes are search fragments, not names, so they are not read
directly either.) :data:`CURATED_NAMES`/:data:`CURATED_DEMONYMS` add the few forms
news text uses that none of the packages has (``U.S.``, ``Saudi``, ``Kosovo``;
plural demonyms are derived).

A ``CountryIndex`` is built once and handed to whoever needs it; it holds no
process-wide state.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Forms frequent in news that pycountry/countryinfo lack (checked against both
#: packages: each key below is missing from them or maps elsewhere there).
CURATED_NAMES: dict[str, str] = {
    "u.s.": "USA", "u.s": "USA", "u.s.a.": "USA", "america": "USA", "united states": "USA",
    "uk": "GBR", "u.k.": "GBR", "britain": "GBR", "great britain": "GBR", "england": "GBR",
    "scotland": "GBR", "wales": "GBR", "uae": "ARE", "kosovo": "XKX", "syria": "SYR",
    "russia": "RUS", "vietnam": "VNM", "laos": "LAO", "north korea": "PRK",
    "south korea": "KOR", "dprk": "PRK", "republic of china": "TWN",
    "mainland china": "CHN", "prc": "CHN", "holland": "NLD", "czechia": "CZE",
    "turkey": "TUR", "burma": "MMR", "palestine": "PSE", "us": "USA",
    "usa": "USA", "palestinian territory": "PSE", "palestinian territories": "PSE",
    "gaza": "PSE", "gaza strip": "PSE", "west bank": "PSE", "soviet union": "RUS", "ussr": "RUS", "east germany": "DEU",
    "west germany": "DEU", "macedonia": "MKD", "kampuchea": "KHM",
    "islamic republic": "IRN",  # news metonym for Iran ("the Islamic Republic")
}

#: Demonyms news uses that countryinfo's single demonym per country misses.
CURATED_DEMONYMS: dict[str, str] = {
    "saudi": "SAU", "emirati": "ARE", "kosovar": "XKX", "kosovan": "XKX", "soviet": "RUS",
    "north korean": "PRK", "south korean": "KOR", "palestinian": "PSE", "afghan": "AFG",
    "filipino": "PHL", "philippine": "PHL", "dutch": "NLD", "czech": "CZE",
    "british": "GBR", "english": "GBR", "american": "USA", "ivorian": "CIV",
    "congolese": "COD", "bosnian": "BIH", "turkish": "TUR", "burmese": "MMR",
    "iranian": "IRN", "israeli": "ISR", "u.s.": "USA", "us": "USA", "sinhalese": "LKA",
    # the noun forms ("Serb forces", "Turks"), where countryinfo has the adjective
    "serb": "SRB", "croat": "HRV", "bosniak": "BIH", "turk": "TUR", "kyrgyz": "KGZ",
    "tajik": "TJK", "uzbek": "UZB", "kazakh": "KAZ", "azeri": "AZE", "swede": "SWE",
    "kampuchean": "KHM",
}

#: Capital spellings in news that differ from countryinfo's (``Washington D.C.``).
CURATED_CAPITALS: dict[str, str] = {
    "washington": "USA", "washington, d.c.": "USA", "washington dc": "USA",
    "kiev": "UKR", "new delhi": "IND", "delhi": "IND", "peking": "CHN",
    "rangoon": "MMR", "naypyidaw": "MMR", "jerusalem": "ISR", "tel aviv": "ISR",
    "pyongyang": "PRK", "seoul": "KOR", "tehran": "IRN", "teheran": "IRN",
}

#: Shortest alternative spelling kept from countryinfo; shorter ones are codes
#: ("CN", "US") that collide with ordinary words when matched case-insensitively.
MIN_ALIAS_LEN = 4
#: Subdivision names made only of these words ("North", "Central", "Upper East")
#: are directions, not names, in running text.
GENERIC_REGION_WORDS = frozenset("""north south east west northern southern eastern western
central centre center upper lower greater middle capital coast coastal islands island
lakes lake mountain mountains river valley far north-east north-west south-east south-west
northeast northwest southeast southwest region district province state city""".split())
_WORD = re.compile(r"[A-Za-z][\w.\-]*(?:[’']s)?")
_SUFFIX = re.compile(r"[’']s$|-(based|led|backed|born)$")
#: Longest country cue in words ("Democratic People's Republic of Korea").
MAX_CUE_WORDS = 6


@dataclass(frozen=True)
class CountryInfo:
    """What sitrep needs to know about one country."""

    alpha3: str
    name: str
    demonym: str | None
    capital: str | None
    lat: float | None
    lon: float | None
    capital_lat: float | None
    capital_lon: float | None


class CountryIndex:
    """Look up countries by name, demonym or capital (case-insensitive)."""

    def __init__(self) -> None:
        self.countries: dict[str, CountryInfo] = {}
        self._names: dict[str, str] = {}
        self._demonyms: dict[str, str] = {}
        self._capitals: dict[str, str] = {}
        self._subdivisions: dict[str, str] | None = None  # built on first use
        self._load()

    def _load(self) -> None:
        import countryinfo
        import pycountry

        demonym_pop: dict[str, list[tuple[int, str]]] = {}
        for c in countryinfo.all_countries():
            info = c.info()
            a3 = (info.get("ISO") or {}).get("alpha3")
            if not a3:
                continue
            ll = info.get("latlng") or [None, None]
            if a3 in self.countries and self.countries[a3].lat is not None:
                ll = None  # a second record of a known country (Wales → GBR): names only
            cl = info.get("capital_latlng") or [None, None]
            if ll is not None:
                ll = ll or [None, None]
                self.countries[a3] = CountryInfo(
                    a3, info["name"], info.get("demonym") or None,
                    (_as_list(info.get("capital")) or [None])[0],
                    _f(ll[0]) if ll else None, _f(ll[1]) if len(ll) > 1 else None,
                    _f(cl[0]) if cl else None, _f(cl[1]) if len(cl) > 1 else None)
            self._names.setdefault(_norm(info["name"]), a3)
            for alt in info.get("altSpellings") or []:
                if len(alt) >= MIN_ALIAS_LEN:
                    self._names.setdefault(_norm(alt), a3)
            if info.get("demonym"):
                demonym_pop.setdefault(_norm(info["demonym"]), []).append(
                    (int(info.get("population") or 0), a3))
            for cap in _as_list(info.get("capital")):
                self._capitals.setdefault(_norm(cap), a3)
        for c in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                val = getattr(c, attr, None)
                if val:
                    self._names.setdefault(_norm(val), c.alpha_3)
        for h in pycountry.historic_countries:
            successor = pycountry.countries.get(alpha_2=h.alpha_4[2:])
            if successor is not None:
                for form in _historic_forms(h.name):
                    self._names.setdefault(_norm(form), successor.alpha_3)
        for demonym, owners in demonym_pop.items():
            self._demonyms[demonym] = max(owners)[1]
        for key, a3 in list(self._names.items()):  # news writes "St. Kitts and Nevis"
            if key.startswith("saint "):
                for abbr in ("st. ", "st "):
                    self._names.setdefault(abbr + key[len("saint "):], a3)
        self._names.update(CURATED_NAMES)
        self._demonyms.update(CURATED_DEMONYMS)
        self._capitals.update(CURATED_CAPITALS)
        for c in pycountry.countries:  # "Bosnia", "Trinidad": see _first_part
            part = _first_part(c.name)
            if part and part not in self._demonyms and part[:-1] not in self._demonyms:
                self._names.setdefault(part, c.alpha_3)
        # words a cue may start with → its longest length, so that find_in tries
        # only the lengths some cue has at each word
        self._cue_len: dict[str, int] = {"the": MAX_CUE_WORDS}
        for key in [*self._names, *self._demonyms, *self._capitals]:
            toks = _WORD.findall(key)
            if toks:
                first = _first_key(toks[0])
                self._cue_len[first] = max(self._cue_len.get(first, 0), len(toks))

    def name_of(self, alpha3: str) -> str:
        """Common English name of a country (the code itself if unknown)."""
        info = self.countries.get(alpha3)
        return info.name if info else alpha3

    def all_names(self) -> dict[str, str]:
        """Every known country name (lower case) → alpha-3 (a copy)."""
        return dict(self._names)

    def all_demonyms(self) -> dict[str, str]:
        """Every known demonym (lower case) → alpha-3 (a copy)."""
        return dict(self._demonyms)

    def by_name(self, text: str) -> str | None:
        """Alpha-3 of a country name ("China", "the Russian Federation", "U.S.")."""
        key = _norm(text)
        return self._names.get(key) or self._names.get(_strip_the(key))

    def by_demonym(self, text: str) -> str | None:
        """Alpha-3 of a demonym or its plural ("Chinese", "Russians", "Saudi")."""
        key = _norm(text)
        hit = self._demonyms.get(key)
        if hit is None and key.endswith("s"):
            hit = self._demonyms.get(key[:-1])
        return hit

    def by_capital(self, text: str) -> str | None:
        """Alpha-3 of the country whose capital is ``text`` ("Beijing" → CHN)."""
        return self._capitals.get(_norm(text))

    def by_subdivision(self, text: str) -> str | None:
        """Alpha-3 of the one country with a state/province/region of that name
        (ISO 3166-2 via pycountry: "Rakhine" → MMR, "Lancashire" → GBR); None for
        a name several countries share ("Punjab") or that is also a country."""
        if self._subdivisions is None:
            self._subdivisions = _subdivision_index(self._names)
        return self._subdivisions.get(_norm(text)) or None

    def any(self, text: str) -> str | None:
        """Alpha-3 from a name, demonym or possessive ("China's"); capitals excluded."""
        key = re.sub(r"[’']s$", "", text.strip())
        return self.by_name(key) or self.by_demonym(key)

    def find_in(self, text: str) -> list[tuple[int, int, str, str]]:
        """All country cues in ``text``: ``(start, end, alpha3, kind)`` with kind
        ``name``, ``demonym`` or ``capital``; longest match first, no overlaps. A
        demonym after "ethnic" names an ethnic group, not a country: left out."""
        found: list[tuple[int, int, str, str]] = []
        words = list(_WORD.finditer(text))
        i = 0
        while i < len(words):
            hit = None
            first = _first_key(words[i].group())
            longest = max(self._cue_len.get(first, 0),
                          self._cue_len.get(first[:-1], 0) if first.endswith("s") else 0)
            for n in range(min(MAX_CUE_WORDS, longest), 0, -1):  # no cue starts here: none
                if i + n > len(words):
                    continue
                start, end = words[i].start(), words[i + n - 1].end()
                chunk = _SUFFIX.sub("", text[start:end]).rstrip(".,") or text[start:end]
                if not chunk[:1].isupper():
                    continue
                for kind, fn in (("name", self.by_name), ("demonym", self.by_demonym),
                                 ("capital", self.by_capital)):
                    a3 = fn(chunk) if (n > 1 or chunk.lower() != "us" or chunk == "US") else None
                    if a3:
                        hit = (start, start + len(chunk), a3, kind, n)
                        break
                if hit:
                    break
            if hit:
                if not (hit[3] == "demonym" and i and words[i - 1].group().lower() == "ethnic"):
                    found.append(hit[:4])  # "ethnic Albanians" of Macedonia are no Albania
                i += hit[4]
            else:
                i += 1
        return found


def _as_list(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    return [v for v in value or [] if isinstance(v, str) and v]


def _first_key(word: str) -> str:
    """A word as find_in's chunks are looked up: no possessive, no "-based"."""
    return _norm(_SUFFIX.sub("", word).rstrip(".,"))


def _norm(text: str) -> str:
    """Lookup key: lower case, accents removed ("Côte" = "cote"), one apostrophe."""
    if text.isascii():
        return re.sub(r"\s+", " ", text.strip().lower())
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text.strip().lower())


def _subdivision_index(names: dict[str, str]) -> dict[str, str]:
    """Subdivision name → alpha-3, "" where countries share it; country names out.
    Names shorter than :data:`MIN_ALIAS_LEN` are codes or fragments: left out."""
    import pycountry

    out: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None:
            continue
        for form in {sub.name, re.sub(r"\s*\(.*\)$", "", sub.name)}:
            key = _norm(form)
            if len(key) < MIN_ALIAS_LEN or key in names or set(key.split()) <= GENERIC_REGION_WORDS:
                continue
            out[key] = country.alpha_3 if out.get(key, country.alpha_3) == country.alpha_3 else ""
    return out


def _first_part(name: str) -> str | None:
    """The first of two coordinated names ("Bosnia and Herzegovina" → "bosnia"),
    which news uses for the whole country; None for other names, and for parts
    too short to be names. Callers skip parts that are demonyms ("Turks and Caicos")."""
    head, sep, _ = _norm(name).partition(" and ")
    return head if sep and len(head) >= MIN_ALIAS_LEN and "," not in head else None


def _historic_forms(name: str) -> list[str]:
    """ISO 3166-3 "Zaire, Republic of" → itself, "Zaire", "Republic of Zaire"."""
    head, _, tail = name.partition(",")
    forms = [name, head.strip()]
    if tail.strip():
        forms.append(f"{tail.strip()} {head.strip()}")
    return forms


def _strip_the(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


def _f(x: object) -> float | None:
    try:
        return float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
