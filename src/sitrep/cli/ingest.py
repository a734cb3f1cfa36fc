"""``sitrep ingest``: read, extract, annotate and store documents."""

from __future__ import annotations

import sys

import click

from .common import OutcomeReporter, db_option, open_store


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--no-annotate", is_flag=True, help="Store the clean articles only (no NLP).")
@click.option("-v", "--verbose", is_flag=True, help="Print a line for every document, not only problems.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: when stderr is a terminal).")
def ingest(paths: tuple[str, ...], db: str | None, no_annotate: bool, verbose: bool,
           progress: bool | None) -> None:
    """Ingest files, directories (recursively) or - (stdin) into the store.

    Reads .txt, .html/.htm, .gz of either, .jsonl (id, text|html, url?, published?),
    feeds and WARC files. Prints one line per problem (dropped, failed) and the
    counts of ok / dropped / failed / present (already stored) at the end. Exits 1
    if any document failed.
    """
    from ..ingest.readers import iter_documents
    from ..service import Ingestor

    ingestor = Ingestor.standard(open_store(db), annotate=not no_annotate)
    report = OutcomeReporter(sys.stderr.isatty() if progress is None else progress, verbose)
    counts = ingestor.run(iter_documents(list(paths)), on_outcome=report)
    report.close()
    click.echo(counts.summary())
    if counts.by_status.get("failed"):
        sys.exit(1)

