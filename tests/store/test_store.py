"""The Store on SQLite and PostgreSQL: migrations, atomic writes, round trips."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select, text

from sitrep.errors import NotFound, StorageError
from sitrep.models import Event, Span
from sitrep.store import Store
from sitrep.store import query as Q
from sitrep.store import schema as S
from sitrep.store.migrations import MIGRATIONS


def test_migrations_recorded_once(db_url):
    with Store.open(db_url) as s:
        with s.engine.connect() as conn:
            names = list(conn.execute(select(S.schema_migrations.c.name)).scalars())
        assert names == [n for n, _ in MIGRATIONS]
    with Store.open(db_url) as s:
        assert s.migrate() == []


def test_dialect_is_backend(store, request):
    backend = request.node.callspec.params["db_url"]
    assert store.dialect == backend


def test_round_trip_keeps_everything(store, make_article):
    a = make_article("Navy ships sailed. Unicode 🚀 stays in place. Second para.",
                     title="T", published="2024-05-01", publisher="P",
                     with_event=("ASSAULT", "CHN", "TWN"))
    assert store.add_article(a, {"parse": "1"})
    b = store.get_article(a.id)
    assert b.text == a.text and b.title == "T" and b.tags == ["t1"]
    assert b.paragraphs == a.paragraphs and b.meta == a.meta and b.annotated
    assert [(m.start, m.end, m.label) for m in b.mentions] == [(0, 4, "Organisation")]
    assert b.actors[0].country == "CHN" and b.places[0].lat == 1.5
    ev = b.events[0]
    assert (ev.type, ev.evidence, ev.confidence) == ("ASSAULT", Span(0, 18), 0.75)
    assert ev.actors[0].country == "CHN" and ev.recipients[0].country == "TWN"
    assert ev.location is not None and ev.location.name == "Somewhere"
    assert b.text[ev.evidence.start:ev.evidence.end] == "Navy ships sailed."


def test_same_content_is_stored_once(store, make_article):
    a = make_article("Army units moved.", with_event=("MOBILIZE", "RUS", ""))
    assert store.add_article(a) is True
    assert store.add_article(make_article("Army units moved.", with_event=("MOBILIZE", "RUS", ""))) is False
    assert store.find_hash(a.content_hash) == a.id
    assert Q.stats(store) == {"articles": 1, "mentions": 1, "actors": 1, "places": 1, "events": 1}


def test_write_is_atomic(store, make_article):
    a = make_article("Air force jets flew.", with_event=("COERCE", "USA", "IRN"))
    a.events.append(Event(type=None, evidence=Span(0, 3)))  # violates NOT NULL
    with pytest.raises(StorageError):
        store.add_article(a)
    assert store.find_hash(a.content_hash) is None
    assert Q.stats(store) == {"articles": 0, "mentions": 0, "actors": 0, "places": 0, "events": 0}


def test_replace_events(store, make_article):
    a = make_article("Leaders met in Geneva.", published="2024-01-02",
                     with_event=("CONSULT", "USA", "RUS"))
    store.add_article(a)
    a.events[0].type = "AGREE"
    a.events[0].coder_version = "2"
    store.replace_events(a)
    got = store.get_article(a.id).events
    assert [(e.type, e.coder_version) for e in got] == [("AGREE", "2")]
    assert Q.count_events(store, Q.EventFilter(dyad=("USA", "RUS"))) == 1


def test_replace_events_keeps_split_marks(store, make_article):
    import copy

    from sitrep.models import Span

    a = make_article("Leaders met in Geneva. Troops moved north.", published="2024-01-02",
                     with_event=("CONSULT", "USA", "RUS"))
    second = copy.deepcopy(a.events[0])
    second.type, second.evidence = "MOBILIZE", Span(23, 42)
    a.events.append(second)
    store.add_article(a)
    first_id = min(r["id"] for r in store.events_for_merge(article_id=a.id))
    assert store.set_merge_apart("split:h1", event_ids=[first_id]) == 1

    # re-coded: the marked sentence keeps its mark, the other sentence stays unmarked
    a.events[0].type = "AGREE"
    store.replace_events(a)
    marks = {r["type"]: r["merge_apart"] for r in store.events_for_merge(article_id=a.id)}
    assert marks == {"AGREE": "split:h1", "MOBILIZE": None}

    # a split of the whole article carries over to events from new sentences too
    store.set_merge_apart("split:h2", article_id=a.id)
    a.events[1].evidence = Span(0, 42)
    store.replace_events(a)
    marks = {r["type"]: r["merge_apart"] for r in store.events_for_merge(article_id=a.id)}
    assert marks == {"AGREE": "split:h2", "MOBILIZE": "split:h2"}


def test_missing_article_is_not_found(store):
    with pytest.raises(NotFound):
        store.get_article("nope")


def test_concurrent_writers_store_each_article_once(db_url, make_article):
    articles = [make_article(f"Report number {i} on patrols.") for i in range(40)]
    results: list[bool] = []
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            with Store.open(db_url) as s:
                for art in articles:
                    results.append(s.add_article(art))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    Store.open(db_url).close()  # migrate once before the race
    threads = [threading.Thread(target=writer) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert results.count(True) == len(articles)
    with Store.open(db_url) as s:
        assert Q.stats(s)["articles"] == len(articles)
        with s.engine.connect() as conn:
            dupes = conn.execute(text(
                "SELECT count(*) FROM (SELECT content_hash FROM articles "
                "GROUP BY content_hash HAVING count(*) > 1) d")).scalar_one()
        assert dupes == 0


def test_concurrent_migrations(db_url):
    errors: list[BaseException] = []

    def opener() -> None:
        try:
            Store.open(db_url).close()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with Store.open(db_url) as s:
        with s.engine.connect() as conn:
            names = list(conn.execute(select(S.schema_migrations.c.name)).scalars())
    assert sorted(names) == sorted(n for n, _ in MIGRATIONS)


def test_opening_a_migrated_store_does_not_wait_for_writers(db_url):
    import time

    from sitrep.store.migrations import _lock

    with Store.open(db_url) as s, s.engine.connect() as holder:
        holder.begin()
        _lock(holder)  # another process migrating / writing holds the lock
        t0 = time.perf_counter()
        Store.open(db_url).close()
        assert time.perf_counter() - t0 < 5
        holder.rollback()


def test_every_write_moves_the_data_version(store, make_article):
    art = make_article("China and Russia met. Talks went on.", published="2024-03-05",
                       with_event=("CONSULT", "CHN", "RUS"))
    v0 = store.version()
    assert store.add_article(art) and store.version() > v0
    v1 = store.version()
    assert not store.add_article(art) and store.version() == v1  # already stored
    store.replace_events(store.get_article(art.id))
    v2 = store.version()
    assert v2 > v1
    with store.engine.connect() as conn:
        (eid,) = conn.execute(select(S.events.c.id)).scalars().all()
    store.set_happenings({eid: "h"})
    assert store.version() > v2
    v3 = store.version()
    store.set_happenings({eid: "h"})  # nothing changes
    assert store.version() == v3


def test_story_rows_carry_the_signature_or_else_the_text(store, make_article):
    signed, unsigned = make_article("Signed text here."), make_article("Unsigned older text.")
    packed = bytes(range(256)) * 2
    assert store.add_article(signed, signature=("f" * 40, packed))
    assert store.add_article(unsigned)
    rows = {r[0]: r for r in store.story_rows()}
    assert rows[signed.id][2:] == ("f" * 40, packed, None)
    assert rows[unsigned.id][2:] == (None, None, "Unsigned older text.")


def test_an_older_store_gains_site_places_once(db_url, monkeypatch):
    """Migration 0011 runs on a store migrated before it, then never again."""
    import sitrep.store.migrations as M

    upto = [n for n, _ in MIGRATIONS].index("0011_site_places")
    monkeypatch.setattr(M, "MIGRATIONS", MIGRATIONS[:upto])
    with Store.open(db_url) as s, s.engine.begin() as conn:
        S.site_places.drop(conn)  # as a store created before 0011 (0001 creates every table)
    monkeypatch.setattr(M, "MIGRATIONS", MIGRATIONS)
    with Store.open(db_url, migrate_schema=False) as s:
        assert s.migrate()[0] == "0011_site_places"
        assert s.migrate() == []
        assert s.site_place_rows() == []
        with s.engine.connect() as conn:
            names = list(conn.execute(select(S.schema_migrations.c.name)).scalars())
        assert names.count("0011_site_places") == 1


def site_rows(site, *rows):
    return [{"site": site, "country": c, "admin1": a, "votes": v} for c, a, v in rows]


def test_site_votes_round_trip_summed_per_site(store, make_article):
    one, two, other = (make_article(t) for t in ("Tyler fair.", "Lufkin fire.", "Paris talks."))
    assert store.add_article(one, site_rows=site_rows(
        "tylerpaper.com", (None, None, 1.0), ("USA", None, 1.0), ("USA", "TX", 1.0)))
    assert store.add_article(two, site_rows=site_rows(
        "tylerpaper.com", (None, None, 1.0), ("USA", None, 0.5), ("USA", "TX", 0.25),
        ("MEX", None, 0.5)))
    assert store.add_article(other, site_rows=site_rows("news.fr", (None, None, 1.0),
                                                        ("FRA", None, 1.0)))
    got = {(s, c, a): v for s, c, a, v in store.site_place_rows()}
    assert got == {("tylerpaper.com", None, None): 2.0, ("tylerpaper.com", "USA", None): 1.5,
                   ("tylerpaper.com", "USA", "TX"): 1.25, ("tylerpaper.com", "MEX", None): 0.5,
                   ("news.fr", None, None): 1.0, ("news.fr", "FRA", None): 1.0}


def test_a_duplicate_article_adds_no_site_vote(store, make_article):
    rows = site_rows("tylerpaper.com", (None, None, 1.0), ("USA", "TX", 1.0))
    assert store.add_article(make_article("Tyler fair."), site_rows=rows)
    assert store.add_article(make_article("Tyler fair."), site_rows=rows) is False
    assert sorted(store.site_place_rows(), key=str) == sorted(
        [("tylerpaper.com", None, None, 1.0), ("tylerpaper.com", "USA", "TX", 1.0)], key=str)


def test_site_votes_are_written_with_the_article_or_not_at_all(store, make_article):
    a = make_article("Air force jets flew.", with_event=("COERCE", "USA", "IRN"))
    a.events.append(Event(type=None, evidence=Span(0, 3)))  # violates NOT NULL
    with pytest.raises(StorageError):
        store.add_article(a, site_rows=site_rows("x.com", (None, None, 1.0)))
    assert store.site_place_rows() == []
