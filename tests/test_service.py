from sitrep.models import RawDocument
from sitrep.pipeline import Outcome
from sitrep.service import ingest
from sitrep.store import query as Q


def docs():
    yield RawDocument("1", "one.txt", b"Wang met Rogozin in Harbin.")
    yield RawDocument("2", "two.txt", b"")
    yield Outcome("3", "three.gz", "dropped", reason="truncated gzip")
    yield RawDocument("4", "four.txt", b"BUG in the extractor")
    yield RawDocument("5", "five.txt", b"Wang met Rogozin in Harbin.")  # same content as 1


def test_ingest_counts_every_outcome_and_stores_once(tiny_pipeline, store):
    seen = []
    counts = ingest(docs(), tiny_pipeline, store, on_outcome=seen.append)
    assert counts.summary() == "ok 1, dropped 2, failed 1, present 1"
    assert [o.source for o in seen if o.status == "present"] == ["five.txt"]
    assert Q.stats(store)["articles"] == 1
    again = ingest(docs(), tiny_pipeline, store)
    assert again.by_status["present"] == 2 and again.by_status["ok"] == 0
    assert Q.stats(store)["articles"] == 1


def test_stored_article_keeps_mentions_and_components(tiny_pipeline, store):
    ingest(iter([RawDocument("1", "one.txt", b"Wang met Rogozin.")]), tiny_pipeline, store)
    [row] = Q.list_articles(store, Q.ArticleFilter())
    art = store.get_article(row["id"])
    assert [m.text for m in art.mentions] == ["Wang", "Rogozin"]


def test_kb_facts_are_stored_with_their_article_and_reloaded(store):
    """A fact learnt from one article is kept (with provenance) for the next run."""
    import pytest

    pytest.importorskip("spacy")
    from sitrep.service import Ingestor, knowledge_base

    ing = Ingestor.standard(store)
    ing.run(iter([RawDocument("1", "one.txt",
                              b"Chinese Vice Premier Wang Yang met officials in Harbin on Tuesday.")]))
    rows = store.kb_rows()
    wang = [r for r in rows if r["name"] == "Wang Yang"]
    assert wang and wang[0]["country"] == "CHN" and wang[0]["sector"] == "GOV"
    [art] = Q.list_articles(store, Q.ArticleFilter())
    assert wang[0]["source"] == art["id"]
    entry = knowledge_base(store).lookup("Wang Yang")
    assert entry is not None and entry.source == art["id"]
