"""The BILUO tagger ensemble: constrained decoding, and a tiny trained ensemble end to end."""

import numpy as np
import pytest

from sitrep.nlp.entity_tagger import (
    BiluoDecoder,
    TaggerEnsemble,
    biluo_tags,
    tagger_names,
)

TAGS = biluo_tags(["Person", "Location"])


def _probs(rows):
    """Tokens × tags probabilities from ``{tag: p}`` rows (the rest spread evenly)."""
    out = np.zeros((len(rows), len(TAGS)), dtype="float32")
    for i, row in enumerate(rows):
        rest = (1.0 - sum(row.values())) / (len(TAGS) - len(row))
        out[i] = rest
        for tag, p in row.items():
            out[i, TAGS.index(tag)] = p
    return out


def test_biluo_tags():
    assert TAGS[0] == "O" and len(TAGS) == 9
    assert TAGS[1:5] == ["B-Person", "I-Person", "L-Person", "U-Person"]


def test_decoder_reads_spans():
    probs = _probs([{"O": 0.99}, {"B-Person": 0.9}, {"L-Person": 0.9}, {"O": 0.99},
                    {"U-Location": 0.9}])
    assert BiluoDecoder(TAGS).spans(probs) == [(1, 3, "Person"), (4, 5, "Location")]


def test_decoder_repairs_invalid_sequences():
    # per-token argmax would be B-Person, O: a B must be closed, so the decoder picks the
    # best valid path (a one-token Person), never an open span
    probs = _probs([{"B-Person": 0.5, "U-Person": 0.4}, {"O": 0.6, "L-Person": 0.3}])
    assert BiluoDecoder(TAGS).spans(probs) == [(0, 1, "Person")]
    # a label change inside a span is not allowed: B-Person ... L-Location
    probs = _probs([{"B-Person": 0.8}, {"L-Location": 0.5, "L-Person": 0.4}])
    assert BiluoDecoder(TAGS).spans(probs) == [(0, 2, "Person")]


def test_decoder_all_outside():
    assert BiluoDecoder(TAGS).spans(_probs([{"O": 0.999}] * 4)) == []


def test_ensemble_needs_taggers():
    import spacy

    with pytest.raises(ValueError):
        TaggerEnsemble(spacy.blank("en"))


def test_tiny_tagger_ensemble_trains_saves_and_loads(tmp_path):
    """Two taggers trained a few epochs on two sentences learn them, and the saved
    pipeline loads as a ``DomainNER`` that the stage uses."""
    from sitrep.nlp import train as T
    from sitrep.nlp.entities import DomainNER, EntityStage
    from sitrep.nlp.parse import load_nlp

    stock = load_nlp()
    sentences = [
        T.Sentence(0, ["General", "Smith", "visited", "Kabul", "on", "Monday", "."],
                   ["O", "B-Person", "O", "B-Location", "O", "O", "O"], True),
        T.Sentence(1, ["Smith", "left", "Kabul", "."], ["B-Person", "O", "B-Location", "O"], True),
    ]
    items = T.prepare(stock, sentences)
    config = T.TrainConfig(epochs=40, architecture="tagger", members=2)
    nlp = T.fit(stock, items, config)
    assert tagger_names(nlp) == ["biluo0", "biluo1"]
    nlp.to_disk(tmp_path / "model")
    model = DomainNER(tmp_path / "model")
    assert model.ner is None and len(model.taggers.pipes) == 2
    scores = T.Scores()
    T.score_stage(EntityStage(stock, model=model, style="re3d"), items, scores)
    assert scores.tp["Location"] == 2
    # the taggers do not overwrite the stock part-of-speech tags
    doc = items[0].doc.copy()
    model.predict([doc])
    assert doc[1].tag_ == items[0].doc[1].tag_
