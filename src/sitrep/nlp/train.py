"""Training the domain NER shipped in ``sitrep/nlp/model`` (``sitrep train ner``).

The data is re3d (``entities/re3d/train.conll``). Only sentences whose licence in
``train.sources.tsv`` is public domain, OGL v3.0 or CC BY 3.0 AU are trained on (a
sentence found in several sources must be permissive in all of them). Each sentence is
run through the stock spaCy pipeline first, so the model learns from the same
``doc.tensor``, stock entities and gazetteer features it sees at run time.

Everything is seeded: the same data and settings give the same model.
"""

from __future__ import annotations

import random
import shutil
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EvalDataError
from .entities import (
    FEATS_KEY,
    MODEL_DIR,
    DomainNER,
    EntityStage,
    Gazetteer,
    register_architectures,
    token_features,
)
from .entity_lexicons import NameLexicon
from .entity_tagger import TAGGER_PREFIX, biluo_tags

#: Licences a training sentence may have (every source of the sentence must have one).
PERMISSIVE_LICENCES: frozenset[str] = frozenset(
    {"public domain (US Government)", "OGL v3.0", "CC BY 3.0 AU"})

#: re3d labels present in the CoNLL conversion (Vehicle, CommsIdentifier, Frequency were
#: dropped by the conversion, Exercise is ours): only these are scored.
RE3D_LABELS: tuple[str, ...] = (
    "Person", "Organisation", "Nationality", "Location", "Temporal", "Quantity", "Money",
    "Weapon", "MilitaryPlatform", "DocumentReference",
)


#: Domain NER architectures (``TrainConfig.architecture``).
ARCHITECTURES: tuple[str, ...] = ("parser", "tagger")


@dataclass
class TrainConfig:
    """Settings of one training run. Defaults chosen by 5-fold CV on re3d (see
    ``sitrep eval entities-re3d``); ``epochs`` × a training set of ~470 sentences takes
    a few minutes on 2 shared CPU cores. More epochs did not help (held-out F1 of one
    fold after 10/20/30/40 epochs: 0.552/0.554/0.563/0.560). ``feature_set`` 2 adds the
    place/demonym lexicons (:mod:`sitrep.nlp.entity_lexicons`); it did not beat set 1.
    With averaged weights (``average_weights``), 40 epochs did not beat 30 either (5-fold
    CV of the whole stage 0.652 vs 0.654)."""

    epochs: int = 30
    batch_size: int = 16
    dropout: float = 0.2
    learn_rate: float = 0.002
    width: int = 96
    embed_width: int = 64
    embed_rows: list[int] = field(default_factory=lambda: [2000, 1000, 1000, 500])
    depth: int = 2
    hidden_width: int = 64  # the parser's only
    feature_set: int = 1
    seed: int = 0
    #: Keep Adam's moving averages of the weights rather than the last ones (what spaCy's
    #: own training loop saves). 5-fold CV on re3d: 0.641 -> 0.654, both halves gained.
    average_weights: bool = True
    #: ``parser``: spaCy's transition-based ``ner``; ``tagger``: ``members`` BILUO taggers
    #: whose probabilities are averaged (:mod:`sitrep.nlp.entity_tagger`). 5-fold CV of
    #: the whole stage on re3d, seeds 0/1/2: parser 0.662/0.649/0.646; one tagger 0.649
    #: (seed 0); three taggers 0.664/0.663/0.658 (seeds 0/1/2; halves of seed 0 0.675/0.652
    #: against the parser's 0.673/0.651). The ensemble's gain is over the parser's spread by seed,
    #: and three taggers take about as much CPU time as the one parser (spaCy's
    #: transition loop costs more than a tagger's whole network).
    architecture: str = "tagger"
    members: int = 3


@dataclass
class Sentence:
    """One re3d sentence: tokens, IOB2 tags and whether its licence permits training."""

    index: int
    words: list[str]
    tags: list[str]
    permissive: bool


@dataclass
class Prepared:
    """A sentence run through the stock pipeline (``doc``), with its stock entities."""

    sentence: Sentence
    doc: Any
    stock_ents: list = field(default_factory=list)


# --------------------------------------------------------------------------- data

def find_re3d(data_dir: Path | str) -> Path:
    """The folder holding ``train.conll``: ``data_dir`` itself or ``data_dir/entities/re3d``."""
    base = Path(data_dir)
    for cand in (base, base / "re3d", base / "entities" / "re3d"):
        if (cand / "train.conll").is_file():
            return cand
    raise EvalDataError(f"re3d not found under {base} (expected train.conll)")


def read_re3d(data_dir: Path | str) -> list[Sentence]:
    """All sentences of re3d with their licence flag."""
    folder = find_re3d(data_dir)
    return read_conll(folder / "train.conll", _read_licences(folder / "train.sources.tsv"))


def read_conll(path: Path, licences: dict[int, bool] | None = None) -> list[Sentence]:
    """The sentences of a ``token<TAB>IOB2-tag`` file; ``permissive`` from ``licences``
    (sentence index -> bool; False for all without it)."""
    licences = licences or {}
    sentences, words, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip():
            word, _, tag = line.partition("\t")
            words.append(word)
            tags.append(tag.strip() or "O")
        elif words:
            idx = len(sentences)
            sentences.append(Sentence(idx, words, tags, licences.get(idx, False)))
            words, tags = [], []
    return sentences


def _read_licences(path: Path) -> dict[int, bool]:
    if not path.is_file():
        raise EvalDataError(f"missing licence table {path}")
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) >= 3 and cols[0].isdigit():
            out[int(cols[0])] = all(lic in PERMISSIVE_LICENCES for lic in cols[2].split("|"))
    return out


def prepare(nlp: Any, sentences: Sequence[Sentence]) -> list[Prepared]:
    """Run the stock pipeline on the gold tokens of each sentence."""
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=s.words) for s in sentences)
    return [Prepared(s, doc, list(doc.ents))
            for s, doc in zip(sentences, nlp.pipe(docs, batch_size=64))]


def gold_spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """Entity spans of an IOB2 tag sequence (seqeval's default reading of IOB)."""
    spans, start, label = set(), None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, kind = tag.partition("-")
        if start is not None and (prefix != "I" or kind != label):
            spans.add((start, i, label))
            start = None
        if prefix == "B" or (prefix == "I" and start is None):
            start, label = i, kind
    return spans


# --------------------------------------------------------------------------- training

def _examples(nlp: Any, gaz: Gazetteer, items: Sequence[Prepared], feature_set: int = 1,
              lexicon: NameLexicon | None = None) -> list:
    from spacy.tokens import Doc
    from spacy.training import Example, iob_to_biluo

    out = []
    for item in items:
        doc = item.doc.copy()
        doc.set_ents(item.stock_ents, default="outside")
        hits = gaz(doc) + (lexicon(doc) if lexicon is not None else [])
        doc.user_data[FEATS_KEY] = token_features(doc, hits, feature_set)
        doc.set_ents([], default="missing")
        ref = Doc(nlp.vocab, words=item.sentence.words, ents=item.sentence.tags,
                  tags=iob_to_biluo(item.sentence.tags))
        out.append(Example(doc, ref))
    return out


def build_pipeline(config: TrainConfig, labels: Sequence[str] = RE3D_LABELS) -> Any:
    """A blank English pipeline with an untrained domain ``ner``."""
    import spacy

    register_architectures()
    nlp = spacy.blank("en")
    tok2vec = {"@architectures": "sitrep.TensorTok2Vec.v1", "width": config.width,
               "embed_width": config.embed_width, "rows": list(config.embed_rows),
               "depth": config.depth, "feature_set": config.feature_set}
    if config.architecture not in ARCHITECTURES:
        raise ValueError(f"unknown architecture {config.architecture!r}; known: {ARCHITECTURES}")
    if config.architecture == "tagger":
        for k in range(config.members):
            tagger = nlp.add_pipe("tagger", name=f"{TAGGER_PREFIX}{k}", config={"model": {
                "@architectures": "spacy.Tagger.v2", "normalize": True, "tok2vec": tok2vec}})
            for tag in biluo_tags(labels):
                tagger.add_label(tag)
        return nlp
    model = {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
             "extra_state_tokens": False, "hidden_width": config.hidden_width,
             "maxout_pieces": 2, "use_upper": True, "tok2vec": tok2vec}
    ner = nlp.add_pipe("ner", config={"model": model})
    for label in labels:
        ner.add_label(label)
    return nlp


def fit(stock: Any, items: Sequence[Prepared], config: TrainConfig,
        log: Callable[[str], None] | None = None, lexicon: NameLexicon | None = None) -> Any:
    """Train a domain NER on prepared sentences; return the blank pipeline holding it
    (``lexicon``: the place/demonym lexicon of feature set 2, loaded if not given).
    The taggers of an ensemble are trained together, on the same batches; they differ by
    their random initial weights and dropout. (Training them one by one from different
    seeds, shuffles included, did no better: 5-fold CV on re3d 0.659/0.661 for seeds 0/1,
    against 0.664/0.663.)"""
    from spacy.util import fix_random_seed, minibatch
    from thinc.api import Adam

    fix_random_seed(config.seed)
    rng = random.Random(config.seed)
    gaz = Gazetteer.load(stock)
    if lexicon is None and config.feature_set >= 2:
        lexicon = NameLexicon.load()
    examples = _examples(stock, gaz, items, config.feature_set, lexicon)
    nlp = build_pipeline(config)
    optimizer = nlp.initialize(lambda: examples, sgd=Adam(config.learn_rate))
    for epoch in range(config.epochs):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=config.batch_size):
            nlp.update(batch, drop=config.dropout, sgd=optimizer, losses=losses)
        if log:
            log(f"epoch {epoch + 1}/{config.epochs} loss {sum(losses.values()):.1f}")
    if config.average_weights:
        _use_averages(nlp, optimizer.averages)
    return nlp


def _use_averages(nlp: Any, averages: dict) -> None:
    """Set every weight of ``nlp`` to its moving average (``Adam(use_averages=True)``),
    for good: thinc's ``use_params`` only swaps them in for a ``with`` block."""
    for _name, pipe in nlp.pipeline:
        for node in pipe.model.walk():
            for param in node.param_names:
                if (node.id, param) in averages:
                    node.set_param(param, averages[(node.id, param)])


def train_ner(data_dir: Path | str, out_dir: Path | str = MODEL_DIR,
              config: TrainConfig | None = None, stock: Any = None, folds: int = 5,
              log: Callable[[str], None] = print) -> dict[str, float]:
    """Rebuild the shipped domain NER from re3d and save it in ``out_dir``.

    Prints (through ``log``) ``folds``-fold cross-validated scores of the whole entity
    stage first (skipped when ``folds`` < 2), then trains on every permissive sentence.
    Returns the cross-validated metrics.
    """
    from .parse import load_nlp

    config = config or TrainConfig()
    stock = stock if stock is not None else load_nlp()
    sentences = read_re3d(data_dir)
    items = prepare(stock, sentences)
    train_items = [p for p in items if p.sentence.permissive]
    log(f"re3d: {len(items)} sentences, {len(train_items)} permissively licensed")
    metrics: dict[str, float] = {}
    if folds >= 2:
        result = cross_validate(stock, items, config, folds=folds, permissive_only=True)["re3d"]
        metrics = result.metrics()
        log(result.table(f"{folds}-fold CV of the entity stage (re3d span style), trained on "
                         "the permissive part of the other folds"))
    started = time.time()
    nlp = fit(stock, train_items, config, log=log)
    nlp.meta.update({"name": "sitrep_re3d_ner", "version": model_version(config),
                     "description": "sitrep domain NER over en_core_web_sm tok2vec; "
                                    "trained on the permissive part of re3d",
                     "sitrep_train": {"sentences": len(train_items), "seconds":
                                      round(time.time() - started, 1), **config.__dict__}})
    out = Path(out_dir)
    if (out / "config.cfg").is_file() and (out / "meta.json").is_file():
        shutil.rmtree(out)  # a previous model: its components' folders must not linger
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    log(f"saved {out} ({_size(out) / 1e6:.2f} MB)")
    return metrics


def model_version(config: TrainConfig) -> str:
    """Version recorded with the model: the format and the main settings."""
    if config.architecture == "tagger":
        return (f"1.3.0-tagger{config.members}-f{config.feature_set}"
                f"-e{config.epochs}-w{config.width}-d{config.depth}")
    return (f"{'1.2.0' if config.average_weights else '1.1.0'}-f{config.feature_set}"
            f"-e{config.epochs}-w{config.width}-d{config.depth}")


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# --------------------------------------------------------------------------- scoring

@dataclass
class Scores:
    """Strict span+type counts, per label."""

    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    def add(self, gold: set[tuple], pred: set[tuple]) -> None:
        """Count one sentence's gold and predicted ``(start, end, label)`` spans."""
        for span in pred & gold:
            self.tp[span[-1]] += 1
        for span in pred - gold:
            self.fp[span[-1]] += 1
        for span in gold - pred:
            self.fn[span[-1]] += 1

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        """Precision, recall, F1 of one label, or micro-averaged over all."""
        pick = (lambda c: c[label]) if label else (lambda c: sum(c.values()))
        tp, fp, fn = pick(self.tp), pick(self.fp), pick(self.fn)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def metrics(self, prefix: str = "") -> dict[str, float]:
        """``{prefix}f1``, ``precision``, ``recall`` and ``f1_<label>`` for each label."""
        p, r, f = self.prf()
        out = {f"{prefix}precision": p, f"{prefix}recall": r, f"{prefix}f1": f}
        for label in RE3D_LABELS:
            out[f"{prefix}f1_{label}"] = self.prf(label)[2]
        return out

    def table(self, title: str = "") -> str:
        """A per-label table for people."""
        rows = [title] if title else []
        rows.append(f"{'label':<18} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
        for label in RE3D_LABELS:
            p, r, f = self.prf(label)
            rows.append(f"{label:<18} {p:6.3f} {r:6.3f} {f:6.3f} "
                        f"{self.tp[label] + self.fn[label]:5d}")
        p, r, f = self.prf()
        rows.append(f"{'ALL (micro)':<18} {p:6.3f} {r:6.3f} {f:6.3f} "
                    f"{sum(self.tp.values()) + sum(self.fn.values()):5d}")
        return "\n".join(rows)


def score_stage(stage: EntityStage, items: Sequence[Prepared], scores: Scores) -> None:
    """Score ``stage`` on prepared sentences (token spans; unscored labels ignored)."""
    docs = []
    for item in items:
        doc = item.doc.copy()
        doc.set_ents(item.stock_ents, default="outside")
        docs.append(doc)
    for item, spans in zip(items, stage.token_spans(docs)):
        pred = {(s, e, label) for s, e, label, _src in spans if label in RE3D_LABELS}
        scores.add(gold_spans(item.sentence.tags), pred)


def folds_of(n: int, k: int, seed: int = 0) -> list[list[int]]:
    """``k`` disjoint folds of ``range(n)``, shuffled with ``seed``."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


#: Stage options scored by default: re3d's span convention (titles inside Person spans).
RE3D_STYLE: dict[str, dict] = {"re3d": {"style": "re3d"}}


def cross_validate(stock: Any, items: Sequence[Prepared], config: TrainConfig,
                   folds: int = 5, permissive_only: bool = True, seed: int = 0,
                   variants: dict[str, dict] | None = None) -> dict[str, Scores]:
    """``folds``-fold CV over all ``items``: train on the other folds (their permissive
    part if ``permissive_only``), score the whole entity stage on the held-out fold,
    once per entry of ``variants`` (name -> ``EntityStage`` options)."""
    variants = variants or RE3D_STYLE
    scores = {name: Scores() for name in variants}
    lexicon = NameLexicon.load()  # the stage's place rule needs it; features only in set 2
    for held in folds_of(len(items), folds, seed):
        test_ids = set(held)
        train = [p for i, p in enumerate(items) if i not in test_ids
                 and (p.sentence.permissive or not permissive_only)]
        model = DomainNER.from_nlp(fit(stock, train, config, lexicon=lexicon
                                       if config.feature_set >= 2 else None))
        for name, options in variants.items():
            stage = EntityStage(stock, model=model, lexicon=lexicon, **options)
            score_stage(stage, [items[i] for i in held], scores[name])
    return scores
