"""Stage 3 of the flat-text cleaner: the publication date, from the date lines
around the headline and the body start."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from . import meta
from .flat_blocks import Block
from .flat_options import FlatTextOptions


def find_published(blocks: list[Block], start: int, title_i: int,
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
    found = _pick_date(blocks, after) or _partial_date(blocks, after) or _pick_date(blocks, before)
    if found:
        return found
    # anywhere: the nearer the body start the better (comment and "related" dates lie far)
    # (the rarer forms of ``find_date`` are not looked for there: they cost time and found
    # no further date on the set)
    return _pick_date(blocks, [i for i, b in enumerate(blocks)
                               if len(b.text) < 120 and not b.barrier],
                      near=start, distance_cost=opts.date_distance_cost, finder=meta.find_date)


_DATE_KEY = re.compile(r"\b(?:published|posted|date|first published|on)\b", re.IGNORECASE)
_UPDATED = re.compile(r"\b(?:updated?|modified|last updated|edited|reviewed)\b", re.IGNORECASE)
#: A label line ("Posted on", "Last update:") this short may sit alone above its date.
_LABEL_MAX_CHARS = 40


def _pick_date(blocks: list[Block], indexes: Iterable[int], near: int = 0,
               distance_cost: float = 0.0,
               finder: Callable[[str], meta.FoundDate | None] | None = None) -> str | None:
    """The best-ranked date among ``blocks[i]`` for ``i`` in ``indexes`` (the first
    of equal rank); a date ``distance_cost`` per block away from ``near`` ranks lower."""
    found: list[tuple[float, str]] = []
    for i in indexes:
        line = blocks[i].text
        if len(line) > 300:
            continue
        d = (finder or find_date)(line)
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



_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: Month abbreviations of the commonest other languages of the pages (es/pt/it/fr/de),
#: for "04-ago-2021"; only the abbreviations that differ from English.
_OTHER_MONTHS = {"ene": 1, "fev": 2, "abr": 4, "mai": 5, "mag": 5, "giu": 6, "lug": 7, "ago": 8,
                 "set": 9, "okt": 10, "out": 10, "ott": 10, "dez": 12, "dic": 12, "dis": 12}
_MON_ANY = "|".join(_MONTHS + tuple(_OTHER_MONTHS))
#: Date forms ``meta.find_date`` does not read, each seen on a page of the set:
#: "10-30-2025" (numeric with dashes), "2025•01•08" (bullets),
#: "25.Jun.2019" and "04-ago-2021" (day, month abbreviation, year).
_EXTRA_DATES = (
    re.compile(r"(?<![\d-])(?P<a>[0-3]?\d)-(?P<b>[0-3]?\d)-(?P<year>(?:19|20)\d\d)(?![\d-])"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*[\u2022\u00b7]\s*(?P<mnum>[01]?\d)\s*[\u2022\u00b7]\s*"
               r"(?P<day>[0-3]?\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<day>[0-3]?\d)[.\-](?P<mon>" + _MON_ANY + r")[a-z]*[.\-](?P<year>(?:19|20)\d\d)(?!\d)",
               re.IGNORECASE),
)
#: "Jan 4" alone under a headline (blogs that leave the year out).
_MONTH_DAY = re.compile(r"^(?P<mon>" + "|".join(_MONTHS) + r")[a-z]*\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?$",
                        re.IGNORECASE)
_COPYRIGHT = re.compile(r"\u00a9|\(c\)|copyright|rights reserved", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def find_date(line: str) -> meta.FoundDate | None:
    """``meta.find_date``, else one of the rarer forms of ``_EXTRA_DATES``."""
    found = meta.find_date(line)
    if found or not _YEAR.search(line):
        return found
    for pat in _EXTRA_DATES:
        m = pat.search(line)
        if m:
            iso = _iso(m)
            if iso:
                return meta.FoundDate(iso, m.start(), False)
    return None


def _iso(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    year = int(g["year"])
    if g.get("mon"):
        mon = g["mon"].lower()
        month, day = _MONTHS.index(mon) + 1 if mon in _MONTHS else _OTHER_MONTHS[mon], int(g["day"])
    elif g.get("mnum"):
        month, day = int(g["mnum"]), int(g["day"])
    else:  # only when the numbers decide the order ("02-12-2025" is 2 Dec on one page, 12 Feb elsewhere)
        a, b = int(g["a"]), int(g["b"])
        if a <= 12 and b <= 12:
            return None
        month, day = (b, a) if a > 12 else (a, b)
    if not (meta.MIN_YEAR <= year <= meta.MAX_YEAR and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _partial_date(blocks: list[Block], indexes: Iterable[int]) -> str | None:
    """A "Jan 4" line under the headline, its year the one the page names most
    outside its copyright lines (which give the current year): on the 8 such
    pages of the set 3 right, 2 wrong, 3 none (with copyright years: 3 / 5 / 0)."""
    for i in indexes:
        m = _MONTH_DAY.match(blocks[i].text)
        if m:
            years = Counter(y for b in blocks if not _COPYRIGHT.search(b.text)
                            for y in _YEAR.findall(b.text))
            if not years:
                return None
            year = max(years, key=lambda y: (years[y], y))
            month = _MONTHS.index(m.group("mon").lower()[:3]) + 1
            day = int(m.group("day"))
            return f"{year}-{month:02d}-{day:02d}" if 1 <= day <= 31 else None
    return None
