"""Country dyads: the ordered country pairs an event counts for, and the dyad
series with its cooperation–conflict score.

An event with actor countries A and recipient countries R counts once for every
ordered pair (a, r), a ≠ r. A reciprocal event (no recipient, two or more
actor countries) counts for both directions of every pair of its actors. The
store counts happenings per pair and period (``store.dyad_counts``: a happening
reported by many articles counts once); ``series`` turns those counts into what
the CLI and the API show.

The score of a period is the sum of the Goldstein-like weights of its happenings
(``types.WEIGHTS``: +10 most cooperative … -10 most conflictual, from the
CAMEO root codes the CAMEO→PLOVER crosswalk maps to each type; Goldstein 1992
values), with the mean per happening beside it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .types import GOLDSTEIN_ROOT, WEIGHTS


def pairs(event_type: str, actors: Iterable[str], recipients: Iterable[str]) -> list[tuple[str, str]]:
    """The ordered country pairs an event counts for."""
    a = sorted(set(actors))
    r = sorted(set(recipients))
    if r:
        return [(x, y) for x in a for y in r if x != y]
    return [(x, y) for x in a for y in a if x != y]


def derive_weights(crosswalk: Path) -> dict[str, float]:
    """Recompute ``types.WEIGHTS`` from the CAMEO→PLOVER crosswalk file: the mean
    Goldstein root value over the CAMEO codes mapped to each PLOVER type."""
    values: dict[str, list[float]] = defaultdict(list)
    for line in crosswalk.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*(\d{3,4}):\s*([A-Z]+)\s*,", line)
        if m:
            values[m[2]].append(GOLDSTEIN_ROOT[m[1][:2]])
    return {t: round(sum(v) / len(v), 1) for t, v in values.items()}


def series(periods: Mapping[str, Mapping[str, int]],
           weights: Mapping[str, float] | None = WEIGHTS) -> list[dict[str, Any]]:
    """The dyad series as the CLI and the API show it, from happening counts by
    period and type (``{period: {TYPE: n}}``, as ``query.dyad_period_counts``
    returns them), one entry per period in period order.

    Each entry is ``{"period", "counts": {TYPE: n}, "total", "score", "score_sum"}``:
    ``score`` is the mean weight of the period's happenings, ``score_sum`` their sum;
    without weights both are None.
    """
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
