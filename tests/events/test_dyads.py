"""Dyad counts per ordered country pair and period, with the cooperation–conflict score."""

from pathlib import Path

import pytest

from sitrep.events import dyads, merge
from sitrep.events.types import WEIGHTS, cameo_root, penta_class, quad_class
from sitrep.models import Event, EventArg, Span


def ev(type_, actors, recipients, date, aid="a"):
    return Event(type_, Span(0, 1), actors=[EventArg(c, c, c) for c in actors],
                 recipients=[EventArg(c, c, c) for c in recipients], date=date,
                 date_precision="day", article_id=aid)


EVENTS = [
    ev("ASSAULT", ["ISR"], ["PSE"], "2013-08-19"),
    ev("ASSAULT", ["ISR"], ["PSE"], "2013-08-20"),
    ev("CONSULT", ["CHN"], ["USA"], "2013-08-19"),
    ev("COOPERATE", ["CHN", "RUS"], [], "2013-08-14"),
    ev("ACCUSE", ["PSE"], ["ISR"], "2013-09-02"),
]


def rows(period):
    return {(r.source, r.target, r.period): r for r in dyads.dyad_counts(EVENTS, period)}


def test_day_counts():
    r = rows("day")
    assert r[("ISR", "PSE", "2013-08-19")].counts == {"ASSAULT": 1}
    assert r[("CHN", "USA", "2013-08-19")].score == WEIGHTS["CONSULT"]
    assert ("USA", "CHN", "2013-08-19") not in r  # ordered pairs


def test_week_and_month_aggregate():
    w = rows("week")
    assert w[("ISR", "PSE", "2013-08-19")].total == 2
    assert w[("ISR", "PSE", "2013-08-19")].score == pytest.approx(2 * WEIGHTS["ASSAULT"])
    m = rows("month")
    assert m[("ISR", "PSE", "2013-08")].mean_score == pytest.approx(WEIGHTS["ASSAULT"])
    assert m[("PSE", "ISR", "2013-09")].counts == {"ACCUSE": 1}


def test_reciprocal_counts_both_directions():
    r = rows("week")
    assert r[("CHN", "RUS", "2013-08-12")].counts == {"COOPERATE": 1}
    assert r[("RUS", "CHN", "2013-08-12")].counts == {"COOPERATE": 1}


def test_happenings_count_once():
    copies = [ev("ASSAULT", ["ISR"], ["PSE"], "2013-08-19", aid=f"a{i}") for i in range(5)]
    happenings = merge.group(copies)
    assert [r.total for r in dyads.dyad_counts(happenings, "day")] == [1]
    assert [r.total for r in dyads.dyad_counts(copies, "day")] == [5]


def test_dict_input_and_as_dict():
    d = {"type": "AID", "actors": [{"country": "USA"}], "recipients": [{"country": "UKR"}],
         "date": "2022-03-01"}
    (row,) = dyads.dyad_counts([d], "month")
    assert row.as_dict()["AID"] == 1 and row.as_dict()["period"] == "2022-03"


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
