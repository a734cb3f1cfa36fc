"""One benchmark measurement, run in a child process: ``python -m sitrep.bench.cases CASE JSON``.

Prints one JSON object ``{"rows": [{"name", "docs", "words", "seconds", "hwm_mb"}]}``.
``hwm_mb`` is the process's peak RSS after that row (``VmHWM``); the parent also
reads the child's final peak RSS with ``os.wait4``. Model loading and reading the
input into memory are outside the timed sections unless a row says otherwise.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..models import Article, RawDocument

Row = dict[str, Any]

#: Partitions of the corpus in the Dask runs (the same for 1 and 2 workers):
#: enough for both workers to stay busy to the end.
DASK_PARTITIONS = 16


def _hwm_mb() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _row(name: str, docs: int, words: int, seconds: float, cpu: float | None = None) -> Row:
    return {"name": name, "docs": docs, "words": words, "seconds": seconds,
            "cpu_seconds": cpu, "hwm_mb": _hwm_mb()}


class _Clock:
    """Wall-clock and CPU seconds of this process since creation (CPU time is the
    fairer figure on a machine shared with other work)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def split(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def _raw(files: list[str]) -> list[RawDocument]:
    from ..ingest.readers import iter_documents

    return [d for d in iter_documents(files) if isinstance(d, RawDocument)]


def _extracted(files: list[str]) -> list[Article]:
    from ..extract import Extractor

    ex = Extractor()
    out = []
    for raw in _raw(files):
        try:
            out.append(ex(raw))
        except Exception:  # noqa: BLE001 - dropped pages are not part of the NLP corpus
            continue
    return out


def _words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def case_extract(files: list[str]) -> list[Row]:
    """Extraction alone over the pages (read into memory first)."""
    from ..extract import Extractor

    raws, ex, arts = _raw(files), Extractor(), []
    clock = _Clock()
    for raw in raws:
        try:
            arts.append(ex(raw))
        except Exception:  # noqa: BLE001 - a drop is an outcome; timing includes it
            pass
    return [_row("extract", len(raws), _words(arts), *clock.split())]


def case_stages(files: list[str]) -> list[Row]:
    """Each stage alone, in pipeline order, over all extracted articles (batched as in ingest)."""
    from ..factory import build_stages
    from ..service import BATCH_SIZE

    arts = [a for a in _extracted(files) if a.language in (None, "en")]
    stages = build_stages()
    rows, words = [], _words(arts)
    for stage in stages:
        clock = _Clock()
        done: list[Article] = []
        for i in range(0, len(arts), BATCH_SIZE):
            batch = arts[i:i + BATCH_SIZE]
            pipe: Callable | None = getattr(stage, "pipe", None)
            done += list(pipe(batch)) if pipe else [stage(a) for a in batch]
        for a in done:
            a.filled |= set(stage.assigns)
        arts = done
        rows.append(_row(f"stage {stage.name}", len(arts), words, *clock.split()))
    return rows


def case_spacy(files: list[str]) -> list[Row]:
    """spaCy's small English pipeline alone, exactly as the package ships it (none of
    sitrep's faster stand-ins), ``nlp.pipe`` over the same English texts."""
    from ..nlp.parse import PIPE_BATCH_SIZE, load_nlp

    arts = [a for a in _extracted(files) if a.language in (None, "en")]
    nlp = load_nlp(fast=False)
    clock = _Clock()
    for _ in nlp.pipe((a.text for a in arts), batch_size=PIPE_BATCH_SIZE):
        pass
    return [_row("spaCy en_core_web_sm alone", len(arts), _words(arts), *clock.split())]


def case_pipeline(files: list[str], annotate: bool = True) -> list[Row]:
    """The whole pipeline as ``sitrep ingest`` runs it: read, extract, annotate, store."""
    from ..factory import build_pipeline
    from ..ingest.readers import iter_documents
    from ..service import ingest
    from ..store import Store
    from ..store import query as Q

    pipeline = build_pipeline(annotate=annotate)
    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "b.db")) as store:
        words = 0

        def count(o) -> None:
            nonlocal words
            if o.ok and o.article is not None:
                words += len(o.article.text.split())

        clock = _Clock()
        counts = ingest(iter_documents(files), pipeline, store, on_outcome=count)
        seconds, cpu = clock.split()
        assert Q.stats(store)["articles"] == counts.by_status["ok"]
    name = "whole pipeline (ingest)" if annotate else "ingest --no-annotate"
    return [_row(name, sum(counts.by_status.values()), words, seconds, cpu)]


def case_dask(files: list[str], workers: int) -> list[Row]:
    """``sitrep batch`` on a local cluster of ``workers``; timed after the models are loaded."""
    import pyarrow.dataset as ds

    from ..dist import plan, run_batch

    parts = plan(files, files_per_partition=max(1, len(files) // DASK_PARTITIONS))
    with tempfile.TemporaryDirectory() as tmp:
        res = run_batch([], tmp, workers=workers, partitions=parts)
        arts = ds.dataset(Path(tmp) / "articles").to_table(columns=["text"]).column("text").to_pylist()
    words = sum(len(t.split()) for t in arts)
    row = _row(f"dask batch, {workers} worker{'s' if workers > 1 else ''}",
               sum(res.counts.values()), words, res.process_s)
    del row["hwm_mb"]  # the work ran in the workers: the parent's wait4 sees their peak
    row["setup_s"] = res.setup_s
    return [row]


CASES: dict[str, Callable[..., list[Row]]] = {
    "extract": case_extract, "stages": case_stages, "spacy": case_spacy,
    "pipeline": case_pipeline, "dask": case_dask,
}


def main(argv: list[str]) -> None:
    """Run ``argv[0]`` with keyword arguments from the JSON object ``argv[1]``."""
    case, kwargs = argv[0], json.loads(argv[1])
    rows = CASES[case](**kwargs)
    sys.stdout.write(json.dumps({"rows": rows}) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
