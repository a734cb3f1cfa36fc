"""Domain spans repaired with the stock NER's name boundaries (hand-made docs)."""

import spacy
from spacy.tokens import Doc

from sitrep.nlp.entity_stock_names import (
    join_split_names,
    split_coordinated_groups,
    trim_to_organisations,
)


def _doc(words, ents, pos=None):
    vocab = spacy.blank("en").vocab
    return Doc(vocab, words=words, ents=ents, pos=pos or ["PROPN"] * len(words))


def test_join_split_names():
    words = ["official", "Xinhua", "News", "Agency", "reports"]
    doc = _doc(words, ["O", "B-ORG", "I-ORG", "I-ORG", "O"])
    spans = [(1, 2, "Organisation", "gazetteer"), (2, 4, "Organisation", "ner")]
    assert join_split_names(doc, spans) == [(1, 4, "Organisation", "gazetteer")]
    # not when the labels differ, nor when the pieces are not exactly the stock name
    assert join_split_names(doc, [(1, 2, "Person", "ner"), (2, 4, "Organisation", "ner")]) \
        == [(1, 2, "Person", "ner"), (2, 4, "Organisation", "ner")]
    assert join_split_names(doc, [(1, 2, "Organisation", "ner"), (2, 3, "Organisation", "ner")]) \
        == [(1, 2, "Organisation", "ner"), (2, 3, "Organisation", "ner")]


def test_trim_to_organisations_needs_a_common_noun_before_the_name():
    words = ["the", "Chinese", "army", "Second", "Artillery", "Force"]
    pos = ["DET", "ADJ", "NOUN", "PROPN", "PROPN", "PROPN"]
    doc = _doc(words, ["O", "O", "O", "B-ORG", "I-ORG", "I-ORG"], pos)
    assert trim_to_organisations(doc, [(0, 6, "Organisation", "ner")]) == [
        (3, 6, "Organisation", "ner")]
    # "the UN" keeps its article; other labels are left alone
    doc = _doc(["the", "UN"], ["O", "B-ORG"], ["DET", "PROPN"])
    assert trim_to_organisations(doc, [(0, 2, "Organisation", "ner")]) == [
        (0, 2, "Organisation", "ner")]
    doc = _doc(words, ["O", "O", "O", "B-ORG", "I-ORG", "I-ORG"], pos)
    assert trim_to_organisations(doc, [(0, 6, "Location", "ner")]) == [(0, 6, "Location", "ner")]


def test_split_coordinated_groups():
    words = ["Chinese", "and", "Russian", "militaries", "met"]
    pos = ["ADJ", "CCONJ", "ADJ", "NOUN", "VERB"]
    doc = _doc(words, ["B-NORP", "O", "B-NORP", "O", "O"], pos)
    assert split_coordinated_groups(doc, [(0, 4, "Organisation", "ner")]) == [
        (0, 1, "Nationality", "ner"), (2, 4, "Organisation", "ner")]
    # a single nationality's group is left whole
    assert split_coordinated_groups(doc, [(2, 4, "Organisation", "ner")]) == [
        (2, 4, "Organisation", "ner")]


def test_repeated_names_adds_a_later_bare_surname():
    from sitrep.nlp.entity_fixes import repeated_names

    words = ["Wang", "Yang", "met", "Lee", ".", "Wang", "said", "Wang", "Yi", "left"]
    pos = ["PROPN", "PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "VERB", "PROPN", "PROPN", "VERB"]
    doc = _doc(words, ["O"] * len(words), pos)
    spans = [(0, 2, "Person", "ner")]
    # "Wang" alone after "Wang Yang" is a Person; "Wang" inside "Wang Yi" is not added
    assert repeated_names(doc, spans) == [(0, 2, "Person", "ner"), (5, 6, "Person", "rule")]
    assert repeated_names(doc, []) == []
