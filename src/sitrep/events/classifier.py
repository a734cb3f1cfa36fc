"""The learned part of the event coder: a small sentence classifier in numpy.

Two softmax-regression heads share one sparse feature space: ``type`` (the 16
PLOVER types plus ``NONE``) and ``penta`` (CAMEO PentaClass 0–4). Features are
lemmas, lemma bigrams, the root and verb lemmas, negation/modal flags and — the
stacking link to the rules — the types and frames the rules proposed for the
sentence, so the model learns when to trust them. PentaClass 1–4 sentences also
train the ``type`` head, as partial labels (the type is one of its class's types;
5-fold CV 2026-11-29: pentaclass macro-F1 0.696 → 0.801, GSR type accuracy
unchanged at 0.592). Training works on the sparse binary matrix (row/column
indices), so a fit takes seconds. Weights are stored as a
``.npz`` plus a JSON vocabulary (a few hundred KB) in ``sitrep/events/model/``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..models import PLOVER_TYPES

TYPE_LABELS: tuple[str, ...] = (*PLOVER_TYPES, "NONE")
PENTA_LABELS: tuple[str, ...] = ("0", "1", "2", "3", "4")

#: Features seen fewer times than this in training are dropped (noise, size).
MIN_FEATURE_COUNT = 2
#: L2 penalty and optimiser settings. 5-fold CV (2026-11-29), L2 1e-4 / 3e-4 / 3e-3:
#: pentaclass macro-F1 0.704 / 0.696 / 0.677, GSR type accuracy 0.587 / 0.592 / 0.581
#: — flat within noise below 1e-3; 3e-4 kept.
L2 = 3e-4
EPOCHS = 150
LEARNING_RATE = 0.05

_SKIP_POS = frozenset({"PUNCT", "SPACE", "DET"})


def sentence_features(sent, rule_types: Iterable[tuple[str, str]] = ()) -> list[str]:
    """Feature strings of a parsed sentence (spaCy ``Span``) and its rule proposals."""
    feats: list[str] = []
    lemmas = [t.lemma_.lower() for t in sent if t.pos_ not in _SKIP_POS]
    feats += [f"w={x}" for x in lemmas]
    feats += [f"b={a}_{b}" for a, b in zip(lemmas, lemmas[1:])]
    for t in sent:
        if t.dep_ == "ROOT":
            feats.append(f"root={t.lemma_.lower()}")
        if t.pos_ == "VERB":
            feats.append(f"v={t.lemma_.lower()}")
            obj = next((c for c in t.children if c.dep_ == "dobj"), None)
            if obj is not None:
                feats.append(f"vo={t.lemma_.lower()}_{obj.lemma_.lower()}")
        if t.dep_ == "neg":
            feats.append(f"neg_{t.head.lemma_.lower()}")
            feats.append("neg")
        if t.tag_ == "MD":
            feats.append(f"md={t.lower_}")
        if t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
            feats.append(f"ent={t.ent_type_}")
    rule_types = list(rule_types)
    for etype, frame in rule_types:
        feats += [f"rule={etype}", f"rulef={etype}_{frame}"]
    if not rule_types:
        feats.append("norule")
    return feats


@dataclass
class Head:
    """One softmax-regression head: weights ``W`` (features × labels), bias ``b``."""

    labels: tuple[str, ...]
    W: np.ndarray
    b: np.ndarray

    def proba(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities for a dense feature matrix."""
        return _softmax(X @ self.W + self.b)

    def proba_sparse(self, columns: Sequence[int]) -> np.ndarray:
        """Class probabilities of one binary row given by its non-zero ``columns``."""
        z = self.W[list(columns)].sum(axis=0) + self.b if len(columns) else self.b.copy()
        return _softmax(z[None, :].astype(np.float64))[0]


class SentenceClassifier:
    """Feature vocabulary plus the ``type`` and ``penta`` heads."""

    def __init__(self, vocab: dict[str, int], type_head: Head, penta_head: Head,
                 version: str, meta: dict | None = None) -> None:
        self.vocab = vocab
        self.type_head = type_head
        self.penta_head = penta_head
        self.version = version
        self.meta = meta or {}

    def vectorize(self, feature_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """Binary dense matrix of feature lists (unknown features ignored)."""
        X = np.zeros((len(feature_lists), len(self.vocab)), dtype=np.float32)
        for i, feats in enumerate(feature_lists):
            for f in feats:
                j = self.vocab.get(f)
                if j is not None:
                    X[i, j] = 1.0
        return X

    def predict(self, feats: Sequence[str]) -> tuple[dict[str, float], dict[str, float]]:
        """Type and PentaClass probabilities of one sentence's features.

        Sums the weight rows of the features present instead of a dense product
        with a 30k-wide row: the same logits, ~100x faster per sentence (a dense
        ``X @ W`` was most of the stage's time, 2026-11-29 profile).
        """
        idx = sorted({j for f in feats for j in [self.vocab.get(f)] if j is not None})
        pt = self.type_head.proba_sparse(idx)
        pp = self.penta_head.proba_sparse(idx)
        return (dict(zip(self.type_head.labels, pt.tolist())),
                dict(zip(self.penta_head.labels, pp.tolist())))

    def save(self, directory: Path) -> None:
        """Write ``weights.npz`` and ``model.json`` into ``directory``."""
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(directory / "weights.npz",
                            type_W=self.type_head.W.astype(np.float16), type_b=self.type_head.b,
                            penta_W=self.penta_head.W.astype(np.float16), penta_b=self.penta_head.b)
        vocab = sorted(self.vocab, key=self.vocab.get)
        meta = {"version": self.version, "type_labels": list(self.type_head.labels),
                "penta_labels": list(self.penta_head.labels), "vocab": vocab, "meta": self.meta}
        (directory / "model.json").write_text(json.dumps(meta, indent=0), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> SentenceClassifier:
        """Read a classifier written by ``save``; ``ModelError`` if absent or broken."""
        try:
            meta = json.loads((directory / "model.json").read_text(encoding="utf-8"))
            arrays = np.load(directory / "weights.npz")
            vocab = {f: i for i, f in enumerate(meta["vocab"])}
            th = Head(tuple(meta["type_labels"]), arrays["type_W"].astype(np.float32), arrays["type_b"])
            ph = Head(tuple(meta["penta_labels"]), arrays["penta_W"].astype(np.float32), arrays["penta_b"])
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"cannot load event model from {directory}: {exc}") from exc
        return cls(vocab, th, ph, meta["version"], meta.get("meta"))


def fit(type_data: Sequence[tuple[list[str], str]], penta_data: Sequence[tuple[list[str], str]],
        version: str, seed: int = 0,
        type_partial: Sequence[tuple[list[str], frozenset[str]]] = ()) -> SentenceClassifier:
    """Train both heads from (features, label) pairs.

    ``type_partial`` are sentences whose type is only known to lie in a set (a
    PentaClass 1–4 sentence: one of the types of that class); the type head
    learns from them by maximising the probability of the set (partial-label
    likelihood), with weight ``PARTIAL_WEIGHT``.
    """
    counts = Counter(f for feats, _ in [*type_data, *penta_data, *type_partial] for f in set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT))}
    clf = SentenceClassifier(vocab, Head(TYPE_LABELS, np.zeros(0), np.zeros(0)),
                             Head(PENTA_LABELS, np.zeros(0), np.zeros(0)), version)
    clf.type_head = _fit_head(clf, type_data, TYPE_LABELS, seed, partial=type_partial)
    clf.penta_head = _fit_head(clf, penta_data, PENTA_LABELS, seed)
    clf.meta = {"n_type": len(type_data), "n_penta": len(penta_data),
                "n_type_partial": len(type_partial), "n_features": len(vocab)}
    return clf


#: Weight of a partial-label sentence relative to a labelled one of average weight.
PARTIAL_WEIGHT = 0.5


def _fit_head(clf: SentenceClassifier, data, labels: tuple[str, ...], seed: int,
              partial: Sequence[tuple[list[str], frozenset[str]]] = ()) -> Head:
    rows_, cols = _sparse([f for f, _ in [*data, *partial]], clf.vocab)
    n_rows, n_feat = len(data) + len(partial), len(clf.vocab)
    index = {lab: i for i, lab in enumerate(labels)}
    y = np.array([index[lab] for _, lab in data], dtype=int)
    Y = np.eye(len(labels), dtype=np.float32)[y]
    # balanced class weights, so rare types are not drowned by frequent ones
    freq = Y.sum(0)
    cw = np.where(freq > 0, len(y) / (len(labels) * np.maximum(freq, 1)), 0.0).astype(np.float32)
    sw = cw[y][:, None]
    if partial:
        M = np.zeros((len(partial), len(labels)), dtype=np.float32)
        for i, (_, allowed) in enumerate(partial):
            M[i, [index[lab] for lab in allowed]] = 1.0
        Y = np.vstack([Y, M])
        sw = np.vstack([sw, np.full((len(partial), 1), PARTIAL_WEIGHT, dtype=np.float32)])
    rng = np.random.default_rng(seed)
    W = (rng.standard_normal((n_feat, len(labels))) * 0.01).astype(np.float32)
    b = np.zeros(len(labels), dtype=np.float32)
    mW, vW, mb, vb = np.zeros_like(W), np.zeros_like(W), np.zeros_like(b), np.zeros_like(b)
    b1, b2, eps = 0.9, 0.999, 1e-8
    n = max(float(sw.sum()), 1.0)
    for step in range(1, EPOCHS + 1):
        # X @ W for the binary sparse X: sum of the weight rows of each sentence's features
        Z = _row_sums(W[cols], rows_, n_rows)
        P = _softmax(Z + b)
        # -log sum_{j allowed} P_j; equals softmax cross-entropy for one-hot rows
        PM = P * Y
        G = (P - PM / np.maximum(PM.sum(1, keepdims=True), 1e-12)) * sw / n
        Gr = G[rows_]
        gW = np.stack([np.bincount(cols, weights=Gr[:, j], minlength=n_feat)
                       for j in range(len(labels))], axis=1).astype(np.float32) + L2 * W
        gb = G.sum(0)
        mW = b1 * mW + (1 - b1) * gW
        vW = b2 * vW + (1 - b2) * gW * gW
        mb = b1 * mb + (1 - b1) * gb
        vb = b2 * vb + (1 - b2) * gb * gb
        corr1, corr2 = 1 - b1 ** step, 1 - b2 ** step
        W -= LEARNING_RATE * (mW / corr1) / (np.sqrt(vW / corr2) + eps)
        b -= LEARNING_RATE * (mb / corr1) / (np.sqrt(vb / corr2) + eps)
    return Head(labels, W, b)


def _row_sums(values: np.ndarray, rows_: np.ndarray, n_rows: int) -> np.ndarray:
    """Sum of ``values`` per row index (``rows_`` sorted ascending); empty rows are 0."""
    out = np.zeros((n_rows, values.shape[1]), dtype=np.float32)
    if len(rows_):
        starts = np.flatnonzero(np.r_[True, rows_[1:] != rows_[:-1]])
        out[rows_[starts]] = np.add.reduceat(values, starts, axis=0)
    return out


def _sparse(feature_lists: Sequence[Sequence[str]], vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) indices of the ones of the binary feature matrix."""
    rows_, cols = [], []
    for i, feats in enumerate(feature_lists):
        js = {vocab[f] for f in feats if f in vocab}
        rows_ += [i] * len(js)
        cols += sorted(js)
    return np.array(rows_, dtype=np.int64), np.array(cols, dtype=np.int64)


def _softmax(Z: np.ndarray) -> np.ndarray:
    Z = Z - Z.max(axis=1, keepdims=True)
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)
