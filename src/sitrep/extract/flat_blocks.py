"""Stage 1 of the flat-text cleaner: lines become classified blocks, and the
main region (the article body) is the best-scoring contiguous run of them."""

from __future__ import annotations

import re

from . import meta
from .flat_options import FlatTextOptions
from .patterns import (
    BARRIER,
    META_LINE,
    STOPWORDS,
    FirstCharIndex,
    is_boilerplate,
    is_cut_barrier,
)


class Block:
    """One non-empty line of the dump, classified. Whether a short line (under
    ``near_min_words`` words) is boilerplate is only worked out when asked: the
    main region does not need it, and most such lines (menus, footers) lie
    outside the region and the title window."""

    __slots__ = ("text", "gap_before", "words", "body", "barrier", "key", "_boiler", "_template")

    def __init__(self, text: str, words: int, body: bool, barrier: bool, boiler: bool | None,
                 key: str, gap_before: int = 0, template: frozenset[str] = frozenset()) -> None:
        self.text = text
        self.gap_before = gap_before  # blank lines before it in the input
        self.words = words
        self.body = body
        self.barrier = barrier
        self.key = key  # lower-cased word sequence, for repeat detection
        self._boiler = boiler
        self._template = template

    @property
    def boiler(self) -> bool:
        """Navigation, sharing, consent, footer or site-template text."""
        if self._boiler is None:
            self._boiler = is_boilerplate(self.text) or self.key in self._template
        return self._boiler

    def __repr__(self) -> str:
        return f"Block({self.text[:40]!r}, words={self.words}, body={self.body})"


WORD = re.compile(r"\w+")
#: Barrier lines ("Related articles", copyright lines) are short; longer lines are not tested.
BARRIER_MAX_CHARS = 200
CLOSERS = "\"'\u201d\u2019)]"
BYLINE = re.compile(r"^(?:by|written by|words by|author|von|por):?\s+(?P<name>[^\W\d_][\w.'\- ]{1,60}?)"
                    r"(?:\s*[,|\u2022\u00b7]\s*.*)?$", re.I)
#: BYLINE or META_LINE in one test: most lines start with none of their first letters.
_BYLINE_OR_META = FirstCharIndex(BYLINE, META_LINE)


def is_byline_or_meta_line(text: str) -> bool:
    """``BYLINE.match(text) or META_LINE.match(text)`` as a truth value."""
    return _BYLINE_OR_META.match(text)


def ends_sentence(line: str) -> bool:
    """True when ``line`` ends with . ! ? or … (before closing quotes/brackets)."""
    return line.rstrip(CLOSERS)[-1:] in (".", "!", "?", "\u2026")


def split_blocks(text: str, opts: FlatTextOptions, template: frozenset[str] = frozenset()) -> list[Block]:
    """The non-empty lines of ``text`` as classified blocks. A line met again in
    the same page (menus, repeated teasers: a fifth of all lines) reuses its
    first classification, looked up by the raw line before its white space is
    normalised (normalising every line again cost about 2 % of the cleaner's time)."""
    blocks: list[Block] = []
    seen: dict[str, tuple[str, int, bool, bool, bool | None, str]] = {}
    gap = 0
    for raw in text.split("\n"):
        if not raw:
            gap += 1
            continue
        known = seen.get(raw)
        if known is None:
            line = " ".join(raw.split())
            if not line:  # white space only
                gap += 1
                continue
            known = seen[raw] = _classify(line, opts, template)
        blocks.append(Block(*known, gap, template))
        gap = 0
    return blocks


def _classify(line: str, opts: FlatTextOptions, template: frozenset[str]
              ) -> tuple[str, int, bool, bool, bool | None, str]:
    """(line, words, body, barrier, boiler, key) of one line; boiler None when left
    to ``Block.boiler`` (a short line: neither body nor scored as text)."""
    n, key = words_key(line)
    barrier = len(line) <= BARRIER_MAX_CHARS and bool(BARRIER.match(line))
    if barrier:
        return line, n, False, True, True, key
    maybe_body = n >= opts.body_min_words or not line.isascii()
    if not maybe_body and n < opts.near_min_words:
        return line, n, False, False, None, key
    boiler = is_boilerplate(line)
    body = not boiler and maybe_body and is_body(line, n, key, opts)
    if template and not body and key in template:
        boiler = True
    return line, n, body, False, boiler, key


#: ASCII bytes to themselves (lower-cased) when ``\w``, else to a space.
_ASCII_WORD_BYTES = bytes((c | 0x20 if 65 <= c <= 90 else c) if chr(c).isalnum() or c == 95 else 32
                          for c in range(128)) + b" " * 128
#: The non-ASCII characters of most lines of English pages, none of them part of a word.
_NON_WORD_CHARS = "\u2019\u201c\u201d\u2018\u2014\u2013\u2026\u00a9\u00ae\u2122\u2022\u00b7\u00ab\u00bb"


def words_key(line: str) -> tuple[int, str]:
    """The number of words (``\\w+``) of ``line`` and its lower-cased word sequence.
    Our own code for lines that are ASCII once their quotes and dashes are spaces
    (96 % of the characters of the development pages): bytes.translate + split find
    the same words twice as fast as the regex, which took 10 % of the cleaner's time."""
    if not line.isascii():
        text = line
        for ch in _NON_WORD_CHARS:
            if ch in text:
                text = text.replace(ch, " ")
        if not text.isascii():
            found = WORD.findall(line)
            return len(found), " ".join(found).lower()
        line = text
    words = line.encode("ascii").translate(_ASCII_WORD_BYTES).split()
    return len(words), b" ".join(words).decode("ascii")


def is_body(line: str, words: int, key: str, opts: FlatTextOptions) -> bool:
    """A sentence-like block of some length (prose, not a menu or heading) of
    ``words`` words; ``key`` is its lower-cased word sequence (``words_key``)."""
    if words < opts.body_min_words:
        return _cjk_body(line, opts)
    if ends_sentence(line):
        return True
    if words < opts.unpunctuated_min_words:
        return False
    stops = sum(1 for w in key.split() if w in STOPWORDS)
    return stops >= opts.prose_stopword_share * words


#: Chinese and Japanese scripts: a run of them is one ``\\w+`` token, however long.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
#: CJK characters per word of an alphabetic script (a rough, common equivalence).
CJK_CHARS_PER_WORD = 2


def _cjk_body(line: str, opts: FlatTextOptions) -> bool:
    """A Chinese/Japanese/Korean sentence as long as ``body_min_words`` words: the
    words test alone found none of the text of the 2 Japanese pages (their body
    F1 0.17 / 0.20 -> 0.95 / 0.72; all pages 0.9140 -> 0.9164, both halves)."""
    if len(line) < opts.body_min_words * CJK_CHARS_PER_WORD or line.isascii() or not _CJK.search(line):
        return False
    return len(_CJK.findall(line)) >= opts.body_min_words * CJK_CHARS_PER_WORD


def main_region(blocks: list[Block], opts: FlatTextOptions) -> tuple[int, int]:
    """Best-scoring contiguous run of blocks (maximum subarray)."""
    best, best_span = float("-inf"), (0, len(blocks) - 1)
    run, run_start = 0.0, 0
    for i, b in enumerate(blocks):
        if b.body:
            score = float(len(b.text))
        elif b.barrier:
            score = -opts.barrier_cost
        elif b.words < opts.near_min_words or b.boiler:
            score = -(opts.short_block_cost + opts.short_char_cost * len(b.text))
        else:  # a list item, subheading or short sentence: weak evidence of text
            score = opts.near_weight * len(b.text) - opts.short_block_cost
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


def cut_at_barrier(blocks: list[Block], start: int, end: int, share: float) -> int:
    """The region end moved up to the first barrier ("Related articles", "Comments")
    that lies past ``share`` of the region's body text: the maximum subarray runs
    on through a barrier when long teasers or comments follow it."""
    total = sum(len(b.text) for b in blocks[start:end + 1] if b.body)
    if not total:  # a region of short lines only: no measure of "most of its text"
        return end
    seen = 0
    for i in range(start, end + 1):
        b = blocks[i]
        if b.body:
            seen += len(b.text)
        elif b.barrier and seen >= share * total and is_cut_barrier(b.text):
            return i - 1
    return end


#: Two truncated summaries this close together are a teaser list, not prose (set
#: by reasoning: a headline, a date or category line and the summary per teaser).
TEASER_REACH = 6


def cut_at_teasers(blocks: list[Block], start: int, end: int, share: float) -> int:
    """The region end moved up to a list of teasers (headline + summary cut short
    with "...") that starts below ``share`` of the region's body text: sites list
    more posts under the article with no heading a barrier pattern knows. A single
    truncated line is prose trailing off; two within ``TEASER_REACH`` blocks, each
    under a headline-like line, are a list. Body F1 +0.0011 (md5 halves +0.0015 /
    +0.0009; 8 pages up, 2 down by 0.005 and 0.001); without the headline test a
    page of prose lines ending in "..." lost 0.13."""
    total = sum(len(b.text) for b in blocks[start:end + 1] if b.body)
    seen, first = 0, None
    for i in range(start, end + 1):
        b = blocks[i]
        if (seen >= share * total and b.words >= 6 and i > start and truncated(b.text)
                and _headline_like(blocks[i - 1])):
            if first is not None and i - first <= TEASER_REACH:
                return first - 2 if first - 1 > start else first - 1  # above the first headline
            first = i
        if b.body:
            seen += len(b.text)
    return end


def _headline_like(b: Block) -> bool:
    """A teaser's headline: short, not ending a sentence with a period (a question
    mark may end it) and not cut short itself (prose broken over lines is)."""
    return b.words <= 25 and b.text.rstrip(CLOSERS)[-1:] != "." and not truncated(b.text)


def truncated(line: str) -> bool:
    """A teaser summary cut short by the site: it ends in "..." or "\u2026"."""
    return line.rstrip(CLOSERS).endswith(("...", "\u2026"))


def skip_header(blocks: list[Block], start: int, end: int, opts: FlatTextOptions) -> int:
    """Move the region start past the article header: when a date, byline or
    category line sits among the first blocks of the region, what precedes it
    is the headline and its furniture, not body."""
    last = None
    for i in range(start, min(end, start + opts.header_scan)):
        b = blocks[i]
        if is_meta(b.text) or (not b.body and meta.parse_category(b.text)):
            last = i
    if last is None or not any(b.body for b in blocks[last + 1:end + 1]):
        return start
    return last + 1


def text_key(text: str) -> str:
    """The lower-cased word sequence of ``text`` (what repeats are compared by)."""
    if text.isascii():
        return words_key(text)[1]
    return " ".join(WORD.findall(text.lower()))


def is_meta(text: str) -> bool:
    """True for a byline, a date line or another metadata line (not body, not a title)."""
    if is_byline_or_meta_line(text):
        return True
    return len(text.split()) <= 10 and meta.find_date(text) is not None

