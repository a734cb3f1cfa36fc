"""``sitrep articles``, ``sitrep events`` and ``sitrep show``: read the store."""

from __future__ import annotations

import csv
import io
import json
import os

import click

from ..errors import NotFound, UsageError
from ..models import Article, content_hash, inside, participants
from ..nlp.systems import SYSTEM_LABELS, shipped_index
from ..store import query as Q
from .common import db_option, open_store, table

format_option = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
                             default="table", show_default=True, help="Output format.")


def _emit(rows: list[dict], fmt: str, columns: list[str]) -> None:
    if fmt == "json":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else columns, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in r.items()})
        click.echo(buf.getvalue(), nl=False)
    else:
        click.echo(table(rows, columns) if rows else "(none)")


def _dyad(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    parts = value.replace(",", "-").split("-")
    if len(parts) != 2 or not all(len(p) == 3 and p.isalpha() for p in parts):
        raise UsageError(f"--dyad wants two country codes like CHN-RUS, not {value!r}")
    return parts[0].upper(), parts[1].upper()


@click.command()
@db_option
@click.option("--text", "text_", help="Full-text search in title and body.")
@click.option("--since", help="Published on or after (YYYY-MM-DD).")
@click.option("--until", help="Published on or before (YYYY-MM-DD).")
@click.option("--publisher", help="Exact publisher name.")
@click.option("--country", help="Articles with an actor of this country (ISO alpha-3).")
@click.option("--language", help="ISO 639-1 language code.")
@click.option("--story", "story_id", help="Articles of one story (syndicated copies).")
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0, show_default=True)
@format_option
def articles(db, text_, since, until, publisher, country, language, story_id, limit, offset, fmt):
    """List stored articles, newest first."""
    rows = Q.list_articles(open_store(db), Q.ArticleFilter(
        text=text_, since=since, until=until, publisher=publisher, country=country,
        language=language, story_id=story_id, limit=limit, offset=offset))
    _emit(rows, fmt, ["id", "published", "publisher", "title"])


@click.command()
@db_option
@click.option("--dyad", help="Country pair, e.g. CHN-RUS (either direction unless --directed).")
@click.option("--directed", is_flag=True, help="With --dyad: only events from the first to the second.")
@click.option("--type", "types", multiple=True, help="PLOVER event type (repeatable).")
@click.option("--country", help="Events with an actor or recipient of this country.")
@click.option("--actor", help="Events whose actor or recipient name contains this text.")
@click.option("--since", help="Event date on or after (YYYY-MM-DD).")
@click.option("--until", help="Event date on or before (YYYY-MM-DD).")
@click.option("--text", "text_", help="Evidence sentence contains this text.")
@click.option("--article", "article_id", help="Events of one article.")
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0, show_default=True)
@format_option
def events(db, dyad, directed, types, country, actor, since, until, text_, article_id,
           limit, offset, fmt):
    """List stored events in date order, filterable by dyad, type, date and text."""
    rows = Q.list_events(open_store(db), Q.EventFilter(
        types=list(types), dyad=_dyad(dyad), directed=directed, country=country, actor=actor,
        since=since, until=until, text=text_, article_id=article_id, limit=limit, offset=offset))
    if fmt == "table":
        rows = [_flat_event(r) for r in rows]
    _emit(rows, fmt, ["date", "type", "actor", "recipient", "where", "evidence"])


def _arg_names(args: list[dict]) -> str:
    return "; ".join(f"{a['name']} ({a.get('country') or '?'} {a.get('sector') or ''})".replace(" )", ")")
                     for a in args)


def _flat_event(r: dict) -> dict:
    if r["recipients"]:
        recipient = _arg_names(r["recipients"])
    else:
        recipient = "(reciprocal)" if len(r["actors"]) > 1 else ""
    return {**r, "actor": _arg_names(r["actors"]), "recipient": recipient,
            "where": r.get("location_name"), "evidence": r["evidence_text"]}


@click.command()
@click.argument("ident")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def show(ident: str, db: str | None, fmt: str) -> None:
    """Show one article with its entities and events.

    IDENT is an article id, or the path of a file that was ingested.
    """
    store = open_store(db)
    article_id = ident
    if os.path.isfile(ident):
        with open(ident, "rb") as fh:
            found = store.find_hash(content_hash(fh.read()))
        if not found:
            raise NotFound(f"{ident} has not been ingested into this store")
        article_id = found
    article = Q.get_article(store, article_id)
    if fmt == "json":
        click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_article(article))


def render_article(a: Article) -> str:
    """A readable text rendering of an article, its entities and its events."""
    out = [f"# {a.title or '(no title)'}", ""]
    for key in ("id", "published", "publisher", "section", "language", "source", "url"):
        if getattr(a, key):
            out.append(f"{key + ':':11}{getattr(a, key)}")
    if a.tags:
        out.append(f"{'tags:':11}{', '.join(a.tags)}")
    out += ["", *[p + "\n" for p in a.paragraphs]]
    for c in a.captions:
        out.append(f"[caption] {c}")
    rows = []
    for m in a.mentions:
        acts = inside(m, a.actors)
        pl = next(iter(inside(m, a.places)), None)
        system = shipped_index().find(m.text) if m.label in SYSTEM_LABELS else None
        res = ""
        if acts:
            res = "; ".join(" ".join(x for x in (act.role and f"{act.role},", act.name, f"({act.country or '?'}, {act.sector or '?'})") if x) for act in acts)
        elif system:
            res = system.describe()
        elif m.label == "Exercise" and (sides := participants(m, a.events)):
            res = "with " + ", ".join(f"{x.name} ({x.country or '?'})" for x in sides)
        elif pl:
            res = f"{pl.name} ({pl.country or '?'}) {pl.lat:.2f}, {pl.lon:.2f}" if pl.lat is not None else pl.name
        rows.append({"text": m.text, "label": m.label, "resolved to": res})
    out += ["", "## Entities", table(rows, ["text", "label", "resolved to"], {"resolved to": 60}) if rows else "(none)"]
    out += ["", "## Events"]
    for i, e in enumerate(a.events, 1):
        who = "; ".join(f"{x.name} ({x.country or '?'} {x.sector or '?'})" for x in e.actors)
        whom = "; ".join(f"{x.name} ({x.country or '?'} {x.sector or '?'})" for x in e.recipients)
        where = e.location.name + (f", {e.location.country}" if e.location.country else "") if e.location else "-"
        ctx = ",".join(e.context) or "-"
        whom = whom or ("(reciprocal)" if len(e.actors) > 1 else "-")
        out.append(f"{i}. {e.type}{'/' + e.mode if e.mode else ''}  {who} -> {whom}"
                   f"  date {e.date or '?'} ({e.date_precision or '?'})  at {where}  context {ctx}")
        out.append(f"   \"{a.text[e.evidence.start:e.evidence.end]}\"  [{e.coder} {e.coder_version}, {e.confidence:.2f}]")
    if not a.events:
        out.append("(none)")
    return "\n".join(out)
