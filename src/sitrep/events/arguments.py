"""Who did it and to whom: the arguments of a rule event, read from the parse.

:func:`fill_arguments` takes the actor from the subject (or the agent of a passive, or
"by"/possessive of a noun) and the recipient from the object and the prepositional
arguments, and maps those tokens to the article's resolved actors through
:class:`ActorIndex`. Reciprocal events (joint exercises, "X and Y agreed") get both
parties as actors and no recipient; a pronoun subject of reported speech is the speaker;
acts without a recipient take the country of the place named with "in", and an unplaced
actor the recipient's (domestic events). The triggers and frames are in
:mod:`sitrep.events.rules`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..models import Actor
from . import lexicon as L
from .types import RECIPROCAL_TYPES

#: Prepositions whose object is a recipient.
RECIPIENT_PREPS = frozenset({"with", "to", "against", "on", "at", "toward", "towards", "upon",
                             "into", "for", "from", "of"})
#: Types of words rather than acts: their recipient is whom they address, never a
#: place where something happens (no "in" fallback, no domestic fallback).
VERBAL_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
#: Types whose event with no recipient found targets the actor's own country: PLOVER
#: codes protests, repression and concessions inside a country with that country on
#: both sides.
DOMESTIC_TYPES = frozenset({"PROTEST", "COERCE", "CONCEDE"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our"})


@dataclass
class Candidate:
    """An event the rules found, before dates, places and confidence are added."""

    type: str
    mode: str | None
    trigger: int  # token index in the doc
    actors: list[Actor] = field(default_factory=list)
    recipients: list[Actor] = field(default_factory=list)
    reciprocal: bool = False
    frame: str = "asserted"  # asserted, intent, request, threat, refusal, irrealis, conditional
    rule: str = "verb"
    between: bool = False  # parties came from "between A and B" (order, not roles)


class ActorIndex:
    """Maps tokens of a parsed article to the actors whose spans cover them."""

    def __init__(self, actors: list[Actor]) -> None:
        self.actors = sorted(actors, key=lambda a: (a.start, -a.end))

    def at(self, token) -> Actor | None:
        """The actor whose span covers ``token`` (the shortest one if nested)."""
        hits = [a for a in self.actors if a.start <= token.idx < a.end]
        return min(hits, key=lambda a: a.end - a.start) if hits else None

    def within(self, start: int, end: int) -> list[Actor]:
        """Actors lying inside the character range ``[start, end)``."""
        return [a for a in self.actors if a.start >= start and a.end <= end]


def obliged_complement(tok):
    """The reported clause of a speech verb that states an obligation ("Y must ...")."""
    for child in tok.children:
        if child.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in L.OBLIGATION_MODALS
                                         and not any(n.dep_ == "neg" for n in child.children)
                                         for c in child.children):
            return child
    return None


def complement(tok):
    """The verbal clause complement of ``tok`` ("agreed *to hold*", "said *it would*")."""
    for child in tok.children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            return child
    return None


def fill_arguments(cand: Candidate, tok, actors: ActorIndex) -> None:
    """Set actors and recipients of ``cand`` from the parse around its trigger."""
    subj_tokens, recip_tokens, between = _argument_tokens(tok)
    if cand.rule == "must":
        comp = obliged_complement(tok)
        recip_tokens = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")] if comp is not None else []
    actor_list = _dedupe([a for t in subj_tokens for a in actors_of(t, actors)])
    if not _countries(actor_list) and _pronominal(subj_tokens):
        actor_list = _dedupe([*actor_list, *(a for t in _speaker(tok) for a in actors_of(t, actors))])
    recip_list = _dedupe([a for t in recip_tokens for a in actors_of(t, actors)])
    if between:
        parties = _dedupe([a for t in between for a in actors_of(t, actors)])
        if not actor_list and parties:
            actor_list, recip_list = parties[:1], parties[1:] + recip_list
            cand.between = True
        else:
            recip_list = parties + recip_list
    keys = {_key(a) for a in actor_list}
    recip_list = [a for a in recip_list if _key(a) not in keys]
    if not _countries(recip_list) and cand.type not in VERBAL_TYPES:
        # "lifted the curfew in Montenegro": the place where the act happens
        places = [a for t in _where(tok) for a in actors_of(t, actors) if a.country]
        recip_list += [a for a in places if _key(a) not in keys]
    if not _countries(recip_list) and cand.type in DOMESTIC_TYPES:
        recip_list += [a for a in actor_list if a.country][:1]
    actor_list = _domestic(actor_list, subj_tokens, recip_list)
    cand.actors, cand.recipients = actor_list, recip_list
    joint = cand.rule == "joint"
    if cand.type in RECIPROCAL_TYPES and (joint or (not recip_list and len(actor_list) >= 2)):
        cand.actors = _dedupe(actor_list + recip_list)
        cand.recipients = []
        cand.reciprocal = len(cand.actors) >= 2


def _argument_tokens(tok) -> tuple[list, list, list]:
    """Subject-side tokens, recipient-side tokens and the parties of ``between``."""
    subj, recip, between = [], [], []
    if tok.pos_ in ("NOUN", "PROPN"):
        for c in tok.children:
            if c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.i < tok.i):
                subj.append(c)
            if c.dep_ == "prep" and c.lower_ == "by":
                subj += [g for g in c.children if g.dep_ == "pobj"]
        between = _between(tok)
        recip += _prep_objects(tok, exclude=("by", "between"))
        if not subj and not between and tok.dep_ in ("dobj", "pobj"):
            subj += _subjects(tok.head if tok.dep_ == "dobj" else tok.head.head)
        return subj, recip, between
    subj = _subjects(tok)
    passive = [c for c in tok.children if c.dep_ in ("nsubjpass",)]
    if passive:
        recip += passive
        subj = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    obj = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    obj += [x for o in obj for x in _conjuncts(o)]  # "launched artillery and rocket fire against"
    for o in obj:
        if o.lemma_.lower() in L.NOUN_TRIGGERS or o.lemma_.lower() in L.JOINT_NOUNS:
            recip += _prep_objects(o, exclude=("by",))
            between += _between(o)
            # "rejected calls by Kofi Annan", "rejected a United Nations appeal",
            # "accepted Iran's offer": whose act the object is, the act answers
            recip += [c for c in o.children if c.i < o.i and c.dep_ in ("poss", "compound", "amod")]
            recip += [g for c in o.children if c.dep_ == "prep" and c.lower_ == "by"
                      for g in c.children if g.dep_ == "pobj"]
        else:
            recip.append(o)
            recip += _prep_objects(o, exclude=("by", "of", "in", "from", "for"))
    if tok.lemma_.lower() in L.REQUEST_VERBS | L.THREAT_VERBS | {"accuse", "warn", "tell"}:
        # "demanded that the US cancel ...": the addressee is the complement's subject
        recip += [s for c in tok.children if c.dep_ == "ccomp"
                  for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
    recip += _prep_objects(tok, exclude=("by", "in", "during", "after", "before", "since"))
    comp = complement(tok)
    if comp is not None and not any(c.dep_ in ("nsubj", "nsubjpass") for c in comp.children):
        # "threatened to attack Israel"; but in "demanded that the US match the EU's
        # support" the addressee is the complement's subject, added above
        recip += [c for c in comp.children if c.dep_ in ("dobj", "dative")]
        recip += _prep_objects(comp, exclude=("by", "in"))
        for o in comp.children:
            if o.dep_ == "dobj":
                recip += _prep_objects(o, exclude=("by", "in", "of"))
    return subj, recip, between


def _domestic(actor_list: list[Actor], subj_tokens, recip_list: list[Actor]) -> list[Actor]:
    """The actors, an unplaced one given the country of the recipient.

    When the actor is a party that resolution left without a country ("Rebels",
    "angry activists", "President Dos Santos") and the recipient has one, the
    event is read as domestic, as PLOVER coders do: "demonstrators blocked roads
    in Algiers" is DZA → DZA. Only this way round: filling an unplaced recipient
    from the actor (5-fold CV 2026-11-29) added as many false recipients as right.
    """
    country = next((a.country for a in recip_list if a.country), None)
    heads = [t for t in subj_tokens if _is_party(t)]
    if country is None or _countries(actor_list) or not heads:
        return actor_list
    found = [replace(a, country=country) for a in actor_list if a.country is None]
    if not found:
        t = heads[0]
        found = [Actor(t.idx, t.idx + len(t.text), t.text, t.text, country,
                       L.SECTOR_NOUNS.get(t.lemma_.lower()))]
    return _dedupe(found)


def _is_party(tok) -> bool:
    """True for a noun phrase head naming people or an organisation."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    # a capitalised plural ("Rebels") is tagged PROPN and keeps its "s" as lemma
    words = {tok.lemma_.lower(), tok.lower_, tok.lower_[:-1] if tok.lower_.endswith("s") else tok.lower_}
    return tok.ent_type_ in ("PERSON", "ORG") or bool(words & (L.PARTY_NOUNS | set(L.SECTOR_NOUNS)))


def _countries(items: list[Actor]) -> bool:
    return any(a.country for a in items)


def _pronominal(tokens) -> bool:
    """True when a subject is a pronoun or carries a possessive one ("their forces")."""
    return any(t.lower_ in _PRONOUNS or any(c.dep_ == "poss" and c.lower_ in _PRONOUNS for c in t.children)
               for t in tokens)


def _speaker(tok) -> list:
    """Subjects of the speech verb whose reported clause holds ``tok`` ("Syria said it ...")."""
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return []
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in L.SPEECH_VERBS:
            return [s for s in _subjects(node.head) if s.lower_ not in _PRONOUNS]
        node = node.head
    return []


def _where(tok) -> list:
    """Objects of "in" on the trigger and on its direct object (the scene of the act)."""
    heads = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "nsubjpass"))]
    return [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in ("in", "inside")
            for g in c.children if g.dep_ == "pobj"]


def _subjects(tok) -> list:
    node = tok
    for _ in range(6):
        subj = [c for c in node.children if c.dep_ in ("nsubj", "csubj", "expl")]
        if subj:
            return [s for s in subj if s.dep_ != "expl"]
        if node.dep_ in ("xcomp", "conj", "acomp", "advcl", "pcomp") and node.head.i != node.i:
            node = node.head
            continue
        if node.dep_ in ("relcl", "acl") and node.head.i != node.i:
            if node.head.lemma_.lower() not in L.NOUN_TRIGGERS:
                return [node.head]
            # "converging for a rally to protest ...": the rally's participants
            node = node.head
            while node.dep_ in ("pobj", "prep", "dobj") and node.head.i != node.i:
                node = node.head
            continue
        break
    return []


def _prep_objects(tok, exclude=()) -> list:
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS and c.lower_ not in exclude:
            out += [g for g in c.children if g.dep_ == "pobj"]
    return out


def _between(tok) -> list:
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "between":
            for g in c.children:
                if g.dep_ == "pobj":
                    out += [g, *_conjuncts(g)]
    return out


def _conjuncts(tok) -> list:
    out = []
    for c in tok.children:
        if c.dep_ == "conj":
            out += [c, *_conjuncts(c)]
    return out


def actors_of(tok, actors: ActorIndex) -> list[Actor]:
    """The actors a noun phrase headed by ``tok`` refers to (conjuncts included).

    The actor covering the head wins; else an apposition's actor; else the
    actors inside the phrase (conjunct branches and clauses left out): named
    ones ("Minister for National Defense Chang Wanquan") before bare
    nationality modifiers ("Chinese and Russian militaries"), whose sector is
    then taken from the head noun when it names one (militaries → MIL).
    """
    out: list[Actor] = []
    for head in [tok, *_conjuncts(tok)]:
        direct = actors.at(head)
        if direct is not None:
            if direct.country is None:
                # "Lebanon's new President Elias Hrawi": the possessor's country
                owner = [a for a in _inner_actors(head, actors) if a.country and a is not direct]
                direct = replace(direct, country=owner[0].country) if owner else direct
            out.append(direct)
            continue
        appos = [a for c in head.children if c.dep_ == "appos" for a in [actors.at(c)] if a]
        if appos:
            out += appos
            continue
        inner = _inner_actors(head, actors)
        named = [a for a in inner if _is_named(a, head.doc)]
        if named:
            out += named
            continue
        sector = L.SECTOR_NOUNS.get(head.lemma_.lower()) or L.SECTOR_NOUNS.get(head.lower_)
        out += [replace(a, sector=sector) if sector else a for a in inner]
    return out


def _inner_actors(head, actors: ActorIndex) -> list[Actor]:
    """Actors on tokens of ``head``'s phrase, skipping conjuncts, clauses and pronouns."""
    found: list[Actor] = []
    stack = [c for c in head.children if c.dep_ not in _NOT_INNER]
    while stack:
        t = stack.pop()
        a = actors.at(t) if t.pos_ != "PRON" else None
        if a is not None and a not in found:
            found.append(a)
        stack += [c for c in t.children if c.dep_ not in _NOT_INNER or
                  (c.dep_ == "conj" and t.dep_ in ("amod", "compound", "nmod"))]
    return sorted(found, key=lambda a: a.start)


_NOT_INNER = frozenset({"conj", "cc", "relcl", "acl", "advcl", "ccomp", "xcomp", "punct", "appos"})


def _is_named(actor: Actor, doc) -> bool:
    """True for a named actor (person, organisation) rather than a nationality word."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return False
    return any(t.ent_type_ in ("PERSON", "ORG") for t in span) and not all(
        t.ent_type_ in ("NORP", "GPE") for t in span)


def _key(actor: Actor) -> tuple:
    return (actor.name, actor.country)


def _dedupe(items: list[Actor]) -> list[Actor]:
    seen, out = set(), []
    for a in items:
        if _key(a) not in seen:
            seen.add(_key(a))
            out.append(a)
    return out
