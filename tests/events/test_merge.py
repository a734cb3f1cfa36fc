"""Merging events into happenings: a fixture of short articles about two happenings."""

from __future__ import annotations

import pytest

from sitrep.events import merge
from sitrep.models import Event, EventArg, Place, Span

#: (article id, story id, published, text): two happenings, told in different
#: words by different outlets, plus syndicated copies (same story id).
ARTICLES = [
    ("a1", "s1", "2013-08-20", "Israel attacked Gaza on Monday, officials said."),
    ("a2", "s2", "2013-08-21", "Israel bombed Gaza on Monday."),
    ("a3", "s1", "2013-08-20", "Israel attacked Gaza on Monday, officials said."),
    ("a4", "s3", "2013-08-20", "Wang Yang met with Dmitry Rogozin in Harbin on Tuesday."),
    ("a5", "s4", "2013-08-21", "Dmitry Rogozin held talks with Wang Yang in Harbin on Tuesday."),
    ("a6", "s3", "2013-08-20", "Wang Yang met with Dmitry Rogozin in Harbin on Tuesday."),
]


@pytest.fixture(scope="module")
def coded(stage, make_article):
    events, stories = [], {}
    for aid, story, pub, text in ARTICLES:
        events += stage(make_article(text, published=pub, aid=aid)).events
        stories[aid] = story
    return events, stories


def test_two_happenings_with_source_counts(coded):
    events, stories = coded
    happenings = merge.group(events, stories)
    assert sorted(h.type for h in happenings) == ["ASSAULT", "CONSULT"]
    by_type = {h.type: h for h in happenings}
    attack, meeting = by_type["ASSAULT"], by_type["CONSULT"]
    assert (attack.n_articles, attack.n_sources) == (3, 2)
    assert (meeting.n_articles, meeting.n_sources) == (3, 2)
    assert attack.date == "2013-08-19" and meeting.date == "2013-08-20"
    assert meeting.location.name == "Harbin"
    assert sorted(s.article_id for s in attack.supports) == ["a1", "a2", "a3"]
    assert len(attack.reasons) == 3 and "joined" in attack.reasons[1]
    assert "3 articles, 2 sources" in merge.explain(attack)


def test_ids_are_stable_and_order_free(coded):
    events, stories = coded
    ids = sorted(h.id for h in merge.group(events, stories))
    assert ids == sorted(h.id for h in merge.group(list(reversed(events)), stories))


def test_dict_input_with_story_id(coded):
    import dataclasses

    events, stories = coded
    dicts = [{**dataclasses.asdict(e), "story_id": stories[e.article_id]} for e in events]
    assert sorted((h.type, h.n_sources) for h in merge.group(dicts)) == [("ASSAULT", 2), ("CONSULT", 2)]


def test_split_reverses_a_merge(coded):
    events, stories = coded
    attack = next(h for h in merge.group(events, stories) if h.type == "ASSAULT")
    parts = merge.split(attack, ["a2"])
    assert sorted(p.n_articles for p in parts) == [1, 2]
    assert {s.article_id for p in parts for s in p.supports} == {"a1", "a2", "a3"}


def _ev(aid, date, precision="day", place=None, type_="ASSAULT"):
    return Event(type_, Span(0, 10), actors=[EventArg("Israel", "Israel", "ISR")],
                 recipients=[EventArg("Gaza", "Gaza", "PSE")], date=date, date_precision=precision,
                 location=place, article_id=aid)


def test_dates_must_be_compatible():
    assert len(merge.group([_ev("x", "2013-08-19"), _ev("y", "2013-09-19")])) == 2
    assert len(merge.group([_ev("x", "2013-08-19"), _ev("y", "2013-08-12", "week")])) == 1
    assert len(merge.group([_ev("x", "2013-08-19"), _ev("y", "2013-08-01", "month")])) == 1
    assert len(merge.group([_ev("x", "2013-08-19"), _ev("y", "2013-07-01", "month")])) == 2


def test_places_must_be_compatible():
    harbin = Place(0, 1, "Harbin", "Harbin", 45.75, 126.65, "CHN")
    cairo = Place(0, 1, "Cairo", "Cairo", 30.04, 31.24, "EGY")
    assert len(merge.group([_ev("x", "2013-08-19", place=harbin), _ev("y", "2013-08-19", place=cairo)])) == 2
    assert len(merge.group([_ev("x", "2013-08-19", place=harbin), _ev("y", "2013-08-19")])) == 1


def test_types_and_directions_must_match():
    assert len(merge.group([_ev("x", "2013-08-19"), _ev("y", "2013-08-19", type_="COERCE")])) == 2
    reverse = _ev("y", "2013-08-19")
    reverse.actors, reverse.recipients = reverse.recipients, reverse.actors
    assert len(merge.group([_ev("x", "2013-08-19"), reverse])) == 2  # not a reciprocal type
