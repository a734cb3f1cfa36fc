"""Precise event rules over the dependency parse.

For every token of a sentence the rules ask: is it a trigger (a verb, a nominal
event with its own arguments, a light verb with an event noun, an intent
adjective)? What frame governs it (intent → AGREE, request → REQUEST,
threat → THREATEN, refusal → REJECT, plans and modals → not a fact)? Is it
negated? Then :mod:`sitrep.events.arguments` reads who did it and to whom
from the parse around the trigger. Since rules-2026.11.2 also: "X said Y must ..." is X's
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

from ..models import Actor, Place
from . import lexicon as L
from .arguments import (
    ActorIndex,
    Candidate,
    complement,
    fill_arguments,
    obliged_complement,
)

#: Dependency labels of a clause under its governor.
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "acomp", "oprd"})
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
CONFLICT_MATERIAL = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION"})
#: Acts that, announced or promised rather than done, are threats (CAMEO 13x).
THREATENABLE = CONFLICT_MATERIAL | {"PROTEST"}
#: Prepositions of a time adjunct: events under them are background (:func:`_background`).
TIME_PREPS = frozenset({"after", "following", "since", "during", "amid", "amidst", "before",
                        "until", "till"})


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
    if tok.pos_ == "ADJ" and lemma in L.INTENT_ADJS and complement(tok) is not None:
        return _intent_type(tok), None, "intent"
    if tok.pos_ == "VERB":
        if lemma in L.SPEECH_VERBS and obliged_complement(tok) is not None:
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
    comp = complement(tok)
    if lemma in L.REFUSAL_VERBS and comp is not None and comp.lemma_.lower() == "comment":
        return None  # "declined to comment"
    if lemma in L.INTENT_VERBS | {"swear"} and complement(tok) is not None:
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
    comp = complement(tok)
    sense = _verb_sense(comp, comp.lemma_.lower()) if comp is not None and comp.pos_ == "VERB" else None
    return "THREATEN" if sense is not None and sense[0] in THREATENABLE else "AGREE"


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
        if node.dep_ == "ccomp" and hl in L.SPEECH_VERBS and _same(obliged_complement(head), node):
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
