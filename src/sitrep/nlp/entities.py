"""Entity recognition: a trained domain NER, gazetteers and rules, merged into mentions.

``EntityStage`` reads the parse of :class:`sitrep.nlp.parse.ParseStage` (``article.doc``)
and fills ``article.mentions`` with re3d-labelled spans (plus ``Exercise``). Sources are
merged in this order, an earlier one winning where spans overlap:

1. **strong rules** (``source="gazetteer"``/``"rule"``): curated names of weapons,
   platforms, vehicles and exercises (``nlp/data/gazetteers/*.txt``), the patterns
   ``Operation X``/``Exercise X``/``drills dubbed X 2013``, and designators such as
   ``Kh-101`` next to a head noun (``missiles``);
2. **the domain NER** (``source="ner"``), trained on the permissively licensed part of
   re3d by :mod:`sitrep.nlp.train` and shipped in ``nlp/model/``. It does not embed the
   text again: it reads the stock tok2vec output (``doc.tensor``), the stock NER labels
   and the gazetteer hits as features, plus a small hash embedding of its own. Its spans
   are checked against the stock NER (:func:`reconcile`);
3. **weak rules**: curated organisation names and personal pronouns;
4. **stock spaCy labels** mapped to re3d (``source="stock"``) for ``STOCK_FALLBACK``
   (dates, ``STOCK_FIRST``, come from the stock NER before the domain model).

The model architecture (``sitrep.TensorTok2Vec.v1``) and the token features live here
because both training and prediction need them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from ..models import Article, Mention

DATA_DIR = Path(__file__).parent / "data"
GAZETTEER_DIR = DATA_DIR / "gazetteers"
MODEL_DIR = Path(__file__).parent / "model"

#: Stock (OntoNotes) labels, in feature order.
STOCK_LABELS: tuple[str, ...] = (
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART",
    "LAW", "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
)

#: Stock label -> re3d label (used for the baseline and for ``STOCK_FALLBACK``).
STOCK_TO_RE3D: dict[str, str] = {
    "PERSON": "Person", "ORG": "Organisation", "GPE": "Location", "LOC": "Location",
    "FAC": "Location", "NORP": "Nationality", "DATE": "Temporal", "TIME": "Temporal",
    "MONEY": "Money", "QUANTITY": "Quantity", "CARDINAL": "Quantity", "PERCENT": "Quantity",
    "LAW": "DocumentReference",
}

#: re3d labels taken from the stock NER where neither rules nor the domain model found
#: anything overlapping. Chosen by 5-fold cross-validation on re3d: Nationality, Temporal
#: and Money gained F1 (+0.10, +0.10, +0.04), Person was neutral (kept: it recovers names
#: inside dropped spans), Location and Organisation lost F1 and are left out.
STOCK_FALLBACK: frozenset[str] = frozenset({"Person", "Nationality", "Temporal", "Money"})

#: re3d labels taken from the stock NER *before* the domain model. By 5-fold CV on re3d,
#: stock dates beat the trained model (Temporal F1 0.62 -> 0.67, overall +0.007); stock
#: Money did not (0.41 -> 0.18).
STOCK_FIRST: frozenset[str] = frozenset({"Temporal"})

#: Stock labels that override the domain NER's label on exactly the same span.
STOCK_RELABEL: frozenset[str] = frozenset({"PERSON", "LOC", "FAC"})

#: Stock labels that overrule a domain-NER "Person" on exactly the same span ("Raqqah",
#: "March").
NOT_PERSON: frozenset[str] = frozenset({"GPE", "LOC", "FAC", "ORG", "DATE"})

#: Domain-NER labels that cannot contain a stock name (PERSON, ORG, GPE, ...): such a
#: span is dropped (the stock fallback may then fill the place).
NUMERIC_LABELS = frozenset({"Temporal", "Quantity", "Money"})
STOCK_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})

#: Span conventions: ``re3d`` keeps titles inside Person spans ("Iraqi President Fuad
#: Masum") and descriptions in Location spans ("the town of Tel Tamer"), as the re3d gold
#: does; ``names`` (the default) trims them to the stock name they end with ("Fuad
#: Masum", "Tel Tamer"), which actor resolution and geocoding expect.
SPAN_STYLES = ("names", "re3d")

#: Gazetteer categories (file stems in ``data/gazetteers``), in feature order.
GAZ_LABELS: tuple[str, ...] = (
    "Weapon", "MilitaryPlatform", "Vehicle", "Exercise", "Organisation", "Role",
)

#: Width of the per-token feature vector: B/I of each stock label and gazetteer category.
N_FEATS = 2 * (len(STOCK_LABELS) + len(GAZ_LABELS))

#: Key of the feature matrix in ``doc.user_data`` while the domain NER runs.
FEATS_KEY = "sitrep.ner_feats"

#: Width of ``doc.tensor`` written by the stock en_core_web_sm tok2vec.
STOCK_TENSOR_WIDTH = 96

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
#: Tokens on either side searched for a head noun.
HEAD_WINDOW = 3

#: Subject/object pronouns and the label re3d gives them (over 80% of their occurrences
#: in re3d are annotated so); used only where the trained NER found nothing.
PRONOUN_LABELS: dict[str, str] = {"he": "Person", "she": "Person", "him": "Person",
                                  "i": "Person", "me": "Person", "we": "Organisation"}

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


# --------------------------------------------------------------------------- features

def token_features(doc: Any, gaz_hits: Sequence[tuple[int, int, str, str]]) -> np.ndarray:
    """B/I one-hot of the stock entity label and of gazetteer hits, per token."""
    feats = np.zeros((len(doc), N_FEATS), dtype="float32")
    for ent in doc.ents:
        if ent.label_ in STOCK_LABELS:
            col = 2 * STOCK_LABELS.index(ent.label_)
            feats[ent.start, col] = 1.0
            feats[ent.start + 1:ent.end, col + 1] = 1.0
    base = 2 * len(STOCK_LABELS)
    for start, end, label, _kind in gaz_hits:
        col = base + 2 * GAZ_LABELS.index(label)
        feats[start, col] = 1.0
        feats[start + 1:end, col + 1] = 1.0
    return feats


def build_tensor_tok2vec(width: int, embed_width: int, rows: list[int], depth: int) -> Any:
    """Token vectors from ``doc.tensor`` (stock tok2vec), the token features in
    ``doc.user_data[FEATS_KEY]`` and a small hash embedding of NORM/PREFIX/SUFFIX/SHAPE,
    projected to ``width`` and contextualised by ``depth`` CNN layers."""
    from spacy.ml.models.tok2vec import MaxoutWindowEncoder, MultiHashEmbed
    from thinc.api import Maxout, Model, chain, with_array

    embed = MultiHashEmbed(width=embed_width, attrs=["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                           rows=rows, include_static_vectors=False)
    n_in = embed_width + STOCK_TENSOR_WIDTH + N_FEATS
    combine = Model("sitrep_doc_features", _combine_forward, init=_combine_init,
                    layers=[embed], dims={"nO": n_in})
    project = Maxout(nO=width, nI=n_in, nP=3, normalize=True, dropout=0.0)
    model = chain(combine, with_array(project), MaxoutWindowEncoder(width, 1, 3, depth))
    model.set_dim("nO", width)
    return model


def _combine_init(model: Any, X: Any = None, Y: Any = None) -> None:
    model.layers[0].initialize(X=X)


def _combine_forward(model: Any, docs: list, is_train: bool) -> tuple[list, Any]:
    embed = model.layers[0]
    vecs, backprop_embed = embed(docs, is_train)
    width = embed.get_dim("nO")
    ops = model.ops
    out = []
    for doc, vec in zip(docs, vecs):
        tensor = doc.tensor if getattr(doc.tensor, "size", 0) else np.zeros(
            (len(doc), STOCK_TENSOR_WIDTH), dtype="float32")
        feats = doc.user_data.get(FEATS_KEY)
        if feats is None or len(feats) != len(doc):
            feats = np.zeros((len(doc), N_FEATS), dtype="float32")
        out.append(ops.xp.hstack([vec, ops.asarray2f(tensor), ops.asarray2f(feats)]))

    def backprop(d_out: list) -> list:
        return backprop_embed([d[:, :width] for d in d_out])

    return out, backprop


def register_architectures() -> None:
    """Register ``sitrep.TensorTok2Vec.v1`` with spaCy (idempotent; needed to load the model)."""
    import spacy

    spacy.registry.architectures.register("sitrep.TensorTok2Vec.v1", func=build_tensor_tok2vec)


# --------------------------------------------------------------------------- domain NER

class DomainNER:
    """The shipped domain NER: a spaCy pipeline directory holding one ``ner`` component."""

    def __init__(self, path: Path | str = MODEL_DIR) -> None:
        import spacy

        register_architectures()
        try:
            nlp = spacy.load(path)
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"cannot load the domain NER from {path}: {exc}") from exc
        self._use(nlp)

    @classmethod
    def from_nlp(cls, nlp: Any) -> DomainNER:
        """Wrap a pipeline trained in this process (cross-validation)."""
        self = cls.__new__(cls)
        self._use(nlp)
        return self

    def _use(self, nlp: Any) -> None:
        self.nlp = nlp
        self.ner = nlp.get_pipe("ner")
        self.version = str(nlp.meta.get("version", "0"))

    def predict(self, docs: Sequence[Any]) -> list[list[tuple[int, int, str]]]:
        """Token spans ``(start, end, label)`` per doc; leaves ``doc.ents`` as it was.

        The docs must carry ``doc.tensor`` (stock tok2vec) and ``doc.user_data[FEATS_KEY]``.
        Stock entities are cleared while it runs (a preset entity would constrain it).
        """
        saved = [list(doc.ents) for doc in docs]
        for doc in docs:
            for label in self.ner.labels:
                doc.vocab.strings.add(label)
            doc.set_ents([], default="missing")
        self.ner.set_annotations(list(docs), self.ner.predict(list(docs)))
        found = [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs]
        for doc, ents in zip(docs, saved):
            doc.set_ents(ents, default="outside")
        return found


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


def exercise_rules(doc: Any) -> list[tuple]:
    """``Operation Inherent Resolve``, ``Exercise Cobra Gold``, ``drills dubbed Peace Mission
    2013``."""
    out = []
    for tok in doc:
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
    for tok in doc:
        if "-" not in tok.text or not DESIGNATOR.match(tok.text):
            continue
        nxt = {t.lower_ for t in doc[tok.i + 1:tok.i + 1 + HEAD_WINDOW]}
        if nxt & WEAPON_HEADS:
            out.append((tok.i, tok.i + 1, "Weapon", "rule"))
        elif nxt & PLATFORM_HEADS:
            out.append((tok.i, tok.i + 1, "MilitaryPlatform", "rule"))
    return out


def pronoun_rules(doc: Any) -> list[tuple]:
    """Personal pronouns that refer to actors, labelled as re3d does (``PRONOUN_LABELS``)."""
    return [(t.i, t.i + 1, PRONOUN_LABELS[t.lower_], "rule") for t in doc
            if t.lower_ in PRONOUN_LABELS and t.pos_ == "PRON"]


def stock_spans(doc: Any, labels: Iterable[str] | None = None) -> list[tuple]:
    """Stock entities mapped to re3d labels (only ``labels`` if given)."""
    keep = set(labels) if labels is not None else None
    out = []
    for ent in doc.ents:
        label = STOCK_TO_RE3D.get(ent.label_)
        if label and (keep is None or label in keep):
            out.append((ent.start, ent.end, label, "stock"))
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
            start = places[end]
        out.append((start, end, label, source))
    return out


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


# --------------------------------------------------------------------------- the stage

class EntityStage:
    """Fills ``article.mentions`` from ``article.doc`` (rules, gazetteers, domain NER)."""

    name = "entities"
    requires: frozenset[str] = frozenset({"doc"})
    assigns: frozenset[str] = frozenset({"mentions"})

    def __init__(self, nlp: Any | None = None, model: DomainNER | Path | str | None = MODEL_DIR,
                 gazetteer_dir: Path = GAZETTEER_DIR,
                 stock_fallback: Iterable[str] = STOCK_FALLBACK, use_rules: bool = True,
                 style: str = "names", relabel: Iterable[str] = STOCK_RELABEL,
                 stock_first: Iterable[str] = STOCK_FIRST) -> None:
        if style not in SPAN_STYLES:
            raise ValueError(f"unknown span style {style!r}; known: {SPAN_STYLES}")
        self.style = style
        self.relabel = frozenset(relabel)
        if nlp is None:
            from .parse import load_nlp

            nlp = load_nlp()
        self.nlp = nlp
        self.gazetteer = Gazetteer.load(nlp, gazetteer_dir)
        self.model = DomainNER(model) if isinstance(model, (str, Path)) else model
        self.stock_fallback = frozenset(stock_fallback)
        self.stock_first = frozenset(stock_first)
        self.use_rules = use_rules
        model_version = self.model.version if self.model is not None else "none"
        self.version = f"1.0+ner-{model_version}"

    def __call__(self, article: Article) -> Article:
        """Find the mentions of one article."""
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Find the mentions of a batch of articles (one domain-NER call per batch)."""
        batch = list(articles)
        for article in batch:
            if article.doc is None:
                raise ModelError("the entities stage needs article.doc (run the parse stage)",
                                 doc_id=article.id)
            width = article.doc.tensor.shape[-1] if article.doc.tensor.size else None
            if width not in (None, STOCK_TENSOR_WIDTH):
                raise ModelError(f"article.doc.tensor has width {width}, not the stock "
                                 f"tok2vec's {STOCK_TENSOR_WIDTH}", doc_id=article.id)
        for article, spans in zip(batch, self.token_spans([a.doc for a in batch])):
            article.mentions = [_mention(article.doc, s) for s in spans]
            yield article

    def token_spans(self, docs: Sequence[Any]) -> list[list[tuple]]:
        """Merged ``(start, end, label, source)`` token spans for each doc."""
        hits = [self.gazetteer(doc) for doc in docs]
        for doc, doc_hits in zip(docs, hits):
            doc.user_data[FEATS_KEY] = token_features(doc, doc_hits)
        try:
            model_spans = self.model.predict(docs) if self.model is not None else [[]] * len(docs)
        finally:
            for doc in docs:
                doc.user_data.pop(FEATS_KEY, None)
        out = []
        for doc, doc_hits, predicted in zip(docs, hits, model_spans):
            strong, weak = [], []
            if self.use_rules:
                for span in gazetteer_rules(doc, doc_hits):
                    (weak if span[2] == "Organisation" else strong).append(span)
                strong += exercise_rules(doc) + designator_rules(doc)
                weak += pronoun_rules(doc)
            ner = reconcile(doc, [(s, e, label, "ner") for s, e, label in predicted],
                            self.style, self.relabel)
            fallback = reconcile(doc, stock_spans(doc, self.stock_fallback), self.style)
            first = stock_spans(doc, self.stock_first)
            out.append(person_names(doc, merge_spans(strong, first, ner, weak, fallback)))
        return out


def _mention(doc: Any, span: tuple) -> Mention:
    start, end, label, source = span
    piece = doc[start:end]
    return Mention(piece.start_char, piece.end_char, piece.text, label, source)

