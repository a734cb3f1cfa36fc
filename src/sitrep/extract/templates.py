"""Site templates: lines that recur across many pages of one site are boilerplate.

A scraper's flat text carries the site's furniture on every page (menus, section
lists, "Follow us", newsletter promos, footer links). Patterns catch the common
ones; the rest differ per site but repeat on each of its pages. ``SiteTemplates``
counts, per site, in how many documents each line occurs; a line seen in at least
``min_docs`` earlier documents and in at least ``min_share`` of the site's
documents is template. The flat-text cleaner treats such lines as boilerplate
(they still serve as header/footer hints, e.g. a copyright line naming the
publisher), and only when they are not prose: a paragraph repeated across a
site's pages (a syndicated story stored twice) is never dropped for repeating.

No library does this for already-flattened text (trafilatura and jusText judge
one page at a time), hence our own. The memory is an object held by whoever
ingests a stream (no process-wide state) and bounded: ``max_sites`` sites (least
recently seen dropped first) and ``max_lines`` distinct lines per site (lines
seen once are forgotten first).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from urllib.parse import urlsplit

from ..models import RawDocument
from .flat_blocks import text_key


def line_key(text: str) -> str:
    """The key a line is counted under: its lower-cased words (``flat_blocks.text_key``,
    which reads ASCII lines without the regex)."""
    return text_key(text)


def site_of(raw: RawDocument) -> str | None:
    """The site a document comes from: its URL's host (without ``www.``), else a
    ``site`` or ``publisher`` given with it (JSON Lines fields), else None (then
    nothing is learnt from it, as its neighbours may come from anywhere)."""
    if raw.url:
        host = (urlsplit(raw.url).hostname or "").lower()
        if host:
            return host.removeprefix("www.")
    for key in ("site", "publisher"):
        value = raw.meta.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip().lower()
    return None


class _Site:
    __slots__ = ("docs", "counts")

    def __init__(self) -> None:
        self.docs = 0
        self.counts: dict[str, int] = {}


class SiteTemplates:
    """Per-site counts of lines across documents (see module docstring)."""

    def __init__(self, min_docs: int = 3, min_share: float = 0.5,
                 max_sites: int = 2000, max_lines: int = 20000) -> None:
        self.min_docs, self.min_share = min_docs, min_share
        self.max_sites, self.max_lines = max_sites, max_lines
        self._sites: OrderedDict[str, _Site] = OrderedDict()

    def template(self, site: str | None) -> frozenset[str]:
        """Keys of the lines that are template on ``site`` so far."""
        s = self._sites.get(site) if site else None
        if s is None or s.docs < self.min_docs:
            return frozenset()
        need = max(self.min_docs, self.min_share * s.docs)
        return frozenset(k for k, n in s.counts.items() if n >= need)

    def observe(self, site: str | None, lines: Iterable[str]) -> None:
        """Count one document's lines (each distinct line once) for ``site``."""
        if not site:
            return
        s = self._sites.pop(site, None) or _Site()
        self._sites[site] = s  # most recently seen last
        while len(self._sites) > self.max_sites:
            self._sites.popitem(last=False)
        s.docs += 1
        for key in {line_key(line) for line in lines} - {""}:
            s.counts[key] = s.counts.get(key, 0) + 1
        if len(s.counts) > self.max_lines:
            s.counts = {k: n for k, n in s.counts.items() if n > 1}
            if len(s.counts) > self.max_lines:  # still too many: keep the most frequent
                keep = sorted(s.counts.items(), key=lambda kv: -kv[1])[: self.max_lines // 2]
                s.counts = dict(keep)

    def __len__(self) -> int:
        return len(self._sites)
