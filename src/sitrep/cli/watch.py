"""``sitrep watch``: what is new in each saved watchlist (as the web page shows it)."""

from __future__ import annotations

import click

from .browse import _emit, _flat_event, format_option
from .common import db_option, open_store


@click.command()
@click.argument("name", required=False)
@db_option
@click.option("--seen", is_flag=True, help="Then mark the watchlist(s) as visited.")
@click.option("--all", "all_", is_flag=True, help="Every matching event, not only the new ones.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 1000))
@format_option
def watch(name: str | None, db: str | None, seen: bool, all_: bool, limit: int, fmt: str) -> None:
    """Print the events new since the last visit of watchlist NAME (or id), or of every one.

    Watchlists are saved from the web UI (or POST /api/watchlists).
    """
    from ..store import watchlists as W

    store = open_store(db)
    lists = [W.get(store, name)] if name else W.list_all(store)
    if not lists:
        click.echo("(no watchlists)")
        return
    for wl in lists:
        rows = (W.all_events if all_ else W.new_events)(store, wl, limit=limit)
        if fmt == "table":
            click.echo(f"# {wl['name']}: {wl['new']} new since {wl['seen_at'] or 'the start'}")
            rows = [_flat_event(r) for r in rows]
        _emit(rows, fmt, ["date", "type", "actor", "recipient", "where", "evidence"])
        if seen:
            W.mark_seen(store, wl["id"])
