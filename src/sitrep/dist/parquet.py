"""Partitioned Parquet output of a batch run, and reading it back as ``Article``s.

Layout under the output folder::

    articles/part-<id>.parquet   mentions/…   actors/…   places/…   events/…
    kb_actors/part-<id>.parquet  actor facts the worker's KB learnt from each article
    site_places/part-<id>.parquet  each article's vote for its site's home (place stage)
    outcomes/part-<id>.parquet   one row per input document (ok, dropped, failed)
    _done/<id>.json              written last: the partition is complete

Each table directory is a Parquet dataset readable by pyarrow, Dask, DuckDB or
Spark. Columns follow the store's tables (:mod:`sitrep.store.schema`) and rows
are built by the store's own row functions (:mod:`sitrep.store.rows`), so a
loaded article is exactly what ``sitrep ingest`` would have stored. Lists of
strings are Parquet lists; other JSON values (actors of an event, meta) are
JSON text. Files are written under a hidden temporary name and renamed when
complete, so a killed task never leaves a half-written part that looks whole.

The article tables (the five above, ``kb_actors`` and ``site_places``) are
written in lockstep: row group *i* of each holds the rows of the same articles,
so a reader can go through a huge partition one row group at a time. Output
written before ``kb_actors`` or ``site_places`` existed reads as "no facts
learnt" and "no votes".
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import JSON, Boolean, Float, Integer

from ..errors import InputError
from ..models import Article
from ..pipeline import Outcome
from ..store import rows as R
from ..store import schema as S

#: Tables written per partition, in the order they are renamed into place.
ARTICLE_TABLES = ("articles", "mentions", "actors", "places", "events")
#: The KB facts each article taught (rows of the store's ``kb_actors``; ``source`` = article id).
KB_TABLE = "kb_actors"
#: Each article's vote for its site's home (rows of the store's ``site_places``).
SITE_TABLE = "site_places"
#: Tables optional in older output (read as empty).
LEARNT_TABLES = (KB_TABLE, SITE_TABLE)
WRITTEN_TABLES = (*ARTICLE_TABLES, *LEARNT_TABLES)
OUTCOMES = "outcomes"
DONE_DIR = "_done"

#: JSON columns that are lists of strings: stored as Parquet lists, not JSON text.
LIST_COLUMNS = frozenset({"tags", "paragraphs", "captions", "context"})

#: Articles per row group: bounds a writer's memory on huge partitions (one WARC).
ROW_GROUP_ARTICLES = 256


def _arrow_type(column: Any) -> pa.DataType:
    if column.name in LIST_COLUMNS:
        return pa.list_(pa.string())
    if isinstance(column.type, Boolean):
        return pa.bool_()
    if isinstance(column.type, Integer):
        return pa.int64()
    if isinstance(column.type, Float):
        return pa.float64()
    return pa.string()  # strings, and JSON as text


def _json_columns(table: Any) -> frozenset[str]:
    return frozenset(c.name for c in table.columns
                     if isinstance(c.type, JSON) and c.name not in LIST_COLUMNS)


def arrow_schema(name: str) -> pa.Schema:
    """The Parquet schema of table ``name``: the store table's columns (without row ids)."""
    table = S.metadata.tables[name]
    return pa.schema([(c.name, _arrow_type(c)) for c in table.columns
                      if name == "articles" or c.name != "id"])


OUTCOME_SCHEMA = pa.schema([("doc_id", pa.string()), ("source", pa.string()),
                            ("status", pa.string()), ("reason", pa.string()),
                            ("article_id", pa.string())])


def _encode(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    schema = arrow_schema(name)
    js = _json_columns(S.metadata.tables[name])
    fixed = [{k: (json.dumps(v, ensure_ascii=False) if k in js and v is not None else v)
              for k, v in r.items() if k in schema.names} for r in rows]
    return pa.Table.from_pylist(fixed, schema=schema)


def table_rows(articles: list[Article], components: dict[str, str]) -> dict[str, list[dict]]:
    """Rows of the five article tables for ``articles`` (the store's own row functions)."""
    out: dict[str, list[dict]] = {name: [] for name in ARTICLE_TABLES}
    for a in articles:
        out["articles"].append(R.article_row(a, components))
        for name, rows in R.span_rows(a).items():
            out[name].extend(rows)
        for ev in a.events:
            out["events"].append(R.event_row(ev, a))
    return out


class PartitionWriter:
    """Writes one partition's tables; ``commit`` makes them visible, atomically per file."""

    def __init__(self, out_dir: str | os.PathLike, part_id: str, components: dict[str, str]) -> None:
        self.out = Path(out_dir)
        self.part_id = part_id
        self.token = uuid.uuid4().hex[:8]  # two attempts at one partition never share a file
        self.components = components
        self.pending: list[Article] = []
        self.pending_kb: list[dict[str, Any]] = []
        self.pending_sites: list[dict[str, Any]] = []
        self.outcomes: list[dict[str, Any]] = []
        self.counts: dict[str, int] = {}
        self.writers: dict[str, pq.ParquetWriter] = {}
        for name in (*WRITTEN_TABLES, OUTCOMES):
            (self.out / name).mkdir(parents=True, exist_ok=True)
            schema = OUTCOME_SCHEMA if name == OUTCOMES else arrow_schema(name)
            self.writers[name] = pq.ParquetWriter(self._tmp(name), schema, compression="zstd")

    def _final(self, name: str) -> Path:
        return self.out / name / f"part-{self.part_id}.parquet"

    def _tmp(self, name: str) -> Path:
        return self.out / name / f".part-{self.part_id}.{self.token}.tmp"

    def add(self, outcome: Outcome, kb_rows: list[dict[str, Any]] | None = None,
            site_rows: list[dict[str, Any]] | None = None) -> None:
        """Record one document's outcome (and its article, when ok, with the
        KB facts it taught: ``kb_rows`` as ``KBJournal.taught_by`` gives them,
        and its site vote: ``site_rows`` as ``SiteJournal.voted_by`` gives them)."""
        self.counts[outcome.status] = self.counts.get(outcome.status, 0) + 1
        art = outcome.article if outcome.ok else None
        self.outcomes.append({"doc_id": outcome.doc_id, "source": outcome.source,
                              "status": outcome.status, "reason": outcome.reason,
                              "article_id": art.id if art is not None else None})
        if art is not None:
            self.pending.append(art)
            self.pending_kb.extend(kb_rows or ())
            self.pending_sites.extend({**r, "article_id": art.id} for r in site_rows or ())
            if len(self.pending) >= ROW_GROUP_ARTICLES:
                self._flush()

    def _flush(self) -> None:
        for name, rows in table_rows(self.pending, self.components).items():
            self.writers[name].write_table(_encode(name, rows))
        self.writers[KB_TABLE].write_table(_encode(KB_TABLE, self.pending_kb))
        self.writers[SITE_TABLE].write_table(_encode(SITE_TABLE, self.pending_sites))
        self.pending, self.pending_kb, self.pending_sites = [], [], []

    def commit(self) -> dict[str, Any]:
        """Close the files, rename them into place, then write the done marker."""
        if self.pending:
            self._flush()
        self.writers[OUTCOMES].write_table(pa.Table.from_pylist(self.outcomes, schema=OUTCOME_SCHEMA))
        for writer in self.writers.values():
            writer.close()
        for name in (*WRITTEN_TABLES, OUTCOMES):
            os.replace(self._tmp(name), self._final(name))
        summary = {"partition": self.part_id, "counts": self.counts,
                   "components": self.components}
        done = self.out / DONE_DIR
        done.mkdir(parents=True, exist_ok=True)
        tmp = done / f".{self.part_id}.{self.token}.tmp"
        tmp.write_text(json.dumps(summary), encoding="utf-8")
        os.replace(tmp, done / f"{self.part_id}.json")
        return summary

    def abort(self) -> None:
        """Close and delete the temporary files."""
        for name, writer in self.writers.items():
            try:
                writer.close()
            finally:
                self._tmp(name).unlink(missing_ok=True)


def remove_leftovers(out_dir: str | os.PathLike) -> int:
    """Delete temporary files left by killed tasks; return how many (call when none run)."""
    n = 0
    for name in (*WRITTEN_TABLES, OUTCOMES, DONE_DIR):
        folder = Path(out_dir) / name
        for tmp in folder.glob(".*.tmp") if folder.is_dir() else ():
            tmp.unlink(missing_ok=True)
            n += 1
    return n


def done_partitions(out_dir: str | os.PathLike) -> list[str]:
    """Ids of the complete partitions under ``out_dir``, sorted."""
    done = Path(out_dir) / DONE_DIR
    if not done.is_dir():
        return []
    return sorted(p.stem for p in done.glob("*.json"))


def _decode(name: str, table: pa.Table) -> list[dict[str, Any]]:
    js = _json_columns(S.metadata.tables[name])
    rows = table.to_pylist()
    for r in rows:
        for k in js & r.keys():
            if r[k] is not None:
                r[k] = json.loads(r[k])
    return rows


def read_articles(out_dir: str | os.PathLike, part_id: str,
                  ) -> Iterator[tuple[Article, dict[str, str], list[dict[str, Any]],
                                      list[dict[str, Any]]]]:
    """The articles of one complete partition, a row group at a time, each with
    its components, the KB facts it taught and its site vote (rows for
    ``Store.add_article``)."""
    base = Path(out_dir)
    names = [n for n in WRITTEN_TABLES
             if n not in LEARNT_TABLES or (base / n / f"part-{part_id}.parquet").exists()]
    files = {n: pq.ParquetFile(base / n / f"part-{part_id}.parquet") for n in names}
    groups = {f.num_row_groups for f in files.values()}
    if len(groups) != 1:
        raise InputError(f"partition {part_id}: tables have different row groups (not written by sitrep?)")
    for i in range(groups.pop()):
        rows = {n: _decode(n, f.read_row_group(i)) for n, f in files.items()}
        by_article: dict[str, dict[str, list[dict]]] = {}
        for name in ("mentions", "actors", "places", "events"):
            for r in rows[name]:
                by_article.setdefault(r["article_id"], {}).setdefault(name, []).append(r)
        for r in rows.get(KB_TABLE, ()):
            by_article.setdefault(r["source"], {}).setdefault(KB_TABLE, []).append(r)
        for r in rows.get(SITE_TABLE, ()):
            by_article.setdefault(r["article_id"], {}).setdefault(SITE_TABLE, []).append(r)
        for row in rows["articles"]:
            own = by_article.get(row["id"], {})
            article = R.article_from_rows(row, own, own.get("events", []))
            yield (article, dict(row.get("components") or {}), own.get(KB_TABLE, []),
                   own.get(SITE_TABLE, []))
