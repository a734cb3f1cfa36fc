"""`sitrep ingest` on a directory of good and bad files: one line per problem,
nothing else lost."""

import shutil

import pytest
from click.testing import CliRunner

from helpers import EXAMPLE
from sitrep.cli import main
from sitrep.store import Store
from sitrep.store import query as Q

pytestmark = pytest.mark.slow


def test_directory_with_bad_files(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(EXAMPLE, d / "example.txt")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "latin1.txt").write_bytes(
        "General José Muñoz, the Chilean army chief, met NATO officials in Brussels on Monday "
        "to discuss the purchase of armoured vehicles for the Chilean army.".encode("latin-1"))
    with open(d / "huge.txt", "wb") as fh:  # 50 MB, sparse: the reader must not read it whole
        fh.truncate(50 * 1024 * 1024)
    db = str(tmp_path / "s.db")
    out = CliRunner().invoke(main, ["ingest", str(d), "--db", db])
    assert out.exit_code == 0, out.output
    assert out.stdout.strip() == "ok 2, dropped 3, failed 0, present 0"
    problems = out.stderr.strip().splitlines()
    assert len(problems) == 3 and all(p.startswith("dropped: ") for p in problems)
    assert any("empty.txt" in p for p in problems)
    assert any("binary.txt" in p for p in problems)
    assert any("huge.txt" in p and "too large" in p for p in problems)
    store = Store.open(db)
    texts = [store.get_article(r["id"]).text for r in Q.list_articles(store, Q.ArticleFilter())]
    assert any("José Muñoz" in t for t in texts)


def test_stdin_and_bad_usage(tmp_path):
    db = str(tmp_path / "s.db")
    out = CliRunner().invoke(main, ["ingest", "-", "--db", db],
                             input="NATO ministers met in Brussels on Tuesday to agree a new air defence plan.")
    assert out.exit_code == 0 and "ok 1" in out.output, out.output
    out = CliRunner().invoke(main, ["ingest", str(tmp_path / "missing.txt"), "--db", db])
    assert "missing.txt" in out.output and "Traceback" not in out.output
