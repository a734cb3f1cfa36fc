"""``geo-lgl``: toponym resolution on LGL (``shared/data/geo/lgl.xml``).

The mordecai3 setting: the **gold toponym spans** are given to
:class:`~sitrep.nlp.places.PlaceStage` as Location mentions (no NER errors), so
this measures resolution only. Scored over gold toponyms that have coordinates:

* ``acc_161km`` — share whose predicted point is within 161 km (100 miles) of the
  gold point; an unresolved toponym counts as a miss (goal ≥ 0.83);
* ``country_acc`` — share whose predicted country equals the gold country (goal ≥ 0.97);
* ``mean_km`` / ``median_km`` — error distance over the resolved ones;
* ``coverage`` — share resolved to a point;
* ``focus_only`` — share given only the article's focus country (a name the
  gazetteer lacks: feature ``FOCUS``, no point), and ``focus_only_country_acc``,
  how often that country is right.
"""

from __future__ import annotations

import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..errors import EvalDataError
from . import EvalOptions, EvalReport

ACC_KM = 161.0
GOAL_ACC, GOAL_COUNTRY = 0.83, 0.97


@dataclass
class GoldToponym:
    """One gold toponym of LGL."""

    start: int
    end: int
    phrase: str
    lat: float
    lon: float
    country: str | None  # alpha-3, None where the gold names no country


def read_lgl(path, limit: int | None = None) -> list[tuple[str, list[GoldToponym]]]:
    """(text, gold toponyms with coordinates) for each article of ``lgl.xml``."""
    from ..nlp.countries import CountryIndex

    if not path.exists():
        raise EvalDataError(f"LGL not found: {path}")
    countries = CountryIndex()
    out = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            g = t.find("gaztag")
            if g is None or g.findtext("lat") is None:
                continue
            cname = g.findtext("country")
            a3 = (countries.by_name(cname) if cname else None) or (
                countries.by_name(g.findtext("name") or "") if g.findtext("fcode", "").startswith("PCL") else None)
            gold.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")),
                                    t.findtext("phrase") or "", float(g.findtext("lat")),
                                    float(g.findtext("lon")), a3))
        out.append((text, gold))
        if limit and len(out) >= limit:
            break
    return out


def lgl(opts: EvalOptions) -> EvalReport:
    """Run the LGL evaluation (see module docstring)."""
    from ..nlp.places import Gazetteer, PlaceStage, distance_km

    t0 = time.perf_counter()
    gaz = Gazetteer.load()
    load_s = time.perf_counter() - t0
    stage = PlaceStage(gaz)
    data = read_lgl(opts.data_dir / "geo" / "lgl.xml", opts.limit)
    n = hits = country_n = country_ok = focus_n = focus_ok = 0
    errors: list[float] = []
    t1 = time.perf_counter()
    for text, gold in data:
        places = stage.resolve(text, [(g.start, g.end, g.phrase) for g in gold])
        by_span = {(p.start, p.end): p for p in places}
        for g in gold:
            n += 1
            p = by_span.get((g.start, g.end))
            if g.country:
                country_n += 1
                country_ok += bool(p and p.country == g.country)
            if p is not None and p.feature == "FOCUS":
                focus_n += 1
                focus_ok += p.country == g.country
            if p is None or p.lat is None:
                continue
            km = distance_km(g.lat, g.lon, p.lat, p.lon)
            errors.append(km)
            hits += km <= ACC_KM
    run_s = time.perf_counter() - t1
    metrics = {
        "toponyms": float(n),
        "acc_161km": hits / n if n else 0.0,
        "country_acc": country_ok / country_n if country_n else 0.0,
        "coverage": len(errors) / n if n else 0.0,
        "focus_only": focus_n / n if n else 0.0,
        "focus_only_country_acc": focus_ok / focus_n if focus_n else 0.0,
        "mean_km": statistics.fmean(errors) if errors else 0.0,
        "median_km": statistics.median(errors) if errors else 0.0,
        "gazetteer_load_s": load_s,
        "resolve_s": run_s,
    }
    lines = [
        f"articles {len(data)}, gold toponyms with coordinates {n} (gold spans given)",
        f"acc@161km {metrics['acc_161km']:.4f} (goal >= {GOAL_ACC})",
        f"country accuracy {metrics['country_acc']:.4f} over {country_n} (goal >= {GOAL_COUNTRY})",
        f"coverage {metrics['coverage']:.4f}; error km mean {metrics['mean_km']:.1f}, "
        f"median {metrics['median_km']:.1f}",
        f"focus country only (not in the gazetteer) {focus_n}, "
        f"its country right {metrics['focus_only_country_acc']:.4f}",
        f"gazetteer load {load_s:.2f}s, resolution {run_s:.2f}s",
    ]
    return EvalReport("geo-lgl", metrics, lines)
