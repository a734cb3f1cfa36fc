"""Training data loading, the classifier's fit/save/load, and the CLI command."""

from __future__ import annotations

from click.testing import CliRunner

from sitrep.events.classifier import SentenceClassifier, fit
from sitrep.events.train import OLD_LABELS, fit_examples, load_descriptions, load_own, Example


def test_own_examples_are_labelled_types():
    from sitrep.models import PLOVER_TYPES

    own = load_own()
    assert len(own) > 100
    assert {e.type for e in own} <= set(PLOVER_TYPES) | {"NONE"}
    assert set(PLOVER_TYPES) <= {e.type for e in own}


def test_descriptions_parsed(tmp_path):
    ev = tmp_path / "events"
    ev.mkdir()
    (ev / "CAMEO2PLOVER-2021.txt").write_text(
        "# header\n04: CONSULT\n042: CONSULT, visit,   # Make a visit\n"
        "1712: ASSAULT, seize, human_security  # Destroy property\n", encoding="utf-8")
    got = [(e.text, e.type) for e in load_descriptions(tmp_path)]
    assert got == [("Make a visit", "CONSULT"), ("Destroy property", "ASSAULT")]


def test_old_labels_mapped():
    assert OLD_LABELS == {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE",
                          "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def test_fit_predict_save_load(tmp_path):
    data = [(["w=attack", "rule=ASSAULT"], "ASSAULT")] * 3 + [(["w=meet", "rule=CONSULT"], "CONSULT")] * 3 \
        + [(["w=say", "norule"], "NONE")] * 3
    clf = fit(data, [(f, "4" if t == "ASSAULT" else "1" if t == "CONSULT" else "0") for f, t in data], "t1")
    ptype, ppenta = clf.predict(["w=attack", "rule=ASSAULT"])
    assert max(ptype, key=ptype.get) == "ASSAULT" and max(ppenta, key=ppenta.get) == "4"
    clf.save(tmp_path)
    back = SentenceClassifier.load(tmp_path)
    assert back.version == "t1"
    assert max(back.predict(["w=meet"])[0], key=back.predict(["w=meet"])[0].get) == "CONSULT"


def test_fit_examples_derives_penta_from_type():
    exs = [Example("a", type="ASSAULT"), Example("b", type="NONE"), Example("c", penta="2")]
    clf = fit_examples(exs, [["x"], ["x"], ["x"]] * 1, "t2")
    assert clf.meta["n_type"] == 2 and clf.meta["n_penta"] == 3


def test_cli_train_events_help():
    from sitrep.cli import main

    result = CliRunner().invoke(main, ["train", "events", "--help"])
    assert result.exit_code == 0 and "event classifier" in result.output


def test_partial_labels_train_the_type_head():
    # only partial labels say that "w=bomb" is a class-4 type and "w=hug" a class-1 type;
    # the labelled rows tie each class to one type through a shared feature
    data = [(["w=attack", "k4"], "ASSAULT")] * 3 + [(["w=meet", "k1"], "CONSULT")] * 3
    partial = [(["w=bomb", "k4"], frozenset({"ASSAULT", "PROTEST"}))] * 4 \
        + [(["w=hug", "k1"], frozenset({"CONSULT", "AGREE"}))] * 4
    clf = fit(data, [(f, "4") for f, _ in data], "t3", type_partial=partial)
    pb = clf.predict(["w=bomb"])[0]
    ph = clf.predict(["w=hug"])[0]
    assert pb["ASSAULT"] + pb["PROTEST"] > 0.5 and ph["CONSULT"] + ph["AGREE"] > 0.5
    assert clf.meta["n_type_partial"] == 8


def test_fit_examples_uses_penta_classes_as_partial_type_labels():
    from sitrep.events.train import PENTA_TYPES

    assert PENTA_TYPES["4"] >= {"ASSAULT", "COERCE"} and "ASSAULT" not in PENTA_TYPES["1"]
    exs = [Example("a", type="ASSAULT"), Example("b", penta="0"), Example("c", penta="4")]
    clf = fit_examples(exs, [["x"], ["y"], ["z"]], "t4")
    assert clf.meta["n_type"] == 1 and clf.meta["n_type_partial"] == 1


def test_sparse_predict_matches_dense_product():
    import numpy as np

    from sitrep.events.classifier import fit

    data = [(["w=attack", "w=gaza"], "ASSAULT"), (["w=meet", "w=talk"], "CONSULT")] * 3
    clf = fit(data, [(f, "4" if t == "ASSAULT" else "1") for f, t in data], "t")
    feats = ["w=attack", "w=talk", "w=unseen"]
    ptype, ppenta = clf.predict(feats)
    dense = clf.type_head.proba(clf.vectorize([feats]))[0]
    assert np.allclose([ptype[lab] for lab in clf.type_head.labels], dense, atol=1e-5)
    assert abs(sum(ppenta.values()) - 1) < 1e-6
