"""The dyad series kept in ``dyad_counts``: always the count a full recount gives,
after writes, replacements, merged happenings and on a migrated old database."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from sqlalchemy import delete, select, text

from sitrep.store import Store
from sitrep.store import dyad_counts as DC
from sitrep.store import query as Q
from sitrep.store import schema as S

def expected(store: Store, a: str, b: str, by: str, directed: bool) -> list[dict]:
    """The series counted from the dyad rows here, independently of the module."""
    d = S.event_dyads.c
    units: dict[tuple[str, str], set] = defaultdict(set)
    with store.engine.connect() as conn:
        rows = conn.execute(select(d.source_country, d.target_country, d.date, d.type,
                                   d.happening_id, d.event_id)).all()
    for src, tgt, day, typ, hid, eid in rows:
        if day is None or not ((src, tgt) == (a, b) or (not directed and (src, tgt) == (b, a))):
            continue
        if by == "week":
            y, w, _ = date.fromisoformat(day[:10]).isocalendar()
            period = f"{y}-W{w:02d}"
        else:
            period = day[:{"month": 7, "year": 4, "day": 10}[by]]
        units[(period, typ)].add(hid or f"event {eid}")
    return [{"period": p, "type": t, "count": len(u)} for (p, t), u in sorted(units.items())]


def check_all(store: Store) -> None:
    for a, b in (("CHN", "RUS"), ("RUS", "CHN"), ("USA", "UKR"), ("CHN", "USA")):
        for by in ("day", "week", "month", "year"):
            for directed in (False, True):
                got = Q.dyad_type_counts(store, a, b, by=by, directed=directed)
                assert got == expected(store, a, b, by, directed), (a, b, by, directed)


def test_counts_follow_writes_and_replacements(store, coded_article, random_articles):
    arts = random_articles(1, 25)
    for a in arts:
        assert store.add_article(a)
    check_all(store)
    redo = arts[3]
    redo.events = coded_article(99, [("ASSAULT", ["CHN"], ["RUS"], "2021-12-31")]).events
    store.replace_events(redo)
    check_all(store)


def test_merged_happening_counts_once_per_period(store, coded_article):
    article = coded_article
    a1 = article(1, [("AGREE", ["CHN"], ["RUS"], "2024-03-31")])
    a2 = article(2, [("AGREE", ["CHN"], ["RUS"], "2024-03-31")])
    a3 = article(3, [("AGREE", ["RUS"], ["CHN"], "2024-04-01")])
    for a in (a1, a2, a3):
        store.add_article(a)
    assert Q.dyad_type_counts(store, "CHN", "RUS", by="month") == [
        {"period": "2024-03", "type": "AGREE", "count": 2},
        {"period": "2024-04", "type": "AGREE", "count": 1}]
    with store.engine.connect() as conn:
        ids = conn.execute(select(S.events.c.id)).scalars().all()
    store.set_happenings({i: "h1" for i in ids})
    assert Q.dyad_type_counts(store, "CHN", "RUS", by="month") == [
        {"period": "2024-03", "type": "AGREE", "count": 1},
        {"period": "2024-04", "type": "AGREE", "count": 1}]
    assert Q.dyad_type_counts(store, "CHN", "RUS", by="year") == [
        {"period": "2024", "type": "AGREE", "count": 1}]
    assert Q.dyad_type_counts(store, "CHN", "RUS", by="month", directed=True) == [
        {"period": "2024-03", "type": "AGREE", "count": 1}]
    check_all(store)


def test_a_write_in_january_recounts_the_week_it_shares_with_december(store, coded_article):
    article = coded_article
    # 2020-12-31 and 2021-01-02 are both in ISO week 2020-W53.
    store.add_article(article(1, [("CONSULT", ["USA"], ["UKR"], "2020-12-31")]))
    store.add_article(article(2, [("CONSULT", ["USA"], ["UKR"], "2021-01-02")]))
    assert Q.dyad_type_counts(store, "USA", "UKR", by="week") == [
        {"period": "2020-W53", "type": "CONSULT", "count": 2}]
    check_all(store)


def test_malformed_dates_are_counted_as_before(store, coded_article):
    article = coded_article
    store.add_article(article(1, [("CONSULT", ["USA"], ["UKR"], "2020-13-45"),
                                  ("CONSULT", ["USA"], ["UKR"], "sometime"),
                                  ("CONSULT", ["USA"], ["UKR"], "2020-02-01")]))
    assert Q.dyad_type_counts(store, "USA", "UKR", by="month") == [
        {"period": "2020-02", "type": "CONSULT", "count": 1},
        {"period": "2020-13", "type": "CONSULT", "count": 1},
        {"period": "sometim", "type": "CONSULT", "count": 1}]
    assert [r["period"] for r in Q.dyad_type_counts(store, "USA", "UKR", by="week")] == [
        "2020-W05"]


def test_migration_backfills_an_old_database(db_url, random_articles):
    with Store.open(db_url) as s:
        for a in random_articles(2, 15):
            s.add_article(a)
        with s.engine.begin() as conn:  # as a database from before 0007 would be
            conn.execute(delete(S.dyad_counts))
            conn.execute(delete(S.schema_migrations).where(
                S.schema_migrations.c.name == "0007_dyad_counts"))
        assert Q.dyad_type_counts(s, "CHN", "RUS", by="month") == []
    with Store.open(db_url) as s:
        with s.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM dyad_counts")).scalar_one() > 0
        check_all(s)


def test_rebuild_equals_kept_counts(store, random_articles):
    for a in random_articles(3, 15):
        store.add_article(a)
    c = S.dyad_counts.c
    order = (c.source_country, c.target_country, c.directed, c.grain, c.period)
    with store.engine.connect() as conn:
        kept = conn.execute(select(S.dyad_counts).order_by(*order)).all()
    assert kept and store.rebuild_dyad_counts() == len(kept)
    with store.engine.connect() as conn:
        assert conn.execute(select(S.dyad_counts).order_by(*order)).all() == kept


@pytest.mark.parametrize("iso,labels", [
    ("2024-03-20", {"week": "2024-W12", "month": "2024-03", "year": "2024"}),
    ("2021-01-02T10:00:00", {"week": "2020-W53", "month": "2021-01", "year": "2021"}),
    ("2024", {"month": "2024", "year": "2024"}),
])
def test_period_labels(iso, labels):
    assert DC.period_labels(iso) == labels
