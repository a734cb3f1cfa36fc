"""Write events and happenings as CSV, JSON Lines, Parquet and a GDELT-style table.

Inputs are plain objects: ``Event`` instances, event dicts, or ``merge.Happening``
(one row per happening, its supporting articles listed). The lead wires these to
the store; nothing here reads a database.

Columns of ``event_rows`` (one row per event or happening): ``id`` (happening id
or ``article_id:start``), ``type``, ``mode``, ``context`` (``;``-joined),
``actors``/``recipients`` (``;``-joined names), ``actor_countries`` /
``recipient_countries`` (``;``-joined ISO alpha-3), ``date``, ``date_precision``,
``location`` (name), ``lat``, ``lon``, ``location_country``, ``confidence``,
``coder``, ``coder_version``, ``sources`` (``;``-joined ``article_id:start-end``),
``n_articles``, ``n_sources``.

The GDELT-style table follows GDELT 1.0/2.0 event column names where a column
has a counterpart: ``EventRootCode``/``EventBaseCode``/``EventCode`` are the CAMEO
root the crosswalk maps the PLOVER type to (``types.cameo_root``), ``QuadClass``
GDELT's four classes, ``GoldsteinScale`` the type weight (``types.WEIGHTS``).
Unlike GDELT, country codes are ISO 3166 alpha-3 throughout (GDELT uses FIPS for
geography), and ``PLOVERType``, ``PLOVERMode``, ``DatePrecision`` and
``NumSources`` (independent sources: syndicated copies count once) are added.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..models import Event
from .merge import Happening, as_event
from .types import WEIGHTS, cameo_root, quad_class

EVENT_COLUMNS: tuple[str, ...] = (
    "id", "type", "mode", "context", "actors", "actor_countries", "recipients",
    "recipient_countries", "date", "date_precision", "location", "lat", "lon",
    "location_country", "confidence", "coder", "coder_version", "sources", "n_articles",
    "n_sources",
)

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "DatePrecision", "Actor1Name",
    "Actor1CountryCode", "Actor2Name", "Actor2CountryCode", "IsRootEvent", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "PLOVERType",
    "PLOVERMode", "NumMentions", "NumSources", "NumArticles", "ActionGeo_FullName",
    "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "SOURCEURL",
)


def event_rows(items: Iterable[Event | Mapping[str, Any] | Happening]) -> list[dict[str, Any]]:
    """One flat row (``EVENT_COLUMNS``) per event, event dict or happening."""
    return [_happening_row(i) if isinstance(i, Happening) else _event_row(i) for i in items]


def _event_row(obj: Event | Mapping[str, Any]) -> dict[str, Any]:
    ev, _ = as_event(obj)
    src = f"{ev.article_id}:{ev.evidence.start}-{ev.evidence.end}"
    return _row(f"{ev.article_id}:{ev.evidence.start}", ev, [src], 1, 1)


def _happening_row(h: Happening) -> dict[str, Any]:
    first = h.supports[0].event
    srcs = [f"{s.article_id}:{s.evidence.start}-{s.evidence.end}" for s in h.supports]
    row = _row(h.id, first, srcs, h.n_articles, h.n_sources)
    row.update(date=h.date, date_precision=h.date_precision,
               confidence=round(max(s.confidence for s in h.supports), 4))
    if h.location is not None:
        row.update(location=h.location.name, lat=h.location.lat, lon=h.location.lon,
                   location_country=h.location.country)
    return row


def _row(rid: str, ev: Event, sources: list[str], n_articles: int, n_sources: int) -> dict[str, Any]:
    loc = ev.location
    return {
        "id": rid, "type": ev.type, "mode": ev.mode, "context": ";".join(ev.context),
        "actors": ";".join(a.name for a in ev.actors),
        "actor_countries": ";".join(a.country or "" for a in ev.actors),
        "recipients": ";".join(a.name for a in ev.recipients),
        "recipient_countries": ";".join(a.country or "" for a in ev.recipients),
        "date": ev.date, "date_precision": ev.date_precision,
        "location": loc.name if loc else None, "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None, "location_country": loc.country if loc else None,
        "confidence": ev.confidence, "coder": ev.coder, "coder_version": ev.coder_version,
        "sources": ";".join(sources), "n_articles": n_articles, "n_sources": n_sources,
    }


def gdelt_rows(items: Iterable[Event | Mapping[str, Any] | Happening],
               urls: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """GDELT-style rows (``GDELT_COLUMNS``); ``urls`` maps article ids to their URL."""
    urls = urls or {}
    out = []
    for row, item in zip(event_rows(items := list(items)), items):
        article_ids = [s.split(":", 1)[0] for s in row["sources"].split(";") if s]
        d = (row["date"] or "").replace("-", "")
        out.append({
            "GLOBALEVENTID": row["id"], "SQLDATE": d or None, "MonthYear": d[:6] or None,
            "Year": d[:4] or None, "DatePrecision": row["date_precision"],
            "Actor1Name": row["actors"].split(";")[0] if row["actors"] else None,
            "Actor1CountryCode": row["actor_countries"].split(";")[0] or None,
            "Actor2Name": (row["recipients"] or row["actors"].partition(";")[2]).split(";")[0] or None,
            "Actor2CountryCode": (row["recipient_countries"] or
                                  row["actor_countries"].partition(";")[2]).split(";")[0] or None,
            "IsRootEvent": 1, "EventCode": cameo_root(row["type"], row["mode"]),
            "EventBaseCode": cameo_root(row["type"], row["mode"]),
            "EventRootCode": cameo_root(row["type"], row["mode"]),
            "QuadClass": quad_class(row["type"], row["mode"]),
            "GoldsteinScale": WEIGHTS[row["type"]], "PLOVERType": row["type"],
            "PLOVERMode": row["mode"], "NumMentions": len(article_ids),
            "NumSources": row["n_sources"], "NumArticles": row["n_articles"],
            "ActionGeo_FullName": row["location"], "ActionGeo_CountryCode": row["location_country"],
            "ActionGeo_Lat": row["lat"], "ActionGeo_Long": row["lon"],
            "SOURCEURL": next((urls[a] for a in article_ids if a in urls), None),
        })
    return out


def write_csv(rows: Sequence[Mapping[str, Any]], path: Path, columns: Sequence[str] = EVENT_COLUMNS) -> None:
    """Write rows as CSV with a header (empty cell for None)."""
    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in columns})


def write_jsonl(rows: Iterable[Mapping[str, Any]], path: Path) -> None:
    """Write rows as JSON Lines (UTF-8, one object per line)."""
    with Path(path).open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(dict(r), ensure_ascii=False) + "\n")


def write_parquet(rows: Sequence[Mapping[str, Any]], path: Path, columns: Sequence[str] = EVENT_COLUMNS) -> None:
    """Write rows as a Parquet file (pyarrow), with a fixed column order."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([{k: r.get(k) for k in columns} for r in rows],
                                 schema=_schema(columns, rows))
    pq.write_table(table, str(path))


def _schema(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]):
    import pyarrow as pa

    fields = []
    for c in columns:
        vals = [r.get(c) for r in rows if r.get(c) is not None]
        if vals and all(isinstance(v, bool) for v in vals):
            t = pa.bool_()
        elif vals and all(isinstance(v, int) and not isinstance(v, bool) for v in vals):
            t = pa.int64()
        elif vals and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
            t = pa.float64()
        else:
            t = pa.string()
        fields.append(pa.field(c, t))
    return pa.schema(fields)


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV written by ``write_csv`` (all values as strings)."""
    with Path(path).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Rows of a JSON Lines file."""
    return [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()]


def read_parquet(path: Path) -> list[dict[str, Any]]:
    """Rows of a Parquet file."""
    import pyarrow.parquet as pq

    return pq.read_table(str(path)).to_pylist()
