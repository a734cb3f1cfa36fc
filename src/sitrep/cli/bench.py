"""``sitrep bench``: throughput, memory and Dask speed-up benchmarks (``make bench``)."""

from __future__ import annotations

import json

import click


@click.group(invoke_without_command=True)
@click.option("--data", "data_dir", default=None, metavar="DIR",
              help="Development data folder (default: $SITREP_DATA or a shared/data found nearby).")
@click.option("--docs", "n_docs", default=150, show_default=True,
              help="Pages of the fixed corpus (Zyte, WCXB and flat-text pages interleaved).")
@click.option("--no-dask", is_flag=True, help="Skip the Dask 1- and 2-worker runs.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as one JSON object.")
@click.pass_context
def bench(ctx: click.Context, data_dir: str | None, n_docs: int, no_dask: bool, as_json: bool) -> None:
    """Benchmark extraction, each stage, the whole pipeline, spaCy alone and Dask.

    Prints docs/s, words/s and peak RSS per measurement, the ratio of the whole
    pipeline to spaCy's en_core_web_sm alone on the same texts, and the Dask
    speed-up from 1 to 2 workers. Each measurement runs in its own process.
    """
    if ctx.invoked_subcommand is not None:
        return
    from ..bench.run import table, throughput
    from ..evals import find_data_dir

    result = throughput(find_data_dir(data_dir), n_docs, dask=not no_dask)
    click.echo(json.dumps(result) if as_json else table(result))


@bench.command()
@click.option("--sizes", default="1000,10000,100000", show_default=True,
              help="Comma-separated corpus sizes (synthetic documents of about 300 words).")
@click.option("--annotate", is_flag=True, help="Run the NLP stages too (slow: hours for 100k).")
@click.option("--json", "as_json", is_flag=True, help="Print the results as one JSON object.")
def memory(sizes: str, annotate: bool, as_json: bool) -> None:
    """Peak RSS of `sitrep ingest` as the input grows (it should stay flat)."""
    from ..bench.run import memory as run_memory
    from ..bench.run import table

    result = run_memory([int(s) for s in sizes.split(",") if s.strip()], annotate=annotate)
    click.echo(json.dumps(result) if as_json else table(result))
