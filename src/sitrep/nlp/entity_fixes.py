"""Fixes applied to the merged entity spans, where the parse or a lexicon contradicts them.

Each takes and returns ``(start, end, label, source)`` token spans (the form of
:func:`sitrep.nlp.entity_rules.merge_spans`), and each was kept because it gained on
5-fold cross-validation on re3d, on both halves of the sentences (the figures are in
:meth:`sitrep.nlp.entities.EntityStage.token_spans`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def places_not_people(doc: Any, spans: Iterable[tuple], places: frozenset[str]) -> list[tuple]:
    """Relabel Location a Person span whose text is a known place name (``places``,
    lower-cased: the place lexicon of :mod:`sitrep.nlp.entity_lexicons`): the domain NER
    and the stock NER both tag unfamiliar towns ("Raqqah", "Karabilah") as people."""
    return [(start, end, "Location" if label == "Person"
             and doc[start:end].text.lower() in places else label, source)
            for start, end, label, source in spans]


def drop_citations(doc: Any, spans: Iterable[tuple]) -> list[tuple]:
    """Drop Quantity spans that are reference markers ("[ 2 ]"): a number after "[" and
    before (or ending with) "]"."""
    out = []
    for start, end, label, source in spans:
        if label == "Quantity" and start > 0 and doc[start - 1].text == "[" and (
                doc[end - 1].text == "]" or (end < len(doc) and doc[end].text == "]")):
            continue
        out.append((start, end, label, source))
    return out


#: Verbs of saying whose one-word proper-noun subject is a person ("Davis said",
#: "Anas tells me").
SPEECH_VERBS = frozenset("""say says said tell tells told insist insists insisted reply
replies replied explain explains explained add adds added announce announces announced
note notes noted ask asks asked""".split())


def speakers(doc: Any, spans: Iterable[tuple]) -> list[tuple]:
    """Relabel Person a one-word domain-NER Organisation/Location that is the proper-noun
    subject of a verb of saying and not a stock country or nationality: the model often
    mistakes unfamiliar surnames ("Qanbar announced") for places or groups."""
    out = []
    for start, end, label, source in spans:
        tok = doc[start]
        if (label in ("Organisation", "Location") and source == "ner" and end - start == 1
                and tok.is_title and tok.pos_ == "PROPN" and tok.dep_ == "nsubj"
                and tok.head.lower_ in SPEECH_VERBS and tok.ent_type_ not in ("GPE", "NORP")):
            label = "Person"
        out.append((start, end, label, source))
    return out


#: Capitalised nouns that make a name a document's title ("the Black Book", "the
#: Constitution", "The Book of Revelation").
DOCUMENT_HEADS = frozenset("""book books resolution constitution communique communiqué report
agreement agreements accords convention treaty charter chapter manual magazine""".split())
#: Words that open a reference to part of a document ("Chapter four", "Resolution 2328").
DOCUMENT_OPENERS = frozenset({"Chapter", "Resolution"})


def document_titles(doc: Any, spans: Iterable[tuple]) -> list[tuple]:
    """Relabel DocumentReference a domain-NER Organisation/Location/Person span that ends
    with a capitalised ``DOCUMENT_HEADS`` noun (or has one before "of"), or opens with
    ``DOCUMENT_OPENERS``: the model has too few documents to learn the label."""
    out = []
    for start, end, label, source in spans:
        if source == "ner" and label in ("Organisation", "Location", "Person") and (
                doc[start].text in DOCUMENT_OPENERS or any(
                    t.is_title and t.lower_ in DOCUMENT_HEADS
                    and (t.i == end - 1 or doc[t.i + 1].lower_ == "of") for t in doc[start:end])):
            label = "DocumentReference"
        out.append((start, end, label, source))
    return out
