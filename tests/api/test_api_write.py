"""Writing endpoints (token required): ingest, watchlists; and exports."""

from __future__ import annotations

import csv
import io
import json

from sitrep.store import query as Q

from .api_seed import HOSTILE, CHN, RUS
from sitrep.models import Event, Span


def test_ingest_needs_the_token(client, auth):
    r = client.post("/api/ingest", content="Some text.", headers={"Content-Type": "text/plain"})
    assert r.status_code == 401
    bad = {"Authorization": "Bearer wrong", "Content-Type": "text/plain"}
    assert client.post("/api/ingest", content="Some text.", headers=bad).status_code == 401
    ok = {"X-Sitrep-Token": auth["Authorization"].split()[1], "Content-Type": "text/plain"}
    assert client.post("/api/ingest", content="Token in header.", headers=ok).status_code == 200


def test_ingest_text_then_present(client, auth, seeded):
    store, _ = seeded
    headers = {**auth, "Content-Type": "text/plain"}
    text = "Beijing and Moscow\n\nheld talks."
    r = client.post("/api/ingest", content=text, headers=headers,
                    params={"url": "https://example.org/x", "published": "2020-01-02"})
    body = r.json()
    assert r.status_code == 200 and body["counts"] == {"ok": 1}
    aid = body["outcomes"][0]["article_id"]
    art = client.get(f"/api/articles/{aid}").json()
    assert art["text"] == "Beijing and Moscow\n\nheld talks."
    assert [m["text"] for m in art["mentions"]] == ["Beijing", "Moscow"]
    again = client.post("/api/ingest", content=text, headers=headers).json()
    assert again["counts"] == {"present": 1}


def test_ingest_jsonl_reports_each_line(client, auth):
    lines = [json.dumps({"id": "a", "text": "Alpha text here."}), "{not json",
             json.dumps({"id": "b"}), json.dumps({"id": "c", "text": ""}),
             json.dumps({"id": "d", "html": "<p>Delta</p>"})]
    r = client.post("/api/ingest", content="\n".join(lines),
                    headers={**auth, "Content-Type": "application/x-ndjson"})
    body = r.json()
    assert r.status_code == 200
    assert body["counts"]["ok"] == 2 and sum(body["counts"].values()) == 5
    assert len(body["outcomes"]) == 5 and all(o["reason"] for o in body["outcomes"] if o["status"] != "ok")


def test_ingest_rejects_other_media_and_big_bodies(client, auth, app):
    r = client.post("/api/ingest", content=b"x", headers={**auth, "Content-Type": "image/png"})
    assert r.status_code == 415 and r.json()["error"]["code"] == "unsupported_media_type"
    app.state.settings.max_ingest_bytes = 10
    r = client.post("/api/ingest", content="x" * 11, headers={**auth, "Content-Type": "text/plain"})
    assert r.status_code == 413
    r = client.post("/api/ingest", content="   ", headers={**auth, "Content-Type": "text/plain"})
    assert r.status_code == 400


def test_watchlist_new_since_last_visit(client, auth, seeded):
    store, _ = seeded
    body = {"name": "CHN-RUS nuclear", "query": {"dyad": "CHN-RUS", "types": ["agree", "COOPERATE"],
                                                 "context": "nuclear"}}
    assert client.post("/api/watchlists", json=body).status_code == 401
    r = client.post("/api/watchlists", json=body, headers=auth)
    assert r.status_code == 201, r.text
    wl = r.json()
    assert wl["new"] == 2 and wl["query"]["types"] == ["AGREE", "COOPERATE"]
    assert client.post("/api/watchlists", json=body, headers=auth).status_code == 400  # same name
    got = client.get(f"/api/watchlists/{wl['id']}").json()
    assert [e["type"] for e in got["events"]] == ["AGREE", "AGREE"]
    assert client.post(f"/api/watchlists/{wl['id']}/seen").status_code == 401
    seen = client.post(f"/api/watchlists/{wl['id']}/seen", headers=auth).json()
    assert seen["new"] == 0 and seen["seen_at"]
    # A new matching event arrives: it alone is new.
    from api.api_seed import _article

    art = _article("China and Russia agreed on nuclear fuel.", published="2015-01-01")
    art.events = [Event("AGREE", Span(0, 10), context=["nuclear"], actors=[CHN], recipients=[RUS],
                        date="2015-01-01", coder="t", coder_version="0")]
    store.add_article(art)
    by_name = client.get("/api/watchlists/CHN-RUS nuclear").json()
    assert by_name["new"] == 1 and [e["date"] for e in by_name["events"]] == ["2015-01-01"]
    assert len(client.get(f"/api/watchlists/{wl['id']}", params={"all": "true"}).json()["events"]) == 3
    listed = client.get("/api/watchlists").json()["items"]
    assert [(w["name"], w["new"]) for w in listed] == [("CHN-RUS nuclear", 1)]
    rows = list(csv.DictReader(io.StringIO(client.get(f"/api/watchlists/{wl['id']}/export.csv").text)))
    assert [r["date"] for r in rows] == ["2015-01-01"]
    assert client.delete(f"/api/watchlists/{wl['id']}", headers=auth).status_code == 200
    assert client.get(f"/api/watchlists/{wl['id']}").status_code == 404


def test_watchlist_validation(client, auth):
    bad = client.post("/api/watchlists", json={"name": "", "query": {}}, headers=auth)
    assert bad.status_code == 422
    bad = client.post("/api/watchlists", json={"name": "x", "query": {"types": ["NOPE"]}}, headers=auth)
    assert bad.status_code == 422


def test_exports_csv_jsonl_and_formula_defused(client, arts):
    r = client.get("/api/export/events.csv", params={"dyad": "CHN-RUS"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [x["type"] for x in rows] == ["COOPERATE", "CONSULT", "AGREE", "AGREE"]
    assert rows[1]["recipients"] == "Dmitry Rogozin" and rows[1]["location"] == "Harbin"
    lines = client.get("/api/export/events.jsonl", params={"type": "ACCUSE"}).text.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["recipients"] == HOSTILE
    from sitrep.api.exports import safe_cell

    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and safe_cell("ok") == "ok"
    capped = client.get("/api/export/events.csv", params={"max_rows": 2}).text.splitlines()
    assert len(capped) == 3


def test_exports_parquet_and_gdelt(client, tmp_path):
    import pyarrow.parquet as pq

    r = client.get("/api/export/events.parquet", params={"type": "AGREE"})
    assert r.status_code == 200
    (tmp_path / "e.parquet").write_bytes(r.content)
    table = pq.read_table(str(tmp_path / "e.parquet")).to_pylist()
    assert [x["type"] for x in table] == ["AGREE", "AGREE"]
    r = client.get("/api/export/events.gdelt", params={"type": "CONSULT"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert r.status_code == 200 and len(rows) == 1
    assert rows[0]["PLOVERType"] == "CONSULT" and rows[0]["SOURCEURL"].startswith("https://")


def test_query_layer_new_filters(seeded):
    store, _ = seeded
    mark = Q.last_event_id(store)
    assert Q.count_events(store, Q.EventFilter(after_id=mark)) == 0
    assert Q.count_events(store, Q.EventFilter(after_id=mark - 1)) == 1


def test_ingest_without_a_buildable_pipeline_says_why(seeded, auth, monkeypatch):
    from fastapi.testclient import TestClient

    import sitrep.factory
    from sitrep.api import Settings, create_app

    def broken(annotate=True, kb=None):
        raise ImportError("No module named 'sitrep.nlp.missing'")

    monkeypatch.setattr(sitrep.factory, "build_pipeline", broken)
    client = TestClient(create_app(seeded[0], Settings(token="test-token-123")),
                        raise_server_exceptions=False)
    r = client.post("/api/ingest", content="text", headers={**auth, "Content-Type": "text/plain"})
    assert r.status_code == 503
    assert "cannot build the ingestion pipeline" in r.json()["error"]["message"]
