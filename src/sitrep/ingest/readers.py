"""Input readers: files, directories and stdin to ``RawDocument``s.

``iter_documents`` yields one ``RawDocument`` per input document, or an
``Outcome`` (status ``dropped``) for an input that cannot become one (too large,
truncated gzip, a bad JSON Lines line, a broken WARC record, an unknown binary
file). One bad input never stops the batch.

Formats: ``.txt`` (text/plain), ``.html``/``.htm`` (text/html), ``.gz`` of any of
them (streamed), ``.jsonl`` (``id`` + ``text`` or ``html``, optional ``url``,
``published``), ``.warc``/``.warc.gz`` (HTML response records, via warcio),
RSS/Atom feeds (``.rss``/``.atom``/``.xml``, via feedparser). Anything else is
sniffed (HTML vs text) or dropped with a reason.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from ..models import RawDocument
from ..pipeline import Outcome

#: Largest input file read (20 MB). News pages are 50 KB - 2 MB of HTML; 20 MB
#: leaves room for pages with inline data while keeping a stray dump, video or
#: archive from being read whole into memory. WARC and JSON Lines files hold many
#: documents and are streamed, so the cap applies to each of their records instead.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

#: Bytes read to decide whether an unknown file is HTML, text or binary.
SNIFF_BYTES = 4096

#: Feed entry content at least this long (characters, markup stripped) is taken as the
#: full article text; shorter content is a summary and the entry is kept only with
#: its summary marked in ``meta["feed_summary_only"]``.
FEED_FULLTEXT_MIN_CHARS = 500

_TEXT_EXT = {".txt": "text/plain", ".text": "text/plain", ".html": "text/html",
             ".htm": "text/html", ".xhtml": "text/html"}
_FEED_EXT = {".rss", ".atom", ".xml"}
_HTML_START = re.compile(rb"^\s*(?:<!doctype html|<html\b|<head\b|<body\b|<!--)", re.I)
_TAG = re.compile(r"<[^>]+>")


def _mb(n: int) -> str:
    """``52428800`` → ``50.0 MB``."""
    return f"{n / 1024 / 1024:.1f} MB"


def _cap(n: int) -> str:
    """A limit in MB, without ``.0`` when whole: ``20 MB``."""
    mb = n / 1024 / 1024
    return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"


def _drop(doc_id: str, source: str, reason: str) -> Outcome:
    return Outcome(doc_id, source, "dropped", reason=reason)


def iter_documents(paths: Sequence[str], *, max_bytes: int = DEFAULT_MAX_BYTES
                   ) -> Iterator[RawDocument | Outcome]:
    """Yield a ``RawDocument`` (or a dropped ``Outcome``) for every document in
    ``paths``: files, directories (recursively, sorted) or ``-`` for stdin."""
    for path in paths:
        if path == "-":
            yield from _read_stream(sys.stdin.buffer, "-", "<stdin>", max_bytes)
            continue
        p = Path(path)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file())
            for f in files:
                yield from _read_file(f, max_bytes)
        elif p.exists():
            yield from _read_file(p, max_bytes)
        else:
            yield _drop(str(p), str(p), "no such file or directory")


def _suffixes(p: Path) -> tuple[str, bool]:
    """(format suffix, gzipped?) of ``p``: ``a.warc.gz`` → (``.warc``, True)."""
    name = p.name.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    return os.path.splitext(name)[1], gz


def _read_file(p: Path, max_bytes: int) -> Iterator[RawDocument | Outcome]:
    src = str(p)
    ext, gz = _suffixes(p)
    try:
        size = p.stat().st_size
    except OSError as exc:
        yield _drop(src, src, f"cannot read: {exc.strerror or exc}")
        return
    if ext == ".warc":
        yield from _read_warc(p, max_bytes)
        return
    if ext == ".jsonl":
        yield from _read_jsonl(p, gz, max_bytes)
        return
    if size > max_bytes:
        yield _drop(src, src, f"too large ({_mb(size)} > {_cap(max_bytes)})")
        return
    if size == 0:
        yield _drop(src, src, "empty file")
        return
    try:
        data = _read_capped(p, gz, max_bytes)
    except _TooLarge as exc:
        yield _drop(src, src, str(exc))
        return
    except (OSError, EOFError, zlib.error) as exc:
        yield _drop(src, src, f"unreadable gzip ({_why(exc)})")
        return
    yield from _from_bytes(data, src, src, ext)


def _read_stream(stream: BinaryIO, doc_id: str, source: str, max_bytes: int
                 ) -> Iterator[RawDocument | Outcome]:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield _drop(doc_id, source, f"too large (> {_cap(max_bytes)})")
        return
    if data[:2] == b"\x1f\x8b":
        try:
            data = _gunzip_capped(io.BytesIO(data), max_bytes)
        except (OSError, EOFError, zlib.error, _TooLarge) as exc:
            yield _drop(doc_id, source, f"unreadable gzip ({_why(exc)})")
            return
    if data.lstrip()[:1] in (b"{",) and b"\n{" in data:
        yield from jsonl_lines(io.BytesIO(data), source, max_bytes)
        return
    yield from _from_bytes(data, doc_id, source, "")


class _TooLarge(Exception):
    pass


def _why(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "truncated: compressed file ended before the end-of-stream marker"
    return str(exc) or type(exc).__name__


def _read_capped(p: Path, gz: bool, max_bytes: int) -> bytes:
    """Read ``p`` (decompressing when ``gz``), never more than ``max_bytes``."""
    if not gz:
        with p.open("rb") as fh:
            return fh.read(max_bytes + 1)
    with p.open("rb") as fh:
        return _gunzip_capped(fh, max_bytes)


def _gunzip_capped(fh: BinaryIO, max_bytes: int) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=fh) as gzf:
        while chunk := gzf.read(1 << 16):
            out.write(chunk)
            if out.tell() > max_bytes:
                raise _TooLarge(f"too large (over {_cap(max_bytes)} decompressed)")
    return out.getvalue()


def _from_bytes(data: bytes, doc_id: str, source: str, ext: str) -> Iterator[RawDocument | Outcome]:
    if not data.strip():
        yield _drop(doc_id, source, "empty file")
        return
    if ext in _FEED_EXT:
        feed = list(_read_feed(data, source))
        if feed:
            yield from feed
            return
        if ext != ".xml":
            yield _drop(doc_id, source, "not a readable RSS/Atom feed")
            return
    media = _TEXT_EXT.get(ext) or _sniff(data)
    if media is None:
        yield _drop(doc_id, source, f"unknown format{f' ({ext})' if ext else ''}: not text or HTML")
        return
    yield RawDocument(id=doc_id, source=source, content=data, media_type=media)


def _sniff(data: bytes) -> str | None:
    """``text/html``, ``text/plain`` or None (binary) from the first bytes."""
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return None
    if _HTML_START.match(head) or head.lower().count(b"<p") + head.lower().count(b"<div") >= 3:
        return "text/html"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not merely a character cut at the end
            text = head.decode("latin-1")
            ctrl = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
            return None if ctrl > 0.05 * len(text) else "text/plain"
    return "text/plain"


def _read_jsonl(p: Path, gz: bool, max_bytes: int) -> Iterator[RawDocument | Outcome]:
    src = str(p)
    try:
        with (gzip.open(p, "rb") if gz else p.open("rb")) as fh:
            yield from jsonl_lines(fh, src, max_bytes)
    except (OSError, EOFError, zlib.error) as exc:
        yield _drop(src, src, f"unreadable gzip ({_why(exc)}); lines before it were read")


def jsonl_lines(fh: BinaryIO, src: str, max_bytes: int) -> Iterator[RawDocument | Outcome]:
    """Documents of a JSON Lines stream (``{"id", "text"|"html", "url"?, "published"?,
    ...}`` per line); a blank line is skipped, a bad one is a dropped outcome naming
    ``src#line``. Used for files, the API's request bodies and batch partitions."""
    for lineno, line in enumerate(fh, 1):
        where = f"{src}#{lineno}"
        if not line.strip():
            continue
        if len(line) > max_bytes:
            yield _drop(where, where, f"line {lineno}: too large ({_mb(len(line))} > {_cap(max_bytes)})")
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield _drop(where, where, f"line {lineno}: invalid JSON ({exc})")
            continue
        doc = _jsonl_doc(obj, where, lineno)
        yield doc


def _jsonl_doc(obj: object, where: str, lineno: int) -> RawDocument | Outcome:
    if not isinstance(obj, dict):
        return _drop(where, where, f"line {lineno}: not a JSON object")
    body, media = (obj.get("html"), "text/html") if obj.get("html") else (obj.get("text"), "text/plain")
    if not isinstance(body, str) or not body.strip():
        return _drop(str(obj.get("id") or where), where, f"line {lineno}: no \"text\" or \"html\"")
    doc_id = obj.get("id")
    if doc_id is None or str(doc_id).strip() == "":
        return _drop(where, where, f"line {lineno}: no \"id\"")
    extra = {k: v for k, v in obj.items() if k not in ("id", "text", "html", "url", "published")}
    return RawDocument(id=str(doc_id), source=where, content=body, media_type=media,
                       url=obj.get("url") or None, published=obj.get("published") or None,
                       meta=extra)


def _read_warc(p: Path, max_bytes: int) -> Iterator[RawDocument | Outcome]:
    """HTML response records of a WARC file, streamed; broken records are skipped
    and counted (one dropped outcome per broken record, and one if the file ends
    in the middle of a record)."""
    from warcio.archiveiterator import ArchiveIterator

    src = str(p)
    n = 0
    with p.open("rb") as fh:
        it = iter(ArchiveIterator(fh, arc2warc=True))
        while True:
            n += 1
            where = f"{src}#{n}"
            try:
                record = next(it)
            except StopIteration:
                return
            except Exception as exc:  # noqa: BLE001 - warcio raises many types for a broken file
                yield _drop(where, where, f"broken WARC record {n}: {type(exc).__name__}: {exc}")
                return
            try:
                doc = _warc_doc(record, where, max_bytes)
            except Exception as exc:  # noqa: BLE001 - one broken record never stops the file
                yield _drop(where, where, f"broken WARC record {n}: {type(exc).__name__}: {exc}")
                continue
            if doc is not None:
                yield doc


def _warc_doc(record, where: str, max_bytes: int) -> RawDocument | Outcome | None:
    if record.rec_type != "response":
        return None
    ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
    if "html" not in ctype.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    stream = record.content_stream()
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        return _drop(where, where, f"too large (> {_cap(max_bytes)})")
    date = record.rec_headers.get_header("WARC-Date")
    return RawDocument(id=where, source=where, content=data, media_type="text/html",
                       url=url, meta={"warc_date": date} if date else {})


def _read_feed(data: bytes, src: str) -> Iterator[RawDocument]:
    """Entries of an RSS/Atom feed; the entry content when it is the full text,
    else its summary (marked ``feed_summary_only``)."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries or not (parsed.get("version") or parsed.feed):
        return
    for i, entry in enumerate(parsed.entries, 1):
        contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
        summary = entry.get("summary", "") or ""
        full = max(contents, key=len) if contents else ""
        use_full = len(_TAG.sub("", full).strip()) >= FEED_FULLTEXT_MIN_CHARS or (
            full and len(full) > len(summary))
        body = full if use_full else summary
        if not body.strip():
            continue
        title = entry.get("title")
        html = f"<html><body><article>{f'<h1>{title}</h1>' if title else ''}{body}</article></body></html>"
        yield RawDocument(
            id=f"{src}#{i}", source=f"{src}#{i}",
            content=html, media_type="text/html", url=entry.get("link"),
            published=_feed_date(entry),
            meta={"feed_entry_id": entry.get("id"), "feed_title": title,
                  "feed_summary_only": not use_full})


def _feed_date(entry) -> str | None:
    st = entry.get("published_parsed") or entry.get("updated_parsed")
    if not st:
        return None
    # feedparser normalises feed dates to UTC, so the time zone is known: say so.
    return (f"{st.tm_year:04d}-{st.tm_mon:02d}-{st.tm_mday:02d}"
            f"T{st.tm_hour:02d}:{st.tm_min:02d}:{st.tm_sec:02d}Z")
