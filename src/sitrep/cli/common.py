"""Options and helpers shared by the CLI commands."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

import click

from ..store import Store

db_option = click.option(
    "--db", envvar="SITREP_DB", default=None, metavar="PATH|URL",
    help="Database file or SQLAlchemy URL (default: $SITREP_DB or .sitrep/sitrep.db).")


def open_store(db: str | None) -> Store:
    """Open the store named by --db/SITREP_DB (or the default file)."""
    return Store.open(db)


def read_jsonl(stream: TextIO, source: str) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Yield ``(line_no, object, error)`` for each non-blank line of a JSON Lines stream."""
    for no, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield no, None, f"{source}:{no}: invalid JSON ({exc.msg})"
            continue
        if not isinstance(obj, dict):
            yield no, None, f"{source}:{no}: not a JSON object"
            continue
        yield no, obj, None


def write_jsonl(objs: Iterable[dict[str, Any]], out: TextIO = sys.stdout) -> None:
    """Write one JSON object per line."""
    for obj in objs:
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        out.flush()


def table(rows: list[dict[str, Any]], columns: list[str], widths: dict[str, int] | None = None) -> str:
    """A plain fixed-width text table of ``rows`` (cells cut to their width)."""
    widths = widths or {}
    def cell(v: Any, w: int) -> str:
        s = "" if v is None else str(v).replace("\n", " ")
        return (s[: w - 1] + "…") if len(s) > w else s.ljust(w)
    ws = {c: widths.get(c, max([len(c)] + [len(str(r.get(c) or "")) for r in rows])) for c in columns}
    ws = {c: min(w, widths.get(c, 40)) for c, w in ws.items()}
    lines = ["  ".join(cell(c, ws[c]) for c in columns).rstrip()]
    lines.append("  ".join("-" * ws[c] for c in columns))
    lines += ["  ".join(cell(r.get(c), ws[c]) for c in columns).rstrip() for r in rows]
    return "\n".join(lines)


class OutcomeReporter:
    """Prints what ingestion does: a progress bar (when enabled), one line per
    problem on stderr (every document with ``verbose``), ``present`` lines on
    stdout; ``close`` ends the bar."""

    def __init__(self, progress: bool, verbose: bool) -> None:
        from tqdm import tqdm

        self.bar = tqdm(disable=not progress, unit="doc", file=sys.stderr, leave=False)
        self.verbose = verbose

    def __call__(self, o) -> None:
        self.bar.update(1)
        if o.status in ("dropped", "failed") or self.verbose:
            ident = f" [{o.article.id}]" if (o.article is not None and o.ok) else ""
            self.bar.write(o.line() + ident, file=sys.stderr if o.status != "ok" else sys.stdout)
        elif o.status == "present":
            self.bar.write(o.line(), file=sys.stdout)

    def close(self) -> None:
        self.bar.close()
