"""Training the tagger ensemble with ``train_ner``: versions and the saved model folder."""

from sitrep.nlp import train as T

CONLL = """General\tO
Smith\tB-Person
visited\tO
Kabul\tB-Location
.\tO

The\tO
UN\tB-Organisation
met\tO
.\tO
"""
SOURCES = "sentence_index\tsource\tlicence\tdocument_ids\n0\tx\tOGL v3.0\ta\n1\tx\tOGL v3.0\tb\n"


def test_model_versions():
    assert T.model_version(T.TrainConfig(architecture="tagger", members=3)).startswith(
        "1.3.0-tagger3")
    assert T.model_version(T.TrainConfig(architecture="parser")).startswith("1.2.0")


def test_retraining_replaces_the_old_model(tmp_path):
    """A tagger model saved over a parser model leaves no stale ``ner`` folder behind."""
    from sitrep.nlp.entities import DomainNER
    from sitrep.nlp.parse import load_nlp

    (tmp_path / "train.conll").write_text(CONLL, encoding="utf-8")
    (tmp_path / "train.sources.tsv").write_text(SOURCES, encoding="utf-8")
    stock, out = load_nlp(), tmp_path / "model"
    quiet = {"stock": stock, "folds": 0, "log": lambda _: None}
    T.train_ner(tmp_path, out, config=T.TrainConfig(epochs=1, architecture="parser"), **quiet)
    assert (out / "ner").is_dir()
    T.train_ner(tmp_path, out, config=T.TrainConfig(epochs=1, architecture="tagger",
                                                    members=2), **quiet)
    assert not (out / "ner").exists()
    model = DomainNER(out)
    assert model.ner is None and len(model.taggers.pipes) == 2
    assert set(model.labels) == set(T.RE3D_LABELS)
    assert model.version.startswith("1.3.0-tagger2")
