"""Batch on Dask into Parquet, resuming, and loading into the store (both backends)."""

from __future__ import annotations

import json

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from dist.distkit import bad_reader, tiny_pipeline, tiny_reader, write_corpus

from sitrep.dist import load, plan, process_partition, run_batch
from sitrep.dist.parquet import ARTICLE_TABLES, done_partitions, read_articles
from sitrep.errors import UsageError
from sitrep.store import Store
from sitrep.store import query as Q

N = 60  # 6 of them dropped (every 10th)


@pytest.fixture(scope="module")
def cluster():
    """One small local cluster shared by the tests of this module."""
    from sitrep.dist.batch import local_cluster

    c = local_cluster(2)
    yield c
    c.close()


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory, cluster):
    """A finished batch run over ``N`` documents in 8 partitions."""
    base = tmp_path_factory.mktemp("batch")
    write_corpus(base / "in", N)
    parts = plan([str(base / "in")], files_per_partition=8)
    res = run_batch([], str(base / "out"), scheduler=cluster.scheduler_address,
                    factory=tiny_pipeline, reader=tiny_reader, partitions=parts)
    return base, parts, res


def test_batch_writes_every_table(batch_out):
    base, parts, res = batch_out
    assert (res.partitions, res.skipped, res.failed_partitions) == (8, 0, [])
    assert dict(res.counts) == {"ok": 54, "dropped": 6}
    out = base / "out"
    assert len(done_partitions(out)) == 8
    arts = ds.dataset(out / "articles").to_table()
    assert arts.num_rows == 54 and len(set(arts.column("content_hash").to_pylist())) == 54
    assert ds.dataset(out / "events").to_table().num_rows == 54
    assert ds.dataset(out / "mentions").to_table().num_rows == 54 * 4
    outcomes = ds.dataset(out / "outcomes").to_table().to_pylist()
    assert sorted({o["status"] for o in outcomes}) == ["dropped", "ok"] and len(outcomes) == N
    assert {o["reason"] for o in outcomes if o["status"] == "dropped"} == {"asked to drop"}
    assert not list(out.rglob("*.tmp"))


def test_models_load_once_per_worker(batch_out):
    base, _, res = batch_out
    metas = ds.dataset(base / "out" / "articles").to_table().column("meta").to_pylist()
    runners = {json.loads(m)["worker"] for m in metas}
    pids = {r.split(":")[0] for r in runners}
    assert res.workers == 2
    assert len(runners) == len(pids) <= 2  # one pipeline object per worker process, 8 tasks


def test_rerun_does_only_missing_partitions(batch_out, cluster):
    base, parts, _ = batch_out
    out = base / "out"
    victim = done_partitions(out)[3]
    (out / "_done" / f"{victim}.json").unlink()
    before = {p.name: p.stat().st_mtime_ns for p in (out / "articles").iterdir()}
    res = run_batch([], str(out), scheduler=cluster.scheduler_address, factory=tiny_pipeline,
                    reader=tiny_reader, partitions=parts)
    # the partitions' ids hash their paths, so the victim may be the short last one
    victim_docs = len(next(p for p in parts if p.id == victim).paths)
    assert (res.skipped, sum(res.counts.values())) == (7, victim_docs)
    after = {p.name: p.stat().st_mtime_ns for p in (out / "articles").iterdir()}
    assert [n for n in after if after[n] != before[n]] == [f"part-{victim}.parquet"]
    leftover = out / "events" / f".part-{victim}.dead1234.tmp"  # from a killed task
    leftover.write_bytes(b"half a file")
    assert run_batch([], str(out), partitions=parts).skipped == 8  # nothing to do: no cluster
    assert not leftover.exists()


def test_load_is_idempotent(batch_out, db_url):
    base, _, _ = batch_out
    with Store.open(db_url) as store:
        first = load(base / "out", store)
        assert (first.by_status["ok"], first.by_status["present"]) == (54, 0)
        again = load(base / "out", store)
        assert (again.by_status["ok"], again.by_status["present"]) == (0, 54)
        stats = Q.stats(store)
        assert stats["articles"] == 54 and stats["events"] == 54
        facts = store.kb_rows()  # what the workers' KBs learnt, stored once per article
        assert len(facts) == 54 and {f["country"] for f in facts} == {"USA"}
        assert len({f["source"] for f in facts}) == 54
        # each article's site vote, cast on whichever worker ran it, stored once
        assert sorted(store.site_place_rows(), key=str) == [
            ("tiny.example", "USA", "VA", 54.0), ("tiny.example", "USA", None, 54.0),
            ("tiny.example", None, None, 54.0)]
        row = Q.list_articles(store, Q.ArticleFilter(limit=1))[0]
        art = store.get_article(row["id"])
        assert art.tags == ["x"] and art.mentions and art.actors[0].country == "USA"
        ev = art.events[0]
        assert (ev.type, ev.context, ev.recipients[0].country) == ("CONSULT", ["c"], "RUS")
        assert Q.count_events(store, Q.EventFilter(dyad=("USA", "RUS"))) == 54


def test_load_of_nothing_is_a_usage_error(tmp_path):
    with Store.open(str(tmp_path / "x.db")) as store, pytest.raises(UsageError):
        load(tmp_path, store)


def test_partition_round_trip_without_dask(tmp_path):
    write_corpus(tmp_path / "in", 5)
    (tmp_path / "in" / "doc9999.txt").write_text("Something BOOM here.")
    (part,) = plan([str(tmp_path / "in")])
    pipeline = tiny_pipeline()
    summary = process_partition(pipeline, part, str(tmp_path / "out"), tiny_reader)
    assert summary["counts"] == {"ok": 5, "failed": 1}
    assert summary["components"] == {"tiny": "1.0"}
    expected = {o.article.id: o.article for o in map(pipeline.process, tiny_reader(part)) if o.ok}
    got = {a.id: (a, comp, kb, votes)
           for a, comp, kb, votes in read_articles(tmp_path / "out", part.id)}
    assert set(got) == set(expected)
    for aid, (a, comp, kb, votes) in got.items():
        e = expected[aid]
        assert comp == {"tiny": "1.0"}
        assert [(f["name"], f["source"], f["evidence"]) for f in kb] == [("Navy", aid, a.text[:20])]
        assert sorted((v["article_id"], v["site"], v["country"] or "", v["admin1"] or "", v["votes"])
                      for v in votes) == [(aid, "tiny.example", "", "", 1.0),
                                          (aid, "tiny.example", "USA", "", 1.0),
                                          (aid, "tiny.example", "USA", "VA", 1.0)]
        assert (a.text, a.mentions, a.actors, a.events[0].actors) == (e.text, e.mentions, e.actors, e.events[0].actors)
        assert a.events[0].evidence == e.events[0].evidence
    import shutil  # output of a version without the KB and site tables loads, without them
    shutil.rmtree(tmp_path / "out" / "kb_actors")
    shutil.rmtree(tmp_path / "out" / "site_places")
    assert [kb + votes for _, _, kb, votes in read_articles(tmp_path / "out", part.id)] == [[]] * 5


def test_jsonl_partitions(tmp_path, cluster):
    f = tmp_path / "in.jsonl"
    f.write_text("".join(json.dumps({"id": str(i), "text": f"Unit {i} moved."}) + "\n" for i in range(30)))
    parts = plan([str(f)], jsonl_bytes=200)
    assert len(parts) > 3
    res = run_batch([], str(tmp_path / "out"), scheduler=cluster.scheduler_address,
                    factory=tiny_pipeline, reader=tiny_reader, partitions=parts)
    assert dict(res.counts) == {"ok": 30}


def test_a_failing_partition_does_not_stop_the_run(tmp_path, cluster):
    write_corpus(tmp_path / "in", 12)
    parts = plan([str(tmp_path / "in")], files_per_partition=4)
    res = run_batch([], str(tmp_path / "out"), scheduler=cluster.scheduler_address,
                    factory=tiny_pipeline, reader=bad_reader, partitions=parts)
    assert len(res.failed_partitions) == 1 and "disk on fire" in res.failed_partitions[0][1]
    assert len(done_partitions(tmp_path / "out")) == 2
    assert not list((tmp_path / "out").rglob("*.tmp"))
    for name in ARTICLE_TABLES:
        assert len(list((tmp_path / "out" / name).glob("*.parquet"))) == 2
    assert pq.ParquetFile(next((tmp_path / "out" / "articles").glob("*.parquet"))).metadata.num_rows > 0


def test_local_cluster_path(tmp_path):
    write_corpus(tmp_path / "in", 10)
    res = run_batch([str(tmp_path / "in")], str(tmp_path / "out"), workers=1,
                    factory=tiny_pipeline, reader=tiny_reader)
    assert (res.workers, dict(res.counts)) == (1, {"ok": 9, "dropped": 1})
    with pytest.raises(UsageError):
        run_batch([str(tmp_path / "in")], str(tmp_path / "o2"), scheduler="tcp://x:1", workers=2)


class _Stories:
    """A stand-in story index: every article is its own story, named after its id."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def assign(self, article_id: str, text: str) -> str:
        self.seen.append(article_id)
        return "story-" + article_id


def test_load_assigns_stories_in_one_place(batch_out, tmp_path):
    base, _, _ = batch_out
    stories = _Stories()
    with Store.open(str(tmp_path / "s.db")) as store:
        load(base / "out", store, story_index=stories)
        load(base / "out", store, story_index=stories)  # already stored: not assigned again
        rows = Q.list_articles(store, Q.ArticleFilter(limit=100))
    assert len(stories.seen) == 54
    assert all(r["story_id"] == "story-" + r["id"] for r in rows)


def test_local_workers_keep_glibcs_dynamic_mmap_threshold(cluster):
    """Dask's MALLOC_TRIM_THRESHOLD_ made a worker run the pipeline a quarter slower."""
    import os

    from distributed import Client

    with Client(cluster) as client:
        env = client.run(lambda: (os.environ.get("MALLOC_TRIM_THRESHOLD_"),
                                  os.environ.get("OMP_NUM_THREADS")))
    assert set(env.values()) == {(None, "1")}
