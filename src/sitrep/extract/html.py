"""HTML pages to article parts: trafilatura (with htmldate inside it) for the
body and metadata, and our own rules where trafilatura measurably falls short.

Our improvements, measured on the development sets (``sitrep.evals.extraction``):

* the title is the page's first ``<h1>`` (the headline as shown) when there is
  one: WCXB title exact match 0.74 against 0.53 for trafilatura's title;
* ``postfilter``: navigation/sharing/consent/newsletter lines that trafilatura
  lets through are dropped, and the body ends at a closing "Related
  articles"/"Comments" heading in its second half (WCXB BoW F1 +0.001-0.002,
  precision +0.004; Zyte precision +0.004, F1 about even);
* ``<figcaption>`` texts go to ``captions`` and out of the body (as for flat
  text); this costs about 0.001 Zyte F1, whose gold bodies keep some captions;
* trafilatura runs in precision mode (``favor_precision``; Zyte F1 +0.009 on
  its own), checked against the page's visible text through our flat-text
  cleaner: when its body is short (under ``check_max_words``) and has under
  ``rerun_share`` of the flat-text body's words (it kept one box of the page),
  trafilatura runs again with its defaults, and when that falls short too the
  flat-text body replaces it if it is ``flat_min_gain`` words longer. On its own
  precision mode loses WCXB -0.025 (on ~5 % of pages it keeps a fragment); with
  the check, Zyte 0.9553 -> 0.9628 and WCXB 0.9332 -> 0.940 (``rerun_share``
  0.3-0.5 and ``flat_min_gain`` 600-800 give the same; a first pass in
  precision + ``fast`` mode is cheaper but 0.002 lower on Zyte). The page is
  parsed once; trafilatura works on copies of the tree, never extracting
  comments (unused; ~1.5 % of the time, same body); metadata is read once;
* ``strip_footer``: newsletter/"follow us"/"contributed to this report" lines
  among the last two paragraphs go (Zyte 0.9628 -> 0.9647, WCXB even), and
  ``strip_dateline``: short date/byline lines at the top (Zyte -> 0.9654);
* a recall-mode run on pages whose body looks cut short (``_recall_check``:
  many ``<p>``/``<li>`` tags per kept paragraph and a flat-text body 1.4 times
  ours): WCXB 0.9384 -> 0.9419 (halves +0.0010/+0.0060), Zyte even;
* metadata through ``html_meta`` (trafilatura's steps, same results on every
  development page, 56 % less of its time), which pays for the recall check.

Tried and rejected: choosing precision mode per page by ``og:type``/
``NewsArticle`` markup (WCXB still loses), no tables (Zyte -0.005), cutting
trafilatura's output to our flat-text main region (both sets lose 0.01-0.03),
checking every page against the flat-text body (about 15 % slower for +0.002
WCXB); taking trafilatura's default-mode body when it is longer (WCXB -0.001);
JSON-LD ``articleBody`` when much longer than ours (one page in 549);
htmldate without its extensive search (date accuracy 0.82 -> 0.78).
"""

from __future__ import annotations

import html as htmlmod
import re
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from .flattext import CleanText, FlatTextOptions, clean_flat_text
from .html_meta import page_metadata
from .meta import find_date
from .patterns import END_BARRIER, is_nav_line

_BLOCK_TAGS = frozenset([
    "address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody",
    "thead", "tfoot", "tr", "ul", "summary", "caption"])
_SKIP_TAGS = frozenset([
    "script", "style", "noscript", "template", "svg", "iframe", "video", "audio", "canvas",
    "object", "picture", "source", "select", "option", "button", "input", "textarea", "title"])
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


@dataclass
class HtmlOptions:
    """Named thresholds of the HTML extractor."""

    flat: FlatTextOptions = field(default_factory=FlatTextOptions)
    #: A precision-mode body of fewer words than this is checked against the
    #: flat-text body of the page (longer ones cannot fall under ``rerun_share``
    #: of any page on the development sets; checking every page costs ~15 % speed).
    check_max_words: int = 300
    #: trafilatura is run again with its defaults when its precision-mode body has
    #: fewer words than this share of the flat-text body ...
    rerun_share: float = 0.3
    #: ... and the flat-text body replaces trafilatura's when both runs fall short
    #: and it is longer by at least this many words.
    flat_min_gain: int = 600
    #: Run trafilatura in recall mode (fast, body only) on pages whose body looks
    #: cut short (``_recall_check``): WCXB 0.9384 -> 0.9419, Zyte even. Gated by
    #: tag count alone (no ``recall_flat_share``) it gave WCXB 0.9422 but cost
    #: 15 % time on Zyte (news pages are full of ``<li>`` menus), over the speed
    #: budget (>= 0.9x trafilatura's pages/s); with the flat-text test, 4 %.
    recall_check: bool = True
    #: The check runs when the page has at least this many ``<p>``/``<li>`` tags
    #: per kept paragraph. Alone (no flat-text test): 8 gates 15 % of the
    #: development pages; 6 gains WCXB +0.001 more for +2.3 % time, 12 loses most
    #: of the gain; ``<p>`` tags only or words of ``<body>`` cost as much. With
    #: ``recall_flat_share`` 1.4: 6 gates 18 % of WCXB pages and 53 % of
    #: Zyte pages for the flat-text test (WCXB +0.0035); 8: +0.0022, 5: +0.0035 and
    #: 3: +0.0038 but Zyte slower (0.92x trafilatura's at 5).
    recall_tag_ratio: float = 6.0
    #: ... and its body replaces ours when it has this many times our words and
    #: at least as many paragraphs (1.3: Zyte -0.001; 1.5: WCXB -0.001).
    recall_min_ratio: float = 1.4
    #: ... and, before that run, the flat-text body of the page has at least this
    #: many times our words (0: no such test). 1.4 keeps 3 % of WCXB and 5 % of
    #: Zyte pages for the recall run and leaves out the one page of each set that
    #: recall made worse (1.2: same gain, more runs; 1.5: WCXB gain -0.0003 less).
    recall_flat_share: float = 1.4


def visible_text(tree: lxml_html.HtmlElement) -> str:
    """The page's visible body text, one block per line (as a naive scraper dumps it)."""
    # the whole document, not only <body>: libxml2 leaves in <head> what a stray
    # body tag there opens (one WCXB page lost 90 % of its text); <title> is skipped
    root = tree
    lines: list[str] = []
    cur: list[str] = []

    def flush() -> None:
        text = " ".join("".join(cur).split())
        if text:
            lines.append(text)
        cur.clear()

    def walk(el: lxml_html.HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP_TAGS or el.get("hidden") is not None or _HIDDEN.search(el.get("style") or ""):
            if el.tail:
                cur.append(el.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            flush()
        if el.text and tag:
            cur.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            cur.append(el.tail)

    walk(root)
    flush()
    return "\n\n".join(lines)


def extract_html(text: str, url: str | None = None, options: HtmlOptions | None = None) -> CleanText:
    """Extract body, captions and metadata from an HTML page.

    trafilatura in precision mode (with metadata; its date comes from htmldate)
    gives the body, which our ``postfilter`` cleans. The page's visible text also
    goes through our flat-text cleaner; when trafilatura found much less article
    text than that (it sometimes keeps one box of a page), trafilatura is run
    again with its defaults, and if that finds little too the flat-text body is
    taken when it is much longer.
    """
    import trafilatura

    opts = options or HtmlOptions()
    tree = _parse(text)  # parsed once: trafilatura works on copies of it
    if tree is None:  # not HTML that trafilatura accepts: lxml's reading of it, if any
        try:
            tree = lxml_html.document_fromstring(text)
        except (ValueError, etree.ParserError):
            return CleanText()
        return clean_flat_text(visible_text(tree), opts.flat)
    # metadata once, through our cheaper run of trafilatura's steps (html_meta:
    # same results, -56 % of its time); comments are never used: their
    # extraction costs ~1.5 % and leaves the body as it is
    meta = _metadata(tree, url)
    url = url or meta.get("url")
    found = trafilatura.bare_extraction(tree, url=url, favor_precision=True, include_comments=False)
    doc = {**meta, "text": found.text if found is not None else ""}
    title = first_h1(text) or doc.get("title") or ""
    captions = figure_captions(text)
    out = CleanText(paragraphs=_clean_body(doc, title, captions), captions=captions)
    n_out = _count_words(out.paragraphs)
    n_flat = None  # words of the flat-text body, computed when a check needs them
    if n_out < opts.check_max_words:
        flat = clean_flat_text(visible_text(tree), opts.flat)
        n_flat = _count_words(flat.paragraphs)
        if not out.paragraphs or n_out < opts.rerun_share * n_flat:
            found = trafilatura.bare_extraction(tree, url=url, include_comments=False)
            again = {"text": found.text if found is not None else ""}
            body = _clean_body(again, title, captions)
            n_body = _count_words(body)
            if not flat.paragraphs or body and (n_body >= opts.rerun_share * n_flat
                                                or n_flat - n_body < opts.flat_min_gain):
                out.paragraphs = body or out.paragraphs
            else:
                out = flat
    body = _recall_check(text, tree, url, out.paragraphs, title, captions, opts, n_flat)
    out.paragraphs = strip_dateline(strip_footer(body))
    out.title = title or out.title
    out.author = doc.get("author") or out.author
    out.publisher = doc.get("sitename") or out.publisher
    cats = [c for c in (doc.get("categories") or []) if c]
    out.section = cats[0] if cats else out.section
    out.tags = [t for t in (doc.get("tags") or []) if t] or out.tags
    out.published = doc.get("date") or out.published
    return out


def _clean_body(doc: dict, title: str, captions: list[str]) -> list[str]:
    """trafilatura's body lines less the repeated headline, captions and the
    lines ``postfilter`` drops."""
    body = [p.strip() for p in (doc.get("text") or "").split("\n") if p.strip()]
    if body and title and _words(body[0]) in (_words(title), _words(doc.get("title") or "")):
        body = body[1:]  # the headline repeated as the first body line
    if captions:
        # a caption is kept apart, not as a body paragraph
        capset = {" ".join(_words(c)) for c in captions}
        body = [p for p in body if " ".join(_words(p)) not in capset]
    return postfilter(body)


_BLOCK_TAG = re.compile(r"<(?:p|li)\b", re.IGNORECASE)


def _recall_check(text: str, tree: lxml_html.HtmlElement, url: str | None, body: list[str],
                  title: str, captions: list[str], opts: HtmlOptions,
                  n_flat: int | None = None) -> list[str]:
    """trafilatura's recall-mode body when ours looks cut short and recall finds much more.

    Precision mode sometimes keeps only the first part of an article (it stops at
    a box or list in the middle). A page with many ``<p>``/``<li>`` tags for the
    paragraphs we kept is run again in recall mode (fast, without metadata), and
    its body is taken when it has ``recall_min_ratio`` times our words and no
    fewer paragraphs (recall output merged into one or two lines is page text
    run together, not a longer article). The run is costly, so it is tried only
    where the page's flat-text body (``clean_flat_text`` of its visible text, body
    only: no title or date search, -3 % of the extractor's time on Zyte; reused
    when the short-body check already made it) has ``recall_flat_share``
    times our words: a page whose text we already have is not run again. On the
    development sets: WCXB 0.9384 -> 0.9419 (halves +0.0010/+0.0060), Zyte
    unchanged.
    """
    import trafilatura

    if (not opts.recall_check or not body
            or len(_BLOCK_TAG.findall(text)) < opts.recall_tag_ratio * len(body)):
        return body
    n_body = _count_words(body)
    if opts.recall_flat_share:
        if n_flat is None:
            n_flat = _count_words(clean_flat_text(visible_text(tree), opts.flat,
                                                  body_only=True).paragraphs)
        if n_flat < opts.recall_flat_share * n_body:
            return body
    found = trafilatura.bare_extraction(tree, url=url, favor_recall=True, fast=True,
                                        include_comments=False)
    doc = found.as_dict() if found is not None else {}
    more = _clean_body(doc, title, captions)
    if len(more) >= len(body) and _count_words(more) >= opts.recall_min_ratio * n_body:
        return more
    return body


def _count_words(paragraphs: list[str]) -> int:
    return sum(len(_WORD.findall(p)) for p in paragraphs)


_WORD = re.compile(r"\w+")


_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")

#: At most this many captions are kept per page (galleries repeat dozens).
MAX_CAPTIONS = 20


def figure_captions(text: str) -> list[str]:
    """Texts of the page's ``<figcaption>`` elements, in order, once each."""
    found: list[str] = []
    for m in _FIGCAPTION.finditer(text):
        cap = " ".join(htmlmod.unescape(_TAG.sub(" ", m.group(1))).split())
        if cap and cap not in found:
            found.append(cap)
        if len(found) >= MAX_CAPTIONS:
            break
    return found


_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
#: A headline has at most this many words (longer h1s are whole blocks of text).
MAX_TITLE_WORDS = 30


def first_h1(text: str) -> str | None:
    """The text of the page's first ``<h1>`` of 1-30 words: the headline as shown.

    On the WCXB development pages it matches the gold title exactly on 74 % of
    pages, trafilatura's title (often the ``<title>`` with its " | Site" tail)
    on 53 %."""
    for m in _H1.finditer(text):
        inner = _TAG.sub("", _BREAK.sub(" ", _SCRIPT.sub("", m.group(1))))
        title = " ".join(htmlmod.unescape(inner).split())
        if 1 <= len(title.split()) <= MAX_TITLE_WORDS:
            return title
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _metadata(tree: lxml_html.HtmlElement, url: str | None) -> dict:
    """The page's metadata (``html_meta``), or none where trafilatura's steps
    reject the page (as ``bare_extraction`` then returns nothing)."""
    try:
        return page_metadata(tree, url)
    except (TypeError, ValueError):
        return {}


def _parse(text: str) -> lxml_html.HtmlElement | None:
    import trafilatura

    try:
        return trafilatura.load_html(text)
    except (ValueError, TypeError, etree.ParserError):
        return None


def postfilter(paragraphs: list[str]) -> list[str]:
    """Drop from an extracted body what our line rules know is not article text:
    navigation/sharing/consent lines, bylines and date lines, and everything from
    a closing barrier ("Related articles", "Comments", copyright) on when it
    comes in the last part of the body."""
    kept: list[str] = []
    n = len(paragraphs)
    for i, para in enumerate(paragraphs):
        line = " ".join(para.split())
        if not line:
            continue
        if END_BARRIER.match(line):
            if i >= BARRIER_TAIL_SHARE * n:
                break
            continue  # the heading of a box above the article: drop the line only
        if is_nav_line(line) and len(line) < 200:
            continue
        kept.append(para)
    return kept


#: A closing line of a news page that is no article text: newsletter and
#: subscription promotions, "follow us", "contributed to this report", reporters'
#: contacts. Only these: WCXB's gold keeps company blogs' closing calls to action
#: ("contact us", "free trial", "get started" cost WCXB 0.0002 each).
FOOTER_LINE = re.compile(r"\b(?:newsletters?|subscribe|sign up|follow (?:us|him|her|them)|"
                         r"contributed to this report|reach the reporters?|click here)\b", re.IGNORECASE)
#: Footer lines are looked for among the body's last this many paragraphs ...
FOOTER_LAST = 2
#: ... and have at most this many words (longer ones are article text that
#: mentions a newsletter). With 2 and 60: Zyte +0.0019 (halves +0.0032/+0.0006),
#: WCXB even (-0.0001/+0.0001); 1 line: Zyte +0.0011; 30 words: +0.0016.
FOOTER_MAX_WORDS = 60


#: A byline at the start of a line ("By Jane Doe", "por ...", "von ...", "par ...").
BYLINE = re.compile(r"^(?:by|por|von|par)\s", re.IGNORECASE)
#: Date/byline lines are looked for among the body's first this many paragraphs ...
DATELINE_FIRST = 3
#: ... and have at most this many words: with 12, Zyte +0.0007 (halves
#: +0.0013/+0.0002), WCXB even (+0.0001/0); 8 words: Zyte +0.0001.
DATELINE_MAX_WORDS = 12


def strip_dateline(paragraphs: list[str]) -> list[str]:
    """Drop short date and byline lines at the top of the body ("November 20,
    2019 - 11:28", "By Jane Doe"): metadata, not article text. A line ending in
    a colon introduces what follows and stays; the last paragraph always stays."""
    i = 0
    while (i < min(DATELINE_FIRST, len(paragraphs) - 1)
           and len(_WORD.findall(paragraphs[i])) <= DATELINE_MAX_WORDS
           and not paragraphs[i].rstrip().endswith(":")
           and (find_date(paragraphs[i]) or BYLINE.match(paragraphs[i]))):
        i += 1
    return paragraphs[i:]


def strip_footer(paragraphs: list[str]) -> list[str]:
    """Drop news-page footer lines (``FOOTER_LINE``) among the last paragraphs;
    the first paragraph always stays."""
    out = list(paragraphs)
    for i in range(len(out) - 1, max(0, len(out) - FOOTER_LAST) - 1, -1):
        if i > 0 and FOOTER_LINE.search(out[i]) and len(_WORD.findall(out[i])) <= FOOTER_MAX_WORDS:
            del out[i]
    return out


#: A barrier line ends the body only in its last part (a "Related" box at the top
#: of an article is skipped, not taken as its end).
BARRIER_TAIL_SHARE = 0.5


def baseline_trafilatura(text: str, url: str | None = None) -> str:
    """Trafilatura's plain body text with its defaults (the evaluation baseline)."""
    import trafilatura

    return trafilatura.extract(text, url=url) or ""


__all__ = [
    "HtmlOptions",
    "baseline_trafilatura",
    "extract_html",
    "postfilter",
    "strip_dateline",
    "strip_footer",
    "visible_text",
]
