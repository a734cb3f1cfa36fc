"""One JSON error shape for every error, and the security headers on every response."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sitrep.api import Settings, create_app
from sitrep.errors import StorageError


def assert_error(r, status: int) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message", "details"}
    assert err["status"] == status and isinstance(err["message"], str) and err["message"]
    assert isinstance(err["details"], list)
    return err


@pytest.mark.parametrize("method,url,status", [
    ("GET", "/api/no-such-route", 404),
    ("GET", "/no-such-page", 404),
    ("GET", "/api/articles/doesnotexist", 404),
    ("GET", "/api/events/999999", 404),
    ("GET", "/api/watchlists/nope", 404),
    ("GET", "/api/events?limit=0", 422),
    ("GET", "/api/events?limit=abc", 422),
    ("GET", "/api/events?dyad=CHINA", 422),
    ("GET", "/api/events?type=BOGUS", 422),
    ("GET", "/api/events?since=yesterday", 422),
    ("GET", "/api/dyads/CHN/RUS?by=decade", 422),
    ("GET", "/api/events/0", 422),
    ("DELETE", "/api/articles", 405),
    ("POST", "/api/ingest", 401),
    ("POST", "/api/watchlists", 401),
    ("GET", "/api/export/events.xlsx", 422),
])
def test_every_error_has_one_shape(client, method, url, status):
    err = assert_error(client.request(method, url), status)
    if status == 422 and "limit" in url:
        assert err["details"][0]["loc"] == ["query", "limit"]


def test_unknown_type_message_lists_known_types(client):
    err = assert_error(client.get("/api/events", params={"type": "BOGUS"}), 422)
    assert "ASSAULT" in err["message"]


def test_bug_and_core_errors_have_the_shape(seeded):
    store, _ = seeded
    app = create_app(store, Settings(token="t"))

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("secret internals")

    @app.get("/api/storage")
    def storage():
        raise StorageError("database is locked")

    client = TestClient(app, raise_server_exceptions=False)
    err = assert_error(client.get("/api/boom"), 500)
    assert "secret" not in err["message"]
    assert assert_error(client.get("/api/storage"), 503)["code"] == "unavailable"
    r = client.get("/api/boom")
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_browser_page_errors_are_html_with_the_same_facts(client):
    r = client.get("/articles/doesnotexist", headers={"Accept": "text/html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "no article with id" in r.text
    assert_error(client.get("/articles/doesnotexist"), 404)


@pytest.mark.parametrize("url", ["/", "/api/events", "/static/app.css", "/nope", "/openapi.json"])
def test_security_headers_everywhere(client, url):
    r = client.get(url)
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"


def test_openapi_lists_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/articles", "/api/articles/{article_id}", "/api/events", "/api/actors",
              "/api/places", "/api/dyads/{a}/{b}", "/api/ingest", "/api/export/events.{fmt}",
              "/api/watchlists", "/api/watchlists/{ident}/export.{fmt}", "/api/network",
              "/api/map", "/api/facets"):
        assert p in paths, p
    assert not any(not p.startswith("/api/") for p in paths)


def test_every_api_operation_is_documented(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path, ops in paths.items():
        for method, op in ops.items():
            assert op.get("description", "").strip(), f"{method.upper()} {path} has no docstring"
