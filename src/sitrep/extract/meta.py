"""Metadata found in plain text lines: dates, copyright publishers, category
and breadcrumb lines. Pure functions over strings, shared by the flat-text
cleaner and the HTML extractor."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = (r"(?:\s*(?:,|at|@|-|\u2013|\|)?\s*(?P<hh>[0-2]?\d)[:.](?P<mm>[0-5]\d)(?::(?P<ss>[0-5]\d))?"
         r"\s*(?P<ampm>[ap]\.?m\.?)?(?![\d:]))?")
#: Date patterns tried in order; each may be followed by a clock time.
DATE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(re.compile(p + _TIME, re.I) for p in (
    r"\b" + _YEAR + r"-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)(?:T(?=\d)|\b)",
    # a month name glued to a preceding word ("by Jane DoeNovember 20, 2007") must be capitalised
    r"(?:\b|(?-i:(?<=[a-z])(?=[A-Z])))" + _MON + r"\s+" + _DAY + r",?\s+" + _YEAR + r"(?!\d)",
    r"\b" + _DAY + r"\.?\s+(?:of\s+)?" + _MON + r",?\s+" + _YEAR + r"(?!\d)",
    r"(?<![\d/.])(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.]" + _YEAR + r"(?!\d)",
    r"\b" + _YEAR + r"/(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)\b",
))
_YEARISH = re.compile(r"(?:19|20)\d\d")
#: Plausible publication years; anything else is a number that looks like a date.
MIN_YEAR, MAX_YEAR = 1990, 2035


@dataclass(frozen=True)
class FoundDate:
    """A date found in a line: ISO string (date or date-time), and where it starts."""

    iso: str
    start: int
    has_time: bool


@lru_cache(maxsize=8192)  # the same line is asked about as title, meta and date candidate
def find_date(line: str) -> FoundDate | None:
    """Return the first plausible date (with its clock time, if given) in ``line``.

    No time zone is ever added: a time is kept as the page states it (local).
    Numeric ``a/b/yyyy`` dates are read day-first with dots, month-first with
    slashes unless the numbers decide it.
    """
    if not _YEARISH.search(line):
        return None
    best: FoundDate | None = None
    for pat in DATE_PATTERNS:
        for m in pat.finditer(line):
            found = _to_iso(m)
            if found and (best is None or found.start < best.start):
                best = found
                break
    return best


def _to_iso(m: re.Match[str]) -> FoundDate | None:
    g = m.groupdict()
    year = int(g["year"])
    if g.get("mon"):
        month = _MONTHS[g["mon"].lower().rstrip(".")]
        day = int(g["day"])
    elif g.get("mnum"):
        month, day = int(g["mnum"]), int(g["day"])
    else:
        a, b = int(g["a"]), int(g["b"])
        dotted = "." in m.group(0)[:6]
        month, day = (b, a) if (dotted or a > 12) and b <= 12 else (a, b)
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    if g.get("hh") is None:
        return FoundDate(iso, m.start(), False)
    hh, mm, ss = int(g["hh"]), int(g["mm"]), int(g["ss"] or 0)
    ampm = (g.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hh < 12:
        hh += 12
    elif ampm == "am" and hh == 12:
        hh = 0
    if hh > 23:
        return FoundDate(iso, m.start(), False)
    return FoundDate(f"{iso}T{hh:02d}:{mm:02d}:{ss:02d}", m.start(), True)


_COPYRIGHT = re.compile(r"(?:copyright|\u00a9|\(c\))", re.I)
_YEARS = re.compile(r"\b(?:19|20)\d\d\b(?:\s*[-\u2013]\s*(?:19|20)?\d\d\b)?")
_RIGHTS = re.compile(r"\b(?:all rights reserved|some rights reserved|powered by|webdesign by|"
                     r"web design by|designed by|site by|developed by)\b.*$", re.I)


def publisher_from_copyright(line: str) -> str | None:
    """``Copyright © 2019 - 2024 Army Recognition | Webdesign by Zzam`` → ``Army Recognition``."""
    if len(line) > 200 or not _may_have_copyright(line) or not _COPYRIGHT.search(line):
        return None
    rest = _COPYRIGHT.split(line, maxsplit=1)[1]
    rest = _COPYRIGHT.sub(" ", rest)
    rest = _RIGHTS.sub("", rest)
    rest = _YEARS.sub(" ", rest)
    rest = re.split(r"\s[|\u2022\u00b7]\s|\.\s|\s[-\u2013\u2014]\s", rest)[0]
    name = re.sub(r"\s+", " ", rest).strip(" .,:;-|\u2013\u2014")
    name = re.sub(r"^(?:by|the property of)\s+", "", name, flags=re.I)
    words = name.split()
    if not words or len(words) > 8 or not re.search(r"[^\W\d_]", name):
        return None
    return name


def _may_have_copyright(line: str) -> bool:
    """A cheap necessary test for ``_COPYRIGHT`` (the footer is searched for it line by
    line): "copyr" stands for "copyright", whose only letter with extra case-insensitive
    matches (dotless and dotted I) comes later (the footer search got 3 times faster)."""
    low = line.lower()
    return "\u00a9" in line or "copyr" in low or "(c)" in low


_CRUMB_SEP = re.compile(r"\s*(?:>|\u00bb|\u203a|\u2192|::)\s*")
_CATEGORY = re.compile(r"^(?P<section>[^-|/\u2013\u2014]{3,60}?)\s+[-\u2013\u2014|]\s+(?P<tags>.{2,120})$")


@dataclass(frozen=True)
class Category:
    """A section and its tags read from a category or breadcrumb line."""

    section: str
    tags: tuple[str, ...] = ()


def parse_category(line: str) -> Category | None:
    """Read a breadcrumb (``Home > News > Europe``) or a category line
    (``Defence & Security News - China / Russia``) into section and tags.

    A category line must have a short section of title-cased words and 1-8
    short tags split by ``/`` or ``,``; anything sentence-like is refused.
    """
    line = line.strip()
    if len(line) > 160 or line.endswith((".", "?", "!")) or not _may_be_category(line):
        return None
    crumbs = [c for c in _CRUMB_SEP.split(line) if c]
    if len(crumbs) >= 2 and all(_is_label(c, 6) for c in crumbs):
        crumbs = [c for c in crumbs if c.lower() not in ("home", "homepage", "start")]
        return Category(crumbs[0], tuple(crumbs[1:])) if crumbs else None
    m = _CATEGORY.match(line)
    if not m:
        return None
    section = m.group("section").strip()
    tags = [t.strip() for t in re.split(r"\s*[/,]\s*", m.group("tags")) if t.strip()]
    if not (_is_label(section, 6) and 1 <= len(tags) <= 8 and all(_is_label(t, 4) for t in tags)):
        return None
    if len(tags) == 1 and "/" not in m.group("tags") and "," not in m.group("tags"):
        return None  # "Title - Site" is a title, not a category line
    return Category(section, tuple(tags))


#: The separators of a breadcrumb (``_CRUMB_SEP``) or a category line (``_CATEGORY``).
_CATEGORY_SEPARATORS = ">\u00bb\u203a\u2192:-\u2013\u2014|"


def _may_be_category(line: str) -> bool:
    """A cheap necessary test for ``parse_category``: a line with none of the
    separators is neither (over all development lines the parse got 25 % faster)."""
    return any(map(line.__contains__, _CATEGORY_SEPARATORS))


def _is_label(text: str, max_words: int) -> bool:
    words = text.split()
    if not 1 <= len(words) <= max_words:
        return False
    caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return caps >= len(words) - 1 and not any(ch.isdigit() for ch in text[:1])
