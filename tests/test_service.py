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


LONG = ("The defence ministry said on Monday that the navy would take delivery of two new "
        "frigates next spring, and that sea trials of the first ship had ended without any "
        "serious fault being found by the inspectors who sailed with the crew for a week.")


def test_story_signatures_are_stored_and_rebuild_the_index_across_runs(tiny_pipeline, store):
    """A near copy ingested in a later run joins the earlier story, from the stored
    signature alone (the text of a signed article is not read back)."""
    from sitrep.service import story_index

    ingest(iter([RawDocument("1", "a.txt", LONG.encode())]), tiny_pipeline, store,
           story_index=story_index(store))
    [(aid, story, fp, minhash, text)] = list(store.story_rows())
    assert story == aid and len(fp) == 40 and len(minhash) == 512 and text is None
    copy = LONG.replace("on Monday", "this week") + " Reporting by our correspondent."
    ingest(iter([RawDocument("2", "b.txt", copy.encode())]), tiny_pipeline, store,
           story_index=story_index(store))
    rows = Q.list_articles(store, Q.ArticleFilter())
    assert len(rows) == 2 and {r["story_id"] for r in rows} == {aid}
