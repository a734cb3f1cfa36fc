"""Our cleaner for already-scraped plain text (one page block per line).

A naive scrape keeps navigation, breadcrumbs, category and time-stamp lines,
share/subscribe/related lines, cookie banners and footers around the article.
The cleaner works on lines ("blocks"):

1. classify each block: boilerplate (by pattern), body-like (long, sentence-like)
   or short (``flat_blocks``);
2. pick the main region as the best-scoring contiguous run of blocks (body-like
   blocks score their length, the others a penalty; boilerplate barriers cost a
   lot), the way boilerpipe/jusText reason about block density, and end it at a
   "Related"/"Comments" barrier or a list of teasers cut short with "..." below
   most of its text (``flat_blocks``);
3. inside the region keep body blocks and headings, drop boilerplate, author
   bios (``flat_body``), repeats (also near-exact ones: the same words with or
   without a final period) and the repeated headline, and set photo captions apart;
4. read title (``flat_title``), date (``flat_date``), publisher, section and tags
   from the blocks around it.

Thresholds live in ``FlatTextOptions``; their defaults were tuned on the 549-page
flat-text development set (``sitrep.evals.extraction:flattext``).
"""

from __future__ import annotations

import bisect
import re
from itertools import repeat
from operator import contains

from . import meta
from .flat_blocks import (
    BYLINE,
    Block,
    cut_at_barrier,
    cut_at_teasers,
    main_region,
    skip_header,
    split_blocks,
    text_key,
)
from .flat_body import furniture
from .flat_date import find_published
from .flat_options import CleanText, FlatTextOptions
from .flat_title import find_title
from .patterns import CAPTION_MARK, is_meta_line

__all__ = ["CleanText", "FlatTextOptions", "clean_flat_text"]

#: Cheap substring pre-test for CAPTION_MARK (lower case).
_CAPTION_HINTS = ("photo", "image", "picture", "credit", "getty", "reuters", "afp", "ap ",
                  "shutterstock", "istock", "dvids", "army", "navy", "air force", "marine",
                  "screenshot", "illustration", "graphic")
#: Words of reported speech: a sentence with them is news text, not a caption.
_REPORTING = re.compile(r"\b(?:said|says|told|reports?|according)\b", re.I)


def clean_flat_text(text: str, options: FlatTextOptions | None = None,
                    template: frozenset[str] = frozenset(), body_only: bool = False) -> CleanText:
    """Recover the article (body, captions, title, date, publisher, section, tags)
    from a plain-text page dump. ``template`` holds the keys (``templates.line_key``)
    of lines learnt to be the site's furniture (:class:`templates.SiteTemplates`):
    they count as boilerplate unless they read as prose. With ``body_only`` only
    the body and captions are found (no title, so a headline repeated at the top
    of the body stays in it): what the HTML extractor needs to measure a page's
    text, at two thirds of the cost."""
    opts = options or FlatTextOptions()
    blocks, start, end = body_region(text, opts, template)
    if not blocks:
        return CleanText()
    out = CleanText()
    if body_only:
        _fill_body(blocks[start:end + 1], out, opts)
        return out
    header = blocks[max(0, start - opts.header_window):start]
    out.title, title_i = find_title(blocks, start, opts)
    out.published = find_published(blocks, start, title_i, opts)
    _read_header(header, out)
    _read_footer(blocks, out)
    _fill_body(blocks[start:end + 1], out, opts)
    return out


def body_region(text: str, opts: FlatTextOptions, template: frozenset[str] = frozenset()
                ) -> tuple[list[Block], int, int]:
    """Stage 1: the page's blocks and the first and last block of its body
    (``[], 0, -1`` for a page without text)."""
    blocks = split_blocks(text, opts, template)
    if not blocks:
        return [], 0, -1
    start, end = main_region(blocks, opts)
    end = cut_at_barrier(blocks, start, end, opts.barrier_cut_share)
    end = cut_at_teasers(blocks, start, end, opts.barrier_cut_share)
    return blocks, skip_header(blocks, start, end, opts), end


def _read_header(header: list[Block], out: CleanText) -> None:
    """Author, section and tags from the blocks before the body."""
    for b in header:
        cat = meta.parse_category(b.text) if out.section is None else None
        if cat:
            out.section, out.tags = cat.section, list(cat.tags)
        m = BYLINE.match(b.text) if out.author is None else None
        if m and len(m.group("name").split()) <= 5:
            out.author = m.group("name").strip()


def _read_footer(blocks: list[Block], out: CleanText) -> None:
    for b in reversed(blocks):
        name = meta.publisher_from_copyright(b.text)
        if name:
            out.publisher = name
            return


def _fill_body(region: list[Block], out: CleanText, opts: FlatTextOptions) -> None:
    seen = _Seen(opts.repeat_min_share)
    title_key = text_key(out.title) if out.title else None
    after_repeat = False
    headline: list[str] = []
    drop = furniture(region)
    for i, b in enumerate(region):
        if b.boiler or i in drop or (not b.body and is_meta_line(b.text)):
            after_repeat = False
            continue
        key = b.key
        if not key:
            continue
        if key == title_key:  # the headline repeated above the body
            headline.append(b.text)
            continue
        if seen.has(key):
            # the lead repeated right under itself: the layout of "summary, picture, body"
            after_repeat = seen.is_last(key)
            continue
        nxt_gap = region[i + 1].gap_before if i + 1 < len(region) else 0
        if _is_caption(b, after_repeat, nxt_gap, opts):
            out.captions.append(b.text)
        elif b.body or not _is_dateline(b.text):
            out.paragraphs.append(b.text)
            seen.add(key)
        after_repeat = False
    if not out.paragraphs:  # a one-line document is its own body
        out.paragraphs = headline[:1]


class _Seen:
    """Word sequences of kept blocks; finds exact and near-exact repeats (one
    contains the other and is nearly as long: the same paragraph with or without
    its final period, or with a "Read more" tail)."""

    def __init__(self, min_share: float) -> None:
        self.min_share = min_share
        self.exact: set[str] = set()
        self.lengths: list[int] = []  # sorted lengths of the long keys ...
        self.long: list[str] = []     # ... and the keys, in the same order
        self.last = ""

    def is_last(self, key: str) -> bool:
        """True when ``key`` repeats the block kept just before it."""
        short, long_ = sorted((key, self.last), key=len)
        return bool(short) and short in long_

    def add(self, key: str) -> None:
        self.last = key
        self.exact.add(key)
        if key.count(" ") >= 5:
            i = bisect.bisect(self.lengths, len(key))
            self.lengths.insert(i, len(key))
            self.long.insert(i, key)

    def has(self, key: str) -> bool:
        if key in self.exact:
            return True
        n = len(key)
        if key.count(" ") < 5:
            return False
        lengths, longs = self.lengths, self.long
        lo = bisect.bisect_left(lengths, n * self.min_share)
        hi = bisect.bisect_right(lengths, n / self.min_share)
        mid = bisect.bisect_left(lengths, n, lo, hi)  # shorter keys before it, the others from it
        return any(map(key.__contains__, longs[lo:mid])) or any(map(contains, longs[mid:hi], repeat(key)))


def _is_caption(b: Block, after_repeat: bool, next_gap: int, opts: FlatTextOptions) -> bool:
    """A photo caption: marked as such (photo credit, "Image:"), or a one-sentence
    block set apart by the page layout - right after a repeated lead (the image
    slot of a summary + picture + body template) or followed by an extra empty line."""
    if b.words > opts.caption_max_words * 1.5:
        return False
    if any(map(b.text.lower().__contains__, _CAPTION_HINTS)) and CAPTION_MARK.search(b.text):
        return True
    if not (after_repeat or next_gap > b.gap_before + 1):
        return False
    if not 4 <= b.words <= opts.caption_max_words or b.text.count(". ") or '"' in b.text:
        return False
    return not _REPORTING.search(b.text)


def _is_dateline(text: str) -> bool:
    return len(text.split()) <= 8 and meta.find_date(text) is not None
