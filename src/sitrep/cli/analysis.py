"""``sitrep dyad``, ``sitrep happenings`` and ``sitrep export``: the analyst's views."""

from __future__ import annotations

from pathlib import Path

import click

from ..store import query as Q
from .browse import _arg_names, _dyad, _emit, format_option
from .common import db_option, open_store


@click.command()
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default="month",
              show_default=True)
@click.option("--directed", is_flag=True, help="Only events from A to B.")
@format_option
def dyad(a: str, b: str, db, by: str, directed: bool, fmt: str) -> None:
    """Happenings per period and PLOVER type between countries A and B (ISO alpha-3),
    with the cooperation–conflict score (a happening reported many times counts once).

    The score of a period is the sum of the type weights of its events and
    ``mean`` its average: each PLOVER type's weight is the mean Goldstein value
    (-10 most conflictual … +10 most cooperative) of the CAMEO codes that the
    CAMEO→PLOVER crosswalk maps to it (see sitrep.events.types).
    """
    from ..events.dyads import series

    _dyad(f"{a}-{b}")
    rows = series(Q.dyad_period_counts(open_store(db), a, b, by=by, directed=directed))
    types = sorted({t for r in rows for t in r["counts"]})
    flat = [{"period": r["period"], "happenings": r["total"], "score": r["score_sum"],
             "mean": r["score"], **r["counts"]} for r in rows]
    _emit(flat, fmt, ["period", "happenings", "score", "mean", *types])


@click.command()
@db_option
@click.option("--dyad", help="Country pair, e.g. CHN-RUS.")
@click.option("--type", "types", multiple=True, help="PLOVER event type (repeatable).")
@click.option("--since", help="On or after (YYYY-MM-DD).")
@click.option("--until", help="On or before (YYYY-MM-DD).")
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0, show_default=True)
@click.option("--explain", "explain_id", metavar="ID",
              help="Show one happening: every supporting article and sentence, and why each "
                   "was merged.")
@click.option("--split", "split_id", metavar="ID",
              help="Undo a merge: the reports of happening ID by the --article(s) are kept "
                   "apart from the others, now and in later merges (reversible: --rejoin).")
@click.option("--article", "articles", multiple=True, metavar="ARTICLE_ID",
              help="With --split: an article whose reports leave the happening (repeatable).")
@click.option("--rejoin", "rejoin_id", metavar="ARTICLE_ID",
              help="Undo --split for an article: its reports merge as usual again.")
@format_option
def happenings(db, dyad, types, since, until, limit, offset, explain_id, split_id, articles,
               rejoin_id, fmt):
    """List happenings: reports of one real event merged, with the number of
    articles and of independent sources (syndicated copies count once).

    Merging is explainable (--explain) and reversible (--split, --rejoin); the
    happenings affected are printed as --explain prints them.
    """
    from ..errors import UsageError
    from ..service import happening_detail, rejoin, split_happening

    if sum(map(bool, (explain_id, split_id, rejoin_id))) > 1:
        raise UsageError("give one of --explain, --split and --rejoin")
    if articles and not split_id:
        raise UsageError("--article goes with --split")
    if explain_id or split_id or rejoin_id:
        store = open_store(db)
        if split_id:
            if not articles:
                raise UsageError("--split needs at least one --article")
            detail = split_happening(store, split_id, articles)
        elif rejoin_id:
            detail = rejoin(store, rejoin_id)
        else:
            detail = happening_detail(store, explain_id)
        _explain(detail, fmt)
        return
    rows = Q.list_happenings(open_store(db), Q.EventFilter(
        dyad=_dyad(dyad), types=list(types), since=since, until=until, limit=limit, offset=offset))
    if fmt == "table":
        rows = [{**r, "actor": _arg_names(r["actors"]), "recipient": _arg_names(r["recipients"])}
                for r in rows]
    _emit(rows, fmt, ["date", "type", "actor", "recipient", "location_name", "n_articles",
                      "n_sources", "evidence"])


def _explain(detail: list[dict], fmt: str) -> None:
    import json

    if fmt != "table":
        for h in detail:
            click.echo(json.dumps(h, ensure_ascii=False))
        return
    for h in detail:
        click.echo(f"{h['id']} {h['type']} {', '.join(h['actors']) or '-'} -> "
                   f"{', '.join(h['recipients']) or '-'}  {h['date']} ({h['date_precision']}, "
                   f"window {h['start']}..{h['end']})  at {h['location'] or '-'}")
        click.echo(f"  {h['n_articles']} articles, {h['n_sources']} independent sources")
        for sup in h["supports"]:
            click.echo(f"  - event {sup['event_id']} in article {sup['article_id']}"
                       f" (story {sup['story_id'] or '-'}), {sup['date']} ({sup['date_precision']}):"
                       f" {sup['evidence']['text']!r}")
        click.echo("  why:")
        for reason in h["reasons"]:
            click.echo(f"    {reason}")


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet", "gdelt"]),
              default="csv", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
              help="File to write.")
@click.option("--dyad", help="Country pair, e.g. CHN-RUS.")
@click.option("--type", "types", multiple=True, help="PLOVER event type (repeatable).")
@click.option("--since", help="On or after (YYYY-MM-DD).")
@click.option("--until", help="On or before (YYYY-MM-DD).")
@click.option("--happenings/--events", "merged", default=False,
              help="One row per happening (merged reports) instead of per event.")
def export(db, fmt, output, dyad, types, since, until, merged):
    """Export events with their sources as CSV, JSON Lines, Parquet or a GDELT-style table."""
    from ..events import export as X
    from ..events.merge import group

    f = Q.EventFilter(dyad=_dyad(dyad), types=list(types), since=since, until=until)
    rows = [{**r, "evidence": {"start": r["evidence_start"], "end": r["evidence_end"]}}
            for r in Q.export_events(open_store(db), f)]
    items = group(rows) if merged else rows
    path = Path(output)
    if fmt == "gdelt":
        urls = {r["article_id"]: r.get("article_url") or r.get("source") for r in rows}
        X.write_csv(X.gdelt_rows(items, urls), path, columns=X.GDELT_COLUMNS)
    else:
        table = X.event_rows(items)
        {"csv": X.write_csv, "jsonl": X.write_jsonl, "parquet": X.write_parquet}[fmt](table, path)
    click.echo(f"wrote {len(items)} {'happenings' if merged else 'events'} to {path}", err=True)
