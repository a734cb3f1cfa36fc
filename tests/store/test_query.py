"""The query layer on SQLite and PostgreSQL: the same answers from both."""

from __future__ import annotations

import pytest

from sqlalchemy import select

from sitrep.errors import UsageError

from sitrep.store import query as Q
from sitrep.store import schema as S


@pytest.fixture
def filled(store, make_article):
    """A store with four articles and three events."""
    arts = [
        make_article("Chinese missiles were launched near Taiwan. More text here.",
                     title="Missile drills", published="2024-03-05T08:00:00",
                     publisher="Alpha", story_id="s1", with_event=("ASSAULT", "CHN", "TWN")),
        make_article("Russia and China held a joint naval exercise. Ships sailed.",
                     title="Joint exercise", published="2024-03-20", publisher="Beta",
                     with_event=("COOPERATE", "CHN", "")),
        make_article("Ukraine accused Russia of shelling. Officials spoke.",
                     title="Shelling", published="2024-04-01", publisher="Alpha",
                     story_id="s1", with_event=("ACCUSE", "UKR", "RUS")),
        make_article("Le ministre a parlé de défense aérienne.", title="Défense",
                     published="2023-12-31", publisher="Gamma", language="fr"),
    ]
    for a in arts:
        assert store.add_article(a)
    return store, arts


def _ids(rows):
    return [r["id"] for r in rows]


def test_full_text_uses_stemming(filled):
    store, arts = filled
    assert _ids(Q.list_articles(store, Q.ArticleFilter(text="missile"))) == [arts[0].id]
    assert _ids(Q.list_articles(store, Q.ArticleFilter(text="exercises"))) == [arts[1].id]
    assert _ids(Q.list_articles(store, Q.ArticleFilter(text="shelling Ukraine"))) == [arts[2].id]
    assert Q.list_articles(store, Q.ArticleFilter(text="submarine")) == []


def test_full_text_tolerates_punctuation(filled):
    store, _ = filled
    for q in ('"missile', "missile's", "a AND (b", "drills:"):
        Q.list_articles(store, Q.ArticleFilter(text=q))


def test_article_filters_and_order(filled):
    store, arts = filled
    every = Q.list_articles(store, Q.ArticleFilter())
    assert _ids(every) == [arts[2].id, arts[1].id, arts[0].id, arts[3].id]
    assert "text" not in every[0]
    assert _ids(Q.list_articles(store, Q.ArticleFilter(since="2024-03-06"))) == [arts[2].id, arts[1].id]
    assert _ids(Q.list_articles(store, Q.ArticleFilter(until="2024-03-05"))) == [arts[0].id, arts[3].id]
    assert _ids(Q.list_articles(store, Q.ArticleFilter(publisher="Alpha"))) == [arts[2].id, arts[0].id]
    assert _ids(Q.list_articles(store, Q.ArticleFilter(country="chn"))) == [arts[1].id, arts[0].id]
    assert _ids(Q.list_articles(store, Q.ArticleFilter(language="fr"))) == [arts[3].id]
    assert _ids(Q.list_articles(store, Q.ArticleFilter(story_id="s1"))) == [arts[2].id, arts[0].id]
    assert _ids(Q.list_articles(store, Q.ArticleFilter(limit=2, offset=1))) == [arts[1].id, arts[0].id]


def test_bad_page_is_usage_error(filled):
    store, _ = filled
    with pytest.raises(UsageError):
        Q.list_articles(store, Q.ArticleFilter(limit=0))
    with pytest.raises(UsageError):
        Q.list_events(store, Q.EventFilter(offset=-1))


def test_event_filters(filled):
    store, arts = filled
    def types(**kw):
        return [r["type"] for r in Q.list_events(store, Q.EventFilter(**kw))]

    assert types() == ["ASSAULT", "COOPERATE", "ACCUSE"]
    assert types(types=["assault", "ACCUSE"]) == ["ASSAULT", "ACCUSE"]
    assert types(dyad=("TWN", "CHN")) == ["ASSAULT"]
    assert types(dyad=("TWN", "CHN"), directed=True) == []
    assert types(dyad=("RUS", "CHN")) == ["COOPERATE"]
    assert types(country="rus") == ["COOPERATE", "ACCUSE"]
    assert types(actor="PARTNER") == ["COOPERATE"]
    assert types(since="2024-03-06", until="2024-03-31") == ["COOPERATE"]
    assert types(until="2024-03-05") == ["ASSAULT"]
    assert types(text="accused") == ["ACCUSE"]
    assert types(article_id=arts[0].id) == ["ASSAULT"]
    row = Q.list_events(store, Q.EventFilter(types=["ACCUSE"]))[0]
    assert row["article_title"] == "Shelling"
    assert row["actors"][0]["country"] == "UKR" and row["context"] == ["military"]
    assert row["evidence_text"] == "Ukraine accused Russia of shelling."
    assert Q.count_events(store, Q.EventFilter(country="CHN", limit=1)) == 2


def test_dyad_type_counts(filled):
    store, _ = filled
    rows = Q.dyad_type_counts(store, "chn", "rus", by="month")  # undirected: the pair counts once
    assert rows == [{"period": "2024-03", "type": "COOPERATE", "count": 1}]
    assert len(Q.dyad_type_counts(store, "RUS", "CHN", directed=True)) == 1
    assert Q.dyad_type_counts(store, "CHN", "RUS", by="week", directed=True)[0]["period"] == "2024-W12"
    assert Q.dyad_type_counts(store, "CHN", "TWN", by="year")[0]["period"] == "2024"
    with pytest.raises(UsageError):
        Q.dyad_type_counts(store, "CHN", "TWN", by="decade")


def test_stats(filled):
    store, _ = filled
    assert Q.stats(store) == {"articles": 4, "mentions": 4, "actors": 3, "places": 3, "events": 3}


def test_postgres_full_text_uses_its_gin_index(filled):
    store, _ = filled
    if store.dialect != "postgresql":
        pytest.skip("PostgreSQL's own facility only")
    from sqlalchemy import text

    with store.engine.connect() as conn:
        conn.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(r[0] for r in conn.execute(text(
            "EXPLAIN SELECT id FROM articles WHERE to_tsvector('english', "
            "coalesce(articles.title, '') || ' ' || articles.text) @@ plainto_tsquery('english', 'x')")))
    assert "ix_articles_fts" in plan


def test_dyad_pages_from_the_pair_index_match_a_plain_filter(store, random_articles):
    """Pages of one dyad read from ``ix_dyads_pair`` give the events, order and
    pages that filtering every event would."""
    for a in random_articles(4, 30):
        store.add_article(a)
    d = S.event_dyads.c
    with store.engine.connect() as conn:
        dyad_rows = conn.execute(select(d.event_id, d.source_country, d.target_country)).all()
    every = Q.list_events(store, Q.EventFilter(limit=Q.MAX_LIMIT))
    for directed in (False, True):
        for kw in ({}, {"types": ["agree", "CONSULT"]}, {"since": "2020-02-01"},
                   {"until": "2021-01-02", "types": ["COOPERATE"]}):
            ids = {e for e, s, t in dyad_rows
                   if (s, t) == ("CHN", "RUS") or (not directed and (s, t) == ("RUS", "CHN"))}
            want = [r["id"] for r in every if r["id"] in ids
                    and (not kw.get("types") or r["type"] in {t.upper() for t in kw["types"]})
                    and (not kw.get("since") or (r["date"] or "") >= kw["since"])
                    and (not kw.get("until") or (r["date"] or "\uffff") <= kw["until"] + "\uffff")]
            for offset in range(0, len(want) + 2, 3):
                got = Q.list_events(store, Q.EventFilter(dyad=("chn", "rus"), directed=directed,
                                                         limit=3, offset=offset, **kw))
                assert [r["id"] for r in got] == want[offset:offset + 3], (directed, kw, offset)
            assert all(r["article_title"] is None or isinstance(r["article_title"], str)
                       for r in got)


def test_frequent_words_walk_articles_newest_first(filled, monkeypatch):
    store, _ = filled
    queries = ("missile", "exercises", "shelling Ukraine", "the", "submarine")
    sorted_ = [Q.list_articles(store, Q.ArticleFilter(text=q)) for q in queries]
    monkeypatch.setattr(Q, "FTS_WALK_MIN", 1)
    assert [Q.list_articles(store, Q.ArticleFilter(text=q)) for q in queries] == sorted_
