"""Smoke test through the real factory: batch + load stores what ingest stores."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitrep.dist import load, run_batch
from sitrep.store import Store

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "army-recognition-2013-08-20.txt"


@pytest.mark.slow
def test_batch_then_load_equals_ingest(tmp_path):
    from sitrep.factory import build_pipeline
    from sitrep.ingest.readers import iter_documents
    from sitrep.service import ingest

    (tmp_path / "in").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "in" / EXAMPLE.name)
    res = run_batch([str(tmp_path / "in")], str(tmp_path / "out"), workers=1)
    assert dict(res.counts) == {"ok": 1}
    with Store.open(str(tmp_path / "batch.db")) as b, Store.open(str(tmp_path / "ingest.db")) as i:
        assert load(tmp_path / "out", b).by_status["ok"] == 1
        assert ingest(iter_documents([str(tmp_path / "in")]), build_pipeline(), i).by_status["ok"] == 1
        with b.engine.connect() as conn:
            (aid,) = [r[0] for r in conn.exec_driver_sql("SELECT id FROM articles")]
        got, want = b.get_article(aid).to_dict(), i.get_article(aid).to_dict()
    assert got["events"] and got["mentions"]
    assert got == want
