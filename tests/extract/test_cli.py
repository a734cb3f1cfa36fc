"""``sitrep extract --jsonl`` (the command lives in sitrep/cli/extract.py)."""

import json
from pathlib import Path

from click.testing import CliRunner

from sitrep.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "army-recognition-2013-08-20.txt"


def test_extract_jsonl(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    res = CliRunner().invoke(main, ["extract", str(EXAMPLE), str(tmp_path), "--jsonl"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    ok, dropped = lines
    assert ok["status"] == "ok" and ok["reason"] is None
    assert ok["title"] == "China and Russia eager to expand their military and nuclear cooperation"
    assert ok["publisher"] == "Army Recognition" and ok["tags"] == ["China", "Russia"]
    assert ok["text"] == "\n\n".join(ok["paragraphs"]) and len(ok["captions"]) == 1
    for key in ("id", "source", "published", "section"):
        assert key in ok
    assert dropped["status"] == "dropped" and dropped["reason"] == "empty file"
