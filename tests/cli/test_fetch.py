"""`sitrep fetch` against a real HTTP server on 127.0.0.1: pages and a feed are
ingested with --allow-private, and refused without it."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from helpers import EXAMPLE
from sitrep.cli import main
from sitrep.store import Store
from sitrep.store import query as Q

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Example</title><link>/example.txt</link></item>
<item><title>Gone</title><link>/gone</link></item>
</channel></rss>"""


@pytest.fixture
def base():
    routes = {"/example.txt": ("text/plain; charset=utf-8", EXAMPLE.read_bytes()),
              "/feed.xml": ("application/rss+xml", FEED)}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            ctype, body = routes.get(self.path, ("text/plain", b""))
            self.send_response(200 if self.path in routes else 404)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def run(*args: str):
    return CliRunner().invoke(main, ["fetch", "--no-annotate", "--delay", "0", *args])


def test_fetch_ingests_a_page_and_reports_like_ingest(base, tmp_path):
    db = str(tmp_path / "s.db")
    out = run(base + "/example.txt", base + "/missing", "--allow-private", "--db", db)
    assert out.exit_code == 0, out.output
    assert out.stdout.strip() == "ok 1, dropped 1, failed 0, present 0"
    assert out.stderr.strip() == f"dropped: {base}/missing: HTTP 404"
    store = Store.open(db)
    rows = Q.list_articles(store, Q.ArticleFilter())
    assert len(rows) == 1 and store.get_article(rows[0]["id"]).url == base + "/example.txt"
    again = run(base + "/example.txt", "--allow-private", "--db", db)
    assert again.stdout.strip().endswith("ok 0, dropped 0, failed 0, present 1")


def test_fetch_a_feed(base, tmp_path):
    out = run("--feed", base + "/feed.xml", "--allow-private", "--db", str(tmp_path / "s.db"))
    assert out.exit_code == 0, out.output
    assert out.stdout.strip() == "ok 1, dropped 1, failed 0, present 0"
    assert "HTTP 404" in out.stderr


def test_private_address_refused_without_allow_private(base, tmp_path):
    out = run(base + "/example.txt", "--db", str(tmp_path / "s.db"))
    assert out.exit_code == 0, out.output
    assert out.stdout.strip() == "ok 0, dropped 1, failed 0, present 0"
    assert "refused" in out.stderr and "--allow-private" in out.stderr


def test_fetch_needs_a_url(tmp_path):
    out = run("--db", str(tmp_path / "s.db"))
    assert out.exit_code == 2 and "URL" in out.output
