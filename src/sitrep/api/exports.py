"""Event exports over HTTP, written by ``sitrep.events.export`` (the event-coding
work's writers, shared with the command line): CSV and JSON Lines of flat event
rows, Parquet, and the GDELT-style table.

Rows are read page by page in the query layer's stable order (at most
``MAX_EXPORT`` events per request), written to a temporary file by the writer,
and sent as a download; the file is removed once sent.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from typing import Any

from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from ..store import Store
from ..store import query as Q
from .errors import ApiError

#: Formats in URLs (``events.csv`` …).
FORMATS = ("csv", "jsonl", "parquet", "gdelt")
FORMAT_PATTERN = r"^(csv|jsonl|parquet|gdelt)$"

#: Most events one export request returns (larger exports: the command line).
MAX_EXPORT = 100_000

MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
         "parquet": "application/vnd.apache.parquet", "gdelt": "text/csv; charset=utf-8"}
SUFFIX = {"csv": "csv", "jsonl": "jsonl", "parquet": "parquet", "gdelt": "gdelt.csv"}


def iter_rows(store: Store, f: Q.EventFilter, max_rows: int = MAX_EXPORT) -> Iterator[dict[str, Any]]:
    """Event rows matching ``f`` in stable order, at most ``max_rows``."""
    f.offset, done = 0, 0
    while done < max_rows:
        f.limit = min(Q.MAX_LIMIT, max_rows - done)
        rows = Q.list_events(store, f)
        yield from rows
        done += len(rows)
        if len(rows) < f.limit:
            return
        f.offset += len(rows)


def safe_cell(value: Any) -> Any:
    """Defuse spreadsheet formulas in untrusted text (a leading = + - @ tab or CR)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _module():
    try:
        from ..events import export as X  # owned by the event-coding work
    except ImportError as exc:
        raise ApiError(501, f"exports need sitrep.events.export, which is missing ({exc})") from None
    return X


def write(store: Store, f: Q.EventFilter, fmt: str, path: str, max_rows: int = MAX_EXPORT) -> int:
    """Write the events matching ``f`` to ``path`` in ``fmt``; return how many."""
    from ..store.rows import event_from_row

    X = _module()
    rows = list(iter_rows(store, f, max_rows))
    events = [event_from_row(r) for r in rows]
    if fmt == "gdelt":
        urls = {r["article_id"]: r["article_url"] for r in rows if r.get("article_url")}
        out = [{k: safe_cell(v) for k, v in r.items()} for r in X.gdelt_rows(events, urls)]
        X.write_csv(out, path, columns=X.GDELT_COLUMNS)
        return len(out)
    flat = X.event_rows(events)
    if fmt == "csv":
        X.write_csv([{k: safe_cell(v) for k, v in r.items()} for r in flat], path)
    elif fmt == "jsonl":
        X.write_jsonl(flat, path)
    else:
        X.write_parquet(flat, path)
    return len(flat)


def response(store: Store, f: Q.EventFilter, fmt: str, stem: str,
             max_rows: int = MAX_EXPORT) -> FileResponse:
    """The download response of an export."""
    fd, path = tempfile.mkstemp(prefix="sitrep-export-", suffix="." + SUFFIX[fmt])
    os.close(fd)
    try:
        write(store, f, fmt, path, max_rows)
    except BaseException:
        os.unlink(path)
        raise
    return FileResponse(path, media_type=MEDIA[fmt], filename=f"{stem}.{SUFFIX[fmt]}",
                        background=BackgroundTask(os.unlink, path))
