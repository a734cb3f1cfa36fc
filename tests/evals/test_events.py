"""The event evaluations on a tiny hand-made data folder (2 folds), and their metrics."""

from __future__ import annotations

import json

import pytest

from sitrep.evals import EvalOptions, get
from sitrep.evals.events import _codes, _macro_f1, _plover_scores
from sitrep.models import Event, EventArg, Span

GSR = [
    ("T-1", "ASSAULT", "Israel attacked Gaza on Monday.", "ISR", "PSE"),
    ("T-2", "ASSAULT", "Israeli jets bombed Gaza.", "ISR", "PSE"),
    ("T-3", "CONSULT", "The Japanese prime minister met the French president in Paris.", "JAP", "FRA"),
    ("T-4", "CONSULT", "Egypt hosted Jordanian officials for talks.", "EGY", "JOR"),
    ("T-5", "DEMAND", "Ukraine demanded that Russia withdraw its troops.", "UKR", "RUS"),
    ("T-6", "DEMAND", "Poland urged Germany to send tanks.", "POL", "DEU"),
]
PENTA = [
    ("Police arrested ten protesters.", 4), ("Rebels shelled the town.", 4),
    ("The two leaders met in Geneva.", 1), ("France praised the deal.", 1),
    ("Japan sent aid to Nepal.", 2), ("The army withdrew from the village.", 2),
    ("Iran accused Israel of sabotage.", 3), ("Moscow rejected the offer.", 3),
    ("The minister said the talks were useful.", 0), ("The ship is 100 metres long.", 0),
]


@pytest.fixture
def data_dir(tmp_path):
    ev = tmp_path / "events"
    (ev / "cameo-pentaclass").mkdir(parents=True)
    lines = [json.dumps({"id": i, "event": t, "text": x, "date": "2013-08-20",
                         "source": [{"actorText": "a", "code": s}],
                         "target": [{"actorText": "b", "code": r}]}) for i, t, x, s, r in GSR]
    (ev / "plover-gsr.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (ev / "cameo-pentaclass" / "train.tsv").write_text(
        "".join(f"{t}\t{c}\n" for t, c in PENTA), encoding="utf-8")
    return tmp_path


@pytest.mark.slow
def test_plover_eval_runs_cross_validated(data_dir):
    report = get("events-plover")(EvalOptions(data_dir=data_dir, folds=2))
    for key in ("heldout_type_accuracy", "train_type_accuracy", "heldout_actor_f1",
                "heldout_recipient_f1", "rules_only_type_accuracy"):
        assert 0.0 <= report.metrics[key] <= 1.0
    assert "held-out" in report.text() and "actors from" in report.text()


@pytest.mark.slow
def test_pentaclass_eval_runs_cross_validated(data_dir):
    report = get("events-pentaclass")(EvalOptions(data_dir=data_dir, folds=2))
    assert 0.0 <= report.metrics["heldout_macro_f1"] <= 1.0
    assert "train_macro_f1" in report.metrics


def test_gold_codes_are_mapped_to_iso():
    assert _codes([{"code": "JAP"}, {"code": "IGO"}, {"code": ""}]) == {"JPN", "IGO"}
    assert _codes("") == frozenset()


def test_plover_scores():
    def ev(t, a, r):
        return Event(t, Span(0, 1), actors=[EventArg(x, x, x) for x in a],
                     recipients=[EventArg(x, x, x) for x in r])
    gold = [("ASSAULT", {"ISR"}, {"PSE"}), ("CONSULT", {"CHN"}, {"USA"}), ("AGREE", {"A"}, set())]
    coded = [ev("ASSAULT", ["ISR"], ["PSE"]), ev("AGREE", ["CHN"], []), None]
    s = _plover_scores(gold, coded)
    assert s["type_accuracy"] == pytest.approx(1 / 3)
    assert s["actor_f1"] == pytest.approx(2 * 1.0 * (2 / 3) / (1 + 2 / 3))
    assert s["recipient_f1"] == pytest.approx(2 * 1.0 * 0.5 / 1.5)


def test_macro_f1():
    s = _macro_f1([0, 1, 2, 3, 4], [0, 1, 2, 3, 3])
    assert s["f1_4"] == 0.0 and s["f1_0"] == 1.0
    assert s["macro_f1"] == pytest.approx((1 + 1 + 1 + 2 / 3 + 0) / 5)


def test_per_type_lines_count_correct_types_and_confusions():
    from sitrep.evals.events import _per_type

    def ev(t):
        return Event(t, Span(0, 1))
    lines = _per_type(["ASSAULT", "ASSAULT", "SANCTION"], [ev("ASSAULT"), None, ev("THREATEN")],
                      [ev("ASSAULT"), ev("ASSAULT"), ev("SANCTION")])
    text = "\n".join(lines)
    assert "ASSAULT 1/2 (2)" in text and "SANCTION 0/1 (1)" in text
    assert "ASSAULT→- ×1" in text and "SANCTION→THREATEN ×1" in text
