"""The re3d experiment script (experiments/re3d/cv_variants.py) still imports, and its
mention replacement keeps tokens and tags aligned."""

import importlib.util
import random
from pathlib import Path

from sitrep.nlp import train as tr

SCRIPT = Path(__file__).resolve().parents[2] / "experiments" / "re3d" / "cv_variants.py"


def _load():
    spec = importlib.util.spec_from_file_location("cv_variants", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_mention_replacement_swaps_entities_of_the_same_label():
    cv = _load()
    sentences = [
        tr.Sentence(0, ["Troops", "left", "Mosul", "."], ["O", "O", "B-Location", "O"], True),
        tr.Sentence(1, ["They", "reached", "the", "Syrian", "border", "."],
                    ["O", "O", "B-Location", "I-Location", "I-Location", "O"], True),
        tr.Sentence(2, ["No", "entity", "here", "."], ["O"] * 4, True),
    ]
    out = cv.augment(sentences, 4, 1.0, random.Random(0))
    assert len(out) == 8  # 4 copies of each sentence with an entity, none of the other
    swapped = 0
    for s in out:
        assert len(s.words) == len(s.tags)
        spans = tr.gold_spans(s.tags)
        assert len(spans) == 1 and next(iter(spans))[2] == "Location"
        start, end, _ = next(iter(spans))
        assert s.words[start:end] in (["Mosul"], ["the", "Syrian", "border"])
        swapped += s.words[start:end] != (["Mosul"] if s.words[0] == "Troops"
                                          else ["the", "Syrian", "border"])
    assert swapped  # the pool holds the sentence's own entity too, so not every copy differs
