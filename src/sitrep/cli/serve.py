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
def serve(db: str | None, host: str, port: int, token: str | None, no_annotate: bool) -> None:
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

    app = create_app(open_store(db), settings)
    click.echo(f"sitrep: serving on http://{host}:{port}/ (API schema /openapi.json)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
