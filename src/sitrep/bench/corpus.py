"""The fixed benchmark corpus, and synthetic documents for the memory runs."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

from ..errors import EvalDataError

#: Sub-folders of ``extraction/`` the corpus draws from, with the files' pattern.
SOURCES = (("zyte/html", "*.html.gz"), ("wcxb/html", "*.html.gz"), ("flattext/input", "*"))

#: Default corpus size: large enough for stable rates (a few minutes for the whole
#: pipeline on one core), small enough to run every stage and Dask twice.
DEFAULT_DOCS = 150


def corpus_files(data_dir: Path, n: int = DEFAULT_DOCS) -> list[str]:
    """The first ``n`` pages of the corpus: the three sets interleaved, each sorted by name.

    Fixed for a given data folder and ``n``: HTML pages (Zyte, WCXB) and flat text
    dumps alternate, so every run sees the same mix.
    """
    base = data_dir / "extraction"
    lists = []
    for sub, pattern in SOURCES:
        folder = base / sub
        if not folder.is_dir():
            raise EvalDataError(f"benchmark corpus needs {folder}")
        lists.append(sorted(str(p) for p in folder.glob(pattern) if p.is_file()))
    out: list[str] = []
    for i in range(max(len(x) for x in lists)):
        out += [x[i] for x in lists if i < len(x)]
    return out[:n]


_WORDS = ("army navy air force ministry defence minister officials said talks missile "
          "exercise border troops drills summit agreement sanctions cooperation patrol "
          "vessel coast guard strait regional security forces joint statement spokesman "
          "president government military operation aid convoy ceasefire protest").split()


def synthetic_jsonl(path: Path, n: int, words: int = 300, seed: int = 7) -> None:
    """Write ``n`` distinct synthetic news-like documents of about ``words`` words."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            paras = []
            for _ in range(5):
                sent = " ".join(rng.choice(_WORDS) for _ in range(words // 10))
                paras.append(f"Report {i}: {sent.capitalize()}. {sent}.")
            fh.write(json.dumps({"id": f"s{i}", "text": "\n\n".join(paras)}) + "\n")


def iter_lines(path: Path) -> Iterator[str]:
    """Lines of a file, streamed."""
    with open(path, encoding="utf-8") as fh:
        yield from fh
