"""``sitrep serve``: the HTTP API and web UI on 127.0.0.1 (by default)."""

from __future__ import annotations

import click

from .common import db_option, open_store


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback needs a token.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", envvar="SITREP_TOKEN", default=None, metavar="TOKEN",
              help="Write token for ingest and watchlists (default: $SITREP_TOKEN; on "
                   "loopback a random one is made and printed).")
@click.option("--no-annotate", is_flag=True, help="Ingested documents are stored without NLP.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes. The API is CPU-bound Python: one process uses one "
                   "core. Each process keeps its own story index and actor KB, so serve "
                   "ingestion with one.")
def serve(db: str | None, host: str, port: int, token: str | None, no_annotate: bool,
          workers: int) -> None:
    """Serve the JSON API (/api, schema at /openapi.json) and the web pages.

    Binding to an address other than loopback without a token is refused: the
    writing endpoints would otherwise be open to the network.
    """
    from ..api import Settings, check_bind, create_app
    from ..api.settings import is_loopback, new_token

    settings = Settings(host=host, port=port, token=token or None, annotate=not no_annotate)
    check_bind(settings)
    if not settings.token and is_loopback(host):
        settings.token = new_token()
        click.echo(f"write token for this session: {settings.token}", err=True)
    import uvicorn

    store = open_store(db)  # migrates once, before any worker starts
    click.echo(f"sitrep: serving on http://{host}:{port}/ (API schema /openapi.json)"
               + (f" with {workers} processes" if workers > 1 else ""), err=True)
    if workers == 1:
        uvicorn.run(create_app(store, settings), host=host, port=port, log_level="warning")
        return
    store.close()
    import os

    from ..api.settings import ANNOTATE_ENV, TOKEN_ENV
    from ..store.store import resolve_url

    # the worker processes build their app from the environment (api.app.app_from_env)
    os.environ.update({"SITREP_DB": resolve_url(db), TOKEN_ENV: settings.token or "",
                       ANNOTATE_ENV: "1" if settings.annotate else "0"})
    uvicorn.run("sitrep.api.app:app_from_env", factory=True, workers=workers,
                host=host, port=port, log_level="warning")
