"""``sitrep batch`` (Dask → Parquet) and ``sitrep load`` (Parquet → store)."""

from __future__ import annotations

import functools
import sys

import click

from .common import db_option, open_store


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, metavar="DIR",
              help="Output folder of the partitioned Parquet tables (created; re-runs resume).")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Address of an existing Dask scheduler (default: start a local cluster).")
@click.option("--workers", type=click.IntRange(min=1),
              help="Local cluster size (default: one single-threaded worker per core).")
@click.option("--no-annotate", is_flag=True, help="Extraction only (no NLP).")
@click.option("-v", "--verbose", is_flag=True, help="Print a line for every partition.")
def batch(inputs: tuple[str, ...], out_dir: str, scheduler: str | None, workers: int | None,
          no_annotate: bool, verbose: bool) -> None:
    """Extract and annotate INPUTS on a Dask cluster into partitioned Parquet.

    INPUTS are files or directories (walked recursively): text, HTML, gzip, JSON
    Lines (split into byte ranges) and WARC (one partition per file). Each worker
    loads the models once. Writes articles/, mentions/, actors/, places/, events/
    and outcomes/ under --out; a partition already done is skipped, so the same
    command after a crash finishes the job. Load the result with `sitrep load`.
    Exits 1 if a partition could not be processed.
    """
    from ..dist import run_batch
    from ..dist.batch import standard_pipeline

    def on_partition(part, summary, error) -> None:
        if error:
            click.echo(f"failed partition {part.id} ({part.describe()}): {error}", err=True)
        elif verbose:
            counts = ", ".join(f"{k} {v}" for k, v in sorted(summary["counts"].items()))
            click.echo(f"done {part.id} ({part.describe()}): {counts}")

    factory = functools.partial(standard_pipeline, annotate=not no_annotate)
    result = run_batch(list(inputs), out_dir, scheduler=scheduler, workers=workers,
                       factory=factory, on_partition=on_partition)
    click.echo(result.summary())
    if result.failed_partitions:
        sys.exit(1)


@click.command()
@click.argument("out_dir", metavar="DIR")
@db_option
def load(out_dir: str, db: str | None) -> None:
    """Load the Parquet output of `sitrep batch` in DIR into the store.

    Idempotent: articles already stored (same content hash) are counted as
    present and left alone, so loading again, or after a crash, stores each
    article once. Story ids are assigned and events merged into happenings as
    by `sitrep ingest`. Exits 1 if an article could not be stored.
    """
    from ..dist import load as run_load
    from ..service import merge_happenings, story_index

    store = open_store(db)
    counts = run_load(out_dir, store, story_index=story_index(store))
    if counts.by_status.get("ok"):
        merge_happenings(store)
    click.echo(counts.summary())
    if counts.by_status.get("failed"):
        sys.exit(1)
