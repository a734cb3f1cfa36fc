"""``sitrep fetch``: fetch live pages (or a feed's entries) and ingest them."""

from __future__ import annotations

import sys

import click

from ..ingest.fetch import DEFAULT_TIMEOUT, MIN_HOST_INTERVAL
from ..ingest.readers import DEFAULT_MAX_BYTES
from .common import OutcomeReporter, db_option, open_store


@click.command()
@click.argument("urls", nargs=-1)
@click.option("--feed", "feeds", multiple=True, metavar="URL",
              help="An RSS/Atom feed whose entry links are fetched (repeatable).")
@click.option("--allow-private", is_flag=True,
              help="Allow loopback/private/link-local addresses (refused by default).")
@db_option
@click.option("--timeout", type=float, default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds allowed per request.")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest page read; a larger one is dropped as too large.")
@click.option("--delay", type=float, default=MIN_HOST_INTERVAL, show_default=True,
              help="Minimum seconds between two requests to one host.")
@click.option("--no-annotate", is_flag=True, help="Store the clean articles only (no NLP).")
@click.option("-v", "--verbose", is_flag=True, help="Print a line for every document, not only problems.")
def fetch(urls: tuple[str, ...], feeds: tuple[str, ...], allow_private: bool, db: str | None,
          timeout: float, max_bytes: int, delay: float, no_annotate: bool, verbose: bool) -> None:
    """Fetch pages (URL...) or a feed's entry links (--feed URL) and ingest them.

    Sends a sitrep user agent, honours robots.txt, waits --delay seconds between
    requests to one host, drops pages over --max-bytes and refuses loopback and
    private addresses unless --allow-private. Prints one line per problem and the
    counts of ok / dropped / failed / present, as ``sitrep ingest`` does. Exits 1
    if any document failed.
    """
    from ..errors import UsageError
    from ..ingest.fetch import Fetcher
    from ..service import Ingestor

    if not urls and not feeds:
        raise UsageError("give at least one URL or --feed URL")
    ingestor = Ingestor.standard(open_store(db), annotate=not no_annotate)
    report = OutcomeReporter(sys.stderr.isatty(), verbose)

    with Fetcher(timeout=timeout, max_bytes=max_bytes, delay=delay,
                 allow_private=allow_private) as fetcher:
        def items():
            yield from fetcher.iter_urls(urls)
            for feed in feeds:
                yield from fetcher.iter_feed(feed)

        counts = ingestor.run(items(), on_outcome=report)
    report.close()
    click.echo(counts.summary())
    if counts.by_status.get("failed"):
        sys.exit(1)
