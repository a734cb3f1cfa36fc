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

import bisect
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import meta
from .patterns import BARRIER, CAPTION_MARK, META_LINE, STOPWORDS, is_boilerplate


@dataclass
class FlatTextOptions:
    """Named thresholds of the flat-text cleaner.

    Defaults were chosen by grid search on the 549-page flat-text development set
    (bag-of-words F1 of the body; title exact match for the title weights):
    short_block_cost 8-60 x short_char_cost 0.2-1.0 x near_weight 0-0.6 moved F1
    between 0.884 and 0.899 (30 / 0.5 / 0.3 best); header_scan 0 / 6 / 10 gave
    0.899 / 0.901 / 0.896; title_topic_weight 0 / 2 / 4 / 6 gave title accuracy
    0.45 / 0.49 / 0.52 / 0.50. Second round (title and date, one feature at a
    time, each kept only when it helped both halves of the set - odd and even
    ids): title_meta_reach 3 / 4 / 6 / 8 / 10 gave 0.527 / 0.538 / 0.554 / 0.554 /
    0.551; title_standfirst_bonus 1 / 2 / 3 gave 0.597 / 0.597 / 0.595;
    title_list_cost 0.75 / 1.5 / 3 gave 0.617 / 0.624 / 0.604; title_repeat_reach
    3 / 4 / 6 / 12 / unlimited gave 0.654 / 0.654 / 0.652 / 0.648 / 0.646;
    title_lookahead 0-12 and title_inside_cost 0.3-2 moved it by under 0.01.
    Third round: the title score became a weighted sum of named features
    (``TITLE_FEATURES``), the weights fit by a softmax over each page's candidates
    (gold title = target), L2-pulled towards the hand-set weights of round two,
    over a window of ``title_window`` blocks. Fit on odd ids and tested on even
    ones and the other way round: 0.639 -> 0.665 and 0.683 -> 0.704; the weights
    below are fit on all 457 titled pages. title_window 40 / 60 / 100 / 150 gave
    (both halves, all-fit weights) 0.681 / 0.685 / 0.698 / 0.702; 100 is cheaper.
    Only 387 of the 457 gold titles are a line of their dump at all (0.85 is the
    ceiling of an exact-match picker). The others are set by reasoning, not tuned.
    """

    #: A block with at least this many words, sentence-like, counts as body text.
    body_min_words: int = 10
    #: Share of stop words from which a long block counts as prose even without a final stop.
    prose_stopword_share: float = 0.22
    #: ... and at least this many words (teaser headlines are long but unpunctuated).
    unpunctuated_min_words: int = 10
    #: Score of a non-body block inside the region: fixed cost + cost per character.
    short_block_cost: float = 30.0
    short_char_cost: float = 0.5
    #: Blocks of at least this many words that are not body-like (list items,
    #: subheadings) score ``near_weight`` per character minus the fixed cost.
    near_min_words: int = 4
    near_weight: float = 0.3
    #: Cost of a barrier block ("Related articles", "Comments", copyright ...).
    barrier_cost: float = 400.0
    #: How many first blocks of the region are searched for header lines (date, byline).
    header_scan: int = 6
    #: How many blocks before the body the title and date are looked for.
    header_window: int = 40
    #: How many blocks before the body title candidates are looked for (the body
    #: start can lie far below the headline: product lists, forms, long menus).
    title_window: int = 100
    #: How many first blocks of the body may still hold the headline (a region
    #: can start with the headline when no byline separates it from the lead).
    title_lookahead: int = 3
    #: ... provided it is no longer than this many words.
    title_max_words: int = 20
    #: A byline/date line among the next this many blocks is a title feature
    #: (weighted less the farther it is).
    title_meta_reach: int = 6
    #: A block of at most this many words among such blocks is a menu or contents item.
    title_list_words: int = 6
    #: A headline repeated at most this many blocks away counts as repeated near
    #: (menus repeat far apart: desktop and mobile).
    title_repeat_reach: int = 4
    #: Date rank lost per block between a date found anywhere on the page and the body.
    date_distance_cost: float = 0.05
    #: A caption is a single sentence of at most this many words.
    caption_max_words: int = 30
    #: Weights of the title features (``TITLE_FEATURES``, same order; fit as the
    #: class docstring says, e.g. topic 4.3, meta_after 2.8, repeat_near 2.0).
    title_weights: tuple[float, ...] = (
        1.99, 0.55, -1.04, 1.60, -1.62, -2.08, -1.48, -0.35, 1.37, -0.01, -0.07, -1.39,
        4.31, 2.04, -0.50, -1.14, 1.18, 2.81, 0.24, 0.28, -0.32, 0.55, 0.99, -0.08)
    #: Two blocks are repeats when one's word sequence contains the other's and the
    #: shorter is at least this share of the longer's length (characters).
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
    key: str  # lower-cased word sequence, for repeat detection


_WORD = re.compile(r"\w+")
#: Barrier lines ("Related articles", copyright lines) are short; longer lines are not tested.
BARRIER_MAX_CHARS = 200
#: Cheap substring pre-test for CAPTION_MARK (lower case).
_CAPTION_HINTS = ("photo", "image", "picture", "credit", "getty", "reuters", "afp", "ap ",
                  "shutterstock", "istock", "dvids", "army", "navy", "air force", "marine")
#: Words of reported speech: a sentence with them is news text, not a caption.
_REPORTING = re.compile(r"\b(?:said|says|told|reports?|according)\b", re.I)
_PAGE_ID = re.compile(r"\s+\d{5,}\.?$")
_CLOSERS = "\"'\u201d\u2019)]"
_DIGIT_OR_STOP = frozenset("0123456789.")


def _ends_sentence(line: str) -> bool:
    """True when ``line`` ends with . ! ? or … (before closing quotes/brackets)."""
    return line.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "\u2026")
_BYLINE = re.compile(r"^(?:by|written by|words by|author|von|por):?\s+(?P<name>[^\W\d_][\w.'\- ]{1,60}?)"
                     r"(?:\s*[,|\u2022\u00b7]\s*.*)?$", re.I)


def clean_flat_text(text: str, options: FlatTextOptions | None = None,
                    template: frozenset[str] = frozenset()) -> CleanText:
    """Recover the article (body, captions, title, date, publisher, section, tags)
    from a plain-text page dump. ``template`` holds the keys (``templates.line_key``)
    of lines learnt to be the site's furniture (:class:`templates.SiteTemplates`):
    they count as boilerplate unless they read as prose."""
    opts = options or FlatTextOptions()
    blocks = _blocks(text, opts, template)
    if not blocks:
        return CleanText()
    start, end = _main_region(blocks, opts)
    start = _skip_header(blocks, start, end, opts)
    out = CleanText()
    header = blocks[max(0, start - opts.header_window):start]
    out.title, title_i = _find_title(blocks, start, opts)
    out.published = _find_published(blocks, start, title_i, opts)
    _read_header(header, out)
    _read_footer(blocks, out)
    _fill_body(blocks[start:end + 1], out, opts)
    return out


def _blocks(text: str, opts: FlatTextOptions, template: frozenset[str] = frozenset()) -> list[_Block]:
    blocks: list[_Block] = []
    gap = 0
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            gap += 1
            continue
        words = _WORD.findall(line)
        barrier = len(line) <= BARRIER_MAX_CHARS and bool(BARRIER.match(line))
        boiler = barrier or is_boilerplate(line)
        body = not boiler and _is_body(line, words, opts)
        key = " ".join(words).lower()
        if template and not body and key in template:
            boiler = True
        blocks.append(_Block(line, gap, len(words), body, barrier, boiler, key))
        gap = 0
    return blocks


def _is_body(line: str, words: list[str], opts: FlatTextOptions) -> bool:
    if len(words) < opts.body_min_words:
        return False
    if _ends_sentence(line):
        return True
    if len(words) < opts.unpunctuated_min_words:
        return False
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
        elif b.boiler or b.words < opts.near_min_words:
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


def _skip_header(blocks: list[_Block], start: int, end: int, opts: FlatTextOptions) -> int:
    """Move the region start past the article header: when a date, byline or
    category line sits among the first blocks of the region, what precedes it
    is the headline and its furniture, not body."""
    last = None
    for i in range(start, min(end, start + opts.header_scan)):
        b = blocks[i]
        if _is_meta(b.text) or (not b.body and meta.parse_category(b.text)):
            last = i
    if last is None or not any(b.body for b in blocks[last + 1:end + 1]):
        return start
    return last + 1


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


#: Features of a title candidate, in the order of ``FlatTextOptions.title_weights``.
TITLE_FEATURES = (
    "len_ok",        # 4-20 words
    "len_mid",       # 3 or 21-30 words
    "len_short",     # 2 words or fewer
    "caps",          # most words capitalised (headline case)
    "name_like",     # a person's name or a menu label ("Dylan Bailey, MS, RD")
    "pipe",          # "|", " / " lists, leading brackets or arrows
    "ends_period",   # a sentence: a standfirst or a teaser
    "ends_question",
    "colon",
    "dist_before",   # blocks between the candidate and the body start (linear ...)
    "log_dist",      # ... and logarithmic)
    "inside",        # blocks past the body start
    "topic",         # share of its content words found in the first body blocks
    "repeat_near",   # repeated near itself, or ending a breadcrumb line
    "repeat_far",    # repeated anywhere else in the header window
    "list_item",     # a short block among short blocks (menu, contents)
    "standfirst",    # a standfirst with a byline/date under it follows
    "meta_after",    # a byline or date line follows (the nearer, the stronger)
    "meta_before",   # a date or byline line right above it
    "body_like",     # the block itself reads as body text
    "all_caps",
    "next_body",     # a body block among the next three
    "after_nav",     # at least three of the four blocks above are short or boilerplate
    "cands_between", # log of the number of other candidates between it and the body start
)


def _find_title(blocks: list[_Block], start: int, opts: FlatTextOptions) -> tuple[str | None, int]:
    """The headline and its block index: the heading-like block before the body
    (or among its first blocks) with the best score, a weighted sum of features
    of its form (length, capitalisation), its place (near the body; just before
    a byline or date line) and whether its words come back elsewhere on the page."""
    weights = opts.title_weights
    best, best_i, best_score = None, -1, float("-inf")
    for i, cand, feats in _title_candidates(blocks, start, opts):
        score = sum(w * f for w, f in zip(weights, feats) if f)
        if score > best_score:
            best, best_i, best_score = cand, i, score
    if best is None and start < len(blocks) and _title_like(blocks[start].text, blocks[start]):
        best, best_i = blocks[start].text, start
    if best and not best.endswith("..."):
        best = best.rstrip(" .")
    return best, best_i


def _title_candidates(blocks: list[_Block], start: int, opts: FlatTextOptions
                      ) -> list[tuple[int, str, list[float]]]:
    """Heading-like blocks around the body start with their feature vectors."""
    lo = max(0, start - opts.title_window)
    hi = min(len(blocks), start + opts.title_lookahead)
    # repeats count near the body start only (a contents entry comes back as a subheading)
    seen_at: dict[str, list[int]] = {}
    for i in range(lo, hi):
        b = blocks[i]
        k = _key(_PAGE_ID.sub("", b.text)) if b.text.rstrip(".")[-1:].isdigit() else b.key
        seen_at.setdefault(k, []).append(i)
    body_words = {w for b in blocks[start:start + 30] if b.body for w in b.key.split()}
    crumbs = "\n" + "".join(b.text + "\n" for b in blocks[lo:hi] if len(b.text) < 200)
    meta_cache: dict[int, bool] = {}

    def is_meta(k: int) -> bool:  # a byline or date line at block k (computed when asked)
        found = meta_cache.get(k)
        if found is None:
            text = blocks[k].text
            found = meta_cache[k] = len(text) < 120 and _is_meta(text)
        return found

    n_blocks = len(blocks)
    reach = opts.title_meta_reach
    out: list[tuple[int, str, list[float]]] = []
    for i in range(lo, hi):
        b = blocks[i]
        if b.boiler or not 1 <= b.words <= 40:
            continue  # never a title (``_title_like`` refuses them)
        if i >= start and (b.text.rstrip(_CLOSERS)[-1:] in (".", "\u2026")
                           or b.words > opts.title_max_words):
            continue  # body text, not a heading (a question can be a headline)
        cand = _PAGE_ID.sub("", b.text).strip() if b.text[-1:] in _DIGIT_OR_STOP else b.text
        words = cand.split()
        if not 2 <= len(words) <= 30 or not _title_like(cand, b):
            continue
        n = len(words)
        caps = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
        name_like = n <= 5 and all(w[:1].isupper() or w in _NAME_PARTICLES for w in words) and not any(
            w.lower() in STOPWORDS for w in words) and ("," in cand or n <= 3)
        pipe = "|" in cand or cand.count(" / ") >= 2 or cand.startswith(("(", "[", "\u2190", "<"))
        dist = max(0, start - i)
        ckey = b.key if cand is b.text else _key(cand)
        content = [w for w in ckey.split() if w not in STOPWORDS]
        topic = sum(w in body_words for w in content) / len(content) if content else 0.0
        at = seen_at.get(ckey, ())
        near = any(0 < abs(k - i) <= opts.title_repeat_reach for k in at) or (
            crumbs.count(cand + "\n") > crumbs.count("\n" + cand + "\n"))
        far = not near and len(at) > 1
        list_item = b.words <= opts.title_list_words and sum(
            1 for k in (i - 2, i - 1, i + 1, i + 2) if 0 <= k < n_blocks
            and blocks[k].words <= opts.title_list_words and not is_meta(k)) >= 3
        standfirst = i + 1 < n_blocks and _standfirst_like(
            blocks[i + 1], lambda: any(is_meta(k) for k in range(i + 2, min(n_blocks, i + 4))))
        meta_after = 0.0
        for k in range(i + 1, min(n_blocks, i + 1 + reach)):
            if is_meta(k):
                meta_after = 1.0 - (k - i - 1) / (reach + 1)
                break
        meta_before = any(is_meta(k) for k in range(max(0, i - 2), i))
        out.append((i, cand, [
            float(4 <= n <= 20), float(n == 3 or n > 20), float(n < 3), float(caps >= 0.6 * n),
            float(name_like), float(pipe), float(cand.endswith(".")), float(cand.endswith("?")),
            float(":" in cand), float(dist), math.log1p(dist), float(max(0, i - start)), topic,
            float(near), float(far), float(list_item), float(standfirst), meta_after,
            float(meta_before), float(b.body), float(cand.isupper()),
            float(any(x.body for x in blocks[i + 1:i + 4])),
            float(sum(1 for x in blocks[max(0, i - 4):i] if x.boiler or x.words <= 4) >= 3),
            0.0]))
    # candidates between each one and the body start (the nearest heading above the body)
    before = [k for k, (i, _, _) in enumerate(out) if i < start]
    for k in before:
        out[k][2][-1] = math.log1p(len(before) - 1 - k)
    return out


def _standfirst_like(b: _Block, meta_after: Callable[[], bool]) -> bool:
    """A standfirst (dek) under a headline: a sentence-case block of some length,
    itself followed by a byline or date line (``meta_after()``)."""
    words = b.text.split()
    if b.boiler or not 6 <= len(words) <= 60 or not words[0][:1].isupper() or not meta_after():
        return False
    caps = sum(1 for w in words[1:] if w[:1].isupper())
    return caps < 0.4 * (len(words) - 1)


_NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "del", "della", "di", "du",
                             "le", "la", "bin", "ibn", "al", "el"})


def _is_meta(text: str) -> bool:
    if _BYLINE.match(text) or META_LINE.match(text):
        return True
    return bool(meta.find_date(text)) and len(text.split()) <= 10


#: Two sentences in one block ("... today. The ..."), not "No. 1" or "Dr. Smith".
_SENTENCE_BREAK = re.compile(r"[^\W\d_]{3}[.] +[(A-Z\d\"'\u201c]")


#: Page furniture however long: "Published in Design, ...", "Share this page to ...".
_NOT_TITLE = re.compile(r"(?:published|posted|updated|filed|share|shared|tagged|categories|"
                        r"(?:written|reviewed|edited|fact-checked) by)\b", re.I)


def _title_like(text: str, b: _Block) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 30 or b.boiler or META_LINE.search(text):
        return False
    if meta.find_date(text) and len(words) <= 8:
        return False
    if _BYLINE.match(text) or meta.parse_category(text):
        return False
    if text.endswith((":", ",", ";")) or _SENTENCE_BREAK.search(text) or _NOT_TITLE.match(text):
        return False
    return bool(re.search(r"[^\W\d_]{3}", text))


def _read_header(header: list[_Block], out: CleanText) -> None:
    """Author, section and tags from the blocks before the body."""
    for b in header:
        cat = meta.parse_category(b.text)
        if cat and out.section is None:
            out.section, out.tags = cat.section, list(cat.tags)
        m = _BYLINE.match(b.text)
        if m and out.author is None and len(m.group("name").split()) <= 5:
            out.author = m.group("name").strip()


def _find_published(blocks: list[_Block], start: int, title_i: int,
                    opts: FlatTextOptions) -> str | None:
    """The publication date: looked for first between the headline and the first
    body lines (where bylines and date lines sit), then before the headline
    (nearest first), then anywhere on the page. Within each zone a "Published"
    date beats a bare one, which beats an "Updated" one."""
    lo = max(0, start - opts.header_window)
    if 0 <= title_i:
        after = range(title_i + 1, min(len(blocks), max(start, title_i + 1) + 3))
        before = range(title_i - 1, lo - 1, -1)
    else:  # no headline: the header read backwards, then the first body lines
        after = range(0)
        before = list(range(start - 1, lo - 1, -1)) + list(range(start, min(len(blocks), start + 3)))
    for zone in (after, before):
        found = _pick_date(blocks, zone)
        if found:
            return found
    # anywhere: the nearer the body start the better (comment and "related" dates lie far)
    return _pick_date(blocks, [i for i, b in enumerate(blocks)
                               if len(b.text) < 120 and not b.barrier],
                      near=start, distance_cost=opts.date_distance_cost)


_DATE_KEY = re.compile(r"\b(?:published|posted|date|first published|on)\b", re.I)
_UPDATED = re.compile(r"\b(?:updated?|modified|last updated|edited|reviewed)\b", re.I)
#: A label line ("Posted on", "Last update:") this short may sit alone above its date.
_LABEL_MAX_CHARS = 40


def _pick_date(blocks: list[_Block], indexes: Iterable[int], near: int = 0,
               distance_cost: float = 0.0) -> str | None:
    """The best-ranked date among ``blocks[i]`` for ``i`` in ``indexes`` (the first
    of equal rank); a date ``distance_cost`` per block away from ``near`` ranks lower."""
    found: list[tuple[float, str]] = []
    for i in indexes:
        line = blocks[i].text
        if len(line) > 300:
            continue
        d = meta.find_date(line)
        if not d:
            continue
        label = line[:d.start]
        if not label.strip() and i > 0 and len(blocks[i - 1].text) <= _LABEL_MAX_CHARS:
            label = blocks[i - 1].text  # the label on its own line above the date
        rank = 2 if _UPDATED.search(label) else (0 if _DATE_KEY.search(label) else 1)
        if len(line.split()) > 25:
            rank += 2  # a date inside a sentence is weaker evidence
        found.append((rank + distance_cost * abs(i - near), d.iso))
    return min(found, key=lambda r: r[0])[1] if found else None


def _read_footer(blocks: list[_Block], out: CleanText) -> None:
    for b in reversed(blocks):
        name = meta.publisher_from_copyright(b.text)
        if name:
            out.publisher = name
            return


def _fill_body(region: list[_Block], out: CleanText, opts: FlatTextOptions) -> None:
    seen = _Seen(opts.repeat_min_share)
    title_key = _key(out.title) if out.title else None
    after_repeat = False
    headline: list[str] = []
    for i, b in enumerate(region):
        if b.boiler or (not b.body and META_LINE.search(b.text)):
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
        lo = bisect.bisect_left(self.lengths, n * self.min_share)
        hi = bisect.bisect_right(self.lengths, n / self.min_share)
        for prev in self.long[lo:hi]:
            if key in prev if n <= len(prev) else prev in key:
                return True
        return False


def _is_caption(b: _Block, after_repeat: bool, next_gap: int, opts: FlatTextOptions) -> bool:
    """A photo caption: marked as such (photo credit, "Image:"), or a one-sentence
    block set apart by the page layout - right after a repeated lead (the image
    slot of a summary + picture + body template) or followed by an extra empty line."""
    if b.words > opts.caption_max_words * 1.5:
        return False
    low = b.text.lower()
    if any(k in low for k in _CAPTION_HINTS) and CAPTION_MARK.search(b.text):
        return True
    if not (after_repeat or next_gap > b.gap_before + 1):
        return False
    if not 4 <= b.words <= opts.caption_max_words or b.text.count(". ") or '"' in b.text:
        return False
    return not _REPORTING.search(b.text)


def _is_dateline(text: str) -> bool:
    d = meta.find_date(text)
    return bool(d) and len(text.split()) <= 8
