"""``sitrep extract``: read inputs and print the extracted articles."""

from __future__ import annotations

import json
import sys

import click

from ..extract import Extractor
from ..ingest import DEFAULT_MAX_BYTES, iter_documents
from ..pipeline import Counts, Outcome, Pipeline

#: Fields of every JSON line, in order.
FIELDS = ("id", "input_id", "source", "status", "reason", "title", "published", "publisher",
          "author", "section", "tags", "url", "language", "text", "paragraphs", "captions")


def outcome_record(out: Outcome) -> dict:
    """One JSON-ready record for an outcome (ok or dropped/failed)."""
    rec: dict = dict.fromkeys(FIELDS)
    rec.update({"id": out.doc_id, "input_id": out.doc_id, "source": out.source,
                "status": out.status, "reason": out.reason, "tags": [], "paragraphs": [],
                "captions": []})
    if out.article is not None:
        art = out.article
        rec.update({k: getattr(art, k) for k in FIELDS if hasattr(art, k)})
        rec["input_id"] = art.meta.get("input_id", out.doc_id)
        rec["status"], rec["reason"] = out.status, out.reason
    return rec


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--jsonl", "as_jsonl", is_flag=True, help="One JSON object per input document.")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Drop input files larger than this.")
def extract(paths: tuple[str, ...], as_jsonl: bool, max_bytes: int) -> None:
    """Extract clean articles from PATHS (files, directories, - for stdin).

    Reads .txt, .html/.htm, .gz of either, .jsonl, .warc(.gz) and RSS/Atom
    feeds. Without --jsonl prints a short summary per document.
    """
    pipeline = Pipeline(Extractor())
    counts = Counts()
    for item in iter_documents(paths, max_bytes=max_bytes):
        out = item if isinstance(item, Outcome) else pipeline.extract(item)
        counts.add(out)
        if as_jsonl:
            click.echo(json.dumps(outcome_record(out), ensure_ascii=False))
        elif out.ok:
            art = out.article
            click.echo(f"ok: {out.source}: {art.title or '(no title)'} | {art.published or '-'} | "
                       f"{len(art.paragraphs)} paragraphs")
        else:
            click.echo(out.line())
    click.echo(counts.summary(), err=True)
    if counts.by_status.get("failed"):
        sys.exit(1)
