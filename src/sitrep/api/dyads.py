"""Dyad time series: counts by type per period and a cooperation–conflict score.

The score of a period is the mean weight of its events (a Goldstein-like value
in [-10, +10]); the weights come from ``sitrep.events`` (``dyads.WEIGHTS`` if
that module provides it, else ``types.WEIGHTS``). Without weights the series
has counts only and ``score`` is None.
"""

from __future__ import annotations

from typing import Any


def load_weights() -> dict[str, float] | None:
    """The cooperation–conflict weight of each PLOVER type, if the event coder ships one."""
    try:
        from ..events import dyads as D  # owned by the event-coding work

        weights = getattr(D, "WEIGHTS", None)
        if weights:
            return dict(weights)
    except ImportError:
        pass
    try:
        from ..events.types import WEIGHTS

        return dict(WEIGHTS)
    except ImportError:
        return None


def series(rows: list[dict[str, Any]], weights: dict[str, float] | None) -> list[dict[str, Any]]:
    """Group ``{"period","type","count"}`` rows into one entry per period.

    Each entry is ``{"period", "counts": {TYPE: n}, "total", "score", "score_sum"}``.
    """
    periods: dict[str, dict[str, int]] = {}
    for r in rows:
        counts = periods.setdefault(r["period"], {})
        counts[r["type"]] = counts.get(r["type"], 0) + int(r["count"])
    out = []
    for period in sorted(periods):
        counts = periods[period]
        total = sum(counts.values())
        score = score_sum = None
        if weights is not None:
            weighted = [(weights[t], n) for t, n in counts.items() if t in weights]
            n_w = sum(n for _, n in weighted)
            score_sum = round(sum(w * n for w, n in weighted), 3)
            score = round(score_sum / n_w, 3) if n_w else None
        out.append({"period": period, "counts": dict(sorted(counts.items())), "total": total,
                    "score": score, "score_sum": score_sum})
    return out


def period_range(period: str) -> tuple[str, str]:
    """First and last day (YYYY-MM-DD prefixes) of a period label, for click-through."""
    from datetime import date, timedelta

    if "-W" in period:
        year, week = period.split("-W")
        start = date.fromisocalendar(int(year), int(week), 1)
        return start.isoformat(), (start + timedelta(days=6)).isoformat()
    return period, period
