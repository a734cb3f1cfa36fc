"""Fitting the flat-text title weights: the loss, the fit, and reading the pages."""

import json

import numpy as np
import pytest

from sitrep.errors import EvalDataError
from sitrep.extract.flat_options import FlatTextOptions
from sitrep.extract.flat_title import TITLE_FEATURES
from sitrep.extract.flat_title_fit import (
    TitlePage,
    _loss,
    fit,
    fit_title_weights,
    found,
    prior_weights,
    title_pages,
)


def _pages(n=40, seed=0):
    """Pages of 4 candidates with 2 features; the gold one is the candidate with the
    highest feature 0 (feature 1 is noise)."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        X = rng.normal(size=(4, 2))
        y = np.zeros(4, dtype=bool)
        y[int(np.argmax(X[:, 0]))] = True
        out.append(TitlePage(str(i), i % 2, X, y))
    return out


def test_loss_gradient_matches_finite_differences():
    pages, prior, w = _pages(8), np.array([0.5, -0.2]), np.array([0.3, 0.7])
    value, grad = _loss(w, pages, prior, 2.0)
    eps = 1e-6
    for k in range(2):
        step = np.eye(2)[k] * eps
        numeric = (_loss(w + step, pages, prior, 2.0)[0] - _loss(w - step, pages, prior, 2.0)[0]) / (2 * eps)
        assert grad[k] == pytest.approx(numeric, rel=1e-4, abs=1e-6)
    assert value > 0


def test_fit_learns_the_feature_that_picks_the_gold_and_the_prior_holds_it_back():
    pages, prior = _pages(), np.zeros(2)
    free, held = fit(pages, prior, lam=0.01), fit(pages, prior, lam=100.0)
    assert free[0] > 1.0 and abs(free[1]) < free[0] / 3
    assert 0 < held[0] < free[0]
    assert found(pages, free) == len(pages) > found(pages, -free)


def test_title_pages_reads_the_titled_pages(tmp_path):
    folder = tmp_path / "extraction" / "flattext"
    (folder / "gold").mkdir(parents=True)
    (folder / "input").mkdir()
    body = "\n\n".join(["Home", "News", "Navy orders six new frigates",
                        "By Jane Smith", "March 3, 2024"]
                       + ["The navy ordered six frigates from the yard on Monday, the ministry "
                          "said in a statement about the programme and its costs."] * 3)
    for pid, title in (("a1", "Navy orders six new frigates"), ("a2", None)):
        (folder / "input" / f"{pid}.txt").write_text(body)
        gold = {"id": pid, "body": "x", **({"title": title} if title else {})}
        (folder / "gold" / f"{pid}.json").write_text(json.dumps(gold))
    (page,) = title_pages(tmp_path)
    assert page.id == "a1" and page.X.shape[1] == len(TITLE_FEATURES)
    assert page.y.sum() == 1  # the headline is one of its candidates
    assert found([page], np.array(FlatTextOptions().title_weights)) == 1
    lines = []
    w = fit_title_weights(tmp_path, log=lines.append)
    assert w.shape == (len(TITLE_FEATURES),) and lines[-1].startswith("title_weights = (")
    with pytest.raises(EvalDataError):
        title_pages(tmp_path / "nowhere")


def test_prior_has_a_weight_for_every_feature():
    assert len(prior_weights()) == len(TITLE_FEATURES) == len(FlatTextOptions().title_weights)
