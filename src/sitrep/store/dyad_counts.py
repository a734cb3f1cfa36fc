"""The dyad series, counted ahead: happenings per country pair, week/month/year and type.

A dyad series counts distinct happenings (an event not merged into one counts
alone), so a month is not the sum of its days: a happening reported on the 31st
and on the 1st counts in both months, once in each. Counting at read time meant
a ``COUNT(DISTINCT …)`` over every dyad row of the pair (46,000 rows for the most
frequent pair of ``make bench-api``'s million events: 120 ms alone, over a
second under 8 clients). So the counts are kept in ``dyad_counts``, one row per
(pair, directed or not, grain, period) holding ``{TYPE: happenings}``, and the
store keeps them in step whenever dyad rows change (new events, replaced events,
happenings merged). One row per period rather than per (period, type): a weekly
series of a busy pair is then 520 rows to read, not 8,000.

New events are added to the counts (``add``): each is a happening of its own
until merged, so it adds one to each of its periods. Other changes (events
replaced, happenings merged) recount (``recount``), for each unordered pair they
touched, every period of the calendar years the touched dates fall in (plus the
ISO weeks that straddle those years' ends), from the pair's index range in
``event_dyads``: exact whatever changed, at the price of reading a year of the
pair. Dates that do not begin with a four-digit year make the whole pair
recounted. Day series are not kept here: a day has too few rows per pair to gain.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (Connection, and_, bindparam, delete, func, insert, or_, select, text,
                        update)

from . import schema as S

#: Grains counted ahead.
GRAINS = ("week", "month", "year")

#: Key of the PostgreSQL advisory lock that serialises recounts (any constant
#: other than the migration lock works).
PG_RECOUNT_LOCK = 7_151_303

#: Key of a kept row: (source, target, directed, grain, period).
Key = tuple[str, str, bool, str, str]


def week_label(iso: str) -> str:
    """ISO week label (``2024-W12``) of a date string; ``ValueError`` if malformed."""
    y, w, _ = date.fromisoformat(iso[:10]).isocalendar()
    return f"{y}-W{w:02d}"


def period_labels(iso: str) -> dict[str, str]:
    """The week, month and year labels of a stored date (week left out if malformed)."""
    out = {"month": iso[:7], "year": iso[:4]}
    try:
        out["week"] = week_label(iso)
    except ValueError:
        pass
    return out


def tally(rows: Iterable[tuple[Any, ...]]) -> dict[Key, dict[str, int]]:
    """Happenings per type for each (source, target, directed, grain, period), from
    dyad rows ``(source, target, date, type, happening_id, event_id)``; undated rows
    are skipped. Undirected keys have ``source < target``."""
    units: dict[Key, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    labels: dict[str, dict[str, str]] = {}
    for src, tgt, iso, typ, hid, eid in rows:
        if iso is None:
            continue
        unit = hid if hid is not None else str(eid)
        lo, hi = (src, tgt) if src < tgt else (tgt, src)
        per = labels.get(iso)
        if per is None:
            per = labels[iso] = period_labels(iso)
        for grain, period in per.items():
            units[(src, tgt, True, grain, period)][typ].add(unit)
            units[(lo, hi, False, grain, period)][typ].add(unit)
    return {k: {t: len(u) for t, u in sorted(by_type.items())} for k, by_type in units.items()}


def _pair_rows(conn: Connection, x: str, y: str, lower: str | None, upper: str | None):
    d = S.event_dyads.c
    conds = [or_(and_(d.source_country == x, d.target_country == y),
                 and_(d.source_country == y, d.target_country == x))]
    if lower is not None:
        conds += [d.date >= lower, d.date < upper]
    q = select(d.source_country, d.target_country, d.date, d.type, d.happening_id,
               d.event_id).where(*conds)
    return conn.execute(q)


def _span(years: set[str]) -> tuple[str, str, tuple[str, str], set[str]] | None:
    """For whole calendar years: the dates to read (``lower <= date < upper``), the
    years whose month and year rows are rewritten and the week labels rewritten
    (None when a year is malformed: recount the whole pair)."""
    if not all(len(y) == 4 and y.isdigit() for y in years):
        return None
    lo_y, hi_y = int(min(years)), int(max(years))
    if not 1 <= lo_y <= hi_y <= 9998:
        return None
    jan1, dec31 = date(lo_y, 1, 1), date(hi_y, 12, 31)
    start = jan1 - timedelta(days=jan1.weekday())  # Monday of the week of 1 January
    end = dec31 + timedelta(days=7 - dec31.weekday())  # the Monday after that week
    weeks = {week_label((start + timedelta(days=7 * i)).isoformat())
             for i in range((end - start).days // 7)}
    first = f"{lo_y:04d}"
    return min(start.isoformat(), first), end.isoformat(), (first, f"{hi_y:04d}"), weeks


def _rewritten(key: Key, years: tuple[str, str], weeks: set[str]) -> bool:
    if key[3] == "week":
        return key[4] in weeks
    return years[0] <= key[4][:4] <= years[1]


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":  # concurrent writers update one at a time
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_RECOUNT_LOCK})


def add(conn: Connection, rows: Iterable[tuple[Any, ...]]) -> None:
    """Add new events' dyad rows ``(source, target, date, type, None, event_id)`` to
    the counts: each event is a new happening, so its periods' counts grow by one
    (no reading of other dyad rows; 10 events into 1M took 600 ms recounted).

    Runs in the caller's transaction, after the rows went into ``event_dyads``.
    """
    new = tally(rows)
    if not new:
        return
    _lock(conn)
    c = S.dyad_counts.c
    by_pair: dict[tuple[str, str], list[Key]] = defaultdict(list)
    for key in new:
        by_pair[(min(key[0], key[1]), max(key[0], key[1]))].append(key)
    inserts, updates = [], []
    for (x, y), keys in sorted(by_pair.items()):
        q = (select(c.source_country, c.target_country, c.directed, c.grain, c.period, c.counts)
             .where(or_(and_(c.source_country == x, c.target_country == y),
                        and_(c.source_country == y, c.target_country == x)),
                    c.period.in_(sorted({k[4] for k in keys}))))
        old = {(s, t, bool(d), g, p): n for s, t, d, g, p, n in conn.execute(q).all()}
        for key in sorted(keys):
            if key in old:
                merged = dict(old[key])
                for typ, n in new[key].items():
                    merged[typ] = merged.get(typ, 0) + n
                updates.append({"s": key[0], "t": key[1], "d": key[2], "g": key[3],
                                "p": key[4], "counts": dict(sorted(merged.items()))})
            else:
                inserts.append(key)
    _write(conn, {k: new[k] for k in inserts})
    if updates:
        conn.execute(update(S.dyad_counts).where(
            c.source_country == bindparam("s"), c.target_country == bindparam("t"),
            c.directed == bindparam("d"), c.grain == bindparam("g"),
            c.period == bindparam("p")).values(counts=bindparam("counts")), updates)


def recount(conn: Connection, touched: Iterable[tuple[str, str, str | None]]) -> None:
    """Bring ``dyad_counts`` in step after dyad rows ``(source, target, date)`` were
    added, removed or given another happening (pass the old rows and the new).

    Runs in the caller's transaction, after its changes to ``event_dyads``.
    """
    years: dict[tuple[str, str], set[str]] = defaultdict(set)
    for src, tgt, iso in touched:
        if iso is not None and src != tgt:
            years[(min(src, tgt), max(src, tgt))].add(iso[:4])
    if not years:
        return
    _lock(conn)
    c = S.dyad_counts.c
    for (x, y), ys in sorted(years.items()):
        span = _span(ys)
        pair = or_(and_(c.source_country == x, c.target_country == y),
                   and_(c.source_country == y, c.target_country == x))
        if span is None:
            counts = tally(_pair_rows(conn, x, y, None, None))
            conn.execute(delete(S.dyad_counts).where(pair))
        else:
            lower, upper, yr, weeks = span
            counts = {k: n for k, n in tally(_pair_rows(conn, x, y, lower, upper)).items()
                      if _rewritten(k, yr, weeks)}
            conn.execute(delete(S.dyad_counts).where(pair, or_(
                and_(c.grain.in_(("month", "year")),
                     func.substr(c.period, 1, 4).between(yr[0], yr[1])),
                and_(c.grain == "week", c.period.in_(sorted(weeks))))))
        _write(conn, counts)


def _write(conn: Connection, counts: dict[Key, dict[str, int]]) -> None:
    rows = [{"source_country": s, "target_country": t, "directed": d, "grain": g,
             "period": per, "counts": by_type}
            for (s, t, d, g, per), by_type in sorted(counts.items())]
    for i in range(0, len(rows), 5000):
        conn.execute(insert(S.dyad_counts), rows[i:i + 5000])


def rebuild(conn: Connection) -> int:
    """Recount ``dyad_counts`` from every dyad row (migration 0007, bulk loads);
    returns the number of rows written."""
    d = S.event_dyads.c
    conn.execute(delete(S.dyad_counts))
    pairs = {(min(s, t), max(s, t)) for s, t in conn.execute(
        select(d.source_country, d.target_country).distinct()) if s != t}
    written = 0
    for x, y in sorted(pairs):
        counts = tally(_pair_rows(conn, x, y, None, None))
        _write(conn, counts)
        written += len(counts)
    return written


def read(conn: Connection, a: str, b: str, grain: str,
         directed: bool) -> dict[str, dict[str, int]]:
    """``{period: {TYPE: happenings}}`` of a pair (``a``→``b`` when ``directed``)."""
    c = S.dyad_counts.c
    x, y = (a, b) if directed or a < b else (b, a)
    q = (select(c.period, c.counts)
         .where(c.source_country == x, c.target_country == y, c.directed == directed,
                c.grain == grain))
    return dict(conn.execute(q).all())
