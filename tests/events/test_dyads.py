"""Dyad pairs and the dyad series with its cooperation–conflict score."""

from pathlib import Path

import pytest

from sitrep.events import dyads
from sitrep.events.types import WEIGHTS, cameo_root, penta_class, quad_class


def test_pairs_are_ordered_and_reciprocal_events_count_both_ways():
    assert dyads.pairs("CONSULT", ["CHN"], ["USA", "CHN"]) == [("CHN", "USA")]
    assert dyads.pairs("COOPERATE", ["RUS", "CHN"], []) == [("CHN", "RUS"), ("RUS", "CHN")]
    assert dyads.pairs("ASSAULT", ["ISR"], []) == []


def test_series_totals_and_scores_per_period():
    rows = dyads.series({"2013-09": {"ACCUSE": 1}, "2013-08": {"ASSAULT": 2, "CONSULT": 1}})
    assert [r["period"] for r in rows] == ["2013-08", "2013-09"]
    aug = rows[0]
    assert aug["total"] == 3 and aug["counts"] == {"ASSAULT": 2, "CONSULT": 1}
    expected = 2 * WEIGHTS["ASSAULT"] + WEIGHTS["CONSULT"]
    assert aug["score_sum"] == pytest.approx(expected)
    assert aug["score"] == pytest.approx(expected / 3, abs=1e-3)
    assert rows[1]["score"] == pytest.approx(WEIGHTS["ACCUSE"])
    unweighted = dyads.series({"2013-08": {"X": 1}}, weights=None)[0]
    assert (unweighted["score"], unweighted["score_sum"]) == (None, None)
    assert dyads.series({"2013-08": {"UNKNOWN": 2}})[0]["score"] is None


def test_scale_signs_and_classes():
    assert all(WEIGHTS[t] > 0 for t in ("AGREE", "COOPERATE", "AID"))
    assert all(WEIGHTS[t] < 0 for t in ("ACCUSE", "THREATEN", "ASSAULT"))
    assert quad_class("CONSULT") == 1 and quad_class("AID") == 2
    assert quad_class("THREATEN") == 3 and quad_class("ASSAULT") == 4
    assert penta_class(None) == 0 and cameo_root("ASSAULT", "heavy-weapons") == "19"


def test_weights_match_crosswalk():
    path = Path(__file__).resolve().parents[3] / "shared/data/events/CAMEO2PLOVER-2021.txt"
    if not path.exists():
        path = Path("/work/shared/data/events/CAMEO2PLOVER-2021.txt")
    if not path.exists():
        pytest.skip("crosswalk not available")
    assert dyads.derive_weights(path) == WEIGHTS
