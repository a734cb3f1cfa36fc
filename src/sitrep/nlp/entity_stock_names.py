"""Domain-NER spans repaired with the boundaries of the stock NER's names.

The BILUO taggers of :mod:`sitrep.nlp.entity_tagger` decide each token's tag from its
neighbourhood, so they sometimes split one name in two ("Xinhua" + "News Agency") or run
a name into the words before it ("the Chinese army Second Artillery Force"), where
spaCy's transition-based NER would not. The stock NER's entities, trained on far more
text, mark where such names begin and end.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: Stock labels whose boundaries are trusted to join split domain spans.
NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT"})


def join_split_names(doc: Any, spans: Iterable[tuple]) -> list[tuple]:
    """Join two or more adjacent spans of one label that together are exactly one stock
    name ("Xinhua" from the gazetteer + "News Agency" from the model = the stock ORG
    "Xinhua News Agency"); the joined span keeps the first one's source."""
    spans = sorted(spans)
    names = {ent.start: ent.end for ent in doc.ents if ent.label_ in NAME_LABELS}
    out: list[tuple] = []
    i = 0
    while i < len(spans):
        start, _end, label, source = spans[i]
        stop, j = names.get(start), i
        while stop is not None and j + 1 < len(spans) and spans[j][1] == spans[j + 1][0] \
                and spans[j + 1][2] == label and spans[j + 1][1] <= stop:
            j += 1
        if j > i and spans[j][1] == stop:
            out.append((start, stop, label, source))
        else:
            out += spans[i:j + 1]
        i = j + 1
    return out


def trim_to_organisations(doc: Any, spans: Iterable[tuple]) -> list[tuple]:
    """Trim an Organisation span to the stock ORG it ends with when the words before that
    name hold a common noun ("the Chinese army Second Artillery Force" -> "Second
    Artillery Force"; "the UN" stays), as the ``names`` style trims people and places."""
    orgs = {ent.end: ent.start for ent in doc.ents if ent.label_ == "ORG"}
    out = []
    for start, end, label, source in spans:
        if label == "Organisation" and orgs.get(end, start) > start and any(
                t.pos_ == "NOUN" for t in doc[start:orgs[end]]):
            start = orgs[end]
        out.append((start, end, label, source))
    return out


#: Words joining the nationalities of a coordinated group ("Chinese and Russian militaries").
COORDINATORS = frozenset({"and", "or", ","})


def split_coordinated_groups(doc: Any, spans: Iterable[tuple]) -> list[tuple]:
    """Split an Organisation span that opens with coordinated stock nationalities
    ("Chinese and Russian militaries") into a Nationality per leading one and the group
    of the last ("Chinese" + "Russian militaries"), so that actor resolution sees every
    country; re3d spans the whole group, so this is for the ``names`` style."""
    norp = {ent.start for ent in doc.ents if ent.label_ == "NORP" and len(ent) == 1}
    out = []
    for start, end, label, source in spans:
        while label == "Organisation" and end - start > 3 and start in norp \
                and doc[start + 1].lower_ in COORDINATORS and start + 2 in norp:
            out.append((start, start + 1, "Nationality", source))
            start += 2
        out.append((start, end, label, source))
    return out
