"""``sitrep resolve``: resolve actor phrases to name, country and sector."""

from __future__ import annotations

import json
import sys

import click

from .common import read_jsonl


@click.command(name="resolve")
@click.option("--jsonl", "path", default="-", show_default=True, metavar="FILE|-",
              help='JSON Lines input, one {"id", "text", "context"?, "date"?} per line '
                   '(- reads stdin).')
def resolve(path: str) -> None:
    """Resolve actor phrases: print one {"id", "name", "country", "sector"} per input
    line (all null when nothing is known about the phrase).

    "country" is ISO 3166-1 alpha-3 or IGO/NGO; "sector" a PLOVER/POLECAT code
    (GOV, MIL, COP, ...). A bad line is reported on stderr and skipped; the exit
    status is 1 if any line was bad.
    """
    from ..nlp.gazetteer import Gazetteer
    from ..nlp.resolver import Resolver

    resolver = Resolver(places=Gazetteer.load())
    stream = sys.stdin if path == "-" else click.open_file(path, encoding="utf-8")
    bad = 0
    with stream:
        for _no, obj, error in read_jsonl(stream, "stdin" if path == "-" else path):
            if error is None and not isinstance((obj or {}).get("text"), str):
                error = f"{path}:{_no}: missing \"text\""
            if error is not None:
                click.echo(f"sitrep: {error}", err=True)
                bad += 1
                continue
            actor = resolver.actor(obj["text"], obj.get("context"), obj.get("date"))
            out = {"id": obj.get("id"), "name": actor.name if actor else None,
                   "country": actor.country if actor else None,
                   "sector": actor.sector if actor else None}
            click.echo(json.dumps(out, ensure_ascii=False))
    if bad:
        sys.exit(1)
