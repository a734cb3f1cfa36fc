"""Splitting a merged happening and rejoining it, through the API and the web pages."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sitrep.api import Settings, create_app
from sitrep.store import Store

from .api_seed import seed_happening
from .conftest import TOKEN


@pytest.fixture
def merged(tmp_path):
    store = Store.open(str(tmp_path / "h.db"))
    arts, hid = seed_happening(store)
    client = TestClient(create_app(store, Settings(token=TOKEN)), raise_server_exceptions=False)
    yield client, arts, hid
    store.close()


def test_split_needs_the_token(merged):
    client, arts, hid = merged
    r = client.post(f"/api/happenings/{hid}/split", json={"articles": [arts["report1"].id]})
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    assert client.get(f"/api/happenings/{hid}").json()["items"][0]["n_articles"] == 3


def test_split_then_rejoin_restores_the_happening(merged, auth):
    client, arts, hid = merged
    report = arts["report1"].id
    r = client.post(f"/api/happenings/{hid}/split", json={"articles": [report]}, headers=auth)
    assert r.status_code == 200, r.text
    parts = sorted((h["n_articles"], [s["article_id"] for s in h["supports"]]) for h in r.json()["items"])
    assert parts[0] == (1, [report]) and parts[1][0] == 2 and report not in parts[1][1]
    alone = next(h for h in r.json()["items"] if h["n_articles"] == 1)
    assert "kept apart" in alone["reasons"][0]
    # the article page says so, and offers to rejoin
    page = client.get(f"/articles/{report}").text
    assert "kept apart by a split" in page and 'class="rejoin-form' in page
    r = client.post(f"/api/articles/{report}/rejoin", headers=auth)
    assert r.status_code == 200, r.text
    [back] = r.json()["items"]
    assert (back["id"], back["n_articles"]) == (hid, 3)
    assert "kept apart by a split" not in client.get(f"/articles/{report}").text


def test_split_errors_are_clear(merged, auth):
    client, arts, hid = merged
    r = client.post("/api/happenings/Hnope/split", json={"articles": ["x"]}, headers=auth)
    assert r.status_code == 404 and "no happening" in r.json()["error"]["message"]
    r = client.post(f"/api/happenings/{hid}/split", json={"articles": [arts["hostile"].id]},
                    headers=auth)
    assert r.status_code == 400 and "reports happening" in r.json()["error"]["message"]
    every = [arts[n].id for n in ("harbin", "report1", "report2")]
    r = client.post(f"/api/happenings/{hid}/split", json={"articles": every}, headers=auth)
    assert r.status_code == 400 and "nothing to split from" in r.json()["error"]["message"]
    assert client.post(f"/api/happenings/{hid}/split", json={"articles": []},
                       headers=auth).status_code == 422
    r = client.post("/api/articles/nope/rejoin", headers=auth)
    assert r.status_code == 404


def test_happening_page_lists_reports_and_why(merged):
    client, arts, hid = merged
    r = client.get(f"/happenings/{hid}")
    assert r.status_code == 200
    html = r.text
    assert "3 articles, 3 independent sources" in html
    for name in ("harbin", "report1", "report2"):
        assert f'value="{arts[name].id}"' in html  # a split checkbox per report
    assert "starts the happening" in html and "joined: same type CONSULT" in html
    assert "Split selected reports off" in html and '<script src="/static/happenings.js">' in html
    # the article page links each merged event to its happening
    assert f'href="/happenings/{hid}"' in client.get(f"/articles/{arts['harbin'].id}").text
    assert client.get("/happenings/Hnope").status_code == 404
