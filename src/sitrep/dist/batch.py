"""Batch processing on Dask: partitions → extraction + annotation → Parquet.

The stage code is the single-process code: each worker builds the ordinary
``Pipeline`` once (a ``WorkerPlugin`` holds it, so models load once per worker,
not once per task) and runs ``sitrep.service.process`` over its partition, as
``sitrep ingest`` does, writing Parquet instead of the store. ``sitrep load``
then puts the results in the store.

Runs are resumable: a partition whose done marker exists is skipped, so the same
command after a crash (of the client, a worker or the whole cluster) does only
what is missing. Dask itself re-runs the task of a worker that dies.
"""

from __future__ import annotations

import functools
import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from ..errors import UsageError
from ..models import RawDocument
from ..pipeline import Outcome, Pipeline
from .parquet import PartitionWriter, done_partitions, remove_leftovers
from .partition import Partition, plan, read_partition

#: Name under which the pipeline plugin is registered on every worker.
PLUGIN_NAME = "sitrep-pipeline"

PipelineFactory = Callable[[], Pipeline]
Reader = Callable[[Partition], Iterator[RawDocument | Outcome]]


def standard_pipeline(annotate: bool = True) -> Pipeline:
    """The standard pipeline (what ``sitrep ingest`` runs); built on each worker,
    with site profiles that record each article's vote for its site's home."""
    from ..factory import build_pipeline
    from ..nlp.site_places import SiteProfiles

    return build_pipeline(annotate=annotate, sites=SiteProfiles(record=True))


def process_partition(pipeline: Pipeline, part: Partition, out_dir: str,
                      reader: Reader = read_partition, batch_size: int | None = None) -> dict[str, Any]:
    """Run ``pipeline`` over one partition and write its Parquet files; return the summary.

    The actor facts the pipeline's KB learns from each article, and the
    article's vote for its site's home, are written with it (the worker's KB and
    site profiles keep growing across the partitions it runs; the store sums the
    votes of every worker when the output is loaded).
    """
    from ..service import BATCH_SIZE, KBJournal, SiteJournal, process

    writer = PartitionWriter(out_dir, part.id, pipeline.components)
    journal = KBJournal(pipeline_kb(pipeline))
    sites = pipeline_sites(pipeline)
    if sites is not None:
        sites.start_recording()
    site_journal = SiteJournal(sites)
    try:
        for outcome in process(reader(part), pipeline, None, batch_size or BATCH_SIZE):
            if outcome.ok and outcome.article:
                aid = outcome.article.id
                writer.add(outcome, journal.taught_by(aid), site_journal.voted_by(aid))
            else:
                writer.add(outcome)
        return writer.commit()
    except BaseException:
        writer.abort()
        raise


def pipeline_kb(pipeline: Pipeline) -> Any:
    """The knowledge base a stage of ``pipeline`` learns into (``.kb``), or None."""
    return next((s.kb for s in pipeline.stages if getattr(s, "kb", None) is not None), None)


def pipeline_sites(pipeline: Pipeline) -> Any:
    """The site profiles a stage of ``pipeline`` learns into (``.sites``), or None."""
    return next((s.sites for s in pipeline.stages if getattr(s, "sites", None) is not None), None)


class PipelinePlugin(WorkerPlugin):
    """Builds the pipeline once when a worker starts (or joins) and holds it."""

    name = PLUGIN_NAME

    def __init__(self, factory: PipelineFactory) -> None:
        self.factory = factory
        self.pipeline: Pipeline | None = None

    def setup(self, worker: Any) -> None:  # noqa: D102 - WorkerPlugin API
        self.pipeline = self.factory()

    def teardown(self, worker: Any) -> None:  # noqa: D102
        self.pipeline = None


def _task(part: Partition, out_dir: str, reader: Reader, batch_size: int | None) -> dict[str, Any]:
    """The Dask task: the worker's own pipeline over one partition."""
    from distributed import get_worker

    plugin = get_worker().plugins[PLUGIN_NAME]
    if plugin.pipeline is None:  # setup not run yet on a worker that joined late
        plugin.setup(get_worker())
    return process_partition(plugin.pipeline, part, out_dir, reader, batch_size)


@dataclass
class BatchResult:
    """What a batch run did."""

    partitions: int = 0
    skipped: int = 0
    counts: Counter = field(default_factory=Counter)
    failed_partitions: list[tuple[str, str]] = field(default_factory=list)
    workers: int = 0
    setup_s: float = 0.0
    process_s: float = 0.0

    def summary(self) -> str:
        """One line: partitions and document counts."""
        docs = ", ".join(f"{s} {self.counts.get(s, 0)}" for s in ("ok", "dropped", "failed", "present"))
        return (f"partitions {self.partitions} (already done {self.skipped}, "
                f"failed {len(self.failed_partitions)}); documents: {docs}")


def local_cluster(workers: int | None = None) -> Any:
    """A LocalCluster sized to the machine: one single-threaded process per core.

    One thread per process because the stages are CPU-bound Python (the GIL);
    memory is shared out evenly by Dask's ``memory_limit="auto"``.
    """
    import dask.config
    from distributed import LocalCluster

    n = workers or os.cpu_count() or 1
    with dask.config.set({"distributed.nanny.pre-spawn-environ": worker_environ()}):
        return LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                            dashboard_address=":0", silence_logs=logging.ERROR)


def worker_environ() -> dict[str, Any]:
    """Dask's environment for new worker processes, less ``MALLOC_TRIM_THRESHOLD_``.

    Setting any of glibc's malloc thresholds turns off its dynamic mmap threshold, so
    every allocation over 128 KB (the parser's and the NER's arrays) is mmapped and
    unmapped again, page faults and all: with Dask's default a worker ran the pipeline
    in 40-44 s where ``sitrep ingest`` takes 33 s on the same 50 bench pages; without
    it, 36 s. The one-thread BLAS settings stay.
    """
    import dask.config

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    return environ


def run_batch(inputs: Sequence[str], out_dir: str, *, scheduler: str | None = None,
              workers: int | None = None, factory: PipelineFactory | None = None,
              reader: Reader = read_partition, partitions: list[Partition] | None = None,
              batch_size: int | None = None,
              on_partition: Callable[[Partition, dict[str, Any] | None, str | None], None] | None = None,
              ) -> BatchResult:
    """Process ``inputs`` on a Dask cluster into Parquet under ``out_dir``.

    ``scheduler`` is the address of an existing cluster (``tcp://host:8786``);
    without it a LocalCluster of ``workers`` processes (default: one per core)
    is started and stopped. ``on_partition(part, summary, error)`` is called as
    each partition finishes.
    """
    from distributed import Client, as_completed

    if scheduler and workers:
        raise UsageError("--workers sizes a local cluster; an existing cluster (--scheduler) has its own")
    parts = partitions if partitions is not None else plan(inputs)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    remove_leftovers(out_dir)
    done = set(done_partitions(out_dir))
    todo = [p for p in parts if p.id not in done]
    result = BatchResult(partitions=len(parts), skipped=len(parts) - len(todo))
    if not todo:
        return result
    cluster = None if scheduler else local_cluster(workers)
    client = Client(scheduler or cluster)
    try:
        t0 = time.perf_counter()
        client.register_plugin(PipelinePlugin(factory or functools.partial(standard_pipeline)),
                               name=PLUGIN_NAME)
        result.workers = len(client.scheduler_info(n_workers=-1)["workers"])
        t1 = time.perf_counter()
        futures = {client.submit(_task, p, str(out_dir), reader, batch_size, pure=False,
                                 key=f"sitrep-part-{p.id}-{time.time_ns()}"): p for p in todo}
        for fut in as_completed(futures):
            part = futures[fut]
            try:
                summary = fut.result()
            except Exception as exc:  # noqa: BLE001 - one bad partition never stops the run
                result.failed_partitions.append((part.id, f"{type(exc).__name__}: {exc}"))
                if on_partition:
                    on_partition(part, None, str(exc))
                continue
            result.counts.update(summary["counts"])
            if on_partition:
                on_partition(part, summary, None)
        result.setup_s, result.process_s = t1 - t0, time.perf_counter() - t1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return result
