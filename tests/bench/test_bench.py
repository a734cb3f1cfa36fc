"""The benchmark suite's corpus, child-process runner and table."""

from __future__ import annotations

import json

import pytest

from sitrep.bench.corpus import corpus_files, synthetic_jsonl
from sitrep.bench.run import run_case, table
from sitrep.errors import EvalDataError


def _fake_data(tmp_path):
    base = tmp_path / "extraction"
    for sub, names in (("zyte/html", ["z2.html.gz", "z1.html.gz"]), ("wcxb/html", ["w1.html.gz"]),
                       ("flattext/input", ["f1.txt", "f2.txt", "f3.txt"])):
        (base / sub).mkdir(parents=True)
        for n in names:
            (base / sub / n).write_bytes(b"x")
    return tmp_path


def test_corpus_is_fixed_and_interleaved(tmp_path):
    files = corpus_files(_fake_data(tmp_path), n=5)
    assert [f.rsplit("/", 1)[1] for f in files] == ["z1.html.gz", "w1.html.gz", "f1.txt",
                                                    "z2.html.gz", "f2.txt"]
    with pytest.raises(EvalDataError):
        corpus_files(tmp_path / "nowhere")


def test_synthetic_documents_are_distinct(tmp_path):
    synthetic_jsonl(tmp_path / "s.jsonl", 20, words=50)
    docs = [json.loads(x) for x in (tmp_path / "s.jsonl").read_text().splitlines()]
    assert len(docs) == 20 and len({d["text"] for d in docs}) == 20
    assert all(len(d["text"].split()) > 40 for d in docs)


def test_run_case_measures_a_child_process(tmp_path):
    for i in range(3):
        (tmp_path / f"d{i}.txt").write_text(f"Navy ships sailed to port number {i} on Monday. " * 5)
    (row,) = run_case("extract", files=[str(tmp_path / f"d{i}.txt") for i in range(3)])
    assert row["name"] == "extract" and row["docs"] == 3 and row["words"] >= 3 * 40
    assert row["seconds"] > 0 and row["peak_rss_mb"] > 10
    text = table({"machine": "m", "rows": [row, {**row, "name": "dask", "hwm_mb": None}],
                  "ratio_vs_spacy": 0.7, "ratio_vs_spacy_cpu": 0.8, "dask_speedup": 1.8,
                  "annotate_vs_spacy": 0.75, "annotate_vs_spacy_cpu": 0.77})
    assert "extract" in text and "n/a" in text and "0.70x" in text and "1.80x" in text
    assert "annotation stages / spaCy alone (words/s): 0.75x by wall-clock, 0.77x" in text
