"""Fixtures of the store's test suite: every test runs on SQLite and on PostgreSQL.

The PostgreSQL runs need a server: ``SITREP_TEST_PG_URL`` names a database on it
that the tests may use as a maintenance connection (``.ci/postgres.sh`` starts one
and sets it). Each test gets a fresh database of its own, dropped afterwards.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from helpers import backend_url
from sitrep.models import Article, Event, EventArg, Span, article_id_for, content_hash
from sitrep.store import Store

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS, ids=BACKENDS)
def db_url(request, tmp_path) -> Iterator[str]:
    """A URL (or SQLite path) of an empty database on each backend."""
    if request.param == "postgresql":
        request.applymarker(pytest.mark.postgres)
    yield from backend_url(request.param, tmp_path)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An open, migrated store on each backend."""
    s = Store.open(db_url)
    try:
        yield s
    finally:
        s.close()


def build_article(text: str, *, title: str | None = None, published: str | None = None,
                  publisher: str | None = None, language: str | None = "en",
                  story_id: str | None = None, with_event: tuple[str, str, str] | None = None):
    """A hand-made annotated article.

    ``with_event`` = (TYPE, actor country, recipient country or "") adds one event
    whose evidence is the first sentence and whose actors are the first two words.
    """
    from sitrep.models import (Actor, Article, Event, EventArg, Mention, Place, Span,
                               article_id_for, content_hash)

    digest = content_hash(text + (title or ""))
    a = Article(id=article_id_for(digest), source=f"test:{digest[:6]}", text=text,
                content_hash=digest, title=title, published=published, publisher=publisher,
                paragraphs=text.split("\n\n"), language=language, story_id=story_id,
                tags=["t1"], meta={"input_id": "in-" + digest[:4]}, annotated=True)
    words = text.split()
    first = text.index(words[0])
    a.mentions = [Mention(first, first + len(words[0]), words[0], "Organisation")]
    if with_event:
        typ, src, dst = with_event
        a.actors = [Actor(first, first + len(words[0]), words[0], words[0].upper(),
                          country=src, sector="MIL")]
        a.places = [Place(0, 1, text[0], "Somewhere", lat=1.5, lon=2.5, country=src)]
        end = text.find(".") + 1 or len(text)
        recipients = [EventArg(text="them", name="THEM", country=dst, sector="GOV")] if dst else []
        actors = [EventArg(text=words[0], name=words[0].upper(), country=src, sector="MIL")]
        if not dst:
            actors.append(EventArg(text="partner", name="PARTNER", country="RUS"))
        a.events = [Event(type=typ, evidence=Span(0, end), mode="military", context=["military"],
                          actors=actors, recipients=recipients, date=published,
                          date_precision="day" if published else None,
                          location=a.places[0], confidence=0.75, coder="test", coder_version="1")]
    return a


@pytest.fixture
def make_article():
    """The ``build_article`` factory."""
    return build_article


TYPES = ("AGREE", "CONSULT", "ASSAULT", "COOPERATE")
COUNTRIES = ("CHN", "RUS", "USA", "UKR")
#: Dates around month, ISO week and year boundaries.
DAYS = ("2019-12-30", "2020-01-01", "2020-01-31", "2020-02-01", "2020-12-31", "2021-01-02",
        "2021-01-04", "2021-06-15", "2021-06-15T09:30:00")


def coded_article_of(n: int, events: list[tuple[str, list[str], list[str], str | None]]) -> Article:
    """Article ``n`` with events (TYPE, actor countries, recipient countries, date)."""
    body = f"Report {n}. " + " ".join(f"Sentence {i}." for i in range(len(events)))
    digest = content_hash(body)
    a = Article(id=article_id_for(digest), source=f"t{n}", text=body, content_hash=digest,
                paragraphs=[body], language="en")
    for i, (typ, src, dst, day) in enumerate(events):
        a.events.append(Event(
            type=typ, evidence=Span(i, i + 1), actors=[EventArg(c, c, c) for c in src],
            recipients=[EventArg(c, c, c) for c in dst], date=day,
            date_precision="day" if day else None, coder="test", coder_version="1"))
    return a


def random_articles_of(seed: int, n: int) -> list[Article]:
    """``n`` articles of 1-3 random events among ``COUNTRIES`` on ``DAYS`` (10% undated)."""
    rng = random.Random(seed)
    arts = []
    for i in range(n):
        evs = []
        for _ in range(rng.randint(1, 3)):
            src, dst = rng.sample(COUNTRIES, 2)
            day = rng.choice(DAYS) if rng.random() > 0.1 else None
            recip = rng.random() < 0.3
            evs.append((rng.choice(TYPES), [src, dst] if recip else [src], [] if recip else [dst],
                        day))
        arts.append(coded_article_of(seed * 1000 + i, evs))
    return arts


@pytest.fixture
def coded_article():
    """The ``coded_article_of`` factory."""
    return coded_article_of


@pytest.fixture
def random_articles():
    """The ``random_articles_of`` factory."""
    return random_articles_of
