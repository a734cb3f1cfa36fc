"""Token features and the model architecture of the domain NER (``sitrep.TensorTok2Vec.v1``).

Both training (:mod:`sitrep.nlp.train`) and prediction (:mod:`sitrep.nlp.entities`) need
them. The domain NER does not embed the text again: it reads the stock en_core_web_sm
tok2vec output (``doc.tensor``), per-token features computed here (stock NER labels,
gazetteer hits, noun chunks) and a small hash embedding of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

#: Stock (OntoNotes) labels, in feature order.
STOCK_LABELS: tuple[str, ...] = (
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART",
    "LAW", "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
)

#: Gazetteer categories (file stems in ``data/gazetteers``), in feature order.
GAZ_LABELS: tuple[str, ...] = (
    "Weapon", "MilitaryPlatform", "Vehicle", "Exercise", "Organisation", "Role",
)

#: Width of the per-token feature vector: B/I of each stock label and gazetteer category.
N_FEATS = 2 * (len(STOCK_LABELS) + len(GAZ_LABELS))

#: Lexicon categories of feature set 2 (:mod:`sitrep.nlp.entity_lexicons`).
LEXICON_LABELS: tuple[str, ...] = ("Place", "Demonym")

#: Width of the features feature set 2 adds: B/I of each lexicon category. (Noun-chunk
#: B/I and one-hot UPOS tags were tried as well: 5-fold CV F1 0.573 -> 0.562, dropped.)
N_EXTRA_FEATS = 2 * len(LEXICON_LABELS)

#: Feature sets a model may be trained with: 1 = stock labels and gazetteers; 2 = 1 plus
#: the place/demonym lexicons.
FEATURE_SETS = (1, 2)

#: Key of the feature matrix in ``doc.user_data`` while the domain NER runs.
FEATS_KEY = "sitrep.ner_feats"

#: Width of ``doc.tensor`` written by the stock en_core_web_sm tok2vec.
STOCK_TENSOR_WIDTH = 96


def n_features(feature_set: int) -> int:
    """Width of :func:`token_features`' rows for ``feature_set``."""
    return N_FEATS + (N_EXTRA_FEATS if feature_set >= 2 else 0)


def token_features(doc: Any, gaz_hits: Sequence[tuple[int, int, str, str]],
                   feature_set: int = 1) -> np.ndarray:
    """B/I one-hot of the stock entity label and of gazetteer hits, per token; with
    feature set 2, also of the lexicon hits (``gaz_hits`` labelled ``LEXICON_LABELS``)."""
    feats = np.zeros((len(doc), n_features(feature_set)), dtype="float32")
    for ent in doc.ents:
        if ent.label_ in STOCK_LABELS:
            col = 2 * STOCK_LABELS.index(ent.label_)
            feats[ent.start, col] = 1.0
            feats[ent.start + 1:ent.end, col + 1] = 1.0
    base = 2 * len(STOCK_LABELS)
    lexicon_base = N_FEATS
    for start, end, label, _kind in gaz_hits:
        if label in GAZ_LABELS:
            col = base + 2 * GAZ_LABELS.index(label)
        elif label in LEXICON_LABELS and feature_set >= 2:
            col = lexicon_base + 2 * LEXICON_LABELS.index(label)
        else:
            continue
        feats[start, col] = 1.0
        feats[start + 1:end, col + 1] = 1.0
    return feats


def build_tensor_tok2vec(width: int, embed_width: int, rows: list[int], depth: int,
                         feature_set: int = 1) -> Any:
    """Token vectors from ``doc.tensor`` (stock tok2vec), the token features of
    ``feature_set`` in ``doc.user_data[FEATS_KEY]`` and a small hash embedding of
    NORM/PREFIX/SUFFIX/SHAPE, projected to ``width`` and contextualised by ``depth`` CNN
    layers."""
    from spacy.ml.models.tok2vec import MaxoutWindowEncoder, MultiHashEmbed
    from thinc.api import Maxout, Model, chain, with_array

    embed = MultiHashEmbed(width=embed_width, attrs=["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                           rows=rows, include_static_vectors=False)
    n_feats = n_features(feature_set)
    n_in = embed_width + STOCK_TENSOR_WIDTH + n_feats
    combine = Model("sitrep_doc_features", _combine_forward, init=_combine_init,
                    layers=[embed], dims={"nO": n_in}, attrs={"n_feats": n_feats})
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
        if feats is None or feats.shape != (len(doc), model.attrs["n_feats"]):
            feats = np.zeros((len(doc), model.attrs["n_feats"]), dtype="float32")
        out.append(ops.xp.hstack([vec, ops.asarray2f(tensor), ops.asarray2f(feats)]))

    def backprop(d_out: list) -> list:
        return backprop_embed([d[:, :width] for d in d_out])

    return out, backprop


def register_architectures() -> None:
    """Register ``sitrep.TensorTok2Vec.v1`` with spaCy (idempotent; needed to load the model)."""
    import spacy

    spacy.registry.architectures.register("sitrep.TensorTok2Vec.v1", func=build_tensor_tok2vec)
