"""``sitrep eval NAME``: score a stage on a development gold set."""

from __future__ import annotations

import json

import click

from .. import evals


@click.command(name="eval")
@click.argument("name", type=click.Choice(sorted(evals.EVALS)))
@click.option("--data", "data_dir", default=None, metavar="DIR",
              help="Development data folder (default: $SITREP_DATA or a shared/data found nearby).")
@click.option("--limit", type=int, default=None, help="Use only the first N items (quick check).")
@click.option("--folds", type=int, default=5, show_default=True, help="Cross-validation folds.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
def eval_(name: str, data_dir: str | None, limit: int | None, folds: int, as_json: bool) -> None:
    """Run the evaluation NAME and print its metric(s)."""
    opts = evals.EvalOptions(data_dir=evals.find_data_dir(data_dir), limit=limit, folds=folds)
    report = evals.get(name)(opts)
    click.echo(json.dumps(report.metrics) if as_json else report.text())
