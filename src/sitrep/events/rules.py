"""Precise event rules over the dependency parse.

For every token of a sentence the rules ask: is it a trigger (a verb, a nominal
event with its own arguments, a light verb with an event noun, an intent
adjective)? What frame governs it (intent → AGREE, request → REQUEST,
threat → THREATEN, refusal → REJECT, plans and modals → not a fact)? Is it
negated? Then they read the actor from the subject (or the agent of a passive,
or "by"/possessive of a noun) and the recipient from the object and the
prepositional arguments, mapping tokens to the article's resolved actors.
Reciprocal events (joint exercises, "X and Y agreed") get both parties as
actors and no recipient. Since rules-2026.11.2 also: "X said Y must ..." is X's
REQUEST to Y; negated "accept/allow/..." is REJECT; announced, planned or
"unless"-conditioned coercion is THREATEN; complements and purpose clauses of a
trigger are not separate events; a pronoun subject of reported speech is the
speaker; acts without a recipient take the country of the place named with "in",
and an unplaced actor the recipient's (domestic events). Since rules-2026.11.3:
nominal events in a time adjunct ("after a coup") are background, not events;
the act named by a nominal object ("rejected calls by X") gives its author as
recipient; conjoined objects count; a place with coordinates is preferred.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..models import Actor, Place
from . import lexicon as L
from .types import RECIPROCAL_TYPES

#: Prepositions whose object is a recipient.
RECIPIENT_PREPS = frozenset({"with", "to", "against", "on", "at", "toward", "towards", "upon",
                             "into", "for", "from", "of"})
#: Dependency labels of a clause under its governor.
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "acomp", "oprd"})
#: Branches that do not belong to a noun phrase's own reference.
FOREIGN_BRANCHES = frozenset({"prep", "relcl", "acl", "advcl", "ccomp", "xcomp", "punct", "cc",
                              "conj", "appos", "npadvmod"})
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
CONFLICT_MATERIAL = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION"})
#: Acts that, announced or promised rather than done, are threats (CAMEO 13x).
THREATENABLE = CONFLICT_MATERIAL | {"PROTEST"}
#: Types of words rather than acts: their recipient is whom they address, never a
#: place where something happens (no "in" fallback, no domestic fallback).
VERBAL_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
#: Types whose event with no recipient found targets the actor's own country: PLOVER
#: codes protests, repression and concessions inside a country with that country on
#: both sides.
DOMESTIC_TYPES = frozenset({"PROTEST", "COERCE", "CONCEDE"})
#: Prepositions of a time adjunct: events under them are background (:func:`_background`).
TIME_PREPS = frozenset({"after", "following", "since", "during", "amid", "amidst", "before",
                        "until", "till"})
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


def find_candidates(sent, actors: ActorIndex) -> list[Candidate]:
    """Every rule event of one sentence (a spaCy ``Span``), suppressed frames removed."""
    out: list[Candidate] = []
    for tok in sent:
        sense = trigger_sense(tok)
        refusable = tok.pos_ == "VERB" and tok.lemma_.lower() in L.REFUSABLE_VERBS
        if sense is None and not refusable:
            continue
        if _background(tok):
            continue
        frame = governing_frame(tok)
        if frame in ("suppressed",):
            continue
        status = clause_status(tok)
        if status == "negated":
            # "will not accept", "did not allow": a refusal (CAMEO 12), not a non-event
            if not refusable or frame != "asserted":
                continue
            etype, mode, rule = "REJECT", None, "negated"
        elif sense is None:
            continue
        else:
            etype, mode, rule = sense
            etype, frame = apply_modality(tok, etype, frame, status)
        if etype is None:
            continue
        cand = Candidate(etype, mode, tok.i, frame=frame, rule=rule)
        fill_arguments(cand, tok, actors)
        out.append(cand)
    return out


def _background(tok) -> bool:
    """A nominal event inside a time adjunct ("following the invasions of Dagestan",
    "after five days of fighting"): news gives it as the background of the
    sentence's event, not as an event of its own."""
    node = tok
    for _ in range(6):
        if node.dep_ != "pobj" or node.pos_ not in ("NOUN", "PROPN"):
            return False
        prep = node.head
        if prep.lower_ in TIME_PREPS:
            return True
        node = prep.head
    return False


def trigger_sense(tok) -> tuple[str, str | None, str] | None:
    """(type, mode, rule) when ``tok`` triggers an event, else None."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "ADJ" and lemma in L.INTENT_ADJS and _complement(tok) is not None:
        return _intent_type(tok), None, "intent"
    if tok.pos_ == "VERB":
        if lemma in L.SPEECH_VERBS and _obliged_complement(tok) is not None:
            return "REQUEST", None, "must"
        return _verb_sense(tok, lemma)
    if tok.pos_ in ("NOUN", "PROPN") and lemma in L.NOUN_TRIGGERS:
        return _noun_sense(tok, lemma)
    return None


def _verb_sense(tok, lemma: str) -> tuple[str, str | None, str] | None:
    for child in tok.children:
        if child.dep_ in ("prt", "prep", "dobj") and (lemma, child.lower_) in L.PHRASAL:
            etype, mode = L.PHRASAL[(lemma, child.lower_)]
            return etype, mode, "phrasal"
    obj = _object(tok)
    if obj is not None:
        olemma = obj.lemma_.lower()
        if (lemma, olemma) not in L.OBJECT_SENSES and (lemma, obj.lower_) in L.OBJECT_SENSES:
            olemma = obj.lower_  # "evacuated the wounded": a participle as a noun
        if (lemma, olemma) in L.OBJECT_SENSES:
            etype, mode = L.OBJECT_SENSES[(lemma, olemma)]
            return (etype, mode, "object") if etype else None
        if olemma in L.JOINT_NOUNS and _has_joint(obj):
            return "COOPERATE", None, "joint"
        if lemma in L.LIGHT_VERBS and olemma in L.NOUN_TRIGGERS:
            etype, mode = noun_type(obj)
            return etype, mode, "light"
    if lemma == "deny" and any(c.dep_ == "ccomp" for c in tok.children):
        return None  # "denied that troops crossed": a statement, not a refusal
    comp = _complement(tok)
    if lemma in L.REFUSAL_VERBS and comp is not None and comp.lemma_.lower() == "comment":
        return None  # "declined to comment"
    if lemma in L.INTENT_VERBS | {"swear"} and _complement(tok) is not None:
        return _intent_type(tok), None, "intent"
    if lemma in L.MOTION_VERBS and _purpose_meeting(tok):
        return "CONSULT", "visit", "visit"  # "return to Geneva for talks"
    if lemma in L.VERB_TRIGGERS:
        etype, mode = L.VERB_TRIGGERS[lemma]
        return etype, mode, "verb"
    return None


def _purpose_meeting(tok) -> bool:
    """The verb's "for" names a meeting: "flew to Moscow for talks"."""
    return any(c.dep_ == "prep" and c.lower_ == "for" and g.dep_ == "pobj"
               and L.NOUN_TRIGGERS.get(g.lemma_.lower(), ("",))[0] == "CONSULT"
               for c in tok.children for g in c.children)


def _noun_sense(tok, lemma: str) -> tuple[str, str | None, str] | None:
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in L.LIGHT_VERBS | set(L.VERB_TRIGGERS):
        return None  # the verb codes it
    if tok.dep_ == "compound":
        return None
    if tok.dep_ == "dobj" and head.lemma_.lower() in L.PLANNING_VERBS:
        return None  # "preparing a major offensive": a plan, not yet an act
    etype, mode = noun_type(tok)
    if lemma in L.JOINT_NOUNS and _has_joint(tok):
        return "COOPERATE", mode, "joint"
    has_args = any(c.dep_ == "prep" and c.lower_ in ("between", "with", "by", "against", "on")
                   for c in tok.children) or any(c.dep_ == "poss" for c in tok.children)
    return (etype, mode, "noun") if has_args else None


def _intent_type(tok) -> str:
    """AGREE for a promise to cooperate, THREATEN for a vow to coerce or attack
    ("ready to impose martial law", "swore to fight")."""
    comp = _complement(tok)
    sense = _verb_sense(comp, comp.lemma_.lower()) if comp is not None and comp.pos_ == "VERB" else None
    return "THREATEN" if sense is not None and sense[0] in THREATENABLE else "AGREE"


def _obliged_complement(tok):
    """The reported clause of a speech verb that states an obligation ("Y must ...")."""
    for child in tok.children:
        if child.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in L.OBLIGATION_MODALS
                                         and not any(n.dep_ == "neg" for n in child.children)
                                         for c in child.children):
            return child
    return None


def noun_type(tok) -> tuple[str, str | None]:
    """Type and mode of a nominal trigger, refined by its modifiers: a hunger or a
    general strike is a protest, not an air strike."""
    lemma = tok.lemma_.lower()
    mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "poss")}
    if lemma in ("strike", "walkout") and mods & L.PROTEST_STRIKE_MODIFIERS:
        return ("PROTEST", "hunger") if "hunger" in mods else ("PROTEST", "strike")
    return L.NOUN_TRIGGERS[lemma]


def _has_joint(tok) -> bool:
    return any(c.lower_ in ("joint", "combined", "bilateral", "trilateral") for c in tok.children)


def _object(tok):
    for child in tok.children:
        if child.dep_ in ("dobj", "attr", "nsubjpass"):
            return child
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ not in TIME_PREPS:  # not the background
            for gc in child.children:
                if gc.dep_ == "pobj" and gc.lemma_.lower() in L.NOUN_TRIGGERS:
                    return gc
    return None


def _complement(tok):
    for child in tok.children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            return child
    return None


def governing_frame(tok) -> str:
    """How the clause above ``tok`` frames it: asserted, intent, irrealis or suppressed.

    A complement of an intent, request, threat or refusal verb is ``suppressed``:
    the governing verb codes the event (AGREE, REQUEST, THREATEN, REJECT).
    """
    if tok.dep_ == "acl" and tok.head.lemma_.lower() in L.FRAMING_NOUNS and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return "suppressed"  # "an ultimatum to halt attacks", "an appeal to lay down arms"
    node = tok
    while node.dep_ in COMPLEMENT_DEPS | {"conj"} and node.head.i != node.i:
        head = node.head
        hl = head.lemma_.lower()
        if node.dep_ == "conj":
            node = head
            continue
        if node.dep_ == "advcl":
            if not _purpose_clause(node):
                return "asserted"
            if trigger_sense(head) is not None:
                return "suppressed"  # "staged rallies to demand reforms": the goal of the act
            node = head  # "must ensure security to allow ...": framed like its governor
            continue
        if head.pos_ == "ADJ" and hl in L.INTENT_ADJS:
            return "suppressed"
        if hl in L.INTENT_VERBS | L.REQUEST_VERBS | L.THREAT_VERBS | L.REFUSAL_VERBS | {"swear"}:
            return "suppressed"
        if node.dep_ == "ccomp" and hl in L.SPEECH_VERBS and _same(_obliged_complement(head), node):
            return "suppressed"  # the speech verb codes the demand (REQUEST)
        if node.dep_ == "xcomp" and hl in L.IRREALIS_VERBS:
            return "prepared" if hl == "prepare" else "irrealis"
        if node.dep_ in ("xcomp", "ccomp") and head.pos_ == "VERB" and trigger_sense(head) is not None:
            return "suppressed"  # "allow refugees to return": the governing trigger codes it
        node = head
    return "asserted"


def _same(a, b) -> bool:
    return a is not None and b is not None and a.i == b.i


def _purpose_clause(tok) -> bool:
    """An infinitival adverbial clause ("to allow ...", "in order to ...")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and not any(
        c.dep_ == "mark" for c in tok.children)


def clause_status(tok) -> str:
    """``negated``, ``hypothetical``, ``conditional``, ``future`` or ``asserted``."""
    chain = [tok]
    node = tok
    while node.dep_ in ("xcomp", "conj", "acomp") and node.head.i != node.i:
        node = node.head
        chain.append(node)
    for t in chain:
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") or c.lower_ == "never":
                return "negated"
    if tok.dep_ == "pcomp" and tok.head.lower_ == "without":
        return "negated"
    conditional = any(_has_mark(t) for t in chain) or _under_conditional(tok) or any(
        c.dep_ == "advcl" and _has_mark(c) for t in chain for c in t.children)
    modals = {c.lower_ for t in chain for c in t.children if c.dep_ == "aux" and c.tag_ == "MD"}
    if conditional:
        return "conditional" if modals & (L.FUTURE_MODALS | {"would"}) else "hypothetical"
    if "would" in modals and _reported(node):
        modals = (modals - {"would"}) | {"will"}  # "said they would boycott": future in the past
    if modals & L.HYPOTHETICAL_MODALS:
        return "hypothetical"
    if modals & L.FUTURE_MODALS:
        return "future"
    return "asserted"


def _reported(tok) -> bool:
    """True when ``tok`` heads the reported clause of a speech verb."""
    return tok.dep_ == "ccomp" and tok.head.lemma_.lower() in L.SPEECH_VERBS


def _unless(tok) -> bool:
    """True when a clause of ``tok`` is introduced by "unless" (an ultimatum)."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
               for c in tok.children)


def _has_mark(tok) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in L.CONDITIONAL_MARKS for c in tok.children)


def _under_conditional(tok) -> bool:
    node = tok
    while node.head.i != node.i:
        if node.dep_ == "advcl" and _has_mark(node):
            return True
        node = node.head
    return False


def apply_modality(tok, etype: str, frame: str, status: str) -> tuple[str | None, str]:
    """The type a trigger keeps under its frame and modality (None: not coded)."""
    if status == "conditional" and _unless(tok) and etype not in ("AGREE", "REQUEST"):
        return "THREATEN", "conditional"  # "will withdraw unless ...": an ultimatum
    if frame == "prepared" and etype == "ASSAULT" and status != "hypothetical":
        return "MOBILIZE", "prepared"  # "prepared to resume shelling": forces readied
    if frame in ("irrealis", "prepared") or status in ("hypothetical", "future"):
        if etype in COOPERATIVE and etype != "AGREE":
            return "AGREE", "intent"
        if etype in ("AGREE", "REQUEST", "THREATEN", "ACCUSE", "REJECT", "SUPPORT") and status == "future":
            return etype, "future"
        if etype in THREATENABLE and status != "hypothetical":
            # announced or planned coercion ("will extend the curfew", "plans to impose
            # restrictions", "would boycott"): a threat (CAMEO 13x), not the act
            return "THREATEN", "future"
        return None, frame
    if status == "conditional":
        if etype in THREATENABLE:
            return "THREATEN", "conditional"
        return None, frame
    return etype, frame


def fill_arguments(cand: Candidate, tok, actors: ActorIndex) -> None:
    """Set actors and recipients of ``cand`` from the parse around its trigger."""
    subj_tokens, recip_tokens, between = _argument_tokens(tok)
    if cand.rule == "must":
        comp = _obliged_complement(tok)
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
    comp = _complement(tok)
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


def order_by_host(cand: Candidate, place: Place | None) -> None:
    """For "a meeting between A and B" in B's country, B hosts: A is the actor.

    The codebook codes the visitor as ACTOR and the host as RECIPIENT; without a
    place in one party's country the order of mention stands.
    """
    if not cand.between or place is None or place.country is None or cand.reciprocal:
        return
    parties = cand.actors + cand.recipients
    hosts = [a for a in parties if a.country == place.country]
    guests = [a for a in parties if a.country != place.country]
    if hosts and guests:
        cand.actors, cand.recipients = guests, hosts
        if cand.type == "CONSULT" and cand.mode is None:
            cand.mode = "visit"


def place_for(tok, sent, places: list[Place], actors: list[Actor]) -> Place | None:
    """The place of an event: one inside the trigger's phrase, else the sentence's own;
    a place with coordinates before one without (a ``FOCUS`` place only says which
    country an unknown local name is in), nearer the trigger first."""
    def usable(p: Place) -> bool:
        return not any(a.start <= p.start < a.end for a in actors)
    in_sent = [p for p in places if sent.start_char <= p.start < sent.end_char and usable(p)]
    if not in_sent:
        return None
    sub = [t for t in tok.subtree]
    lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1])
    inside = [p for p in in_sent if lo <= p.start < hi]
    for group in (inside, in_sent):
        located = [p for p in group if p.lat is not None and p.lon is not None]
        if located:
            return located[0]
    return (inside or in_sent)[0]


def contexts_for(sent) -> list[str]:
    """PLOVER contexts named by keywords of the sentence, in order of appearance."""
    out: list[str] = []
    for t in sent:
        ctx = L.CONTEXT_WORDS.get(t.lemma_.lower()) or L.CONTEXT_WORDS.get(t.lower_)
        if ctx and ctx not in out:
            out.append(ctx)
    return out
