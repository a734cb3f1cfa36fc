"""Time expressions resolved against the publication date (Tuesday 2013-08-20)."""

import pytest

from sitrep.events.time import find_dates, resolve_date

PUB = "2013-08-20"  # a Tuesday


@pytest.mark.parametrize("text, expected", [
    ("officials met Monday", ("2013-08-19", "day")),
    ("a Chinese official said Tuesday", ("2013-08-20", "day")),
    ("the talks held on Friday", ("2013-08-16", "day")),
    ("last Tuesday", ("2013-08-13", "day")),
    ("concluded the operations last week", ("2013-08-12", "week")),
    ("this week", ("2013-08-19", "week")),
    ("commitments made in March", ("2013-03-01", "month")),
    ("a deal signed in September", ("2012-09-01", "month")),
    ("on August 19", ("2013-08-19", "day")),
    ("The exercises, launched July 27, included", ("2013-07-27", "day")),
    ("on 3 December", ("2012-12-03", "day")),
    ("Tuesday, August 20, 2013", ("2013-08-20", "day")),
    ("yesterday", ("2013-08-19", "day")),
    ("two days ago", ("2013-08-18", "day")),
    ("last month", ("2013-07-01", "month")),
    ("in 2012", ("2012-01-01", "year")),
    ("no time here at all", ("2013-08-20", "day")),
])
def test_resolve_date(text, expected):
    assert resolve_date(text, PUB) == expected


def test_publication_datetime_accepted():
    assert resolve_date("met Monday", "2013-08-20T15:49:00") == ("2013-08-19", "day")


def test_modal_may_is_not_a_month():
    assert resolve_date("May the talks succeed", PUB) == (PUB, "day")
    assert resolve_date("The army may attack", PUB) == (PUB, "day")


def test_next_is_future():
    assert resolve_date("will meet next Monday", PUB) == ("2013-08-26", "day")


def test_find_dates_offsets_and_order():
    text = "launched July 27 and concluded last week"
    found = find_dates(text, PUB)
    assert [f.text for f in found] == ["July 27", "last week"]
    assert text[found[0].start:found[0].end] == "July 27"


def test_unknown_publication_date():
    assert resolve_date("Monday", None) == (None, None)
