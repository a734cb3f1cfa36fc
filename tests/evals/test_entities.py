"""The re3d evaluation and the training helpers it relies on (data reading, licences,
strict span scoring, folds), on tiny hand-made files."""

import importlib

import pytest

from sitrep.errors import EvalDataError
from sitrep.evals import EVALS
from sitrep.nlp import train as T

CONLL = (
    "Iraqi\tB-Nationality\nforces\tO\nentered\tO\nMosul\tB-Location\n.\tO\n\n"
    "The\tB-Organisation\nUN\tI-Organisation\nspoke\tO\n\n"
    "Syria\tB-Location\n"
)
SOURCES = (
    "sentence_index\tsource\tlicence\tdocument_ids\n"
    "0\tCENTCOM\tpublic domain (US Government)\tA\n"
    "1\tBBC Online\tCC BY-NC 3.0\tB\n"
    "2\tUK Government|Wikipedia\tOGL v3.0|CC BY-SA 3.0\tC,D\n"
)


@pytest.fixture
def re3d_dir(tmp_path):
    folder = tmp_path / "entities" / "re3d"
    folder.mkdir(parents=True)
    (folder / "train.conll").write_text(CONLL)
    (folder / "train.sources.tsv").write_text(SOURCES)
    return tmp_path


def test_eval_is_registered():
    module, func = EVALS["entities-re3d"].split(":")
    assert callable(getattr(importlib.import_module(module), func))


def test_read_re3d_and_licences(re3d_dir):
    sentences = T.read_re3d(re3d_dir)
    assert [s.words[0] for s in sentences] == ["Iraqi", "The", "Syria"]
    assert sentences[1].tags == ["B-Organisation", "I-Organisation", "O"]
    # public domain: yes; non-commercial: no; several sources, one not permissive: no
    assert [s.permissive for s in sentences] == [True, False, False]


def test_read_re3d_missing(tmp_path):
    with pytest.raises(EvalDataError):
        T.read_re3d(tmp_path)


def test_gold_spans_iob2():
    tags = ["B-Person", "I-Person", "O", "I-Location", "B-Location", "B-Location", "I-Weapon"]
    assert T.gold_spans(tags) == {(0, 2, "Person"), (3, 4, "Location"), (4, 5, "Location"),
                                  (5, 6, "Location"), (6, 7, "Weapon")}


def test_scores_are_strict_and_micro():
    scores = T.Scores()
    gold = {(0, 2, "Person"), (3, 4, "Location"), (5, 6, "Weapon")}
    pred = {(0, 2, "Person"), (3, 5, "Location"), (5, 6, "Organisation")}
    scores.add(gold, pred)
    p, r, f = scores.prf()
    assert p == pytest.approx(1 / 3) and r == pytest.approx(1 / 3) and f == pytest.approx(1 / 3)
    assert scores.prf("Person") == (1.0, 1.0, 1.0)
    assert scores.prf("Weapon")[2] == 0.0
    assert scores.metrics()["f1_Person"] == 1.0
    assert "ALL (micro)" in scores.table()


def test_folds_partition():
    folds = T.folds_of(23, 5, seed=3)
    flat = sorted(i for fold in folds for i in fold)
    assert flat == list(range(23)) and len(folds) == 5
    assert folds == T.folds_of(23, 5, seed=3)


@pytest.mark.parametrize("feature_set", [1, 2])
def test_tiny_training_smoke(re3d_dir, tmp_path, feature_set):
    """Two epochs on three sentences: the pipeline trains, saves and loads."""
    from sitrep.nlp.entities import DomainNER, EntityStage
    from sitrep.nlp.parse import load_nlp

    stock = load_nlp()
    out = tmp_path / "model"
    T.train_ner(re3d_dir, out, config=T.TrainConfig(epochs=2, feature_set=feature_set),
                stock=stock, folds=0, log=lambda _: None)
    model = DomainNER(out)
    assert set(model.labels) == set(T.RE3D_LABELS)
    assert model.feature_set == feature_set
    stage = EntityStage(stock, model=model)
    items = T.prepare(stock, T.read_re3d(re3d_dir))
    scores = T.Scores()
    T.score_stage(stage, items, scores)
    assert sum(scores.tp.values()) + sum(scores.fn.values()) == 4


def test_training_keeps_averaged_weights(re3d_dir):
    """The same seeded run with and without weight averaging differs only by it."""
    from sitrep.nlp.parse import load_nlp

    stock = load_nlp()
    items = T.prepare(stock, T.read_re3d(re3d_dir))
    averaged = T.fit(stock, items, T.TrainConfig(epochs=2, architecture="parser"))
    last = T.fit(stock, items, T.TrainConfig(epochs=2, average_weights=False, architecture="parser"))
    again = T.fit(stock, items, T.TrainConfig(epochs=2, average_weights=False, architecture="parser"))
    weights = [nlp.get_pipe("ner").model.to_bytes() for nlp in (averaged, last, again)]
    assert weights[1] == weights[2] and weights[0] != weights[1]
    assert T.model_version(T.TrainConfig(architecture="parser")).startswith("1.2.0")
    assert T.model_version(T.TrainConfig()).startswith("1.3.0-tagger3")
    assert T.model_version(T.TrainConfig(architecture="parser", average_weights=False)).startswith("1.1.0")


def test_shipped_stage_is_scored_on_sentences_it_never_learnt_from(re3d_dir):
    from sitrep.evals import EvalOptions
    from sitrep.evals.entities import re3d_shipped

    folder = re3d_dir / "entities" / "re3d"
    (folder / "test.conll").write_text("Russian\tB-Nationality\njets\tO\nhit\tO\n"
                                       "Aleppo\tB-Location\n.\tO\n")
    report = re3d_shipped(EvalOptions(data_dir=re3d_dir))
    text = report.text()
    # the development sentences kept out of training (BBC, and UK Gov|Wikipedia): 2 sentences
    assert "not trained on (licence): 2 sentences" in text
    assert "test.conll: 1 sentences" in text
    for key in ("f1", "names_style_f1", "test_f1", "test_names_style_f1"):
        assert 0.0 <= report.metrics[key] <= 1.0
    # gold spans: "The UN" and "Syria" held out of training; "Russian" and "Aleppo" in test
    golds = [int(line.split()[-1]) for line in text.splitlines() if line.startswith("ALL")]
    assert golds == [2, 2]


def test_shipped_stage_scores_a_folder_that_holds_only_a_test_split(tmp_path):
    from sitrep.evals import EvalOptions
    from sitrep.evals.entities import re3d_shipped

    (tmp_path / "test.conll").write_text("Russian\tB-Nationality\njets\tO\nhit\tO\n"
                                         "Aleppo\tB-Location\n.\tO\n")
    report = re3d_shipped(EvalOptions(data_dir=tmp_path))
    assert "test.conll: 1 sentences" in report.text() and "licence" not in report.text()
    assert 0.0 <= report.metrics["f1"] <= 1.0
    with pytest.raises(EvalDataError):
        re3d_shipped(EvalOptions(data_dir=tmp_path / "nowhere"))
