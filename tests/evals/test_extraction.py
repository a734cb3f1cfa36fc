"""Extraction metrics on hand-made pairs, and an evaluation run on a tiny data dir."""

import gzip
import json

import pytest

from sitrep.evals import EvalOptions
from sitrep.evals.extraction import bow_prf, flattext, shingle_pr, shingles, zyte


def test_shingles_case_kept_and_short_text_is_one_shingle():
    assert shingles("A b c d e") == {"A b c d": 1, "b c d e": 1}
    assert shingles("two words") == {"two words": 1}


def test_shingle_pr():
    gold = "one two three four five six"
    assert shingle_pr(gold, gold) == (1.0, 1.0)
    p, r = shingle_pr(gold, "one two three four five six seven eight")
    assert r == 1.0 and p == pytest.approx(3 / 5)
    assert shingle_pr(gold, "") == (0.0, 0.0)


def test_bow_prf_lowercases_and_counts_multiset():
    p, r, f = bow_prf("The the cat", "the THE dog")
    assert (p, r) == pytest.approx((2 / 3, 2 / 3)) and f == pytest.approx(2 / 3)
    assert bow_prf("a b", "") == (0.0, 0.0, 0.0)


BODY = ("The defence ministry announced on Monday that the new frigate would join the fleet "
        "next year after a series of sea trials in the North Sea. ") * 3


@pytest.fixture
def data_dir(tmp_path):
    ft = tmp_path / "extraction" / "flattext"
    (ft / "input").mkdir(parents=True)
    (ft / "gold").mkdir()
    (ft / "input" / "p1.txt").write_text(
        "Menu\n\nNew frigate joins the fleet\n\nMarch 3, 2024\n\n" + BODY + "\n\nCopyright 2024 X")
    (ft / "gold" / "p1.json").write_text(json.dumps(
        {"id": "p1", "body": BODY, "title": "New frigate joins the fleet", "published": "2024-03-03",
         "source_set": "wcxb"}))
    zy = tmp_path / "extraction" / "zyte"
    (zy / "html").mkdir(parents=True)
    html = f"<html><body><nav>Home</nav><article><h1>New frigate</h1><p>{BODY}</p></article></body></html>"
    (zy / "html" / "z1.html.gz").write_bytes(gzip.compress(html.encode()))
    (zy / "ground-truth.json").write_text(json.dumps({"z1": {"articleBody": BODY, "url": None}}))
    return tmp_path


def test_flattext_eval_reports_ours_and_baseline(data_dir):
    rep = flattext(EvalOptions(data_dir))
    assert rep.metrics["ours_bow_f1"] == pytest.approx(1.0)
    assert rep.metrics["ours_title_exact"] == 1.0 and rep.metrics["ours_date_day"] == 1.0
    assert "trafilatura_p_wrapped_bow_f1" in rep.metrics
    assert rep.metrics["ours_pages_per_s"] > 0
    assert "pages/s" in rep.text()


def test_zyte_eval(data_dir):
    rep = zyte(EvalOptions(data_dir))
    assert rep.metrics["ours_shingle_f1"] > 0.9 and "trafilatura_shingle_f1" in rep.metrics
