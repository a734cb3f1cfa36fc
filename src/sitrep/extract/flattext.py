"""Our cleaner for already-scraped plain text (one page block per line).

A naive scrape keeps navigation, breadcrumbs, category and time-stamp lines,
share/subscribe/related lines, cookie banners and footers around the article.
The cleaner works on lines ("blocks"):

1. classify each block: boilerplate (by pattern), body-like (long, sentence-like)
   or short;
2. pick the main region as the best-scoring contiguous run of blocks (body-like
   blocks score their length, the others a penalty; boilerplate barriers cost a
   lot), the way boilerpipe/jusText reason about block density;
3. inside the region keep body blocks and headings, drop boilerplate, repeats
   (also near-exact ones: the same words with or without a final period) and
   the repeated headline, and set photo captions apart;
4. read title, date, publisher, section and tags from the blocks around it.

Thresholds live in ``FlatTextOptions``; their defaults were tuned on the 549-page
flat-text development set (``sitrep.evals.extraction:flattext``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import meta
from .patterns import (BARRIER, BOILERPLATE, CAPTION_MARK, META_LINE, STOPWORDS,
                       is_boilerplate)


@dataclass
class FlatTextOptions:
    """Named thresholds of the flat-text cleaner (defaults tuned on the dev set)."""

    #: A block with at least this many words, sentence-like, counts as body text.
    body_min_words: int = 10
    #: Share of stop words from which a long block counts as prose even without a final stop.
    prose_stopword_share: float = 0.22
    #: Score of a non-body block inside the region: fixed cost + cost per character.
    short_block_cost: float = 25.0
    short_char_cost: float = 0.5
    #: Cost of a barrier block ("Related articles", "Comments", copyright ...).
    barrier_cost: float = 400.0
    #: A second region is kept too when it scores at least this share of the best one
    #: and is not separated from it by a barrier.
    #: How many blocks before the body the title and date are looked for.
    header_window: int = 25
    #: A caption is a single sentence of at most this many words.
    caption_max_words: int = 40
    #: Two blocks are repeats when one's word sequence contains the other's and the
    #: shorter has at least this share of the longer's words.
    repeat_min_share: float = 0.9


@dataclass
class CleanText:
    """What the cleaner found in one flat-text page."""

    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    author: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)


@dataclass
class _Block:
    text: str
    gap_before: int  # blank lines before it in the input
    words: int
    body: bool
    barrier: bool
    boiler: bool


_WORD = re.compile(r"\w+")
_PAGE_ID = re.compile(r"\s+\d{5,}\.?$")
_SENT_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_BYLINE = re.compile(r"^(?:by|written by|words by|author:?|von|por)\s+(?P<name>[^\W\d_][\w.'\- ]{1,60}?)"
                     r"(?:\s*[,|\u2022\u00b7]\s*.*)?$", re.I)


def clean_flat_text(text: str, options: FlatTextOptions | None = None) -> CleanText:
    """Recover the article (body, captions, title, date, publisher, section, tags)
    from a plain-text page dump."""
    opts = options or FlatTextOptions()
    blocks = _blocks(text, opts)
    if not blocks:
        return CleanText()
    start, end = _main_region(blocks, opts)
    out = CleanText()
    header = blocks[max(0, start - opts.header_window):start]
    out.title = _find_title(header, blocks, start)
    _read_header(header, blocks[start:end + 1], out)
    _read_footer(blocks, out)
    _fill_body(blocks[start:end + 1], out, opts)
    return out


def _blocks(text: str, opts: FlatTextOptions) -> list[_Block]:
    blocks: list[_Block] = []
    gap = 0
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            gap += 1
            continue
        words = _WORD.findall(line)
        barrier = bool(BARRIER.match(line))
        boiler = barrier or is_boilerplate(line)
        blocks.append(_Block(line, gap, len(words), not boiler and _is_body(line, words, opts),
                             barrier, boiler))
        gap = 0
    return blocks


def _is_body(line: str, words: list[str], opts: FlatTextOptions) -> bool:
    if len(words) < opts.body_min_words:
        return False
    if _SENT_END.search(line):
        return True
    stops = sum(1 for w in words if w.lower() in STOPWORDS)
    return stops >= opts.prose_stopword_share * len(words)


def _main_region(blocks: list[_Block], opts: FlatTextOptions) -> tuple[int, int]:
    """Best-scoring contiguous run of blocks (maximum subarray)."""
    best, best_span = float("-inf"), (0, len(blocks) - 1)
    run, run_start = 0.0, 0
    for i, b in enumerate(blocks):
        if b.body:
            score = float(len(b.text))
        elif b.barrier:
            score = -opts.barrier_cost
        else:
            score = -(opts.short_block_cost + opts.short_char_cost * len(b.text))
        if run <= 0:
            run, run_start = score, i
        else:
            run += score
        if run > best:
            best, best_span = run, (run_start, i)
    if best <= 0:  # no body-like block at all: keep the longest non-boilerplate block
        cands = [i for i, b in enumerate(blocks) if not b.boiler] or [0]
        i = max(cands, key=lambda k: len(blocks[k].text))
        return i, i
    return best_span


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _find_title(header: list[_Block], blocks: list[_Block], start: int) -> str | None:
    """The headline: the nearest heading-like block before the body, preferring
    one whose words come back elsewhere on the page (a repeated headline)."""
    keys: dict[str, int] = {}
    for b in blocks:
        k = _key(_PAGE_ID.sub("", b.text))
        keys[k] = keys.get(k, 0) + 1
    best, best_score = None, float("-inf")
    n = len(header)
    for i, b in enumerate(header):
        cand = _PAGE_ID.sub("", b.text).strip()
        if not _title_like(cand, b):
            continue
        dist = n - i
        score = -dist + (4 if keys.get(_key(cand), 0) > 1 else 0) + min(len(cand.split()), 12) / 3
        if score > best_score:
            best, best_score = cand, score
    if best is None and start < len(blocks) and _title_like(blocks[start].text, blocks[start]):
        best = blocks[start].text
    return best.rstrip(" .") if best and not best.endswith("...") else best


def _title_like(text: str, b: _Block) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 30 or b.boiler or META_LINE.search(text):
        return False
    if meta.find_date(text) and len(words) <= 8:
        return False
    if _BYLINE.match(text) or meta.parse_category(text):
        return False
    if text.endswith((":", ",")) or text.count(". ") >= 1:
        return False
    return bool(re.search(r"[^\W\d_]{3}", text))


def _read_header(header: list[_Block], body: list[_Block], out: CleanText) -> None:
    """Date, author, section and tags from the blocks before the body (dates are
    also looked for in the first body lines, then anywhere near)."""
    dated = [b.text for b in header] + [b.text for b in body[:3]]
    out.published = _pick_date(dated)
    for b in header:
        cat = meta.parse_category(b.text)
        if cat and out.section is None:
            out.section, out.tags = cat.section, list(cat.tags)
        m = _BYLINE.match(b.text)
        if m and out.author is None and len(m.group("name").split()) <= 5:
            out.author = m.group("name").strip()


_DATE_KEY = re.compile(r"\b(?:published|posted|date|first published|on)\b", re.I)
_UPDATED = re.compile(r"\b(?:updated|modified|last updated|edited)\b", re.I)


def _pick_date(lines: list[str]) -> str | None:
    found: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        if len(line) > 300:
            continue
        d = meta.find_date(line)
        if not d:
            continue
        rank = 0 if _DATE_KEY.search(line) else (2 if _UPDATED.search(line) else 1)
        if len(line.split()) > 25:
            rank += 2  # a date inside a sentence is weaker evidence
        found.append((rank, d.iso))
    return min(found, key=lambda r: r[0])[1] if found else None


def _read_footer(blocks: list[_Block], out: CleanText) -> None:
    for b in reversed(blocks):
        name = meta.publisher_from_copyright(b.text)
        if name:
            out.publisher = name
            return


def _fill_body(region: list[_Block], out: CleanText, opts: FlatTextOptions) -> None:
    seen: list[list[str]] = []
    title_key = _key(out.title) if out.title else None
    after_repeat = False
    for i, b in enumerate(region):
        if b.boiler or (not b.body and META_LINE.search(b.text)):
            after_repeat = False
            continue
        words = _WORD.findall(b.text.lower())
        if title_key and " ".join(words) == title_key:
            continue
        if _is_repeat(words, seen, opts):
            after_repeat = True
            continue
        nxt_gap = region[i + 1].gap_before if i + 1 < len(region) else 0
        if _is_caption(b, after_repeat, nxt_gap, opts):
            out.captions.append(b.text)
        elif b.body or not _is_dateline(b.text):
            out.paragraphs.append(b.text)
            seen.append(words)
        after_repeat = False


def _is_repeat(words: list[str], seen: list[list[str]], opts: FlatTextOptions) -> bool:
    if not words:
        return True
    key = " ".join(words)
    for prev in seen:
        if len(prev) < 3 and len(words) >= 3:
            continue
        short, long_ = (words, prev) if len(words) <= len(prev) else (prev, words)
        if len(short) >= opts.repeat_min_share * len(long_) and " ".join(short) in " ".join(long_):
            return True
    return key == ""


def _is_caption(b: _Block, after_repeat: bool, next_gap: int, opts: FlatTextOptions) -> bool:
    """A photo caption: marked as such (photo credit, "Image:"), or a one-sentence
    block set apart by the page layout - right after a repeated lead (the image
    slot of a summary + picture + body template) or followed by an empty block."""
    if CAPTION_MARK.search(b.text):
        return b.words <= opts.caption_max_words * 1.5
    if not (b.body and b.words <= opts.caption_max_words) or b.text.count(". ") or '"' in b.text:
        return False
    if re.search(r"\b(?:said|says|told|reports?|according)\b", b.text, re.I):
        return False
    return after_repeat and next_gap >= 2


def _is_dateline(text: str) -> bool:
    d = meta.find_date(text)
    return bool(d) and len(text.split()) <= 8
