"""The ``sitrep`` command line: a thin layer that opens the core, calls it, and
turns core errors into one-line messages (never a traceback for bad input)."""

from __future__ import annotations

import sys

import click

from ..errors import SitrepError


class SitrepGroup(click.Group):
    """A click group that renders ``SitrepError`` as ``sitrep: <message>``."""

    def invoke(self, ctx: click.Context):  # noqa: D102
        try:
            return super().invoke(ctx)
        except SitrepError as exc:
            click.echo(f"sitrep: error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=SitrepGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitrep")
def main() -> None:
    """sitrep: defence and security news to clean articles, entities and PLOVER events."""


# --- commands --- (one import per command module, then one registration loop)
from .analysis import dyad, export, happenings  # noqa: E402
from .annotate import annotate  # noqa: E402
from .batch import batch, load  # noqa: E402
from .bench import bench  # noqa: E402
from .browse import articles, events, show  # noqa: E402
from .eval import eval_  # noqa: E402
from .extract import extract  # noqa: E402
from .fetch import fetch  # noqa: E402
from .ingest import ingest  # noqa: E402
from .resolve import resolve  # noqa: E402
from .serve import serve  # noqa: E402
from .train import train  # noqa: E402
from .watch import watch  # noqa: E402

for _cmd in (ingest, fetch, extract, annotate, resolve, articles, events, show, happenings, dyad,
             export, eval_, train, serve, watch, batch, load, bench):
    main.add_command(_cmd)
# --- end commands ---
