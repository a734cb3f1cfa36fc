"""Live pages to ``RawDocument``s: the core of ``sitrep fetch``.

A ``Fetcher`` fetches pages (or the entry links of an RSS/Atom feed) politely and
safely, and yields a ``RawDocument`` or a dropped ``Outcome`` per URL, like the
file readers do; one bad URL never stops the batch.

- a clear user agent (``USER_AGENT``) and a per-request timeout;
- robots.txt honoured (``urllib.robotparser``), fetched once per host and cached
  on the ``Fetcher``;
- at least ``MIN_HOST_INTERVAL`` seconds between two requests to one host;
- the body streamed and dropped as "too large" as soon as it passes the cap
  (the cap counts decoded bytes, so a gzip bomb is stopped too);
- loopback, private, link-local, reserved and multicast addresses refused after
  DNS resolution, for the first request and for every redirect hop, unless
  ``allow_private`` is set (tests use a local server with it).

Limit: the address is checked on resolution and httpx resolves again when it
connects, so a DNS server that answers differently within a second (DNS
rebinding) is not stopped; pin the resolved address if that threat matters.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..models import RawDocument
from ..pipeline import Outcome
from .readers import DEFAULT_MAX_BYTES, _cap, _feed_date, _sniff


def _version() -> str:
    try:
        return version("sitrep")
    except PackageNotFoundError:  # running from a source tree without metadata
        return "0"


#: The user agent every request carries: names the tool and where to read about it.
USER_AGENT = f"sitrep/{_version()} (+https://github.com/sitrep)"

#: Seconds allowed for each request (connect, and each read). News sites answer in
#: well under 5 s; 20 s tolerates a slow site without letting one stall a batch.
DEFAULT_TIMEOUT = 20.0

#: Minimum seconds between two requests to the same host. 1 s is the common
#: crawler courtesy default (Scrapy's AutoThrottle floor, most robots.txt
#: ``Crawl-delay`` values); a larger robots.txt ``Crawl-delay`` wins.
MIN_HOST_INTERVAL = 1.0

#: Redirects followed per URL (each hop is checked for address and robots.txt).
MAX_REDIRECTS = 5

#: robots.txt bytes read; RFC 9309 asks crawlers to parse at least 500 KiB.
ROBOTS_MAX_BYTES = 500 * 1024

_HTML_TYPES = {"text/html", "application/xhtml+xml"}

Resolver = Callable[[str], list[str]]


def resolve(host: str) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6)."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({info[4][0] for info in infos})


def _not_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved
            or ip.is_multicast or ip.is_unspecified)


class _Drop(Exception):
    """A URL is not fetched, or its page not kept; the message is the drop reason."""


class Fetcher:
    """Fetches URLs politely; holds the robots.txt cache and per-host clocks.

    ``transport`` (an httpx transport), ``resolver``, ``clock`` and ``sleep`` are
    there for tests; the defaults are the real network, DNS and time.
    """

    def __init__(self, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
                 delay: float = MIN_HOST_INTERVAL, allow_private: bool = False,
                 transport: httpx.BaseTransport | None = None, resolver: Resolver = resolve,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.max_bytes, self.delay, self.allow_private = max_bytes, delay, allow_private
        self.resolver, self.clock, self.sleep = resolver, clock, sleep
        self.client = httpx.Client(timeout=timeout, transport=transport, follow_redirects=False,
                                   headers={"User-Agent": USER_AGENT})
        self.robots: dict[str, RobotFileParser] = {}
        self._last: dict[str, float] = {}
        self._robots_failures: dict[str, str] = {}

    def close(self) -> None:
        """Close the HTTP connections."""
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def iter_urls(self, urls: Iterable[str]) -> Iterator[RawDocument | Outcome]:
        """One ``RawDocument`` or dropped ``Outcome`` per URL."""
        for url in urls:
            yield self.fetch(url)

    def fetch(self, url: str) -> RawDocument | Outcome:
        """Fetch one page; a ``RawDocument`` (HTML or text) or a dropped ``Outcome``."""
        try:
            final, ctype, data = self._get(url)
        except _Drop as exc:
            return Outcome(url, url, "dropped", reason=str(exc))
        media = _media_type(ctype, data)
        if media is None:
            return Outcome(url, url, "dropped", reason=f"not HTML or text ({ctype or 'no content type'})")
        return RawDocument(id=url, source=url, content=data, media_type=media, url=final)

    def iter_feed(self, feed_url: str) -> Iterator[RawDocument | Outcome]:
        """Fetch an RSS/Atom feed, then the page of each entry's link."""
        import feedparser

        try:
            _, _, data = self._get(feed_url)
        except _Drop as exc:
            yield Outcome(feed_url, feed_url, "dropped", reason=str(exc))
            return
        parsed = feedparser.parse(data)
        if not parsed.entries or not (parsed.get("version") or parsed.feed):
            yield Outcome(feed_url, feed_url, "dropped", reason="not a readable RSS/Atom feed")
            return
        for i, entry in enumerate(parsed.entries, 1):
            link = entry.get("link")
            if not link:
                where = f"{feed_url}#{i}"
                yield Outcome(where, where, "dropped", reason=f"feed entry {i} has no link")
                continue
            doc = self.fetch(urljoin(feed_url, link))
            if isinstance(doc, RawDocument):
                doc.published = _feed_date(entry)
                doc.meta.update(feed=feed_url, feed_entry_id=entry.get("id"),
                                feed_title=entry.get("title"))
            yield doc

    # --- one request ---------------------------------------------------------------

    def _get(self, url: str) -> tuple[str, str, bytes]:
        """(final URL, content type, body) of ``url``, following checked redirects."""
        for _ in range(MAX_REDIRECTS + 1):
            self._check_url(url)
            self._check_robots(url)
            status, headers, data = self._request(url, self.max_bytes)
            if status in (301, 302, 303, 307, 308) and headers.get("location"):
                url = urljoin(url, headers["location"])
                continue
            if status != 200:
                raise _Drop(f"HTTP {status}")
            return url, headers.get("content-type", ""), data
        raise _Drop(f"more than {MAX_REDIRECTS} redirects")

    def _check_url(self, url: str) -> None:
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError on a bad port
        except ValueError as exc:
            raise _Drop(f"not a valid URL ({exc})") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise _Drop("not an http(s) URL")
        if self.allow_private:
            return
        try:
            addresses = self.resolver(parts.hostname)
        except (OSError, UnicodeError) as exc:
            raise _Drop(f"cannot resolve {parts.hostname}: {exc}") from None
        bad = [a for a in addresses if _not_public(a)]
        if bad or not addresses:
            raise _Drop(f"refused: {parts.hostname} resolves to a loopback/private/"
                           f"link-local/reserved address ({', '.join(bad) or 'none'}); "
                           f"use --allow-private to fetch it")

    def _request(self, url: str, cap: int) -> tuple[int, httpx.Headers, bytes]:
        """GET ``url`` after the host's interval; stop reading past ``cap`` bytes."""
        self._wait(url)
        try:
            with self.client.stream("GET", url) as resp:
                length = resp.headers.get("content-length", "")
                if resp.status_code == 200 and length.isdigit() and int(length) > cap:
                    raise _Drop(f"too large (Content-Length {length} > {_cap(cap)})")
                body = bytearray()
                if resp.status_code == 200:
                    for chunk in resp.iter_bytes():
                        body += chunk
                        if len(body) > cap:
                            raise _Drop(f"too large (over {_cap(cap)})")
                return resp.status_code, resp.headers, bytes(body)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise _Drop(f"cannot fetch: {type(exc).__name__}: {exc}") from None
        finally:
            self._last[_host(url)] = self.clock()

    def _wait(self, url: str) -> None:
        host = _host(url)
        last = self._last.get(host)
        if last is None:
            return
        interval = self.delay
        robots = self.robots.get(host)
        crawl_delay = robots.crawl_delay(USER_AGENT) if robots is not None else None
        if crawl_delay:
            interval = max(interval, float(crawl_delay))
        left = last + interval - self.clock()
        if left > 0:
            self.sleep(left)

    def _check_robots(self, url: str) -> None:
        host = _host(url)
        robots = self.robots.get(host)
        if robots is None:
            robots = self.robots[host] = self._load_robots(host)
        if not robots.can_fetch(USER_AGENT, url):
            failure = self._robots_failures.get(host)
            raise _Drop(f"robots.txt unreachable, host skipped ({failure})" if failure
                           else f"disallowed by robots.txt ({USER_AGENT.split(' ')[0]})")

    def _load_robots(self, host: str) -> RobotFileParser:
        """robots.txt of ``host`` (RFC 9309: 4xx → allow all; 5xx or unreachable →
        disallow all; 401/403 → disallow all as urllib.robotparser does)."""
        robots = RobotFileParser(f"{host}/robots.txt")
        try:
            status, data = self._robots_body(f"{host}/robots.txt")
        except _Drop as exc:
            self._robots_failures[host] = str(exc)
            status, data = 503, b""
        if status in (401, 403) or status >= 500:
            robots.disallow_all = True
        elif status >= 400:
            robots.allow_all = True
        else:
            robots.parse(data.decode("utf-8", "replace").splitlines())
        return robots


    def _robots_body(self, url: str) -> tuple[int, bytes]:
        """Status and body of a robots.txt, following up to ``MAX_REDIRECTS`` checked
        redirects (RFC 9309 asks for at least five)."""
        for _ in range(MAX_REDIRECTS + 1):
            self._check_url(url)
            status, headers, data = self._request(url, ROBOTS_MAX_BYTES)
            if status in (301, 302, 303, 307, 308) and headers.get("location"):
                url = urljoin(url, headers["location"])
                continue
            return status, data
        return 404, b""  # RFC 9309: too many redirects counts as unavailable (allow all)


def _host(url: str) -> str:
    """``scheme://host:port`` of ``url``: the unit of robots.txt and of the rate limit."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _media_type(ctype: str, data: bytes) -> str | None:
    """``text/html`` or ``text/plain`` from the Content-Type (sniffed when absent)."""
    base = ctype.split(";", 1)[0].strip().lower()
    if base in _HTML_TYPES:
        return "text/html"
    if base == "text/plain":
        return "text/plain"
    if not base or base == "application/octet-stream":
        return _sniff(data) if data.strip() else None
    return None
