"""Happenings, dyads and exports through the real pipeline, on articles written for
these tests: two real-world happenings, each reported by several outlets, one of
them also syndicated word for word."""

import csv
import json

import pytest
from click.testing import CliRunner

from helpers import ROOT
from sitrep.cli import main

pytestmark = pytest.mark.slow
FIXTURE = ROOT / "tests" / "fixtures" / "two-happenings.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("h") / "h.db")
    out = CliRunner().invoke(main, ["ingest", str(FIXTURE), "--db", path])
    assert out.exit_code == 0 and "ok 5" in out.output, out.output
    return path


def test_reports_merge_into_exactly_two_happenings(db):
    out = CliRunner().invoke(main, ["happenings", "--db", db, "--format", "json"])
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert len(rows) == 2, rows
    by_pair = {frozenset(a["country"] for a in r["actors"] + r["recipients"]): r for r in rows}
    harbin, washington = by_pair[frozenset({"CHN", "RUS"})], by_pair[frozenset({"CHN", "USA"})]
    assert (harbin["type"], harbin["n_articles"], harbin["n_sources"]) == ("CONSULT", 3, 2)
    assert (washington["type"], washington["n_articles"], washington["n_sources"]) == ("CONSULT", 2, 2)
    assert washington["date"] == "2013-08-19" and harbin["date"] == "2013-08-20"


def test_dyad_counts_a_happening_once(db):
    out = CliRunner().invoke(main, ["dyad", "RUS", "CHN", "--by", "month", "--db", db, "--format", "json"])
    [row] = [json.loads(line) for line in out.output.splitlines()]
    assert row["period"] == "2013-08" and row["happenings"] == 1 and row["CONSULT"] == 1
    assert row["score"] > 0  # a meeting is cooperative


def test_exports(db, tmp_path):
    run = CliRunner().invoke
    gd = tmp_path / "g.csv"
    out = run(main, ["export", "--db", db, "--format", "gdelt", "--happenings", "-o", str(gd)])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(gd.open()))
    assert len(rows) == 2 and {r["EventRootCode"] for r in rows} == {"04"}
    assert sorted(r["NumSources"] for r in rows) == ["2", "2"]
    assert all(r["SOURCEURL"].startswith("https://") for r in rows)
    js = tmp_path / "e.jsonl"
    run(main, ["export", "--db", db, "--format", "jsonl", "-o", str(js)])
    assert len(js.read_text().splitlines()) == 5
    pq = tmp_path / "e.parquet"
    run(main, ["export", "--db", db, "--format", "parquet", "-o", str(pq), "--dyad", "CHN-USA"])
    import pyarrow.parquet as pq_

    assert pq_.read_table(pq).num_rows == 2


def test_syndicated_copy_shares_a_story(db):
    out = CliRunner().invoke(main, ["articles", "--db", db, "--format", "json"])
    rows = [json.loads(line) for line in out.output.splitlines()]
    stories = {r["url"]: r["story_id"] for r in rows}
    assert stories["https://wire.example/harbin"] == stories["https://daily.example/world/harbin"]
    assert len(set(stories.values())) == 4


def _harbin(db):
    out = CliRunner().invoke(main, ["happenings", "--db", db, "--format", "json", "--dyad", "CHN-RUS"])
    [row] = [json.loads(line) for line in out.output.splitlines()]
    return row


def test_explain_lists_every_report_and_why_it_was_merged(db):
    hid = _harbin(db)["happening_id"]
    out = CliRunner().invoke(main, ["happenings", "--db", db, "--explain", hid, "--format", "json"])
    assert out.exit_code == 0, out.output
    [h] = [json.loads(line) for line in out.output.splitlines()]
    assert h["id"] == hid and (h["n_articles"], h["n_sources"]) == (3, 2)
    assert len(h["supports"]) == 3 and all("Harbin" in s["evidence"]["text"] for s in h["supports"])
    assert len({s["story_id"] for s in h["supports"]}) == 2  # the syndicated copy shares one
    assert h["reasons"][0].endswith("starts the happening")
    assert sum(" joined: same type CONSULT" in r for r in h["reasons"]) == 2
    table = CliRunner().invoke(main, ["happenings", "--db", db, "--explain", hid])
    assert "3 articles, 2 independent sources" in table.output and "why:" in table.output
    missing = CliRunner().invoke(main, ["happenings", "--db", db, "--explain", "Hnope"])
    assert missing.exit_code != 0 and "no happening 'Hnope'" in missing.output


def test_api_happenings_list_and_detail(db):
    from fastapi.testclient import TestClient

    from sitrep.api import Settings, create_app
    from sitrep.store import Store

    with Store.open(db) as store:
        client = TestClient(create_app(store, Settings()))
        items = client.get("/api/happenings", params={"dyad": "CHN-RUS"}).json()["items"]
        assert [(i["type"], i["n_sources"]) for i in items] == [("CONSULT", 2)]
        detail = client.get(f"/api/happenings/{items[0]['happening_id']}").json()["items"]
        assert detail[0]["n_articles"] == 3 and len(detail[0]["reasons"]) == 3
        gone = client.get("/api/happenings/Hnope")
        assert gone.status_code == 404 and "error" in gone.json()


def test_split_is_kept_by_later_merges_and_undone_by_rejoin(db):
    """Runs last: it changes the module's database and must leave it as it was."""
    from sitrep.service import merge_happenings
    from sitrep.store import Store

    run = CliRunner().invoke
    hid = _harbin(db)["happening_id"]
    [h] = [json.loads(line) for line in run(main, ["happenings", "--db", db, "--explain", hid,
                                                    "--format", "json"]).output.splitlines()]
    story_of = {s["article_id"]: s["story_id"] for s in h["supports"]}
    single = next(a for a, st in story_of.items() if list(story_of.values()).count(st) == 1)
    out = run(main, ["happenings", "--db", db, "--split", hid, "--article", single, "--format", "json"])
    assert out.exit_code == 0, out.output
    parts = [json.loads(line) for line in out.output.splitlines()]
    assert sorted((p["n_articles"], p["n_sources"]) for p in parts) == [(1, 1), (2, 1)]
    apart = next(p for p in parts if p["n_articles"] == 1)
    assert "kept apart" in apart["reasons"][0]
    with Store.open(db) as store:
        merge_happenings(store)  # a later ingest merges again: the split holds
    assert len([json.loads(line) for line in run(main, ["happenings", "--db", db, "--format", "json"])
                .output.splitlines()]) == 3
    bad = run(main, ["happenings", "--db", db, "--split", apart["id"], "--article", single])
    assert bad.exit_code != 0 and "nothing to split from" in bad.output
    back = run(main, ["happenings", "--db", db, "--rejoin", single, "--format", "json"])
    [joined] = [json.loads(line) for line in back.output.splitlines()]
    assert (joined["id"], joined["n_articles"], joined["n_sources"]) == (hid, 3, 2)
    assert len(run(main, ["happenings", "--db", db, "--format", "json"]).output.splitlines()) == 2
