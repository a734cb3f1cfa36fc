"""Dyad pages' helpers; the series itself is ``sitrep.events.dyads.series``."""

from __future__ import annotations



def period_range(period: str) -> tuple[str, str]:
    """First and last day (YYYY-MM-DD prefixes) of a period label, for click-through."""
    from datetime import date, timedelta

    if "-W" in period:
        year, week = period.split("-W")
        start = date.fromisocalendar(int(year), int(week), 1)
        return start.isoformat(), (start + timedelta(days=6)).isoformat()
    return period, period
