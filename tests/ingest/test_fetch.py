"""The fetcher, offline: a real HTTP server on 127.0.0.1 (with allow_private), an
httpx mock transport for redirects, and refusals of private addresses without it."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from sitrep.ingest.fetch import USER_AGENT, Fetcher
from sitrep.models import RawDocument
from sitrep.pipeline import Outcome

PAGE = b"<html><body><article><h1>Talks</h1><p>China and Russia held talks.</p></article></body></html>"
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>A</title><link>/a</link><pubDate>Tue, 20 Aug 2013 10:00:00 GMT</pubDate></item>
<item><title>B</title><link>/b</link></item>
</channel></rss>"""


class _Site:
    """Routes path → (status, headers, body); records every request."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {
            "/robots.txt": (200, {"Content-Type": "text/plain"},
                            b"User-agent: *\nDisallow: /private\n"),
            "/a": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE),
            "/b": (200, {"Content-Type": "text/plain"}, b"China and Russia held talks."),
            "/feed.xml": (200, {"Content-Type": "application/rss+xml"}, FEED),
            "/private/x": (200, {"Content-Type": "text/html"}, PAGE),
            "/image": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n"),
            "/big": (200, {"Content-Type": "text/html"}, b"<p>x</p>" * 20000),
        }
        self.requests: list[tuple[str, str]] = []  # (path, user agent)


@pytest.fixture
def site():
    state = _Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            state.requests.append((self.path, self.headers.get("User-Agent", "")))
            status, headers, body = state.routes.get(self.path, (404, {}, b"not found"))
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            if self.path != "/big":  # /big has no Content-Length: only streaming stops it
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()
    server.server_close()


def local(**kw) -> Fetcher:
    return Fetcher(allow_private=True, delay=0, timeout=5, **kw)


def test_fetches_a_page_with_url_media_type_and_user_agent(site):
    with local() as f:
        doc = f.fetch(site.base + "/a")
        text = f.fetch(site.base + "/b")
    assert isinstance(doc, RawDocument)
    assert doc.content == PAGE and doc.media_type == "text/html" and doc.url == site.base + "/a"
    assert isinstance(text, RawDocument) and text.media_type == "text/plain"
    assert USER_AGENT.startswith("sitrep/") and "(+https://github.com/sitrep)" in USER_AGENT
    assert all(ua == USER_AGENT for _, ua in site.requests)


def test_robots_txt_is_honoured_and_fetched_once_per_host(site):
    with local() as f:
        out = f.fetch(site.base + "/private/x")
        ok = list(f.iter_urls([site.base + "/a", site.base + "/b"]))
    assert isinstance(out, Outcome) and out.status == "dropped" and "robots.txt" in out.reason
    assert all(isinstance(d, RawDocument) for d in ok)
    paths = [p for p, _ in site.requests]
    assert paths.count("/robots.txt") == 1 and "/private/x" not in paths


def test_too_large_is_dropped_while_streaming_and_by_content_length(site):
    site.routes["/long"] = (200, {"Content-Type": "text/html"}, b"<p>x</p>" * 20000)
    with local(max_bytes=50_000) as f:
        streamed = f.fetch(site.base + "/big")
        declared = f.fetch(site.base + "/long")
        fine = f.fetch(site.base + "/a")
    for out in (streamed, declared):
        assert isinstance(out, Outcome) and out.status == "dropped" and "too large" in out.reason
    assert isinstance(fine, RawDocument)


def test_http_errors_wrong_types_and_dead_servers_are_drops_not_exceptions(site):
    with local() as f:
        missing = f.fetch(site.base + "/nope")
        image = f.fetch(site.base + "/image")
        scheme = f.fetch("ftp://127.0.0.1/x")
    with local() as f:
        dead = f.fetch("http://127.0.0.1:9/x")  # discard port: nothing listens
    assert missing.status == "dropped" and missing.reason == "HTTP 404"
    assert image.status == "dropped" and "image/png" in image.reason
    assert scheme.status == "dropped" and "http" in scheme.reason
    assert dead.status == "dropped" and "robots.txt unreachable" in dead.reason
    assert "cannot fetch" in dead.reason


def test_feed_entries_are_fetched_with_their_dates(site):
    with local() as f:
        docs = list(f.iter_feed(site.base + "/feed.xml"))
        not_feed = list(f.iter_feed(site.base + "/b"))
    assert [d.url for d in docs] == [site.base + "/a", site.base + "/b"]
    assert docs[0].published == "2013-08-20T10:00:00Z" and docs[0].meta["feed_title"] == "A"
    assert not_feed[0].status == "dropped" and "feed" in not_feed[0].reason


def test_per_host_minimum_interval(site):
    now = [100.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    with Fetcher(allow_private=True, delay=5.0, clock=lambda: now[0], sleep=sleep) as f:
        f.fetch(site.base + "/a")  # robots.txt, then /a: one wait
        f.fetch(site.base + "/b")  # one more wait
    assert slept == [5.0, 5.0]


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/x", "http://localhost/x", "http://[::1]/x", "http://10.1.2.3/x",
    "http://192.168.0.1/x", "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/x",
    "http://[::ffff:127.0.0.1]/x",
])
def test_private_addresses_are_refused_without_allow_private(site, url):
    with Fetcher(delay=0) as f:
        out = list(f.iter_urls([url, site.base + "/a"]))  # the batch goes on after a refusal
    assert all(isinstance(o, Outcome) and o.status == "dropped" for o in out)
    assert "refused" in out[0].reason and "--allow-private" in out[0].reason
    assert site.requests == []  # nothing was sent


def test_a_name_resolving_to_a_private_address_is_refused():
    with Fetcher(resolver=lambda host: ["93.184.216.34", "10.0.0.7"]) as f:
        out = f.fetch("http://news.example/story")
    assert out.status == "dropped" and "10.0.0.7" in out.reason


def test_a_redirect_to_a_private_address_is_refused():
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"Location": "http://127.0.0.1/admin"})

    public = {"news.example": ["93.184.216.34"], "127.0.0.1": ["127.0.0.1"]}
    with Fetcher(transport=httpx.MockTransport(handler), resolver=public.__getitem__, delay=0) as f:
        out = f.fetch("http://news.example/story")
    assert out.status == "dropped" and "refused" in out.reason
    assert not any("127.0.0.1" in u for u in seen)


def test_robots_txt_redirects_are_followed(site):
    site.routes["/robots.txt"] = (301, {"Location": "/real-robots.txt"}, b"")
    site.routes["/real-robots.txt"] = (200, {"Content-Type": "text/plain"},
                                       b"User-agent: sitrep\nDisallow: /a\n")
    with local() as f:
        blocked = f.fetch(site.base + "/a")
        allowed = f.fetch(site.base + "/b")
    assert blocked.status == "dropped" and "robots.txt" in blocked.reason
    assert isinstance(allowed, RawDocument)


@pytest.mark.parametrize("url", ["http://[::1/x", "http://127.0.0.1:99999/x", "not a url",
                                 "http://exa mple.test/x"])
def test_malformed_urls_are_drops(url):
    with local() as f:
        out = list(f.iter_urls([url]))
    assert out[0].status == "dropped" and out[0].reason
