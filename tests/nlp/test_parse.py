"""The parse stage: one stock spaCy pass per article."""

import pytest

from sitrep.errors import ModelError
from sitrep.models import Article
from sitrep.nlp.parse import ParseStage, load_nlp
from sitrep.pipeline import check_order


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _article(text, id_="a1"):
    return Article(id=id_, source="test", text=text, content_hash="h" + id_)


def test_load_nlp_keeps_the_components_later_stages_need(nlp):
    for name in ("tok2vec", "tagger", "parser", "ner"):
        assert name in nlp.pipe_names
    # the attribute ruler and lemmatizer run as sitrep's stand-ins; the stock ones stay loaded
    assert {"sitrep_attribute_ruler", "sitrep_lemmatizer"} <= set(nlp.pipe_names)
    assert {"attribute_ruler", "lemmatizer"} <= set(nlp.disabled)


def test_load_nlp_can_give_the_package_as_shipped():
    stock = load_nlp(fast=False)
    assert stock.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer",
                                "ner"]


def test_load_nlp_translates_errors():
    with pytest.raises(ModelError, match="no_such_model"):
        load_nlp("no_such_model_xyz")


def test_parse_stage_contract(nlp):
    stage = ParseStage(nlp)
    assert stage.name == "parse"
    assert stage.requires == frozenset()
    assert stage.assigns == {"doc"}
    assert "3.8" in stage.version
    check_order([stage])


def test_parse_sets_doc_with_tensor_and_sentences(nlp):
    text = "Russia tested a missile. NATO condemned the launch."
    article = ParseStage(nlp)(_article(text))
    doc = article.doc
    assert doc.text == text
    assert len(list(doc.sents)) == 2
    assert doc.tensor.shape == (len(doc), 96)
    assert doc[1].lemma_ == "test"


def test_pipe_matches_call(nlp):
    stage = ParseStage(nlp)
    texts = ["China launched a rocket.", "", "Troops moved to the border on Monday."]
    piped = list(stage.pipe(_article(t, str(i)) for i, t in enumerate(texts)))
    assert [a.id for a in piped] == ["0", "1", "2"]
    for article, text in zip(piped, texts):
        assert article.doc.text == text
        assert [t.text for t in article.doc] == [t.text for t in stage(_article(text)).doc]
