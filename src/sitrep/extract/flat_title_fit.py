"""Fitting the flat-text title weights (``sitrep train flat-title``).

``FlatTextOptions.title_weights`` score each title candidate as a weighted sum of the
features of ``flat_title.TITLE_FEATURES``. They are fit here on the flat-text
development pages that have a gold title: a softmax over each page's candidates
(the candidates equal to the gold title are the target), pulled towards a prior by
an L2 term, the prior being the weights of the previous round (features new since
then start at 0), so that a few pages cannot swing a weight far. The fit is checked
first on split halves (md5 of the page id, odd/even): fit on one half, count the
titles found on the other. The weights are printed, to be pasted into
``flat_options.py`` by a person who has read the split-half figures; nothing is
written into the source.

Our own code: the loss is a dozen lines over numpy, minimised by SciPy's L-BFGS.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import EvalDataError
from .flat_options import FlatTextOptions
from .flat_title import TITLE_FEATURES, _strip_suffix, _title_candidates
from .flattext import body_region

#: The weights of round three of the fit (see ``FlatTextOptions``), the prior of
#: round four; features added since start at 0.
PRIOR_WEIGHTS: tuple[float, ...] = (
    1.99, 0.55, -1.04, 1.60, -1.62, -2.08, -1.48, -0.35, 1.37, -0.01, -0.07, -1.39,
    4.31, 2.04, -0.50, -1.14, 1.18, 2.81, 0.24, 0.28, -0.32, 0.55, 0.99, -0.08)


@dataclass
class TitlePage:
    """One page's candidates: features ``X`` (one row each) and which equal the gold."""

    id: str
    half: int
    X: np.ndarray
    y: np.ndarray


def _ws(text: str | None) -> str:
    return " ".join((text or "").split())


def title_pages(data_dir: Path | str, opts: FlatTextOptions | None = None) -> list[TitlePage]:
    """The flat-text pages with a gold title, with their title candidates."""
    opts = opts or FlatTextOptions()
    base = Path(data_dir)
    folder = next((d for d in (base, base / "flattext", base / "extraction" / "flattext")
                   if (d / "gold").is_dir()), None)
    if folder is None:
        raise EvalDataError(f"flat-text set not found under {base} (expected gold/ and input/)")
    pages = []
    for gold_path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if not gold.get("title"):
            continue
        text = (folder / "input" / f"{gold['id']}.txt").read_text(encoding="utf-8")
        blocks, start, _ = body_region(text, opts)
        cands = _title_candidates(blocks, start, opts) if blocks else []
        want = _ws(gold["title"])
        X = np.array([f for _, _, f in cands], dtype=float).reshape(len(cands), len(TITLE_FEATURES))
        y = np.array([_ws(_strip_suffix(c)) == want for _, c, _ in cands], dtype=bool)
        half = int(hashlib.md5(gold["id"].encode()).hexdigest(), 16) % 2
        pages.append(TitlePage(gold["id"], half, X, y))
    return pages


def _loss(w: np.ndarray, pages: Sequence[TitlePage], prior: np.ndarray, lam: float
          ) -> tuple[float, np.ndarray]:
    """Negative log-likelihood of the gold candidates plus ``lam`` * |w - prior|^2."""
    total, grad = 0.0, np.zeros_like(w)
    for p in pages:
        s = p.X @ w
        e = np.exp(s - s.max())
        z, ez = e.sum(), e[p.y].sum()
        total -= np.log(ez / z)
        grad -= (e[p.y][:, None] * p.X[p.y]).sum(0) / ez
        grad += ((e / z)[:, None] * p.X).sum(0)
    d = w - prior
    return total + lam * d @ d, grad + 2 * lam * d


def fit(pages: Sequence[TitlePage], prior: np.ndarray, lam: float = 3.0) -> np.ndarray:
    """The weights maximising the softmax likelihood of the reachable pages."""
    from scipy.optimize import minimize

    usable = [p for p in pages if p.y.any()]
    return minimize(_loss, prior.copy(), args=(usable, prior, lam), jac=True,
                    method="L-BFGS-B").x


def found(pages: Sequence[TitlePage], w: np.ndarray) -> int:
    """Pages whose best-scoring candidate is their gold title."""
    return sum(1 for p in pages if len(p.y) and p.y[int(np.argmax(p.X @ w))])


def prior_weights() -> np.ndarray:
    """``PRIOR_WEIGHTS``, with 0 for the features added since."""
    return np.array(PRIOR_WEIGHTS + (0.0,) * (len(TITLE_FEATURES) - len(PRIOR_WEIGHTS)))


def fit_title_weights(data_dir: Path | str, lam: float = 3.0,
                      log: Callable[[str], None] = print) -> np.ndarray:
    """Split-half check, then the fit on every titled page; returns the weights."""
    pages = title_pages(data_dir)
    prior = prior_weights()
    current = np.array(FlatTextOptions().title_weights)
    halves = {h: [p for p in pages if p.half == h] for h in (0, 1)}
    log(f"{len(pages)} titled pages; a candidate equals the gold title on "
        f"{sum(p.y.any() for p in pages)}")
    for train, test, name in ((1, 0, "odd -> even"), (0, 1, "even -> odd")):
        w = fit(halves[train], prior, lam)
        log(f"fit {name}: test half {found(halves[test], prior)} with the prior, "
            f"{found(halves[test], w)} fitted / {len(halves[test])}")
    w = fit(pages, prior, lam)
    log(f"fit on all: {found(pages, prior)} with the prior, {found(pages, w)} fitted, "
        f"{found(pages, current)} with the shipped weights / {len(pages)}")
    log("title_weights = (" + ", ".join(f"{x:.2f}" for x in w) + ")")
    return w
