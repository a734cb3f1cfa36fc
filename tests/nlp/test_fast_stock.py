"""The stand-ins for the stock attribute ruler and lemmatizer give the stock output."""

import pytest
import spacy

from helpers import EXAMPLE
from sitrep.nlp.fast_stock import (
    FAST_LEMMATIZER, FAST_RULER, CachedLemmatizer, IndexedAttributeRuler, use_fast_components,
)
from sitrep.nlp.parse import SPACY_MODEL

#: Texts that reach the ruler's special patterns (contractions, "gonna", existential
#: "there", spaces, quotes) as well as ordinary news prose.
TEXTS = [
    "Y'all gonna see it. There is a cat, ain't it? Let's go.  \n\n C'mon,   gotta run!",
    "There were 3 ships; there's no doubt.  It's what they'd've done, isn't it?",
    "The ministers met in Harbin on Aug. 20, 2013 and signed 12 agreements worth $1.5bn.",
    "\u201cWe won't back down,\u201d said Col. Smith -- the U.S. Army's spokesman -- on Monday.",
    "",
    "   ",
    "SHANGHAI (Reuters) - China's navy tested HQ-9 missiles; Russia's Su-35s flew.",
]


def _texts():
    texts = list(TEXTS)
    texts.append(EXAMPLE.read_text(encoding="utf-8"))
    return texts


def _rows(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_,
             t.ent_type_) for t in doc]


@pytest.fixture(scope="module")
def pair():
    stock = spacy.load(SPACY_MODEL)
    fast = spacy.load(SPACY_MODEL)
    assert use_fast_components(fast) == ["attribute_ruler", "lemmatizer"]
    return stock, fast


def test_fast_components_replace_and_disable_the_stock_ones(pair):
    _, fast = pair
    names = fast.pipe_names
    assert names.index(FAST_RULER) == names.index("parser") + 1
    assert names.index(FAST_LEMMATIZER) == names.index(FAST_RULER) + 1
    assert "attribute_ruler" in fast.disabled and "lemmatizer" in fast.disabled
    assert use_fast_components(fast) == []  # idempotent


def test_output_is_token_for_token_the_stock_output(pair):
    stock, fast = pair
    texts = _texts()
    for a, b in zip(stock.pipe(texts), fast.pipe(texts)):
        assert _rows(a) == _rows(b)


def test_special_patterns_fire(pair):
    _, fast = pair
    doc = fast("Y'all gonna see. There is a cat.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["gon"] == "go" and lemmas["na"] == "to"
    assert [t.pos_ for t in doc if t.text == "is"] == ["VERB"]  # existential "there is"


def test_unsupported_pattern_leaves_the_pipeline_stock():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": 3}]], {"LEMMA": "three"})
    with pytest.raises(ValueError):
        IndexedAttributeRuler(ruler)
    assert use_fast_components(nlp) == []
    assert nlp.pipe_names == ["attribute_ruler"]
    assert nlp("cat dog")[0].lemma_ == "three"


def test_lookup_lemmatizer_is_not_replaced():
    nlp = spacy.blank("en")
    lem = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    with pytest.raises(ValueError):
        CachedLemmatizer(lem)
