"""Stage 2 of the flat-text cleaner: the headline, chosen among the heading-like
blocks around the body start by a weighted sum of named features."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from operator import mul

from . import meta
from .flat_blocks import CLOSERS, Block, is_byline_or_meta_line, is_meta, text_key
from .flat_options import FlatTextOptions
from .patterns import CAPTION_MARK, STOPWORDS

#: A year (``has_year``).
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: A content word of a candidate found this often in the first body blocks counts
#: fully in ``topic_count`` (3 is the only value tried: the feature's gain is small).
_TOPIC_COUNT_FULL = 3
#: Blocks of the page head (``title_head``) with fewer words, or ending like a
#: sentence or a label, are not looked at (menus, text): the same titles on the set
#: as with every head block, at under half the cost.
_HEAD_MIN_WORDS = 4
_NOT_HEADLINE_END = frozenset(".,;:")
_PAGE_ID = re.compile(r"\s+\d{5,}\.?$")
_DIGIT_OR_STOP = frozenset("0123456789.")


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
    "three_caps",    # three capitalised words, no stop word ("Healthy Eating Tips"; was name_like)
    "nearest_meta",  # the candidate nearest the body start with a byline/date line under it
    "has_year",      # names a year, not in a date ("Best EVs of 2026")
    "n_words",       # length in words / 10
    "topic_count",   # its content words' counts in the first body blocks (3 or more = 1, averaged)
)
_CANDS_BETWEEN, _META_AFTER, _NEAREST_META = (TITLE_FEATURES.index(f) for f in (
    "cands_between", "meta_after", "nearest_meta"))


def find_title(blocks: list[Block], start: int, opts: FlatTextOptions) -> tuple[str | None, int]:
    """The headline and its block index: the heading-like block before the body
    (or among its first blocks) with the best score, a weighted sum of features
    of its form (length, capitalisation), its place (near the body; just before
    a byline or date line) and whether its words come back elsewhere on the page."""
    weights = opts.title_weights
    scored = sorted(((sum(map(mul, weights, feats)), -i, cand)
                     for i, cand, feats in _title_candidates(blocks, start, opts)), reverse=True)
    # the first of equal scores; photo credits and dated bylines are refused only here,
    # for the best candidates (the same titles as refusing them in ``_title_like``)
    best, best_i = next(((cand, -i) for _, i, cand in scored if not _credit_or_byline(cand)),
                        (None, -1))
    if best is None and start < len(blocks) and _title_like(blocks[start].text, blocks[start]):
        best, best_i = blocks[start].text, start
    # a headline's final period is kept: 4 of the 387 gold titles found as lines end
    # with one, none is a line less its period (stripping it cost 0.009)
    return (_strip_suffix(best) if best else best), best_i


#: "Headline | Site" or "Headline - Part 1": no gold title that is a line of its dump
#: holds " | " or " - " (en and em dashes are kept: 6 gold titles have them), and
#: cutting at the first one fixed 4 chosen titles and broke none (odd 3, even 1).
_SUFFIX_SEPS = (" | ", " - ")
#: ... when the part before it has at least this many words ("Dan Davies - ..." stays).
_SUFFIX_HEAD_WORDS = 3


def _strip_suffix(title: str) -> str:
    """The headline without a site name or part number after " | " or " - "."""
    for sep in _SUFFIX_SEPS:
        if sep in title:
            head = title.split(sep, 1)[0]
            if len(head.split()) >= _SUFFIX_HEAD_WORDS:
                return head
    return title


def _title_candidates(blocks: list[Block], start: int, opts: FlatTextOptions
                      ) -> list[tuple[int, str, list[float]]]:
    """Heading-like blocks around the body start with their feature vectors."""
    lo = max(0, start - opts.title_window)
    hi = min(len(blocks), start + opts.title_lookahead)
    # the page's first blocks too when the body starts far down (the headline can sit
    # above a long product list or form that the body region skipped)
    idx = [k for k in range(min(lo, opts.title_head))
           if _HEAD_MIN_WORDS <= blocks[k].words <= opts.title_max_words
           and blocks[k].text[-1] not in _NOT_HEADLINE_END]
    idx += range(lo, hi)
    # repeats count near the body start only (a contents entry comes back as a subheading)
    seen_at: dict[str, list[int]] = {}
    for i in idx:
        b = blocks[i]
        k = text_key(_PAGE_ID.sub("", b.text)) if b.text.rstrip(".")[-1:].isdigit() else b.key
        seen_at.setdefault(k, []).append(i)
    body_counts = Counter(" ".join([b.key for b in blocks[start:start + 30] if b.body]).split())
    crumbs = "\n" + "".join(b.text + "\n" for b in blocks[lo:hi] if len(b.text) < 200)
    n_blocks = len(blocks)
    meta_flags: list[bool | None] = [None] * n_blocks

    def is_meta_at(k: int) -> bool:  # a byline or date line at block k (worked out when asked)
        if not 0 <= k < n_blocks:
            return False
        found = meta_flags[k]
        if found is None:
            text = blocks[k].text
            found = meta_flags[k] = len(text) < 120 and is_meta(text)
        return found

    reach, list_words = opts.title_meta_reach, opts.title_list_words
    out: list[tuple[int, str, list[float]]] = []
    for i in idx:
        b = blocks[i]
        if not 1 <= b.words <= 40 or b.boiler:
            continue  # never a title (``_title_like`` refuses them)
        if i >= start and (b.text.rstrip(CLOSERS)[-1:] in (".", "\u2026")
                           or b.words > opts.title_max_words):
            continue  # body text, not a heading (a question can be a headline)
        cand = _PAGE_ID.sub("", b.text).strip() if b.text[-1:] in _DIGIT_OR_STOP else b.text
        words = cand.split()
        if not 2 <= len(words) <= 30 or not _title_like(cand, b, words):
            continue
        n = len(words)
        caps = sum(map(_capitalised, words))
        all_caps_words = n <= 5 and all(w[:1].isupper() or w in _NAME_PARTICLES for w in words) and not any(
            w.lower() in STOPWORDS for w in words)
        name_like = all_caps_words and ("," in cand or n <= 2)
        three_caps = all_caps_words and n == 3 and "," not in cand
        pipe = "|" in cand or cand.count(" / ") >= 2 or cand.startswith(("(", "[", "\u2190", "<"))
        dist = max(0, start - i)
        has_year = _YEAR.search(cand) is not None and not meta.find_date(cand)
        ckey = b.key if cand is b.text else text_key(cand)
        content = [w for w in ckey.split() if w not in STOPWORDS]
        topic = topic_count = 0.0
        if content:
            counts = [body_counts.get(w, 0) for w in content]
            topic = (len(counts) - counts.count(0)) / len(counts)
            topic_count = sum(min(c, _TOPIC_COUNT_FULL) for c in counts) / (_TOPIC_COUNT_FULL * len(counts))
        at = seen_at.get(ckey, ())
        near = any(0 < abs(k - i) <= opts.title_repeat_reach for k in at) or (
            crumbs.count(cand + "\n") > crumbs.count("\n" + cand + "\n"))
        far = not near and len(at) > 1
        list_item = b.words <= list_words and sum(
            1 for k in (i - 2, i - 1, i + 1, i + 2) if 0 <= k < n_blocks
            and blocks[k].words <= list_words and not is_meta_at(k)) >= 3
        standfirst = i + 1 < n_blocks and _standfirst_like(
            blocks[i + 1], lambda i=i: is_meta_at(i + 2) or is_meta_at(i + 3))
        meta_after = 0.0
        for k in range(i + 1, min(n_blocks, i + 1 + reach)):
            found = meta_flags[k]  # the cached flag read inline (the commonest call of the loop)
            if found or (found is None and is_meta_at(k)):
                meta_after = 1.0 - (k - i - 1) / (reach + 1)
                break
        meta_before = is_meta_at(i - 2) or is_meta_at(i - 1)
        out.append((i, cand, [
            float(4 <= n <= 20), float(n == 3 or n > 20), float(n < 3), float(caps >= 0.6 * n),
            float(name_like), float(pipe), float(cand.endswith(".")), float(cand.endswith("?")),
            float(":" in cand), float(dist), math.log1p(dist), float(max(0, i - start)), topic,
            float(near), float(far), float(list_item), float(standfirst), meta_after,
            float(meta_before), float(b.body), float(cand.isupper()),
            float(any(x.body for x in blocks[i + 1:i + 4])),
            float(_after_nav(blocks[max(0, i - 4):i])),
            0.0, float(three_caps), 0.0, float(has_year), n / 10, topic_count]))
    # candidates between each one and the body start (the nearest heading above the body)
    before = [k for k, (i, _, _) in enumerate(out) if i < start]
    for k in before:
        out[k][2][_CANDS_BETWEEN] = math.log1p(len(before) - 1 - k)
    for k in reversed(before):
        if out[k][2][_META_AFTER] > 0:
            out[k][2][_NEAREST_META] = 1.0
            break
    return out


def _after_nav(above: list[Block]) -> bool:
    """At least three of the blocks ``above`` are short or boilerplate (whether a
    longer block is boilerplate is only worked out when the short ones do not decide)."""
    short = sum(1 for x in above if x.words <= 4)
    if short >= 3 or len(above) < 3:
        return short >= 3
    return short + sum(1 for x in above if x.words > 4 and x.boiler) >= 3


def _standfirst_like(b: Block, meta_after: Callable[[], bool]) -> bool:
    """A standfirst (dek) under a headline: a sentence-case block of some length,
    itself followed by a byline or date line (``meta_after()``)."""
    words = b.text.split()
    if not 6 <= len(words) <= 60 or b.boiler or not words[0][:1].isupper() or not meta_after():
        return False
    caps = sum(1 for w in words[1:] if w[:1].isupper())
    return caps < 0.4 * (len(words) - 1)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


_NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "del", "della", "di", "du",
                             "le", "la", "bin", "ibn", "al", "el"})


#: Two sentences in one block ("... today. The ..."), not "No. 1" or "Dr. Smith".
_SENTENCE_BREAK = re.compile(r"[^\W\d_]{3}[.] +[(A-Z\d\"'\u201c]")


#: Page furniture however long: "Published in Design, ...", "Share this page to ...".
_NOT_TITLE = re.compile(r"(?:published|posted|updated|filed|share|shared|tagged|categories|"
                        r"(?:written|reviewed|edited|fact-checked) by)\b", re.IGNORECASE)


_THREE_LETTERS = re.compile(r"[^\W\d_]{3}")
#: A date line or a dated byline however long ("05/10/2018 - Publicado por: ...",
#: "By Jane Doe On 11/13/19 at 4:00 PM EST"), refused with photo credits (below):
#: no gold title changed; on the 92 Zyte news pages (no gold title) our titles equal
#: to the page's <h1> or og:title went from 62 to 65.
_DATED_BYLINE = re.compile(r"(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|[Bb]y\s+[A-Z]\S*\s+[A-Z].{0,40}?"
                           r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b)")
#: Photo credits: ``CAPTION_MARK`` ("Alex Wong | Getty Images") or an agency after a
#: slash or bar ("... Austria.Leonhard Foeger / Reuters file") ...
_CREDIT_TAIL = re.compile(r"[/|]\s*(?:reuters|getty images|afp|ap photo|shutterstock)\b", re.IGNORECASE)
#: ... with a cheap pre-test.
_CREDIT_HINT = re.compile(r"photo|image|picture|credit|getty|reuters|afp|\bap\b|shutterstock|courtesy", re.IGNORECASE)


def _credit_or_byline(text: str) -> bool:
    """A photo credit or a dated byline, which ``_title_like`` lets through."""
    return bool(_DATED_BYLINE.match(text) or (_CREDIT_HINT.search(text) and (
        CAPTION_MARK.search(text) or _CREDIT_TAIL.search(text))))


def _title_like(text: str, b: Block, words: list[str] | None = None) -> bool:
    """Whether ``text`` (block ``b``, split into ``words`` if given) may be a
    headline at all (the cheaper tests first)."""
    n = len(words if words is not None else text.split())
    if not 2 <= n <= 30 or b.boiler or text.endswith((":", ",", ";")) or not _THREE_LETTERS.search(text):
        return False
    if _NOT_TITLE.match(text) or is_byline_or_meta_line(text):
        return False
    if n <= 8 and meta.find_date(text):
        return False
    return not ((". " in text and _SENTENCE_BREAK.search(text)) or meta.parse_category(text))
