"""``sitrep annotate``: NLP only (entities, actors, places, events); nothing stored."""

from __future__ import annotations

import sys

import click

from ..formats import annotation
from ..models import Article, content_hash
from .common import read_jsonl, write_jsonl


@click.command()
@click.argument("file", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--jsonl", is_flag=True, required=True,
              help='Input and output are JSON Lines: {"id","text","published"?} in, annotations out.')
def annotate(file, jsonl: bool) -> None:
    """Annotate texts from FILE (or - for stdin) and print one JSON line per text.

    Offsets are Python string indices into the input text. A bad input line is
    reported on stderr and skipped; the others are still annotated.
    """
    from ..factory import build_pipeline

    pipeline = build_pipeline(annotate=True)
    bad = 0

    def articles():
        nonlocal bad
        for no, obj, err in read_jsonl(file, getattr(file, "name", "-")):
            if err or not isinstance(obj.get("text"), str):
                bad += 1
                click.echo(f"dropped: {err or f'line {no}: no text'}", err=True)
                continue
            text = obj["text"]
            yield Article(id=str(obj.get("id", no)), source=f"{file.name}:{no}", text=text,
                          content_hash=content_hash(text), paragraphs=[text],
                          published=obj.get("published"), language="en")

    for outcome in pipeline.annotate_many(articles()):
        if outcome.ok:
            write_jsonl([annotation(outcome.doc_id, outcome.article)])
        else:
            bad += 1
            click.echo(f"failed: {outcome.doc_id}: {outcome.reason}", err=True)
    if bad:
        sys.exit(1)
