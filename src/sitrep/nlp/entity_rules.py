"""Entity rules: gazetteers, patterns and the reconciliation of spans with the stock NER.

Spans are ``(start, end, label, source)`` token offsets into a spaCy ``Doc``; the stage
(:mod:`sitrep.nlp.entities`) merges the layers these functions produce. We write these
rules ourselves because spaCy's ``EntityRuler`` cannot express the conditions we need
(an ambiguous name only next to a military head noun, a span trimmed to the stock name it
ends with) and because its matches would overwrite ``doc.ents``, which later stages read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .entity_features import GAZ_LABELS

DATA_DIR = Path(__file__).parent / "data"
GAZETTEER_DIR = DATA_DIR / "gazetteers"

#: Stock label -> re3d label (used for the baseline and for ``STOCK_FALLBACK``).
STOCK_TO_RE3D: dict[str, str] = {
    "PERSON": "Person", "ORG": "Organisation", "GPE": "Location", "LOC": "Location",
    "FAC": "Location", "NORP": "Nationality", "DATE": "Temporal", "TIME": "Temporal",
    "MONEY": "Money", "QUANTITY": "Quantity", "CARDINAL": "Quantity", "PERCENT": "Quantity",
    "LAW": "DocumentReference",
}

#: Stock labels that overrule a domain-NER "Person" on exactly the same span ("Raqqah",
#: "March").
NOT_PERSON: frozenset[str] = frozenset({"GPE", "LOC", "FAC", "ORG", "DATE"})

#: Domain-NER labels that cannot contain a stock name (PERSON, ORG, GPE, ...): such a
#: span is dropped (the stock fallback may then fill the place).
NUMERIC_LABELS = frozenset({"Temporal", "Quantity", "Money"})
STOCK_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})

#: Head nouns that confirm a designator or an ambiguous name as a weapon or platform.
WEAPON_HEADS = frozenset("""missile missiles rocket rockets system systems launcher launchers
interceptor interceptors battery batteries warhead warheads munition munitions bomb bombs
artillery howitzer howitzers rifle rifles gun guns air-defence air-defense""".split())
PLATFORM_HEADS = frozenset("""jet jets fighter fighters aircraft plane planes warplane warplanes
bomber bombers helicopter helicopters drone drones uav uavs ship ships warship warships
destroyer destroyers frigate frigates submarine submarines carrier carriers tank tanks
corvette corvettes gunship gunships vessel vessels""".split())
#: A system designator: letters, a hyphen, digits, an optional suffix (Kh-101, DF-31A).
DESIGNATOR = re.compile(r"^[A-Z][A-Za-z]{0,3}-\d{1,3}[A-Z]{0,3}$")
#: The same, found in running text (each hit is checked to be one token).
DESIGNATOR_IN_TEXT = re.compile(r"(?<![\w-])[A-Z][A-Za-z]{0,3}-\d{1,3}[A-Z]{0,3}(?![\w-])")
#: Tokens on either side searched for a head noun.
HEAD_WINDOW = 3

#: Subject/object pronouns and the label re3d gives them (over 80% of their occurrences
#: in re3d are annotated so). They win over the trained NER: by 5-fold CV, taking them
#: first gained Person F1 (+0.007), the NER sometimes tagging "I" or "me" Organisation.
PRONOUN_LABELS: dict[str, str] = {"he": "Person", "she": "Person", "him": "Person",
                                  "i": "Person", "me": "Person", "we": "Organisation"}
#: Pronouns labelled so in about 60% of their re3d occurrences ("they" -> Organisation):
#: used only where the trained NER found nothing (5-fold CV: +0.001 overall).
WEAK_PRONOUN_LABELS: dict[str, str] = {"they": "Organisation"}

#: Words that introduce or follow a named exercise or operation.
EXERCISE_KEYWORDS = frozenset("""exercise exercises drill drills operation operations
maneuvers manoeuvres wargames war-games games""".split())
EXERCISE_OPENERS = frozenset({"Operation", "Exercise", "Op.", "Operations", "Exercises"})
NAMING_VERBS = frozenset({"dubbed", "codenamed", "code-named", "named", "called"})



# --------------------------------------------------------------------------- gazetteers

@dataclass(frozen=True)
class GazEntry:
    """One gazetteer line: ``generic`` entries are model features only; ``ambiguous``
    names are output only next to a head noun."""

    label: str
    text: str
    ambiguous: bool = False
    generic: bool = False


def read_gazetteers(directory: Path = GAZETTEER_DIR) -> list[GazEntry]:
    """Read every ``<Label>.txt`` in ``directory`` (see the files' headers for the format)."""
    entries: list[GazEntry] = []
    for label in GAZ_LABELS:
        path = directory / f"{label}.txt"
        if not path.exists():
            continue
        generic = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("## generic"):
                generic = True
            if not line.strip() or line.startswith("#"):
                continue
            text, _, flag = line.partition("\t")
            entries.append(GazEntry(label, text.strip(), flag.strip() == "?", generic))
    return entries


class Gazetteer:
    """Phrase matchers over the curated lists: case-sensitive for names, lower-case for
    all-lower-case entries."""

    def __init__(self, nlp: Any, entries: Sequence[GazEntry]) -> None:
        from spacy.matcher import PhraseMatcher

        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.kinds: dict[int, tuple[str, str]] = {}
        for e in entries:
            kind = "generic" if e.generic else "ambiguous" if e.ambiguous else "name"
            key = f"{e.label}|{kind}"
            self.kinds[nlp.vocab.strings.add(key)] = (e.label, kind)
            matcher = self.lower if e.text.islower() else self.exact
            matcher.add(key, [nlp.make_doc(e.text)])

    @classmethod
    def load(cls, nlp: Any, directory: Path = GAZETTEER_DIR) -> Gazetteer:
        """The gazetteer of ``directory`` for ``nlp``'s tokenizer."""
        return cls(nlp, read_gazetteers(directory))

    def __call__(self, doc: Any) -> list[tuple[int, int, str, str]]:
        """``(start, end, label, kind)`` token spans, longest first where they overlap."""
        hits = [(s, e, *self.kinds[m]) for m, s, e in self.exact(doc) + self.lower(doc)]
        hits.sort(key=lambda h: (h[0] - h[1], h[0]))
        return hits


# --------------------------------------------------------------------------- rules

def _near_head(doc: Any, start: int, end: int, heads: frozenset[str]) -> bool:
    window = list(doc[max(0, start - HEAD_WINDOW):start]) + list(doc[end:end + HEAD_WINDOW])
    return any(t.lower_ in heads for t in window)


def _is_year(token: Any) -> bool:
    return token.is_digit and len(token.text) == 4 and token.text[:2] in ("19", "20")


def _extend_year(doc: Any, end: int) -> int:
    return end + 1 if end < len(doc) and _is_year(doc[end]) else end


def gazetteer_rules(doc: Any, hits: Sequence[tuple[int, int, str, str]]) -> list[tuple]:
    """Names from the gazetteer: ``(start, end, label, source)`` token spans."""
    heads = WEAPON_HEADS | PLATFORM_HEADS
    out = []
    for start, end, label, kind in hits:
        if kind == "generic" or (kind == "ambiguous" and not _near_head(doc, start, end, heads)):
            continue
        if label == "Exercise":
            end = _extend_year(doc, end)
        if label != "Role":
            out.append((start, end, label, "gazetteer"))
    return out


def _title_run(doc: Any, i: int, limit: int = 5) -> int:
    """End of the run of (at most ``limit``) capitalised words or years starting at ``i``."""
    j = i
    while j < len(doc) and j - i < limit:
        tok = doc[j]
        if not (_is_year(tok) or (tok.is_alpha and (tok.is_title or tok.is_upper))):
            break
        j += 1
    return j


def word_hashes(words: Iterable[str]) -> np.ndarray:
    """spaCy's string ids of ``words``, sorted (for :func:`token_index`)."""
    from spacy.strings import get_string_id

    return np.array(sorted(get_string_id(w) for w in words), dtype="uint64")


def token_index(doc: Any, words: Iterable[str] | np.ndarray, attr: str = "LOWER") -> list[int]:
    """Indices of the tokens whose ``attr`` (``LOWER`` or ``ORTH``) is one of ``words``
    (strings, or their :func:`word_hashes` computed once for a long list).

    A vectorised lookup: the rules below would otherwise build a Python ``Token`` for every
    word of every document, which cost about a third of the stage's time."""
    if not len(doc):
        return []
    hashes = words if isinstance(words, np.ndarray) else word_hashes(words)
    found = np.isin(doc.to_array(attr).astype("uint64"), hashes)
    return np.flatnonzero(found).tolist()


def exercise_rules(doc: Any) -> list[tuple]:
    """``Operation Inherent Resolve``, ``Exercise Cobra Gold``, ``drills dubbed Peace Mission
    2013``."""
    out = []
    where = sorted(token_index(doc, EXERCISE_OPENERS, "ORTH") + token_index(doc, NAMING_VERBS))
    for tok in (doc[i] for i in where):
        if tok.text in EXERCISE_OPENERS and tok.i + 1 < len(doc):
            end = _title_run(doc, tok.i + 1)
            if end > tok.i + 1 and not doc[tok.i + 1].is_stop:
                out.append((tok.i, end, "Exercise", "rule"))
        elif tok.lower_ in NAMING_VERBS:
            before = {t.lower_ for t in doc[max(0, tok.i - 6):tok.i]}
            end = _title_run(doc, tok.i + 1)
            if end > tok.i + 1 and before & EXERCISE_KEYWORDS:
                out.append((tok.i + 1, end, "Exercise", "rule"))
    return out


def designator_rules(doc: Any) -> list[tuple]:
    """``Kh-101 missiles`` -> Weapon, ``Su-25 jets`` -> MilitaryPlatform (designator + head)."""
    out = []
    for match in DESIGNATOR_IN_TEXT.finditer(doc.text):
        tok = doc.char_span(match.start(), match.end())
        if tok is None or len(tok) != 1 or not DESIGNATOR.match(tok.text):
            continue
        tok = tok[0]
        nxt = {t.lower_ for t in doc[tok.i + 1:tok.i + 1 + HEAD_WINDOW]}
        if nxt & WEAPON_HEADS:
            out.append((tok.i, tok.i + 1, "Weapon", "rule"))
        elif nxt & PLATFORM_HEADS:
            out.append((tok.i, tok.i + 1, "MilitaryPlatform", "rule"))
    return out


def pronoun_rules(doc: Any, labels: dict[str, str] = PRONOUN_LABELS) -> list[tuple]:
    """Personal pronouns that refer to actors, labelled as re3d does (``labels``)."""
    tokens = (doc[i] for i in token_index(doc, labels))
    return [(t.i, t.i + 1, labels[t.lower_], "rule") for t in tokens if t.pos_ == "PRON"]


def stock_spans(doc: Any, labels: Iterable[str] | None = None) -> list[tuple]:
    """Stock entities mapped to re3d labels (only ``labels`` if given)."""
    keep = set(labels) if labels is not None else None
    out = []
    for ent in doc.ents:
        label = STOCK_TO_RE3D.get(ent.label_)
        if label and (keep is None or label in keep):
            out.append((ent.start, ent.end, label, "stock"))
    return out


#: Words dropped from the start of a Temporal span ("nearly four years ago" -> "four
#: years ago"; re3d leaves approximations out of dates).
TIME_APPROXIMATIONS = frozenset("""nearly about almost around approximately roughly some
over just""".split())
#: One-word stock dates that re3d does not annotate (frequencies and bare units).
GENERIC_TIMES = frozenset("""daily weekly monthly yearly annually hourly nightly days weeks
months years hours minutes""".split())
#: Tokens of a possessive left at the end of a stock date ("last year 's").
POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})


def clean_temporal(doc: Any, spans: Iterable[tuple]) -> list[tuple]:
    """Temporal spans as re3d writes them: without a leading approximation or a trailing
    possessive; frequencies, bare units and numbers that are not years dropped."""
    out = []
    for start, end, label, source in spans:
        if label == "Temporal":
            while end - start > 1 and doc[start].lower_ in TIME_APPROXIMATIONS:
                start += 1
            while end - start > 1 and doc[end - 1].lower_ in POSSESSIVE_TOKENS:
                end -= 1
            piece = doc[start:end]
            if (len(piece) == 1 and piece[0].lower_ in GENERIC_TIMES) or (
                    all(t.is_digit for t in piece) and not all(_is_year(t) for t in piece)):
                continue
            # coordinates and numbers the stock NER takes for dates ("N 44 ° 30", "80 )"):
            # 5-fold CV on re3d, Temporal 0.753 -> 0.76, both halves
            if any(t.text == "°" for t in piece) or not any(
                    len(t) > 1 and any(c.isalpha() for c in t.text) or _is_year(t)
                    for t in piece):
                continue
        out.append((start, end, label, source))
    return out


#: Language names that are also nationality adjectives; a stock NORP span of one of them
#: not followed by a word is the language ("written in Arabic.").
LANGUAGE_NAMES = frozenset("""arabic french english russian kurdish kurmanji persian farsi
turkish german spanish chinese hebrew urdu""".split())


def stock_nationalities(doc: Any, spans: Iterable[tuple]) -> list[tuple]:
    """Stock NORP spans as re3d labels them: a plural noun ("Syrians", "Iraqis") is a
    group, Organisation; a language name used as a noun ("in Arabic") and anything but an
    adjective or proper noun are dropped. Other spans pass unchanged."""
    out = []
    for start, end, label, source in spans:
        if label == "Nationality":
            # "intra - Syrian": the demonym only (5-fold CV on re3d: Nationality 0.333 ->
            # 0.394; 2 spans right, one sentence, so half 1 unchanged)
            while end - start > 2 and doc[start].is_lower and doc[start + 1].text == "-":
                start += 2
            last = doc[end - 1]
            if last.pos_ in ("NOUN", "PROPN") and last.text.endswith("s"):
                label = "Organisation"
            elif last.pos_ not in ("ADJ", "PROPN") or (
                    last.lower_ in LANGUAGE_NAMES and (end == len(doc) or not doc[end].is_alpha)):
                continue
        out.append((start, end, label, source))
    return out



def reconcile(doc: Any, spans: Iterable[tuple], style: str = "names",
              relabel: frozenset[str] = frozenset()) -> list[tuple]:
    """Repair domain-NER spans with the stock NER of ``doc`` and the line breaks.

    A span is cut at a line break (keeping its first non-empty part); a span that is
    exactly a stock entity labelled in ``relabel`` takes its mapped label, and so does a
    Person that is exactly a stock place or organisation (``NOT_PERSON``); a Temporal,
    Quantity or Money span that contains a stock name is dropped; a span ending with a
    stock PERSON is relabelled Person ("U.S. Defense Secretary Chuck Hagel"); in the
    ``names`` style a Person span is then trimmed to that PERSON, and a Location span to
    the stock place it ends with ("the northeast Chinese city of Harbin" -> "Harbin").
    """
    ents = [(ent.start, ent.end, ent.label_) for ent in doc.ents]
    people = {e: s for s, e, label in ents if label == "PERSON"}
    places = {e: s for s, e, label in ents if label in ("GPE", "LOC", "FAC")}
    exact = {(s, e): STOCK_TO_RE3D[label] for s, e, label in ents if label in relabel}
    names = {(s, e): STOCK_TO_RE3D[label] for s, e, label in ents if label in NOT_PERSON}
    out = []
    for start, end, label, source in spans:
        start, end = _first_line(doc, start, end)
        if end <= start:
            continue
        if label in NUMERIC_LABELS and any(start <= s and e <= end and lab in STOCK_NAME_LABELS
                                           for s, e, lab in ents):
            continue
        label = exact.get((start, end), label)
        if label == "Person" and (start, end) in names:
            label = names[(start, end)]
        if end in people and people[end] >= start:
            label = "Person"
            if style == "names":
                start = people[end]
        elif style == "names" and label == "Location" and places.get(end, start) > start:
            listed = _listed_places(doc, start, end, places)
            if listed:  # "Dublin and London": each place, not only the last
                out += [(s, e, label, source) for s, e in listed]
                continue
            start = places[end]
        out.append((start, end, label, source))
    return out


#: Words that join the items of a list of places ("Dublin and London", "Homs, Hama").
_LIST_JOINERS = frozenset({"and", "or", ",", "&", "as", "well"})


def _listed_places(doc: Any, start: int, end: int, places: dict[int, int]) -> list[tuple[int, int]]:
    """The stock places of the list ``doc[start:end]`` ends with ("Dublin and London",
    "the cities of Homs, Hama and Aleppo"), when there are two or more, else []: the
    names style keeps each place, where trimming the span to the place it ends with
    would lose the others."""
    found, i = [], end
    while i > start:
        s = places.get(i)
        if s is not None and s >= start:
            found.append((s, i))
            i = s
        elif doc[i - 1].lower_ in _LIST_JOINERS:
            i -= 1
        else:
            break
    return found[::-1] if len(found) >= 2 else []


def _first_line(doc: Any, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` cut at its first line break (leading/trailing spaces dropped)."""
    while start < end and doc[start].is_space:
        start += 1
    for i in range(start, end):
        if doc[i].is_space and "\n" in doc[i].text:
            return start, i
        if "\n" in doc[i].whitespace_:
            return start, i + 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return start, end


def person_names(doc: Any, spans: list[tuple]) -> list[tuple]:
    """Relabel Person a one-word span that repeats the first or last word of a
    multi-word Person found earlier in the doc ("Wang" after "Wang Yang")."""
    seen: set[str] = set()
    out = []
    for start, end, label, source in spans:
        if label == "Person" and end - start > 1:
            seen |= {doc[start].text, doc[end - 1].text}
        elif end - start == 1 and label != "Person" and doc[start].text in seen:
            label = "Person"
        out.append((start, end, label, source))
    return out


def merge_spans(*layers: Iterable[tuple]) -> list[tuple]:
    """Union of span layers, earlier layers winning; within a layer, longer spans win."""
    taken: set[int] = set()
    out = []
    for layer in layers:
        for span in sorted(layer, key=lambda s: (s[0] - s[1], s[0])):
            cover = set(range(span[0], span[1]))
            if span[1] > span[0] and not cover & taken:
                taken |= cover
                out.append(span)
    return sorted(out)


# --------------------------------------------------------------------------- head nouns

#: Curated head nouns -> re3d label (see the file's header).
HEADS_FILE = DATA_DIR / "entity_heads.tsv"


def read_heads(path: Path = HEADS_FILE) -> dict[str, str]:
    """``word -> label`` from a ``label<TAB>words`` file (``#`` lines are comments)."""
    heads: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, _, words = line.partition("\t")
        for word in words.split():
            heads[word.lower()] = label.strip()
    return heads


#: Labels whose spans leave out a leading article, number or possessive ("fired two
#: rockets" -> "rockets"), as re3d's do (about 9 in 10 Weapon and MilitaryPlatform spans).
BARE_LABELS = frozenset({"Weapon", "MilitaryPlatform"})
#: Words trimmed from the start of a ``BARE_LABELS`` span (besides DET/NUM/PRON tokens).
QUANTIFIERS = frozenset("""several many some few each every any all both more most
dozens hundreds thousands""".split())

#: Dependency labels of a noun-phrase head (those of spaCy's English ``noun_chunks``).
NP_DEPS = frozenset({"oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative",
                     "appos", "attr", "ROOT"})
#: Head nouns that make a mention only with a modifier.
MODIFIED_HEADS = frozenset({"vehicle", "vehicles"})
#: Parts of speech trimmed from the start of a head-noun phrase.
CHUNK_OPENERS = frozenset({"AUX", "ADP", "CCONJ", "SCONJ", "PUNCT"})


def _chunk_opener(token: Any) -> bool:
    """A word that starts a noun chunk but not a re3d span: a gerund ("clearing areas"),
    an adverb before a determiner or adjective ("even some ..."; not "remotely piloted")."""
    if token.pos_ == "VERB":
        return token.tag_ == "VBG"
    if token.pos_ == "ADV":
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return nxt is not None and nxt.pos_ != "VERB"
    return token.pos_ in CHUNK_OPENERS


def head_rules(doc: Any, heads: dict[str, str], labels: Iterable[str]) -> list[tuple]:
    """Noun phrases of the stock parse headed by a listed noun of one of ``labels`` (``the
    teams``, ``three supply caches``): ``(start, end, label, "rule")``, from the phrase's
    left edge to the noun, as spaCy's ``noun_chunks`` has them. Computed only around the
    listed nouns: ``doc.noun_chunks`` walks every token and cost a fifth of the stage."""
    keep = {word for word, label in heads.items() if label in labels}
    if not keep or not doc.has_annotation("DEP"):
        return []
    out = []
    for i in token_index(doc, keep):
        root = doc[i]
        head = root
        while head.dep_ == "conj" and head.head.i < head.i:
            head = head.head
        label = heads[root.lower_]
        # a role in apposition to a name ("Votel , commander of ...") is not a mention of
        # its own in re3d: 5-fold CV on re3d, Person 0.777 -> 0.782, both halves
        if label == "Person" and head.dep_ == "appos":
            continue
        # weapon acronyms count as lower-case heads ("IEDs", "VBIED"; 5-fold CV on re3d,
        # Weapon 0.443 -> 0.462, both halves)
        acronym = label in BARE_LABELS and root.text.rstrip("s").isupper()
        if (root.is_lower and root.pos_ in ("NOUN", "PRON", "NUM", "ADJ")
                or acronym and root.pos_ in ("NOUN", "PROPN")) and head.dep_ in NP_DEPS:
            start = root.left_edge.i
            # not a leading gerund or adverb ("clearing areas", "even some outlying
            # residential areas"): 5-fold CV on re3d, Location 0.660 -> 0.663, both halves
            while start < i and _chunk_opener(doc[start]):
                start += 1
            out.append((start, i + 1, label, "rule"))
    # a bare "vehicles" is not a platform in re3d, "tactical vehicles" is (5-fold CV on
    # re3d with "convoy" an Organisation head: MilitaryPlatform 0.411 -> 0.429, both halves)
    return [span for span in trim_bare(doc, out)
            if span[1] - span[0] > 1 or doc[span[0]].lower_ not in MODIFIED_HEADS]


def trim_bare(doc: Any, spans: Iterable[tuple]) -> list[tuple]:
    """Drop a leading article, number, possessive or quantifier from ``BARE_LABELS`` spans."""
    out = []
    for start, end, label, source in spans:
        if label in BARE_LABELS:
            while end - start > 1 and (doc[start].pos_ in ("DET", "NUM", "PRON")
                                       or doc[start].lower_ in QUANTIFIERS):
                start += 1
        out.append((start, end, label, source))
    return out


def relabel_by_head(doc: Any, spans: Iterable[tuple], heads: dict[str, str],
                    labels: Iterable[str]) -> list[tuple]:
    """Give a span ending with a listed head noun the head's label, when that label is one
    of ``labels`` ("the hospital" tagged Organisation -> Location); capitalised heads
    count only for Location."""
    keep = set(labels)
    out = []
    for start, end, label, source in spans:
        last = doc[end - 1]
        new = heads.get(last.lower_)
        # a capitalised head counts for places only ("the Brandbergen Mosque"; 5-fold CV
        # on re3d +0.002, both halves), not for groups ("the Syrian Democratic Forces")
        if not last.is_lower and new != "Location":
            new = None
        out.append((start, end, new if new in keep else label, source))
    return out
