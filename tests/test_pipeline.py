import pytest

from sitrep.errors import PipelineError
from sitrep.models import RawDocument
from sitrep.pipeline import Counts, Pipeline, check_order

from helpers import TextExtractor, make_article


class NeedsDoc:
    name, version = "needs", "0"
    requires, assigns = frozenset({"doc"}), frozenset({"x"})

    def __call__(self, a):
        return a


def test_check_order_refuses_unmet_needs():
    with pytest.raises(PipelineError, match="needs"):
        check_order([NeedsDoc()])


def test_pipeline_construction_checks_order():
    with pytest.raises(PipelineError):
        Pipeline(TextExtractor(), [NeedsDoc()])


def test_process_ok_dropped_failed(tiny_pipeline):
    ok = tiny_pipeline.process(RawDocument("a", "a.txt", b"Hello Harbin."))
    assert ok.status == "ok" and [m.text for m in ok.article.mentions] == ["Hello", "Harbin"]
    assert ok.article.annotated and "mentions" in ok.article.filled
    dropped = tiny_pipeline.process(RawDocument("b", "b.txt", b"  "))
    assert dropped.status == "dropped" and dropped.reason == "empty document"
    failed = tiny_pipeline.process(RawDocument("c", "c.txt", b"BUG here"))
    assert failed.status == "failed" and "simulated bug" in failed.reason
    assert "RuntimeError" in failed.traceback


class BoomOnSecond:
    name, version = "boom", "0"
    requires, assigns = frozenset(), frozenset({"y"})

    def __call__(self, a):
        if "boom" in a.text:
            raise ValueError("boom")
        return a

    def pipe(self, articles):
        return [self(a) for a in articles]


def test_annotate_many_isolates_a_failing_document():
    p = Pipeline(None, [BoomOnSecond()])
    arts = [make_article("one"), make_article("boom"), make_article("three")]
    outcomes = list(p.annotate_many(arts, batch_size=8))
    assert sorted(o.status for o in outcomes) == ["failed", "ok", "ok"]


def test_non_english_is_kept_but_not_annotated(tiny_pipeline):
    art = make_article("Guten Tag Berlin", language="de")
    out = tiny_pipeline.annotate(art)
    assert out.ok and not out.article.annotated and out.article.mentions == []


def test_counts_summary():
    c = Counts()
    from sitrep.pipeline import Outcome

    for s in ("ok", "ok", "dropped", "present"):
        c.add(Outcome("x", "x", s))
    assert c.summary() == "ok 2, dropped 1, failed 0, present 1"


class Appender:
    """A stage that appends (like the caption stage) and fails on "boom"."""

    name, version = "append", "0"
    requires, assigns = frozenset(), frozenset({"mentions"})

    def __call__(self, a):
        from sitrep.models import Mention

        a.mentions.append(Mention(0, 1, a.text[:1], "Location"))
        return a

    def pipe(self, articles):
        return [self(a) for a in articles]


def test_rerun_after_a_batch_failure_does_not_double_results():
    p = Pipeline(None, [Appender(), BoomOnSecond()])
    arts = [make_article("one"), make_article("boom"), make_article("three")]
    ok = [o for o in p.annotate_many(arts, batch_size=8) if o.ok]
    assert len(ok) == 2 and all(len(o.article.mentions) == 1 for o in ok)
