"""A BILUO tagger ensemble as the domain NER (``TrainConfig.architecture = "tagger"``).

spaCy's transition-based ``ner`` costs most of its time in the transition loop (about
27 µs a word on the development machine, whatever the network's size), so several of them
would break the entity stage's speed budget. A tagger scores every token's BILUO tag in
one pass of its network; three taggers (trained together from different random initial
weights) cost about as much as one parser, and their averaged tag probabilities make a
proper ensemble, decoded here into valid spans (spaCy has no constrained decoder for a
tagger's output).

The taggers are ``tagger`` components named ``biluo0``, ``biluo1``, ... in one saved
pipeline; :class:`sitrep.nlp.entities.DomainNER` finds them by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

#: Prefix of the tagger components' names in the saved pipeline.
TAGGER_PREFIX = "biluo"
#: A token whose averaged "O" probability is at least this is decoded as "O" on its own,
#: cutting the constrained decoding into short pieces, so that the decoder's Python loop
#: runs only around candidate entities (5-fold CV on re3d: the same F1 as a Viterbi over
#: whole sentences, to the fourth decimal).
CERTAIN_OUTSIDE = 0.98
#: Added to probabilities before the logarithm.
EPSILON = 1e-9


def biluo_tags(labels: Sequence[str]) -> list[str]:
    """The tag set of ``labels``: "O" and B-/I-/L-/U- of each."""
    return ["O"] + [f"{p}-{label}" for label in labels for p in "BILU"]


def tagger_names(nlp: Any) -> list[str]:
    """Names of the BILUO tagger components of ``nlp``."""
    return [name for name in nlp.pipe_names if name.startswith(TAGGER_PREFIX)]


class BiluoDecoder:
    """Best valid BILUO path (Viterbi with forbidden transitions) for a tag set."""

    def __init__(self, tags: Sequence[str]) -> None:
        self.tags = list(tags)
        kinds = [t.partition("-") for t in self.tags]
        self.prefix = [p for p, _, _ in kinds]
        self.label = [label for _, _, label in kinds]
        n = len(self.tags)
        self.outside = self.tags.index("O")
        allowed = np.zeros((n, n), dtype=bool)
        for i, (pi, li) in enumerate(zip(self.prefix, self.label)):
            for j, (pj, lj) in enumerate(zip(self.prefix, self.label)):
                if pi in ("B", "I"):
                    allowed[i, j] = pj in ("I", "L") and lj == li
                else:
                    allowed[i, j] = pj in ("O", "B", "U")
        self.penalty = np.where(allowed, 0.0, -np.inf)
        self.start_ok = np.array([p in ("O", "B", "U") for p in self.prefix])
        self.end_ok = np.array([p in ("O", "L", "U") for p in self.prefix])

    def spans(self, probs: np.ndarray) -> list[tuple[int, int, str]]:
        """``(start, end, label)`` spans of the best valid path through ``probs``
        (tokens × tags, probabilities)."""
        out: list[tuple[int, int, str]] = []
        certain = probs[:, self.outside] >= CERTAIN_OUTSIDE
        i, n = 0, len(probs)
        while i < n:
            if certain[i]:
                i += 1
                continue
            j = i
            while j < n and not certain[j]:
                j += 1
            path = self._viterbi(np.log(probs[i:j] + EPSILON))
            out += self._read(path, i)
            i = j
        return out

    def _viterbi(self, logp: np.ndarray) -> list[int]:
        score = np.where(self.start_ok, logp[0], -np.inf)
        back = []
        for row in logp[1:]:
            cand = score[:, None] + self.penalty
            best = cand.argmax(axis=0)
            back.append(best)
            score = cand[best, np.arange(len(row))] + row
        last = int(np.where(self.end_ok, score, -np.inf).argmax())
        path = [last]
        for best in reversed(back):
            path.append(int(best[path[-1]]))
        return path[::-1]

    def _read(self, path: list[int], offset: int) -> list[tuple[int, int, str]]:
        out, start = [], None
        for k, tag in enumerate(path):
            prefix = self.prefix[tag]
            if prefix == "U":
                out.append((offset + k, offset + k + 1, self.label[tag]))
            elif prefix == "B":
                start = k
            elif prefix == "L" and start is not None:
                out.append((offset + start, offset + k + 1, self.label[tag]))
                start = None
        return out


class TaggerEnsemble:
    """The BILUO taggers of a pipeline, their tag probabilities averaged."""

    def __init__(self, nlp: Any) -> None:
        self.pipes = [nlp.get_pipe(name) for name in tagger_names(nlp)]
        if not self.pipes:
            raise ValueError("the pipeline has no BILUO tagger")
        self.tags = list(self.pipes[0].labels)
        if any(list(p.labels) != self.tags for p in self.pipes):
            raise ValueError("the BILUO taggers have different tag sets")
        self.decoder = BiluoDecoder(self.tags)
        self.labels = sorted({label for label in self.decoder.label if label})

    def predict(self, docs: Sequence[Any]) -> list[list[tuple[int, int, str]]]:
        """Token spans ``(start, end, label)`` per doc (the taggers are built with
        ``normalize=True``: their outputs are probabilities)."""
        docs = list(docs)
        if not docs:
            return []
        total = [np.zeros((len(doc), len(self.tags)), dtype="float32") for doc in docs]
        for pipe in self.pipes:
            for acc, scores in zip(total, pipe.model.predict(docs)):
                acc += np.asarray(scores)
        return [self.decoder.spans(acc / len(self.pipes)) if len(acc) else [] for acc in total]
