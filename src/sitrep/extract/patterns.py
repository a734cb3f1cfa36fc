"""Line patterns of page boilerplate, shared by the flat-text cleaner and the
HTML extractor. Lists are English-first (535 of the 549 development pages are
English) with the commonest variants of a few other languages."""

from __future__ import annotations

import re


class FirstCharIndex:
    """Whole-line patterns (each ``PREFIX(?:A|B|...)SUFFIX``, case-insensitive) split by
    the first character of the line. Python's ``re`` tries every alternative of a long
    alternation at the start of each line; this object tries only the alternatives
    that can start with the line's first character (those led by a letter or digit
    of their own, and all that start otherwise: a group, a class, an escape). Lines
    whose first character lower-cases to no ASCII letter or digit are tried against
    all of them. Same answers as ``pattern.match``; on the short lines of the
    flat-text development pages the boilerplate test took 0.41 of the time of its
    four patterns one by one (0.47 of one merged pattern), and the test had taken
    a sixth of the cleaner's time."""

    def __init__(self, *patterns: re.Pattern[str]) -> None:
        parts = []
        for p in patterns:
            if not p.flags & re.IGNORECASE:
                raise ValueError(f"FirstCharIndex needs case-insensitive patterns: {p.pattern[:40]!r}")
            pre, alts, post = _split_alternatives(p.pattern)
            alts = [a for alt in alts for a in _flatten(alt)]
            parts.append((pre, alts, [_lead(a) for a in alts], post))
        # sources per first character, all compiled at the first match (compiling them
        # here made importing this module 60 ms slower)
        self._sources: dict[str, str | None] = {"": _union([pre + "|".join(alts) + post
                                                            for pre, alts, _, post in parts])}
        for c in "abcdefghijklmnopqrstuvwxyz0123456789":
            groups = [pre + "|".join(keep) + post for pre, alts, leads, post in parts
                      if (keep := [a for a, lead in zip(alts, leads) if lead is None or c in lead])]
            self._sources[c] = _union(groups) if groups else None
        self._compiled: dict[str, re.Pattern[str] | None] = {}

    def match(self, line: str) -> bool:
        """True when one of the patterns matches at the start of ``line``."""
        # "İ" and the Kelvin sign lower-case to "i" and "k", which they also match;
        # "ı" and "ſ" (which match "i" and "s") lead to the full pattern
        if not self._compiled:
            self._compiled.update((c, re.compile(src, re.IGNORECASE) if src is not None else None)
                                  for c, src in self._sources.items())
        rx = self._compiled.get(line[:1].lower()[:1], self._compiled[""])
        return rx is not None and rx.match(line) is not None

    def pattern_for(self, first: str) -> str | None:
        """The source tried for lines starting with ``first`` (None: no match possible)."""
        return self._sources.get(first.lower()[:1], self._sources[""])


def _union(sources: list[str]) -> str:
    return "|".join(f"(?:{s})" for s in sources)


def _flatten(alternative: str) -> list[str]:
    """An alternative that is one group, "(?:A|B)", as its own alternatives A and B."""
    if alternative.startswith("(?:"):
        _, inner, rest = _split_alternatives(alternative)
        if rest == ")":
            return [a for alt in inner for a in _flatten(alt)]
    return [alternative]


def _lead(alternative: str) -> frozenset[str] | None:
    """The characters (lower-cased) that every match of ``alternative`` starts with,
    when it starts with a plain letter or digit or with a group of such alternatives;
    None when it may start otherwise."""
    c = alternative[:1]
    if c == "(" and alternative.startswith("(?:"):
        _, inner, rest = _split_alternatives(alternative)
        if rest[1:2] in ("?", "*", "{"):
            return None
        leads = [_lead(a) for a in inner]
        return None if None in leads else frozenset().union(*leads)
    if c.isascii() and c.isalnum() and alternative[1:2] not in ("?", "*", "{"):
        return frozenset(c.lower())
    return None


def _split_alternatives(source: str) -> tuple[str, list[str], str]:
    """``source`` as (prefix, alternatives, suffix) around its first non-capturing
    group, which must come first (after an optional ``^``)."""
    start = 4 if source.startswith("^(?:") else 3
    if not source.startswith("(?:", start - 3):
        raise ValueError(f"no leading group in {source[:40]!r}")
    alts, depth, i, cur, in_class = [], 0, start, start, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if source[i + 1:i + 2] == "^":
                i += 1
            if source[i + 1:i + 2] == "]":  # a "]" right after "[" or "[^" is a member
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")" and depth:
            depth -= 1
        elif c == ")" or (c == "|" and depth == 0):
            alts.append(source[cur:i])
            cur = i + 1
            if c == ")":
                assert source[:start] + "|".join(alts) + source[i:] == source
                return source[:start], alts, source[i:]
        i += 1
    raise ValueError(f"unbalanced group in {source[:40]!r}")


# A barrier ends the article: what follows (or precedes) belongs to another part of the page.
BARRIER = re.compile(
    r"^(?:related(?: articles?| posts?| stories| news| content| reading| topics)?|"
    r"(?:you (?:may|might) (?:also )?(?:like|enjoy|be interested in))|"
    r"(?:more|latest|top|trending|popular|recommended|editor'?s picks?)(?: \w+){0,3}|"
    # "Add a new comment", "Read More Articles": +0.0004 body F1 (md5 halves +0.0006 / +0.0002, 3 pages up)
    r"(?:leave a (?:reply|comment)|post a comment|add a (?:new )?comment|\d* ?comments?|"
    r"join the (?:discussion|conversation)|responses?|discussion about this (?:post|article)|"
    r"(?:view|show|load|see|read) (?:all )?(?:\d+ )?comments)|"
    r"read (?:more|next|also)(?: (?:articles|posts|stories|blogs))?|see also|also read|further reading|"
    r"recommended for you|"
    # teaser-list headings: +0.0006 flat-text body F1 (8 pages up, none down)
    r"explore (?:more|further)|keep reading|recent (?:posts|articles|stories)|"
    r"share (?:this|on|via)(?: \w+){0,3}|about the authors?|tags?|topics?|filed under|"
    r"sign up(?: for| to)?(?: \w+){0,5}|subscribe(?: to| now| for)?(?: \w+){0,5}|newsletter|"
    r"(?:copyright|\u00a9|\(c\)) .*|all rights reserved\.?|"
    r"(?:most (?:read|popular|viewed|shared))(?: \w+){0,3}|"
    # comment furniture: "Reply", "Jane Doe says", "Log in to reply"; any of them may
    # end in "..." ("You may also be interested in..."): +0.0005 body F1, both halves
    r"reply|(?:log in|sign in) to reply|[\w.'\-]+(?: [\w.'\-]+){0,3} (?:says|said|wrote))\s*(?:[:.!]|\.\.\.|\u2026)?$",
    re.I)

# The barriers that end the main region of a flat-text page wherever they sit
# below most of its text: BARRIER less its ambiguous lines ("More Considerations",
# "Top Tips" and "Copyright license" can be subheadings of the body). Cutting at
# any BARRIER gave body F1 0.9127, at END_BARRIER 0.9121, at these 0.9135.
_AMBIGUOUS_BARRIER = re.compile(
    r"^(?:(?:more|latest|top|trending|popular|recommended|editor'?s picks?)\b(?! (?:articles|stories|posts|"
    r"news|insights|reads|from|you|like|in|on)\b)|copyright\b|\u00a9|\(c\))", re.I)


def is_cut_barrier(line: str) -> bool:
    """True for a barrier line (``BARRIER``) that is no possible subheading."""
    return bool(BARRIER.match(line)) and not _AMBIGUOUS_BARRIER.match(line)


# The barriers that end an extracted HTML body (its tail is already article-like
# text, so only unambiguous section headings count).
END_BARRIER = re.compile(
    r"^(?:related(?: articles?| posts?| stories| news| content| reading)?|"
    r"(?:you (?:may|might) (?:also )?(?:like|enjoy|be interested in))|recommended for you|"
    r"(?:leave a (?:reply|comment)|post a comment|add a comment|\d+ comments?|comments|"
    r"join the (?:discussion|conversation))|read next|also read|"
    r"(?:most (?:read|popular|viewed|shared))(?: \w+){0,3})\s*[:.!]?$",
    re.I)

# Single lines that are never article text (navigation, sharing, consent, meta).
# Whole lines that are never article text (navigation, sharing, consent, meta).
_BOILER_LINE = re.compile(
    r"(?:skip to (?:main )?(?:content|navigation|main)|jump to\b.*|(?:main )?menu|home|"
    r"search(?: for)?\b.{0,30}|log ?in|sign ?in|sign ?up|register|subscribe|"
    r"follow(?: us)?|share|tweet|email|print|save|like|reply|close|toggle.*|open menu|back to top|"
    r"advertisement(?: [-\u2013] continue reading below)?|sponsored|ad|loading\.*|accept(?: all)?(?: cookies)?|reject(?: all)?|"
    r"cookie settings|manage (?:cookies|preferences|consent)|privacy policy|terms of (?:use|service)|"
    r"contact(?: us)?|about(?: us)?|facebook|twitter|linkedin|whatsapp|reddit|pinterest|"
    r"instagram|youtube|x|telegram|copy link|link copied|listen(?: to this article)?|"
    r"\d+ min(?:ute)?s? read|(?:read|show) (?:more|less)|see more|view all|load more|next|previous|"
    r"(?:share|follow|subscribe|sign up|click here|download (?:the|our) app)\b.{0,60}|"
    r"(?:copyright|\u00a9).*|(?:previous|next) (?:article|post|story)\b.*|(?:posted|filed) (?:in|under)\b.*|"
    r"table of contents|contents|in this article|learn more|get started|back to (?:blog|top|home|news)|"
    r"written by|image \d+ of \d+|\d* ?shares?|previous next|get a (?:free )?quote|book now|"
    r"start (?:your )?free trial|download now|email(?: address)?|name|website|"
    r"thank you! your submission has been received!?|oops! something went wrong.*|"
    r"don'?t miss|thanks? (?:you )?for (?:signing up|subscribing)|"
    r"there was an error processing your (?:subscription|request)|keep an eye on your inbox.*|"
    r"click here to (?:get|download) .{0,40}app|"
    r"(?:https?://|www\.)\S+"
    r")\W*$",
    re.I)
# Phrases that mark a line as consent, legal or footer text wherever they occur.
_BOILER_PHRASE = re.compile(
    r"\bcookies?\b.*\b(?:consent|accept|use|policy|settings|preferences)\b|"
    r"\b(?:we use cookies|this (?:web)?site uses cookies|by (?:continuing|clicking|using)"
    r" (?:to )?(?:use|browse|this))\b|\ball rights reserved\b|\bpowered by\b",
    re.I)
# Sign-up forms, their consent fine print and inbox promises, anywhere in a line. Flat
# text only: +0.0005 flat-text body F1 (md5 halves +0.0007 / +0.0004; 19 pages up, none
# down); in the HTML extractor's line filter they cost WCXB 0.0011 (one page whose short
# body then lost to the flat fallback).
_FLAT_BOILER_PHRASE = re.compile(
    r"\bby (?:entering|submitting|providing|clicking|subscribing|signing up)\b.{0,80}?\b(?:you|i)"
    r" (?:agree|consent|authori[sz]e|are (?:consenting|agreeing))|"
    r"\bunsubscribe at any time\b|\b(?:delivered|straight|sent|directly) (?:to|in(?:to)?) your inbox\b|"
    r"\bthanks? (?:you )?for subscribing\b|\byou'?re (?:now )?subscribed\b|\bcheck your inbox\b",
    re.I)

# Metadata lines (not body): bylines, datelines, reading times, image credits alone.
META_LINE = re.compile(
    r"^(?:by\s+[A-Z][\w.'\- ]{1,60}$|(?:published|updated|posted|last (?:updated|modified))\b.{0,60}$|"
    r"\d+\s*(?:min(?:ute)?s?|hours?|days?|weeks?|months?) (?:read|ago)$|"
    # reading times: "5 mins", "2\u20133 minutes", "Reading time 17 minutes"
    r"(?:reading time:?\s*)?\d+(?:\s*[-\u2013]\s*\d+)?\s*min(?:ute)?s?(?: read)?$|"
    r"(?:photo|image|picture|credit|source)s?\s*:.{0,80}$|\|\s*\d{4}$|[\W\d_]+$)",
    re.I)

# Marks of a photo caption or credit inside a block.
CAPTION_MARK = re.compile(
    r"(?:\((?:photo|image|picture|file photo|credit)\b[^)]*\)|"
    r"\b(?:photo|image|picture|credit|photograph)(?: by|:)\s|"
    # "Image courtesy of ...", "Screenshot by ...": +0.0001 body F1 (4 pages)
    r"^(?:(?:some |all )?(?:photos?|images?|pictures?|screenshots?|illustrations?|graphics?)\s+"
    r"(?:courtesy|by|from|via|provided by|credit)\b)|\b(?:photo|image)s? courtesy\b|"
    r"\b(?:getty images|afp via getty|reuters/|ap photo|/afp|/reuters|shutterstock|"
    r"istock(?:photo)?|dvids|u\.s\. (?:army|navy|air force|marine corps) photo)\b)",
    re.I)

STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my no nor not now of off on once only or other our ours out over own same she
should so some such than that the their theirs them then there these they this those through to
too under until up very was we were what when where which while who whom why will with would
you your yours also said says its it's which would could may might must shall one new
""".split())


# Whole lines of page furniture that only flat text shows this way (the HTML
# extractor sees them as links or buttons). Flat-text body F1 on the 549 pages:
_FLAT_BOILER_LINE = re.compile(
    # a bare URL of any length, "Related: <title>" links, prices: +0.0004 (both halves)
    r"(?:(?:https?://|www\.)\S+|"
    r"(?:related|see also|more on this)\s*:\s*.{3,150}|"
    # tag lines, "Read more about ...", placeholder text, comment-form lines: +0.0003
    # (both halves; and 2 titles: a "Topics: ..." line had been taken for one)
    r"(?:tags?|labels?|topics?|categories|subjects?|filed under)\s*:\s*.{1,300}|"
    r"read more (?:about|on|at)\b.{1,150}|lorem ipsum\b.*|"
    r"(?:be the first to comment|post (?:a )?comment|replydelete|what do you think\?)|"
    r"(?:(?:starting at|from|only|now|was)\s+)?(?:[$\u20ac\u00a3]|usd|eur|gbp)\s?\d[\d,.]*"
    r"(?:\s+(?:from|at)\s+.{1,40})?"
    r")\W*$",
    re.I)


# Calls to action and their buttons ("Book a Demo", "Request A Free Consultation for ...",
# "Shop Puma Today", "Use Coupon Code X"), view counts; short lines only, tried apart from
# _FLAT_BOILER_LINE so that long lines do not pay for them: +0.0002 flat-text body F1 (both
# md5 halves +0.0002; 32 pages changed, the largest loss 0.001).
_CTA_LINE = re.compile(
    r"(?:"
    r"(?:book|schedule|request|get|claim|try|start)(?: a| an| your| my| our)?(?: free| \d+[- ]min(?:ute)?s?)?(?: free)?"
    r" (?:demo|consultation|quote|trial|call|estimate)\b.{0,50}|"
    r"(?:shop|order|try|start shopping|buy)\b.{0,30}\b(?:today|now)|(?:speak|talk|chat) (?:with|to) (?:an? |our )?"
    r"(?:expert|specialist|advisor|team|us)\b.{0,40}|use (?:coupon|promo|discount) code\b.{0,60}|"
    r"contact us (?:today|now)|click (?:here )?to get started|"
    r"(?:read|see|view) all (?:articles|posts|stories) by .{1,40}|"
    r"\d[\d,.]*k? views|show caption|\d+ min\.? read"
    r")\W*$",
    re.I)
#: CTA lines are shorter than this (flat-text body F1 the same as with no limit).
CTA_MAX_CHARS = 90


#: Lines shorter than this are tried against the whole-line patterns below at once.
_SHORT_CHARS = 90
assert CTA_MAX_CHARS == _SHORT_CHARS  # _SHORT_LINE holds _CTA_LINE for short lines only
_META_START = FirstCharIndex(META_LINE)


def is_meta_line(line: str) -> bool:
    """``META_LINE.match(line)`` as a truth value (``FirstCharIndex``)."""
    return _META_START.match(line)


#: _BOILER_LINE, META_LINE, _FLAT_BOILER_LINE and _CTA_LINE at once for short lines.
_SHORT_LINE = FirstCharIndex(_BOILER_LINE, META_LINE, _FLAT_BOILER_LINE, _CTA_LINE)


def is_boilerplate(line: str) -> bool:
    """True for a line that is navigation, sharing, consent or footer text."""
    if _SHORT_LINE.match(line) if len(line) < _SHORT_CHARS else _FLAT_BOILER_LINE.match(line):
        return True
    low = line.lower()
    if _has_boiler_phrase(line, low):
        return True
    if not ("inbox" in low or "subscri" in low
            or "by " in low and ("agree" in low or "consent" in low or "authori" in low)):
        return False
    return bool(_FLAT_BOILER_PHRASE.search(line))


def _has_boiler_phrase(line: str, low: str | None = None) -> bool:
    low = low or line.lower()
    if not ("cookie" in low or "rights reserved" in low or "powered by" in low or "by c" in low
            or "by u" in low):
        return False
    return bool(_BOILER_PHRASE.search(line))


def is_nav_line(line: str) -> bool:
    """True for navigation, sharing, consent and footer lines (not bylines or
    number-only lines, which can be table cells of an extracted body)."""
    if len(line) < 90 and _BOILER_LINE.match(line):
        return True
    return _has_boiler_phrase(line)
