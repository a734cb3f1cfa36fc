"""Resolve time expressions of news sentences against the publication date.

News reports the past: a bare weekday ("said Tuesday"), a bare month ("in March")
or a day without a year ("July 27") is resolved to the latest such date on or
before the publication date (past-biased), unless the expression says otherwise
("next week", "tomorrow"). Every resolved date carries a precision:

* ``day``   — the ISO date of that day;
* ``week``  — the ISO date of the Monday that starts the week;
* ``month`` — the first day of the month;
* ``year``  — January 1 of the year.

``find_dates`` returns every expression with its character offsets, so a coder can
pick the one closest to an event trigger; ``resolve_date`` returns the first one,
or the publication date with precision ``day`` when the text gives none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

#: A day without a year that lies at most this many days after publication is
#: still read as this year (wire copy is sometimes dated a little early);
#: further in the future it is read as last year (past bias).
FUTURE_SLACK_DAYS = 7

_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
       r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

#: (name, compiled pattern) in priority order; earlier patterns win on overlap.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("mdy", re.compile(_MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I)),
    ("dmy", re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s+(?P<y>(?:19|20)\d\d)\b", re.I)),
    ("md", re.compile(r"\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:19|20)\d\d)", re.I)),
    ("dm", re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"\b(?!\s*,?\s*(?:19|20)\d\d)", re.I)),
    ("my", re.compile(r"\b" + _MON + r",?\s+(?P<y>(?:19|20)\d\d)\b", re.I)),
    ("rel_wd", re.compile(r"\b(?P<rel>last|next|this|on)?\s*" + _WD + r"\b", re.I)),
    ("rel_unit", re.compile(r"\b(?P<rel>last|next|this|earlier this|later this|past)\s+"
                            r"(?P<unit>week|month|year)\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                       r"(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
    ("deictic", re.compile(r"\b(?P<w>today|tonight|yesterday|tomorrow|this morning|this afternoon|"
                           r"this evening|last night)\b", re.I)),
    ("month", re.compile(r"(?:\b(?P<prep>in|since|early|late|mid|last|next|this|until|by)[\s-]+)?\b"
                         r"(?P<mon>January|February|March|April|May|June|July|August|September|"
                         r"October|November|December)\b")),
    ("year", re.compile(r"\b(?P<prep>in|since|during|of|until|by)\s+(?P<y>(?:19|20)\d\d)\b", re.I)),
]

_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10}


@dataclass(frozen=True)
class DateMatch:
    """A time expression found in a text: offsets, resolved ISO date and precision."""

    start: int
    end: int
    text: str
    date: str
    precision: str


def parse_published(published: str | date | None) -> date | None:
    """The publication date as a ``date`` (accepts ISO dates and datetimes)."""
    if published is None or isinstance(published, date):
        return published
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", str(published).strip())
    return date(int(m[1]), int(m[2]), int(m[3])) if m else None


def resolve_date(text: str, published: str | date | None) -> tuple[str | None, str | None]:
    """Resolve the first time expression of ``text`` against ``published``.

    Returns ``(iso_date, precision)``; the publication date with precision ``day``
    when the text has no expression; ``(None, None)`` when neither is known.
    """
    pub = parse_published(published)
    found = find_dates(text, pub)
    if found:
        return found[0].date, found[0].precision
    return (pub.isoformat(), "day") if pub else (None, None)


def find_dates(text: str, published: str | date | None) -> list[DateMatch]:
    """Every resolvable time expression of ``text``, in text order, without overlaps."""
    pub = parse_published(published)
    if pub is None:
        return []
    taken: list[tuple[int, int]] = []
    out: list[DateMatch] = []
    for name, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            resolved = _resolve(name, m, pub)
            if resolved is None:
                continue
            taken.append((m.start(), m.end()))
            out.append(DateMatch(m.start(), m.end(), m.group(0).strip(), resolved[0].isoformat(),
                                 resolved[1]))
    return sorted(out, key=lambda d: d.start)


def _month_num(token: str) -> int:
    return _MONTH_ABBR[token.lower().rstrip(".")[:4] if token.lower().startswith("sept")
                       else token.lower()[:3]]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _past_day(pub: date, month: int, day: int) -> date | None:
    """The date ``month``/``day`` nearest before ``pub`` (with a little future slack)."""
    cand = _safe_date(pub.year, month, day)
    if cand is None:
        return None
    if cand > pub + timedelta(days=FUTURE_SLACK_DAYS):
        cand = _safe_date(pub.year - 1, month, day)
    return cand


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return date(y, m + 1, 1)


def _resolve(name: str, m: re.Match[str], pub: date) -> tuple[date, str] | None:
    g = m.groupdict()
    if name == "iso":
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return (d, "day") if d else None
    if name in ("mdy", "dmy"):
        d = _safe_date(int(g["y"]), _month_num(g["mon"]), int(g["d"]))
        return (d, "day") if d else None
    if name in ("md", "dm"):
        if g["mon"].lower() == "may" and not g["mon"][0].isupper():
            return None
        d = _past_day(pub, _month_num(g["mon"]), int(g["d"]))
        return (d, "day") if d else None
    if name == "my":
        return date(int(g["y"]), _month_num(g["mon"]), 1), "month"
    if name == "rel_wd":
        return _resolve_weekday(g.get("rel"), g["wd"], pub), "day"
    if name == "rel_unit":
        return _resolve_unit(g["rel"].lower(), g["unit"].lower(), pub)
    if name == "ago":
        n = int(g["n"]) if g["n"].isdigit() else _NUM[g["n"].lower()]
        unit = g["unit"].lower()
        if unit == "day":
            return pub - timedelta(days=n), "day"
        if unit == "week":
            return _monday(pub - timedelta(weeks=n)), "week"
        if unit == "month":
            return _add_months(pub, -n), "month"
        return date(pub.year - n, 1, 1), "year"
    if name == "deictic":
        w = g["w"].lower()
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(w, 0)
        return pub + timedelta(days=shift), "day"
    if name == "month":
        return _resolve_month(g.get("prep"), g["mon"], pub)
    if name == "year":
        return date(int(g["y"]), 1, 1), "year"
    return None


def _resolve_weekday(rel: str | None, wd: str, pub: date) -> date:
    target = WEEKDAYS.index(wd.lower())
    rel = (rel or "").lower()
    if rel == "next":
        return pub + timedelta(days=(target - pub.weekday()) % 7 or 7)
    back = (pub.weekday() - target) % 7
    if rel == "last" and back == 0:
        back = 7
    return pub - timedelta(days=back)


def _resolve_unit(rel: str, unit: str, pub: date) -> tuple[date, str]:
    shift = {"last": -1, "past": -1, "next": 1}.get(rel, 0)
    if unit == "week":
        return _monday(pub) + timedelta(weeks=shift), "week"
    if unit == "month":
        return _add_months(pub, shift), "month"
    return date(pub.year + shift, 1, 1), "year"


def _resolve_month(prep: str | None, mon: str, pub: date) -> tuple[date, str] | None:
    month = MONTHS.index(mon.lower()) + 1
    prep = (prep or "").lower()
    if mon == "May" and not prep:
        return None  # the modal verb "May" at a sentence start
    year = pub.year
    if prep == "next":
        year = pub.year + (1 if month <= pub.month else 0)
    elif prep != "this" and month > pub.month:
        year = pub.year - 1
    return date(year, month, 1), "month"
