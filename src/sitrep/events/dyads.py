"""Country dyads: events per ordered country pair and period, with a
cooperation–conflict score.

An event with actor countries A and recipient countries R counts once for every
ordered pair (a, r), a ≠ r. A reciprocal event (no recipient, two or more
actor countries) counts for both directions of every pair of its actors.
Happenings (``merge.Happening``) count once however many articles report them;
plain events count once each.

The score of a pair is the sum of the Goldstein-like weights of its events
(``types.WEIGHTS``: +10 most cooperative … -10 most conflictual, from the
CAMEO root codes the CAMEO→PLOVER crosswalk maps to each type; Goldstein 1992
values), with the mean per event beside it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .types import GOLDSTEIN_ROOT, WEIGHTS

PERIODS = ("day", "week", "month")


@dataclass
class DyadRow:
    """Counts of one ordered country pair in one period."""

    source: str
    target: str
    period: str
    counts: Counter = field(default_factory=Counter)
    score: float = 0.0

    @property
    def total(self) -> int:
        """Number of events of the pair in the period."""
        return sum(self.counts.values())

    @property
    def mean_score(self) -> float:
        """Mean weight per event (cooperation > 0 > conflict)."""
        return self.score / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        """Flat dict: source, target, period, total, score, mean_score and one column per type."""
        return {"source": self.source, "target": self.target, "period": self.period,
                "total": self.total, "score": round(self.score, 3),
                "mean_score": round(self.mean_score, 3), **dict(sorted(self.counts.items()))}


def period_key(iso: str, period: str) -> str:
    """The period an ISO date falls in: the day, the Monday of its week, or ``YYYY-MM``."""
    d = date.fromisoformat(iso[:10])
    if period == "day":
        return d.isoformat()
    if period == "week":
        return (d - timedelta(days=d.weekday())).isoformat()
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    raise ValueError(f"unknown period {period!r}; known: {PERIODS}")


def pairs(event_type: str, actors: Iterable[str], recipients: Iterable[str]) -> list[tuple[str, str]]:
    """The ordered country pairs an event counts for."""
    a = sorted(set(actors))
    r = sorted(set(recipients))
    if r:
        return [(x, y) for x in a for y in r if x != y]
    return [(x, y) for x in a for y in a if x != y]


def dyad_counts(items: Iterable[Any], period: str = "day",
                weights: Mapping[str, float] = WEIGHTS) -> list[DyadRow]:
    """Dyad rows from events, event dicts or happenings; undated items are skipped."""
    rows: dict[tuple[str, str, str], DyadRow] = {}
    for etype, actors, recipients, iso in (_fields(i) for i in items):
        if not iso:
            continue
        key_period = period_key(iso, period)
        for src, tgt in pairs(etype, actors, recipients):
            row = rows.setdefault((src, tgt, key_period), DyadRow(src, tgt, key_period))
            row.counts[etype] += 1
            row.score += weights.get(etype, 0.0)
    return sorted(rows.values(), key=lambda r: (r.period, r.source, r.target))


def _fields(item: Any) -> tuple[str, list[str], list[str], str | None]:
    if hasattr(item, "supports"):  # a Happening
        return (item.type, [c for c in item.actors if not c.startswith("name:")],
                [c for c in item.recipients if not c.startswith("name:")], item.date)
    if isinstance(item, Mapping):
        get = item.get
        args = lambda xs: [a.get("country") if isinstance(a, Mapping) else a.country for a in xs or []]  # noqa: E731
        return get("type"), [c for c in args(get("actors")) if c], \
            [c for c in args(get("recipients")) if c], get("date")
    return (item.type, [a.country for a in item.actors if a.country],
            [a.country for a in item.recipients if a.country], item.date)


def derive_weights(crosswalk: Path) -> dict[str, float]:
    """Recompute ``types.WEIGHTS`` from the CAMEO→PLOVER crosswalk file: the mean
    Goldstein root value over the CAMEO codes mapped to each PLOVER type."""
    values: dict[str, list[float]] = defaultdict(list)
    for line in crosswalk.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*(\d{3,4}):\s*([A-Z]+)\s*,", line)
        if m:
            values[m[2]].append(GOLDSTEIN_ROOT[m[1][:2]])
    return {t: round(sum(v) / len(v), 1) for t, v in values.items()}


def series(rows: list[dict[str, Any]],
           weights: Mapping[str, float] | None = WEIGHTS) -> list[dict[str, Any]]:
    """Group ``{"period","type","count"}`` rows (``query.dyad_type_counts``) into one
    entry per period, as the CLI and the API show them.

    ``score`` is the mean weight of the period's happenings, ``score_sum`` their sum;
    without weights both are None.

    Each entry is ``{"period", "counts": {TYPE: n}, "total", "score", "score_sum"}``.
    """
    periods: dict[str, dict[str, int]] = {}
    for r in rows:
        counts = periods.setdefault(r["period"], {})
        counts[r["type"]] = counts.get(r["type"], 0) + int(r["count"])
    return period_series(periods, weights)


def period_series(periods: Mapping[str, Mapping[str, int]],
                  weights: Mapping[str, float] | None = WEIGHTS) -> list[dict[str, Any]]:
    """``series`` from counts already grouped by period (``{period: {TYPE: n}}``, as
    ``query.dyad_period_counts`` returns them: a weekly series of a busy pair has
    thousands of (period, type) rows, too many to turn into dicts and back)."""
    out = []
    for period in sorted(periods):
        counts = periods[period]
        total = sum(counts.values())
        score = score_sum = None
        if weights is not None:
            n_w, s_w = 0, 0.0
            for t, n in counts.items():
                w = weights.get(t)
                if w is not None:
                    n_w += n
                    s_w += w * n
            score_sum = round(s_w, 3)
            score = round(score_sum / n_w, 3) if n_w else None
        out.append({"period": period, "counts": dict(sorted(counts.items())), "total": total,
                    "score": score, "score_sum": score_sum})
    return out
