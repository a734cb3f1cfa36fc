"""Fixes applied to the merged entity spans, where the parse or a lexicon contradicts them
(and :func:`cased_rules`, a small rule layer that needs the token's case).

Each takes and returns ``(start, end, label, source)`` token spans (the form of
:func:`sitrep.nlp.entity_rules.merge_spans`), and each was kept because it gained on
5-fold cross-validation on re3d, on both halves of the sentences (the figures are in
:meth:`sitrep.nlp.entities.EntityStage.token_spans`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .entity_rules import token_index


def places_not_people(doc: Any, spans: Iterable[tuple], places: frozenset[str]) -> list[tuple]:
    """Relabel Location a Person span whose text is a known place name (``places``,
    lower-cased: the place lexicon of :mod:`sitrep.nlp.entity_lexicons`): the domain NER
    and the stock NER both tag unfamiliar towns ("Raqqah", "Karabilah") as people; and an
    Organisation span that is a known place after a place preposition ("he was in the
    United States": a place there, not a government)."""
    out = []
    for start, end, label, source in spans:
        text = doc[start:end].text.lower()
        if label == "Person" and text in places:
            label = "Location"
        elif label == "Organisation" and start > 0 and doc[start - 1].lower_ in PLACE_PREPOSITIONS \
                and (text[4:] if text.startswith("the ") else text) in places:
            label = "Location"
        out.append((start, end, label, source))
    return out


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


#: Labels whose re3d spans take in a "the" before them ("the UN", "the Pentagon"): 300
#: of 316 gold Organisation spans after "the" include it.
ARTICLE_LABELS = frozenset({"Organisation", "Person"})


def take_articles(doc: Any, spans: Iterable[tuple]) -> list[tuple]:
    """Extend an ``ARTICLE_LABELS`` span by the "the" just before it, as re3d spans
    organisations; the gazetteer and the model often leave it out."""
    spans = list(spans)
    ends = {end for _s, end, _l, _src in spans}  # a span ending at ``start`` holds "the"
    out = []
    for start, end, label, source in spans:
        if label in ARTICLE_LABELS and start > 0 and doc[start - 1].lower_ == "the" \
                and start not in ends:
            start -= 1
        out.append((start, end, label, source))
    return out


#: Pronouns that the domain NER tags Organisation but re3d mostly leaves unlabelled ("it":
#: 3 of 13 such spans right). Dropping them: 5-fold CV +0.001, both halves.
NOT_ACTOR_PRONOUNS = frozenset({"it", "them", "my", "its", "his", "her", "who"})


def drop_pronouns(doc: Any, spans: Iterable[tuple]) -> list[tuple]:
    """Drop one-word domain-NER spans that are ``NOT_ACTOR_PRONOUNS``."""
    return [span for span in spans if not (
        span[1] - span[0] == 1 and span[3] == "ner" and doc[span[0]].lower_ in NOT_ACTOR_PRONOUNS)]


#: Nouns of a place description that re3d keeps in the Location span ("the Syrian town of
#: Dabiq", "the Karrada district of Baghdad"; 20 gold spans). 5-fold CV: Location +0.009.
PLACE_KINDS = frozenset({"city", "town", "village", "suburb", "district", "province",
                         "governorate", "region", "neighbourhood", "neighborhood"})


def place_descriptions(doc: Any, spans: Iterable[tuple]) -> list[tuple]:
    """One Location span for "[the] [modifiers] <PLACE_KINDS noun> of <Name>" (re3d's
    convention), replacing the spans it overlaps: the model splits or mislabels them."""
    spans = list(spans)
    found = []
    for i in token_index(doc, PLACE_KINDS):
        if not (i + 2 < len(doc) and doc[i + 1].lower_ == "of" and doc[i + 2].is_title):
            continue
        end = next((e for s, e, _l, _src in spans if s <= i + 2 < e), None)
        if end is None:
            continue
        start = i
        while start > 0 and doc[start - 1].head.i == i and doc[start - 1].pos_ in (
                "ADJ", "PROPN", "NOUN", "DET") and doc[start - 1].lower_ not in ("a", "an"):
            start -= 1
        found.append((start, end, "Location", "rule"))
    if not found:
        return spans
    taken = {j for s, e, _l, _src in found for j in range(s, e)}
    return sorted(found + [sp for sp in spans if not taken & set(range(sp[0], sp[1]))])


#: Words that end a number in re3d's Quantity and Money spans ("2 million", "30 percent").
#: With the rest of :func:`whole_numbers`: 5-fold CV Quantity +0.010, Money +0.06.
NUMBER_TAILS = frozenset({"million", "billion", "thousand", "percent", "%", "per", "cent"})


def whole_numbers(doc: Any, spans: Iterable[tuple]) -> list[tuple]:
    """Extend a Quantity or Money span over the rest of a number that the tokenizer split
    ("650 , 000", "2 . 5 million", "30 percent") and a Money span over the currency sign
    before it; a number split at commas ("24 , 000") that no span touches becomes a
    Quantity (not one split at a point: those are mostly coordinates); ranges become one
    span (:func:`_number_ranges`). The model often stops at the first piece of such
    numbers, or misses them."""
    spans = list(spans)
    covered = {i for s, e, _l, _src in spans for i in range(s, e)}
    for comma in token_index(doc, {","}, "ORTH"):
        i = comma - 1
        if i < 0 or i in covered or (i >= 2 and doc[i - 1].text == "," and doc[i - 2].is_digit):
            continue
        end = _split_number_end(doc, i)
        if end > i + 1 and not covered & set(range(i, end)):
            spans.append((i, end, "Quantity", "rule"))
            covered |= set(range(i, end))
    out = []
    for start, end, label, source in sorted(spans):
        if label in ("Quantity", "Money"):
            new = _split_number_end(doc, start) if end == start + 1 else end
            while new < len(doc) and doc[new].lower_ in NUMBER_TAILS and doc[new - 1].like_num:
                new += 1
            if not covered & set(range(end, new)):
                end = new
            if label == "Money" and start > 0 and doc[start - 1].is_currency \
                    and start - 1 not in covered:
                start -= 1
        out.append((start, end, label, source))
    return _number_ranges(doc, out)


def whole_words(doc: Any, spans: Iterable[tuple]) -> list[tuple]:
    """Start a span at the beginning of the hyphenated word it starts inside
    ("heavy - duty helicopters" from "duty helicopters"): the tokenizer splits such
    words and a tagger can start an entity at any piece of them. Only spans whose
    first token is glued to a hyphen glued to a word are moved, and not over
    another span."""
    spans = sorted(spans)
    ends = {e for _s, e, _l, _src in spans}
    out = []
    for start, end, label, source in spans:
        while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
                and not doc[start - 2].whitespace_ and doc[start - 2].is_alpha \
                and start - 1 not in ends:
            start -= 2
        out.append((start, end, label, source))
    return out


#: Words between the two numbers of a range ("3 , 000 to 5 , 000", "15 to 20 percent").
RANGE_WORDS = frozenset({"to", "-", "–"})


def _number_ranges(doc: Any, spans: list[tuple]) -> list[tuple]:
    """One Quantity span for a range, as re3d has it: two Quantity spans, or one and the
    bare number after it, joined by ``RANGE_WORDS``. 5-fold CV on re3d: Quantity 0.594 ->
    0.609, both halves (2 spans)."""
    out: list[tuple] = []
    for start, end, label, source in spans:
        prev = out[-1] if out else None
        if label == "Quantity" and prev is not None and prev[2] == "Quantity" \
                and prev[1] + 1 == start and doc[prev[1]].lower_ in RANGE_WORDS:
            out[-1] = (prev[0], end, label, prev[3])
            continue
        if label == "Quantity" and end + 1 < len(doc) and doc[end].lower_ in RANGE_WORDS \
                and doc[end + 1].like_num:
            new = _split_number_end(doc, end + 1)
            while new < len(doc) and doc[new].lower_ in NUMBER_TAILS:
                new += 1
            if not any(s < new and end < e for s, e, *_ in spans):
                end = new
        out.append((start, end, label, source))
    return out


def _split_number_end(doc: Any, i: int) -> int:
    """End of the number starting at token ``i`` written in pieces ("650 , 000", "2 . 5")."""
    end = i + 1
    if not doc[i].is_digit:
        return end
    while end + 1 < len(doc) and doc[end + 1].is_digit and (
            (doc[end].text == "," and len(doc[end + 1]) == 3) or doc[end].text == "."):
        end += 2
    return end


def roles_are_people(doc: Any, spans: Iterable[tuple], heads: dict[str, str]) -> list[tuple]:
    """Relabel Person a domain-NER Organisation/Location span whose syntactic head is a
    listed Person noun ("the UN High Commissioner for Refugees", "the CJTF - OIR
    spokesperson"): re3d spans a role held by one person as a Person."""
    out = []
    for start, end, label, source in spans:
        if source == "ner" and label in ("Organisation", "Location"):
            roots = [t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i]
            if len(roots) == 1 and heads.get(roots[0].lower_) == "Person" \
                    and roots[0].pos_ in ("NOUN", "PROPN"):
                label = "Person"
        out.append((start, end, label, source))
    return out


def whole_groups(doc: Any, spans: Iterable[tuple]) -> list[tuple]:
    """Extend an Organisation span that ends with its head noun over the adjectives,
    determiners and possessor before it ("regime" -> "Assad ’ s brutal regime",
    "citizens" -> "ordinary citizens"), as re3d spans groups; spans inside the extension
    are dropped. Numbers and adverbs stop it (re3d is split on "five ISIL units")."""
    out: list[tuple] = []
    for start, end, label, source in sorted(spans):
        root = doc[end - 1]
        left = root.left_edge.i
        if label == "Organisation" and root.pos_ in ("NOUN", "PROPN") and left < start \
                and not start <= root.head.i < end and _group_modifiers(doc[left:start]):
            while out and out[-1][1] > left and out[-1][0] >= left:
                out.pop()
            if not out or out[-1][1] <= left:
                start = left
        out.append((start, end, label, source))
    return out


#: Quantifiers that re3d leaves out of a group's span as often as not ("many Iraqis");
#: without this stop, :func:`whole_groups` lost on one half of the sentences.
GROUP_QUANTIFIERS = frozenset({"many", "all", "some", "any", "each", "every", "most",
                               "several", "few", "other", "more", "both"})


def _group_modifiers(tokens: Any) -> bool:
    possessive = any(t.tag_ == "POS" for t in tokens)
    if any(t.lower_ in GROUP_QUANTIFIERS for t in tokens):
        return False
    return all(t.pos_ in ("ADJ", "DET", "PRON", "PART") or t.tag_ == "POS"
               or (possessive and t.pos_ in ("NOUN", "PROPN")) for t in tokens)


#: Words before a one-word Person span that make it a place ("in Raqqah").
PLACE_PREPOSITIONS = frozenset("""in near around outside inside into toward towards across
surrounding throughout""".split())


def people_in_places(doc: Any, spans: Iterable[tuple]) -> list[tuple]:
    """Relabel Location a one-word Person span that follows ``PLACE_PREPOSITIONS``."""
    out = []
    for start, end, label, source in spans:
        if label == "Person" and end - start == 1 and start > 0 \
                and doc[start - 1].lower_ in PLACE_PREPOSITIONS and doc[start].is_title:
            label = "Location"
        out.append((start, end, label, source))
    return out


#: Upper-case abbreviations that are an organisation in running text but too ambiguous for
#: the gazetteer (a feature there only): "IS" for the Islamic State, 10 of its 14 re3d
#: occurrences, none found before (5-fold CV: Organisation 0.648 -> 0.652, both halves).
CASED_ORGANISATIONS = frozenset({"IS"})
#: Adverbs re3d tags as places (with "there is" left out: its "there" is tagged EX).
PLACE_ADVERBS = frozenset({"here", "there"})


def cased_rules(doc: Any, place_adverbs: bool = False) -> list[tuple]:
    """``CASED_ORGANISATIONS`` outside upper-case text ("THIS IS") and not a modifier
    ("IS - controlled territory", which re3d tags whole): ``Organisation`` spans; and,
    with ``place_adverbs`` (re3d's span style only: an analyst has no use for "here" as
    an entity), the adverbs "here"/"there" (not "there is") as places, as re3d tags them
    (5-fold CV on re3d: Location 0.657 -> 0.667, halves 0.660/0.655 -> 0.664/0.671)."""
    out = []
    for i in token_index(doc, CASED_ORGANISATIONS, "ORTH"):
        near = [doc[j] for j in (i - 1, i + 1) if 0 <= j < len(doc)]
        if not any(n.is_upper and n.is_alpha and len(n) > 1 for n in near) \
                and not (i + 1 < len(doc) and doc[i + 1].text in ("-", "–")):
            out.append((i, i + 1, "Organisation", "rule"))
    if place_adverbs:
        out += [(i, i + 1, "Location", "rule") for i in token_index(doc, PLACE_ADVERBS)
                if doc[i].tag_ == "RB"]
    return sorted(out)


def repeated_names(doc: Any, spans: Iterable[tuple]) -> list[tuple]:
    """Add a Person span for a lone capitalised proper noun that no span covers and that
    repeats the first or last word of a multi-word Person found before it ("Wang said"
    after "Wang Yang"): the domain NER often misses a bare surname in a later sentence."""
    spans = sorted(spans)
    ends: dict[str, int] = {}  # name word -> end of the first Person span holding it
    for start, end, label, _source in spans:
        if label == "Person" and end - start > 1:
            for word in (doc[start].text, doc[end - 1].text):
                ends.setdefault(word, end)
    if not ends:
        return spans
    covered = {i for start, end, *_ in spans for i in range(start, end)}
    found = []
    for i in token_index(doc, list(ends), "ORTH"):
        near = [doc[j] for j in (i - 1, i + 1) if 0 <= j < len(doc)]
        if i not in covered and i >= ends[doc[i].text] and doc[i].pos_ == "PROPN" \
                and doc[i].is_title and not any(t.pos_ == "PROPN" for t in near):
            found.append((i, i + 1, "Person", "rule"))
    return sorted(spans + found)
