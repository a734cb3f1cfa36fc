"""``ActorStage``: resolve the actors of an article (people, organisations, armed
forces, capitals as metonyms, nationality groups and role phrases).

For each Person/Organisation mention the stage reads its descriptor from the parse —
the title run to its left ("Chinese Vice Premier"), an apposition ("his Russian
counterpart, Dmitry Rogozin") — and resolves both with a :class:`Resolver` (text
first, then the :class:`ActorKB`). Nationality adjectives heading an actor noun
("Chinese and Russian militaries") and role phrases ("a Chinese official") become
group actors ("Chinese and Russian militaries": one per nationality); a capital or
country as a subject ("Beijing said") becomes its government. A mention that
starts with a description keeps only its name as the actor span ("the Chinese
army Second Artillery Force"), and a name the NER missed right after a title is
picked up ("Minister for National Defense Chang Wanquan"). Later mentions ("Wang",
"the vice premier", "the Chinese general") link to their first full mention
(``antecedent``) and inherit its resolution; so does a personal pronoun when one named
person alone precedes it in its sentence (or, failing any, in the sentence before).
What an article teaches about a named actor is learnt into the KB with provenance.
"""

from __future__ import annotations

from dataclasses import replace

from ..models import Actor, Article, Mention
from .kb import ActorKB
from .resolver import Resolution, Resolver, resolve_actor, strip_determiners
from .roles import DETERMINERS, RELATIONAL, TITLE_COMPLEMENT

__all__ = ["ActorStage", "resolve_actor", "Resolver"]

NAMED = ("Person", "Organisation")
#: Lowercase words allowed inside a left descriptor ("China's official Xinhua",
#: "the Chinese army Second Artillery Force").
DESCRIPTOR_WORDS = frozenset({"official", "state", "state-run", "state-owned", "army",
                              "military", "navy", "police", "government", "rebel",
                              "'s", "’s", "former", "deputy", "acting"})
#: Lowercase words that may sit inside a proper name ("Bank of Mexico").
NAME_CONNECTORS = frozenset({"of", "for", "and", "the", "de", "la", "del", "al", "bin", "von",
                             "van", "da", "do", "dos", "du", "le", "y"})
#: Subject dependencies that make a country/capital name stand for its government.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
METONYM_SECTOR = "GOV"
#: Titles (last word) of who heads a state or its forces; without a country
#: word, their holder takes the country of a sentence that names only one. A
#: minister or secretary is left out: news names its own country's ones bare
#: ("Defense Secretary William Perry" in a report about Bosnia).
STATE_HEAD_TITLES = frozenset({"president", "premier", "king", "queen", "emir", "sultan",
                               "monarch", "chancellor", "general", "gen", "colonel", "col",
                               "marshal", "dictator", "junta"})
PRONOUN_DETS = frozenset({"our", "my", "your", "their", "its", "his", "her"})
#: Pronouns a NER may tag as Person: not named actors (the personal ones of
#: ``PERSONAL_PRONOUNS`` may refer back to one: ``_ArticleWork._pronoun``).
PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them", "we", "us", "i", "me",
                      "his", "hers", "their", "it", "you", "who"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})


class ActorStage:
    """Fill ``article.actors`` (see module docstring)."""

    name = "actors"
    version = "0.2.0"
    requires = frozenset({"doc", "mentions"})
    assigns = frozenset({"actors"})

    def __init__(self, kb: ActorKB | None = None, *, resolver: Resolver | None = None,
                 learn: bool = True) -> None:
        self.resolver = resolver or Resolver(kb)
        self.kb = self.resolver.kb
        self.learn = learn

    def __call__(self, article: Article) -> Article:
        doc = article.doc
        if doc is None:
            import spacy  # a caller without a parse gets a blank tokenizer only
            doc = spacy.blank("en")(article.text)
        work = _ArticleWork(self.resolver, article, doc)
        work.run()
        article.actors = sorted(work.actors, key=lambda a: (a.start, a.end))
        if self.learn:  # only named actors: "China" as a group is not a fact to keep
            for actor in work.named:
                self.kb.learn(actor, article.id, work.sentence_of(actor.start))
        return article

    def pipe(self, articles):
        """Articles one by one (order matters: the KB learns as it goes)."""
        for article in articles:
            yield self(article)


class _ArticleWork:
    """The state of resolving one article."""

    def __init__(self, resolver: Resolver, article: Article, doc) -> None:
        self.r = resolver
        self.article = article
        self.doc = doc
        self.date = (article.published or "")[:10] or None
        self.actors: list[Actor] = []
        self.used: list[tuple[int, int]] = []  # char ranges consumed by actors/descriptors
        self.proper: list[Mention] = []  # Person/Organisation mentions with a proper name
        self.named: list[Actor] = []  # actors resolved from a proper name (learnable)
        self.people: set[int] = set()  # start offsets of the named persons' first mentions
        self._chunk_cache = None  # the doc's noun chunks, computed once per article

    # -- helpers -----------------------------------------------------------------
    def sentence_of(self, char: int) -> str | None:
        tok = self._token_at(char)
        return tok.sent.text if tok is not None and self.doc.has_annotation("SENT_START") else None

    def _token_at(self, char: int):
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None or not len(span):
            return None
        tok = span[0]
        return tok if tok.idx <= char < tok.idx + len(tok.text) else None

    def _chunks(self):
        if self._chunk_cache is None:
            self._chunk_cache = _chunks(self.doc)
            self._chunk_ends = {c.end: c for c in self._chunk_cache}
            self._chunk_starts = {c.start: c for c in self._chunk_cache}
        return self._chunk_cache

    def _span(self, start: int, end: int):
        return self.doc.char_span(start, end, alignment_mode="expand")

    def _free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.used)

    def _add(self, actor: Actor, used: tuple[int, int] | None = None) -> None:
        self.actors.append(actor)
        self.used.append(used or (actor.start, actor.end))

    # -- the passes --------------------------------------------------------------
    def run(self) -> None:
        mentions = sorted(self.article.mentions, key=lambda m: m.start)
        phrases, places = [], [m for m in mentions if m.label == "Location"]
        for k, m in enumerate(mentions):
            if m.label not in NAMED or m.text.lower() in PRONOUNS \
                    or _title_fragment(m, mentions[k + 1:], self.article.text):
                continue
            if self.r.countries.by_name(m.text) or self.r.countries.by_capital(m.text):
                places.append(m)  # "China" tagged as an organisation: a place name
            elif self._is_phrase(m.text):
                phrases.append(m)
            else:
                self.proper.append(self._name_part(m))
        self.proper += self._titled_names(mentions)
        for m in sorted(self.proper, key=lambda m: m.start):
            self._named(m)
        for m in mentions:
            if m.label == "Nationality" and self._free(m.start, m.end):
                self._nationality(m)
        for m in phrases:
            span = self._span(m.start, m.end)
            if span is not None and self._free(m.start, m.end):
                self._group_or_link(span)
        self._role_phrases()
        for m in sorted(places, key=lambda m: m.start):
            if self._free(m.start, m.end):
                self._metonym(m)
        for m in mentions:
            if m.text.lower() in PERSONAL_PRONOUNS and self._free(m.start, m.end):
                self._pronoun(m)

    def _name_part(self, m: Mention) -> Mention:
        """The proper name at the end of a mention that starts with a description
        ("the Chinese army Second Artillery Force" → "Second Artillery Force"); the
        description is then read as the name's left descriptor."""
        span = self._span(m.start, m.end)
        if span is None:
            return m
        cut = None
        for tok in span[:-1]:
            if tok.is_alpha and tok.is_lower and tok.lower_ not in NAME_CONNECTORS:
                cut = tok.i
        if cut is None or not span.doc[cut + 1].text[:1].isupper():
            return m
        name = span.doc[cut + 1:span.end]
        return Mention(name.start_char, name.end_char, name.text, m.label, m.source)

    def _titled_names(self, mentions: list[Mention]) -> list[Mention]:
        """Names the NER missed right after a title: "Chinese Minister for National
        Defense Chang Wanquan" gives a Person "Chang Wanquan" (two or more proper
        nouns, none of them a country word)."""
        out, doc, low = [], self.doc, [t.lower_ for t in self.doc]
        taken = [(m.start, m.end) for m in mentions]
        i = 0
        while i < len(doc):
            hit = self.r.lexicon.match(low, i) if doc[i].text[:1].isupper() else None
            if not hit or not hit[1].title:
                i += 1
                continue
            j = i + hit[0]
            if j < len(doc) and low[j] in ("for", "of"):
                k = j + 1
                while k < len(doc) and low[k] in TITLE_COMPLEMENT and doc[k].text[:1].isupper():
                    k += 1
                j = k if k > j + 1 else j
            k = j
            while k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() \
                    and not self.r.countries.any(doc[k].text):
                k += 1
            span = doc[j:k]
            if k - j >= 2 and all(e <= span.start_char or s >= span.end_char for s, e in taken):
                out.append(Mention(span.start_char, span.end_char, span.text, "Person", "rule"))
            i = max(k, i + 1)
        return out

    def _is_phrase(self, text: str) -> bool:
        """A mention without a proper name: "The Chinese general", "the Russians"."""
        desc = self.r.describe(text)
        return desc.name is None and bool(desc.sector or desc.relational or desc.country) \
            and self.r.known(text, self.date) is None

    def _named(self, m: Mention) -> None:
        span = self._span(m.start, m.end)
        left = self._left_descriptor(span) if span is not None else None
        appos = self._apposition(span) if span is not None else None
        earlier = self._antecedent_by_name(m)
        if earlier is not None and not left and not appos:
            self._add(_inherit(earlier, m.start, m.end, m.text, "same name as"))
            return
        parts = [p.text for p in (left,) if p is not None] + [m.text]
        phrase = " ".join(parts) + (f", {appos.text}" if appos is not None else "")
        res = self.r.resolve(phrase, None, self.date, name=m.text)
        if res is not None and res.descriptor.relational and not res.descriptor.sector:
            res = self._relational(res, m.start)
        if res is not None and res.country is None and m.label == "Person" \
                and _heads_state(res.descriptor.role):
            self._sentence_country(res, m)
        start = left.start_char if left is not None else m.start
        end = m.end
        if res is None and not any(c.isupper() for c in strip_determiners(m.text)):
            return  # a common-noun phrase taken for a name ("the world's most powerful
            # nations"): not an actor, unlike an unknown proper name ("Zulhijjah Mirzadah")
        if res is None:
            actor = Actor(m.start, m.end, m.text, m.text, provenance="unresolved")
        else:
            if m.label == "Person" and res.entry is None:
                res.name = m.text
            actor = Actor(m.start, m.end, m.text, res.name, res.country, res.sector, res.role,
                          provenance=_prov(res, phrase))
        self._add(actor, (start, end))
        self.named.append(actor)
        if m.label == "Person" and not self.r.describe(m.text.split()[-1]).sector:
            self.people.add(actor.start)  # not "Second Artillery Force" tagged Person
        if appos is not None:
            self.used.append((appos.start_char, appos.end_char))

    def _sentence_country(self, res: Resolution, m: Mention) -> None:
        """A state title without a country ("President Omar el-Bashir ... in
        Sudan"): the country of the sentence when it names exactly one (the
        titled person is most often that state's own office holder)."""
        tok = self._token_at(m.start)
        if tok is None or not self.doc.has_annotation("SENT_START"):
            return
        sent = tok.sent
        cues = {a3 for s, e, a3, _ in self.r.countries.find_in(sent.text)
                if not (sent.start_char + s < m.end and sent.start_char + e > m.start)}
        if len(cues) == 1:
            res.country = cues.pop()
            res.provenance += "; the sentence's only country"

    def _left_descriptor(self, span):
        """Title run left of a name: "Chinese Vice Premier", "U.S. Defense Secretary"."""
        sent_start = span.sent.start if self.doc.has_annotation("SENT_START") else 0
        i = span.start - 1
        first = None
        while i >= sent_start:
            tok = self.doc[i]
            low = tok.lower_
            if low in ("for", "of") and first is not None and i - 1 >= sent_start \
                    and self.doc[i - 1].text[:1].isupper():
                i -= 1
                continue
            if tok.text == "-" and first is not None and not tok.whitespace_ \
                    and i - 1 >= sent_start and not self.doc[i - 1].whitespace_:
                i -= 1  # "Secretary-General": one title in three tokens
                continue
            if low in DETERMINERS or tok.is_punct or tok.like_num:
                break
            if not (tok.text[:1].isupper() or low in DESCRIPTOR_WORDS or self._group_word(low)):
                break
            if not self._free(tok.idx, tok.idx + len(tok.text)):
                break
            first = i
            i -= 1
        return self.doc[first:span.start] if first is not None else None

    def _group_word(self, low: str) -> bool:
        hit = self.r.lexicon.match([low], 0)
        return hit is not None and not hit[1].title

    def _apposition(self, span):
        """A role phrase set off by a comma next to the name, whose head is a role
        word: "his Russian counterpart, Dmitry Rogozin" / "Rogozin, Russia's envoy,"."""
        doc = self.doc
        self._chunks()  # chunks by their first and last token (they do not overlap)
        before = self._chunk_ends.get(span.start - 1) \
            if span.start >= 1 and doc[span.start - 1].text == "," else None
        after = self._chunk_starts.get(span.end + 1) \
            if span.end < len(doc) and doc[span.end].text == "," else None
        for chunk in sorted((c for c in (before, after) if c is not None), key=lambda c: c.start):
            if self._is_role_head(chunk.root) and not _has_named(chunk, self.proper):
                return chunk
        return None

    def _is_role_head(self, tok) -> bool:
        low = tok.lower_
        return low in RELATIONAL or self.r.lexicon.match([low], 0) is not None

    def _relational(self, res: Resolution, start: int) -> Resolution:
        """"his Russian counterpart": the sector (and role) of the actor he is the
        counterpart of, i.e. the nearest earlier named actor in the sentence."""
        tok = self._token_at(start)
        sent = tok.sent if tok is not None and self.doc.has_annotation("SENT_START") else None
        for other in reversed(self.actors):
            if sent is not None and other.start < sent.start_char:
                break
            if other.sector:
                res.sector = other.sector  # the role is his, not the counterpart's
                res.provenance += f"; counterpart of {other.name}"
                return res
        return res

    def _antecedent_by_name(self, m: Mention) -> Actor | None:
        """An earlier full mention whose name contains this one ("Wang" → Wang Yang)."""
        words = m.text.split()
        for other in self.actors:
            if other.antecedent is None and other.start < m.start:
                names = other.name.split() + other.text.split()
                if len(words) < len(other.text.split()) and all(w in names for w in words):
                    return other
        return None

    def _nationality(self, m: Mention) -> None:
        """"Chinese officials", "Chinese and Russian militaries", "the Russians"."""
        span = self._span(m.start, m.end)
        a3 = self.r.countries.any(m.text)
        if span is None or a3 is None:
            return
        if span.start and self.doc[span.start - 1].lower_ == "ethnic":
            return  # an ethnic group, not the country's nationals (see CountryIndex.find_in)
        tok = span.root
        head = tok
        while head.dep_ == "conj":
            head = head.head
        if head.dep_ in ("amod", "compound", "nmod") and head.head.i > head.i:
            noun = head.head
        elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("amod", "compound"):
            noun = None  # "the Russians": the nationality is the actor
        else:
            return
        sector = role = None
        prov = f"text: nationality {m.text!r}"
        if noun is not None:
            if not self._is_role_head(noun) or _inside_named(noun, self.proper):
                return
            desc = self.r.describe(noun.text)
            det = [c for c in noun.children if c.dep_ == "det" and c.i < tok.i]
            if det and det[0].lower_ in ("the", "this", "that") and desc.role:
                desc.country = a3
                earlier = self._antecedent_by_role(desc)
                if earlier is not None:
                    start, end = det[0].idx, noun.idx + len(noun.text)
                    self._add(_inherit(earlier, start, end, self.article.text[start:end],
                                       f"role {desc.role!r} refers to"))
                    return
            sector = desc.sector
            if noun.lower_ in RELATIONAL:
                sector = self._subject_sector(noun)
                prov += "; counterpart"
            prov += f" + {noun.text!r}"
        name = self.r.countries.name_of(a3)
        self._add(Actor(m.start, m.end, m.text, name, a3, sector, role, provenance=prov))

    def _subject_sector(self, tok) -> str | None:
        """Sector of the actor that is the subject of ``tok``'s clause."""
        verb = tok
        while verb.dep_ not in ("ROOT",) and verb.head is not verb:
            verb = verb.head
            subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
            if subj:
                for actor in self.actors:
                    if actor.start <= subj[0].idx < max(actor.end, subj[0].idx + 1) \
                            or _span_has(subj[0], actor):
                        return actor.sector
        return None

    def _role_phrases(self) -> None:
        """Noun phrases headed by a role/group word that no mention covers."""
        for chunk in self._chunks():
            if not self._free(chunk.start_char, chunk.end_char):
                continue
            if _has_named(chunk, self.proper) or not self._is_role_head(chunk.root):
                continue
            self._group_or_link(chunk)

    def _group_or_link(self, span) -> None:
        """A role/group phrase: a later mention of a named person ("the vice
        premier", "the Chinese general"), or a group actor ("a Chinese official",
        "the Russians", "its Russian counterparts")."""
        desc = self.r.describe(span.text)
        if desc.country and desc.country_kind == "demonym" and span.start \
                and span.doc[span.start - 1].lower_ == "ethnic":
            desc.country = None  # "ethnic Albanians": a group, not Albania's nationals
        if desc.sector is None and not desc.relational and desc.country is None:
            return
        if desc.country is None and span[0].lower_ in PRONOUN_DETS:
            return  # "our militaries": whose, the text does not say
        definite = span[0].lower_ in ("the", "this", "that")
        earlier = self._antecedent_by_role(desc) if definite and desc.role else None
        if earlier is not None:
            self._add(_inherit(earlier, span.start_char, span.end_char, span.text,
                               f"role {desc.role!r} refers to"))
            return
        sector, prov = desc.sector, f"text: role phrase {span.text!r}"
        if desc.relational and sector is None:
            sector = self._subject_sector(span.root)
            prov += "; counterpart of the clause subject"
        name = self.r.countries.name_of(desc.country) if desc.country else strip_determiners(span.text)
        adj = self._coordinated_cue(span)
        if adj is not None:  # "Chinese and Russian militaries": one actor per nationality
            span = span.doc[adj.i:adj.i + 1]
            prov += "; coordinated nationality"
        self._add(Actor(span.start_char, span.end_char, span.text, name, desc.country,
                        sector, desc.role, provenance=prov))

    def _coordinated_cue(self, span):
        """The nationality token of a phrase when it is coordinated with another
        ("Chinese and Russian militaries"), so each nationality gets its own actor
        and the shared head noun is left to both."""
        for tok in span:
            if self.r.countries.any(tok.text) and (
                    tok.dep_ == "conj" or any(c.dep_ == "conj" for c in tok.children)):
                return tok
        return None

    def _antecedent_by_role(self, desc) -> Actor | None:
        people = [a for a in self.actors if a.antecedent is None and a.role
                  and (desc.country is None or a.country == desc.country)]
        role = desc.role.lower()
        same = [a for a in people if a.role.lower() == role or a.role.lower().endswith(role)]
        if same:
            return same[-1]
        if desc.sector == "MIL":
            mil = [a for a in people if a.sector == "MIL" or "defen" in a.role.lower()
                   or "military" in a.role.lower()]
            if mil:
                return mil[-1]
        return people[-1] if people and desc.country else None

    def _pronoun(self, m: Mention) -> None:
        """"The Chinese general said he ...": a personal pronoun refers to the named person
        before it in its sentence when there is only one, else to the only one of the
        sentence before. Two people, or none, and the pronoun stays unresolved."""
        tok = self._token_at(m.start)
        if tok is None or not self.doc.has_annotation("SENT_START"):
            return
        sent = tok.sent
        before = self.doc[sent.start - 1].sent if sent.start else None
        for lo, hi in ((sent.start_char, m.start),
                       (before.start_char, before.end_char) if before is not None else (0, 0)):
            people = {}
            for a in self.actors:
                root = a.start if a.antecedent is None else a.antecedent
                if root in self.people and lo <= a.start and a.end <= hi:
                    people.setdefault(root, a)
            if len(people) == 1:
                ((root, seen),) = people.items()
                first = next((a for a in self.actors if a.start == root
                              and a.antecedent is None), seen)
                self._add(_inherit(first, m.start, m.end, m.text, "pronoun refers to"))
                return
            if people:
                return

    def _metonym(self, m: Mention) -> None:
        """A country or capital as the subject of a clause stands for its government; so
        does a country name the NER tagged as an organisation wherever it sits ("the UN
        criticised China": the state, not the territory)."""
        span = self._span(m.start, m.end)
        if span is None:
            return
        root = span.root
        dep = root.dep_ if root.dep_ != "conj" else root.head.dep_
        a3 = self.r.countries.by_name(m.text) or self.r.countries.by_capital(m.text)
        if a3 is None:
            return
        kind = "capital" if self.r.countries.by_capital(m.text) else "country"
        if dep in SUBJECT_DEPS:
            why = f"text: {kind} as subject (metonym)"
        elif m.label == "Organisation" and kind == "country":
            why = "text: country named as an organisation"
        else:
            return
        self._add(Actor(m.start, m.end, m.text, self.r.countries.name_of(a3), a3, METONYM_SECTOR,
                        provenance=why))


def _heads_state(role: str | None) -> bool:
    """The title is a head of state/government or a general's (see STATE_HEAD_TITLES)."""
    if not role:
        return False
    low = role.lower().replace(".", "")
    return low.endswith("prime minister") or low.split()[-1] in STATE_HEAD_TITLES


def _title_fragment(m: Mention, later: list[Mention], text: str) -> bool:
    """An Organisation span that is only the start of a person's title ("U.S.
    Defense" before "Secretary Chuck Hagel"): the person's descriptor takes it."""
    if m.label != "Organisation":
        return False
    for nxt in later:
        if nxt.label == "Person":
            gap = text[m.end:nxt.start]
            return len(gap.split()) <= 2 and all(w[:1].isupper() for w in gap.split()) \
                and "," not in gap
        if nxt.label in NAMED:
            return False
    return False


def _chunks(doc):
    try:
        return list(doc.noun_chunks)
    except ValueError:  # no parse
        return []


def _has_named(chunk, mentions: list[Mention]) -> bool:
    return any(m.label in NAMED and m.start < chunk.end_char and m.end > chunk.start_char
               for m in mentions)


def _inside_named(tok, mentions: list[Mention]) -> bool:
    return any(m.label in NAMED and m.start <= tok.idx < m.end for m in mentions)


def _span_has(tok, actor: Actor) -> bool:
    return actor.start <= tok.idx < actor.end or any(
        actor.start <= t.idx < actor.end for t in tok.subtree)


def _inherit(first: Actor, start: int, end: int, text: str, why: str) -> Actor:
    return replace(first, start=start, end=end, text=text, antecedent=first.start,
                   provenance=f"{why} {first.text!r} at {first.start}")


def _prov(res: Resolution, phrase: str) -> str:
    if res.provenance.startswith("kb:"):
        return f"{res.provenance} ({res.entry.evidence or res.entry.name})" if res.entry else res.provenance
    return f"{res.provenance}: {phrase!r}" + (f"; kb:{res.entry.source}" if res.entry else "")
