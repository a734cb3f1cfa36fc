"""Entity recognition: a trained domain NER, gazetteers and rules, merged into mentions.

``EntityStage`` reads the parse of :class:`sitrep.nlp.parse.ParseStage` (``article.doc``)
and fills ``article.mentions`` with re3d-labelled spans (plus ``Exercise``). Sources are
merged in this order, an earlier one winning where spans overlap:

1. **strong rules** (``source="gazetteer"``/``"rule"``): curated names of weapons,
   platforms, vehicles and exercises (``nlp/data/gazetteers/*.txt``), the patterns
   ``Operation X``/``Exercise X``/``drills dubbed X 2013``, designators such as
   ``Kh-101`` next to a head noun (``missiles``), personal pronouns (``he``, ``we``),
   ``IS`` in running text and the adverbs ``here``/``there`` (:func:`cased_rules`);
2. **stock dates** (``STOCK_FIRST``), cleaned to re3d's conventions (:func:`clean_temporal`);
   the domain NER's own dates are dropped (``STOCK_ONLY``);
3. **the domain NER** (``source="ner"``), trained on the permissively licensed part of
   re3d by :mod:`sitrep.nlp.train` and shipped in ``nlp/model/``. It does not embed the
   text again: it reads the stock tok2vec output (``doc.tensor``), the stock NER labels
   and the gazetteer hits as features, plus a small hash embedding of its own. It is
   either spaCy's transition-based ``ner`` or an ensemble of BILUO taggers whose
   averaged probabilities are decoded into spans (:mod:`sitrep.nlp.entity_tagger`).
   Its spans are checked against the stock NER (:func:`reconcile`), take the label of a listed head
   noun they end with (:func:`relabel_by_head`: "the hospital" is a Location), and a
   one-word Person after "in"/"near" becomes a Location (:func:`people_in_places`);
4. **weak rules**: curated organisation names and ``they``;
5. **head-noun phrases**: noun phrases headed by a listed noun (``data/entity_heads.tsv``:
   "the militants", "rockets") that no layer above found (:func:`head_rules`);
6. **stock spaCy labels** mapped to re3d (``source="stock"``) for ``STOCK_FALLBACK``,
   stock nationalities adjusted to re3d's use (:func:`stock_nationalities`).

Adjacent pieces of one stock name are joined, and in the ``names`` style an organisation
is trimmed to the stock name it ends with (:mod:`sitrep.nlp.entity_stock_names`).
The merged spans are then relabelled where the parse or a lexicon contradicts them: a
Person that is a known place becomes a Location (:func:`places_not_people`), a one-word
subject of "said" a Person (:func:`speakers`), a name ending with "Book"/"Resolution"
a DocumentReference (:func:`document_titles`), a group whose head is a role ("the UN
High Commissioner for Refugees") a Person (:func:`roles_are_people`); reference markers
("[ 2 ]") and pronouns re3d leaves out ("it") are dropped (:func:`drop_citations`,
:func:`drop_pronouns`). Spans then follow re3d's boundaries: numbers split by the
tokenizer are joined (:func:`whole_numbers`), and in the ``re3d`` style organisations take
the "the" before them (:func:`take_articles`), place descriptions and groups their
modifiers ("the Syrian town of Dabiq", "Assad ’ s brutal regime":
:func:`place_descriptions`, :func:`whole_groups`).

The rules live in :mod:`sitrep.nlp.entity_rules` (the fixes after merging in
:mod:`sitrep.nlp.entity_fixes`), the model's features and architecture
(``sitrep.TensorTok2Vec.v1``) in :mod:`sitrep.nlp.entity_features`; their public names
are re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import ModelError
from ..models import Article, Mention
from .entity_features import (  # noqa: F401  (re-exported: the stage's public names)
    FEATS_KEY,
    GAZ_LABELS,
    N_FEATS,
    STOCK_LABELS,
    STOCK_TENSOR_WIDTH,
    build_tensor_tok2vec,
    n_features,
    register_architectures,
    token_features,
)
from .entity_fixes import (
    cased_rules,
    document_titles,
    drop_citations,
    drop_pronouns,
    people_in_places,
    place_descriptions,
    places_not_people,
    repeated_names,
    roles_are_people,
    speakers,
    take_articles,
    whole_groups,
    whole_numbers,
    whole_words,
)
from .entity_lexicons import NameLexicon
from .entity_rules import (  # noqa: F401
    DATA_DIR,
    GAZETTEER_DIR,
    HEADS_FILE,
    STOCK_TO_RE3D,
    WEAK_PRONOUN_LABELS,
    GazEntry,
    Gazetteer,
    clean_temporal,
    designator_rules,
    exercise_rules,
    gazetteer_rules,
    head_rules,
    merge_spans,
    person_names,
    pronoun_rules,
    read_gazetteers,
    read_heads,
    reconcile,
    relabel_by_head,
    stock_nationalities,
    stock_spans,
    token_index,
    trim_bare,
    word_hashes,
)
from .entity_stock_names import (
    join_split_names,
    split_coordinated_groups,
    trim_to_organisations,
)
from .entity_tagger import TaggerEnsemble, tagger_names

MODEL_DIR = Path(__file__).parent / "model"

#: re3d labels taken from the stock NER where neither rules nor the domain model found
#: anything overlapping. Chosen by 5-fold cross-validation on re3d: Nationality, Temporal
#: and Money gained F1 (+0.10, +0.10, +0.04), Person was neutral (kept: it recovers names
#: inside dropped spans), Location and Organisation lost F1 and are left out.
STOCK_FALLBACK: frozenset[str] = frozenset({"Person", "Nationality", "Temporal", "Money"})

#: re3d labels taken from the stock NER *before* the domain model. By 5-fold CV on re3d,
#: stock dates beat the trained model (Temporal F1 0.62 -> 0.67, overall +0.007); stock
#: Money did not (0.41 -> 0.18).
STOCK_FIRST: frozenset[str] = frozenset({"Temporal"})

#: re3d labels taken from the stock NER only: the domain NER's spans of these labels are
#: dropped. By 5-fold CV on re3d, stock dates alone beat stock dates plus the domain
#: NER's extra Temporal spans (Temporal F1 0.687 -> 0.725, overall 0.607 -> 0.609).
STOCK_ONLY: frozenset[str] = frozenset({"Temporal"})

#: Stock labels that override the domain NER's label on exactly the same span.
STOCK_RELABEL: frozenset[str] = frozenset({"PERSON", "LOC", "FAC"})

#: Labels whose listed head nouns (``data/entity_heads.tsv``) turn a noun chunk nobody
#: else found into a mention ("the teams", "three supply caches"). By 5-fold CV on re3d:
#: +0.011 overall (Location +0.036, MilitaryPlatform +0.07); Temporal chunks were worse
#: than the stock dates, DocumentReference ones (report, book, resolution, ...) cost
#: 0.003 overall for +0.06 on that label; both are left out.
HEAD_CHUNK_LABELS: frozenset[str] = frozenset(
    {"Organisation", "Location", "Weapon", "MilitaryPlatform", "Person"})
#: (Person chunks, "a senior Iraqi general", "the musician": +0.002, Person 0.727 -> 0.740.)
#: Labels a trained-NER span takes from the listed head noun it ends with ("the
#: hospital": Organisation -> Location). 5-fold CV: +0.011 overall (Weapon +0.04,
#: MilitaryPlatform +0.05, Location +0.02).
HEAD_RELABEL_LABELS: frozenset[str] = frozenset(
    {"Organisation", "Location", "Weapon", "MilitaryPlatform", "Temporal"})

#: Span conventions: ``re3d`` keeps titles inside Person spans ("Iraqi President Fuad
#: Masum") and descriptions in Location spans ("the town of Tel Tamer"), as the re3d gold
#: does; ``names`` (the default) trims them to the stock name they end with ("Fuad
#: Masum", "Tel Tamer"), which actor resolution and geocoding expect.
SPAN_STYLES = ("names", "re3d")


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
        names = tagger_names(nlp)
        #: BILUO taggers (``TrainConfig.architecture = "tagger"``), else spaCy's ``ner``.
        self.taggers = TaggerEnsemble(nlp) if names else None
        self.ner = None if names else nlp.get_pipe("ner")
        self.version = str(nlp.meta.get("version", "0"))
        tok2vec = nlp.config["components"][names[0] if names else "ner"]["model"]["tok2vec"]
        #: The token features the model reads (see ``token_features``).
        self.feature_set = int(tok2vec.get("feature_set", 1))

    @property
    def labels(self) -> list[str]:
        """The entity labels the model predicts."""
        return list(self.taggers.labels if self.taggers is not None else self.ner.labels)

    def predict(self, docs: Sequence[Any]) -> list[list[tuple[int, int, str]]]:
        """Token spans ``(start, end, label)`` per doc; leaves ``doc.ents`` as it was.

        The docs must carry ``doc.tensor`` (stock tok2vec) and ``doc.user_data[FEATS_KEY]``.
        Stock entities are cleared while it runs (a preset entity would constrain it).
        """
        if self.taggers is not None:
            return self.taggers.predict(docs)
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


# --------------------------------------------------------------------------- the stage

class EntityStage:
    """Fills ``article.mentions`` from ``article.doc`` (rules, gazetteers, domain NER)."""

    name = "entities"
    requires: frozenset[str] = frozenset({"doc"})
    assigns: frozenset[str] = frozenset({"mentions"})

    def __init__(self, nlp: Any | None = None, model: DomainNER | Path | str | None = MODEL_DIR,
                 gazetteer_dir: Path = GAZETTEER_DIR, heads_file: Path = HEADS_FILE,
                 stock_fallback: Iterable[str] = STOCK_FALLBACK, use_rules: bool = True,
                 style: str = "names", relabel: Iterable[str] = STOCK_RELABEL,
                 stock_first: Iterable[str] = STOCK_FIRST,
                 lexicon: NameLexicon | None = None) -> None:
        if style not in SPAN_STYLES:
            raise ValueError(f"unknown span style {style!r}; known: {SPAN_STYLES}")
        self.style = style
        self.relabel = frozenset(relabel)
        if nlp is None:
            from .parse import load_nlp

            nlp = load_nlp()
        self.nlp = nlp
        self.gazetteer = Gazetteer.load(nlp, gazetteer_dir)
        self.heads = read_heads(heads_file)
        self.model = DomainNER(model) if isinstance(model, (str, Path)) else model
        self.stock_fallback = frozenset(stock_fallback)
        self.stock_first = frozenset(stock_first)
        self.use_rules = use_rules
        if lexicon is None and (use_rules or (self.model is not None
                                              and self.model.feature_set >= 2)):
            lexicon = NameLexicon.load()
        self.lexicon = lexicon
        model_version = self.model.version if self.model is not None else "none"
        self.version = f"1.2+ner-{model_version}"

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
        feature_set = self.model.feature_set if self.model is not None else 1
        hits = [self.gazetteer(doc) for doc in docs]
        if feature_set >= 2:
            hits = [h + self.lexicon(doc) for h, doc in zip(hits, docs)]
        for doc, doc_hits in zip(docs, hits):
            doc.user_data[FEATS_KEY] = token_features(doc, doc_hits, feature_set)
        try:
            model_spans = self.model.predict(docs) if self.model is not None else [[]] * len(docs)
        finally:
            for doc in docs:
                doc.user_data.pop(FEATS_KEY, None)
        return [self._merge(doc, doc_hits, predicted)
                for doc, doc_hits, predicted in zip(docs, hits, model_spans)]

    def _merge(self, doc: Any, hits: list[tuple], predicted: list[tuple]) -> list[tuple]:
        """The layers of one doc, merged in the order of the module docstring."""
        strong, weak, chunks = [], [], []
        ner = reconcile(doc, [(s, e, label, "ner") for s, e, label in predicted
                              if label not in STOCK_ONLY], self.style, self.relabel)
        if self.style == "names":
            # the taggers run "the Chinese army" into "Second Artillery Force" and join
            # "Chinese and Russian militaries" (one group, one country for the actors);
            # 5-fold CV on re3d, names style: 0.6239 -> 0.6240 (re3d style untouched)
            ner = split_coordinated_groups(doc, trim_to_organisations(doc, ner))
        if self.use_rules:
            for span in gazetteer_rules(doc, hits):
                (weak if span[2] == "Organisation" else strong).append(span)
            strong += (exercise_rules(doc) + designator_rules(doc) + pronoun_rules(doc)
                       + cased_rules(doc, place_adverbs=self.style == "re3d"))
            weak += pronoun_rules(doc, WEAK_PRONOUN_LABELS)
            chunks = head_rules(doc, self.heads, HEAD_CHUNK_LABELS)
            ner = people_in_places(doc, relabel_by_head(doc, ner, self.heads,
                                                        HEAD_RELABEL_LABELS))
        first = clean_temporal(doc, stock_spans(doc, self.stock_first))
        # cleaned too, or the dates clean_temporal dropped came back here (5-fold CV on
        # re3d: Temporal 0.725 -> 0.753, overall +0.002, both halves)
        fallback = reconcile(doc, clean_temporal(doc, stock_nationalities(
            doc, stock_spans(doc, self.stock_fallback))), self.style)
        # "Xinhua" (gazetteer) + "News Agency" (taggers): one stock ORG, one span. No
        # change in F1 on re3d, either style (its sentences seldom split a name so)
        spans = person_names(doc, join_split_names(
            doc, merge_spans(strong, first, ner, weak, chunks, fallback)))
        if self.use_rules:
            # "Wang said" after "Wang Yang" (the taggers miss such bare surnames that
            # spaCy's parser found): no change in F1 on re3d (one sentence per doc)
            spans = repeated_names(doc, spans)
            # 5-fold CV on re3d: Person -> Location by the place lexicon +0.002 overall
            # (Location 0.614 -> 0.621, Person 0.697 -> 0.703); dropping citation markers
            # +0.001 (Quantity 0.564 -> 0.579); speakers +0.001 (Person -> 0.718; 9 spans
            # changed, all right); document titles +0.004 (DocumentReference 0.12 -> 0.35;
            # 10 spans changed, all right); each gained on both halves of the sentences.
            places = self.lexicon.names["Place"] if self.lexicon is not None else frozenset()
            spans = speakers(doc, drop_citations(doc, places_not_people(doc, spans, places)))
            # 5-fold CV on re3d, each on both halves and with a second model seed: roles
            # +0.002 (Person 0.740 -> 0.746); "the" +0.004 (Organisation 0.614 -> 0.623);
            # pronouns +0.001; whole numbers +0.001 (Quantity 0.579 -> 0.589, Money 0.424
            # -> 0.485); place descriptions +0.004 (Location 0.624 -> 0.633); whole groups
            # +0.002 (Organisation 0.631 -> 0.638). The last three are re3d's span style
            # only: actors and places want the bare names. Whole hyphenated words
            # ("heavy-duty helicopters"): re3d even (0.6638, halves unchanged).
            spans = roles_are_people(doc, document_titles(doc, spans), self.heads)
            spans = whole_words(doc, whole_numbers(doc, drop_pronouns(doc, spans)))
            if self.style == "re3d":
                spans = whole_groups(doc, place_descriptions(doc, take_articles(doc, spans)))
        return spans


def _mention(doc: Any, span: tuple) -> Mention:
    start, end, label, source = span
    piece = doc[start:end]
    return Mention(piece.start_char, piece.end_char, piece.text, label, source)

