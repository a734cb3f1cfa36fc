"""Stage 2 of the flat-text cleaner: the headline, chosen among the heading-like
blocks around the body start by a weighted sum of named features."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from operator import mul

from . import meta
from .flat_blocks import CLOSERS, Block, is_byline_or_meta_line, is_meta, text_key
from .flat_options import FlatTextOptions
from .patterns import STOPWORDS

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
)


def find_title(blocks: list[Block], start: int, opts: FlatTextOptions) -> tuple[str | None, int]:
    """The headline and its block index: the heading-like block before the body
    (or among its first blocks) with the best score, a weighted sum of features
    of its form (length, capitalisation), its place (near the body; just before
    a byline or date line) and whether its words come back elsewhere on the page."""
    weights = opts.title_weights
    best, best_i, best_score = None, -1, float("-inf")
    for i, cand, feats in _title_candidates(blocks, start, opts):
        score = sum(map(mul, weights, feats))
        if score > best_score:
            best, best_i, best_score = cand, i, score
    if best is None and start < len(blocks) and _title_like(blocks[start].text, blocks[start]):
        best, best_i = blocks[start].text, start
    # a headline's final period is kept: 4 of the 387 gold titles found as lines end
    # with one, none is a line less its period (stripping it cost 0.009)
    return best, best_i


def _title_candidates(blocks: list[Block], start: int, opts: FlatTextOptions
                      ) -> list[tuple[int, str, list[float]]]:
    """Heading-like blocks around the body start with their feature vectors."""
    lo = max(0, start - opts.title_window)
    hi = min(len(blocks), start + opts.title_lookahead)
    # repeats count near the body start only (a contents entry comes back as a subheading)
    seen_at: dict[str, list[int]] = {}
    for i in range(lo, hi):
        b = blocks[i]
        k = text_key(_PAGE_ID.sub("", b.text)) if b.text.rstrip(".")[-1:].isdigit() else b.key
        seen_at.setdefault(k, []).append(i)
    body_words = set(" ".join([b.key for b in blocks[start:start + 30] if b.body]).split())
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
    for i in range(lo, hi):
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
        caps = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
        name_like = n <= 5 and all(w[:1].isupper() or w in _NAME_PARTICLES for w in words) and not any(
            w.lower() in STOPWORDS for w in words) and ("," in cand or n <= 3)
        pipe = "|" in cand or cand.count(" / ") >= 2 or cand.startswith(("(", "[", "\u2190", "<"))
        dist = max(0, start - i)
        ckey = b.key if cand is b.text else text_key(cand)
        content = [w for w in ckey.split() if w not in STOPWORDS]
        topic = sum(w in body_words for w in content) / len(content) if content else 0.0
        at = seen_at.get(ckey, ())
        near = any(0 < abs(k - i) <= opts.title_repeat_reach for k in at) or (
            crumbs.count(cand + "\n") > crumbs.count("\n" + cand + "\n"))
        far = not near and len(at) > 1
        list_item = b.words <= list_words and sum(
            1 for k in (i - 2, i - 1, i + 1, i + 2) if 0 <= k < n_blocks
            and blocks[k].words <= list_words and not is_meta_at(k)) >= 3
        standfirst = i + 1 < n_blocks and _standfirst_like(
            blocks[i + 1], lambda: is_meta_at(i + 2) or is_meta_at(i + 3))
        meta_after = 0.0
        for k in range(i + 1, min(n_blocks, i + 1 + reach)):
            if is_meta_at(k):
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
            float(sum(1 for x in blocks[max(0, i - 4):i] if x.words <= 4 or x.boiler) >= 3),
            0.0]))
    # candidates between each one and the body start (the nearest heading above the body)
    before = [k for k, (i, _, _) in enumerate(out) if i < start]
    for k in before:
        out[k][2][-1] = math.log1p(len(before) - 1 - k)
    return out


def _standfirst_like(b: Block, meta_after: Callable[[], bool]) -> bool:
    """A standfirst (dek) under a headline: a sentence-case block of some length,
    itself followed by a byline or date line (``meta_after()``)."""
    words = b.text.split()
    if not 6 <= len(words) <= 60 or b.boiler or not words[0][:1].isupper() or not meta_after():
        return False
    caps = sum(1 for w in words[1:] if w[:1].isupper())
    return caps < 0.4 * (len(words) - 1)


_NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "del", "della", "di", "du",
                             "le", "la", "bin", "ibn", "al", "el"})


#: Two sentences in one block ("... today. The ..."), not "No. 1" or "Dr. Smith".
_SENTENCE_BREAK = re.compile(r"[^\W\d_]{3}[.] +[(A-Z\d\"'\u201c]")


#: Page furniture however long: "Published in Design, ...", "Share this page to ...".
_NOT_TITLE = re.compile(r"(?:published|posted|updated|filed|share|shared|tagged|categories|"
                        r"(?:written|reviewed|edited|fact-checked) by)\b", re.I)


_THREE_LETTERS = re.compile(r"[^\W\d_]{3}")


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
