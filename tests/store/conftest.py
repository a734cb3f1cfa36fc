"""Fixtures of the store's test suite: every test runs on SQLite and on PostgreSQL.

The PostgreSQL runs need a server: ``SITREP_TEST_PG_URL`` names a database on it
that the tests may use as a maintenance connection (``.ci/postgres.sh`` starts one
and sets it). Each test gets a fresh database of its own, dropped afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from helpers import backend_url
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
