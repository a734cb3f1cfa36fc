"""Splitting batch input into partitions, and reading one partition back.

A partition is a plain, picklable description of a slice of the input that one
worker reads on its own (the input must be visible to every worker, e.g. on a
shared file system or object store mount):

* ``files``: a group of files (from directories or named on the command line);
* ``lines``: a byte range of a JSON Lines file; it owns every line that *starts*
  inside ``[start, end)``, so ranges can be cut anywhere without losing or
  repeating a line (the Hadoop text-split rule);
* ``whole``: one file read whole by the readers (WARC, gzip, feeds), which are
  streamed record by record but cannot be cut at arbitrary offsets.

Documents are turned into ``RawDocument`` objects by the ingestion readers
(:mod:`sitrep.ingest.readers`): there is no second reader here.
"""

from __future__ import annotations

import hashlib
import io
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..models import RawDocument
from ..pipeline import Outcome

#: Files per ``files`` partition: a few hundred articles keep a task around a
#: minute with the full pipeline on one core, long enough to amortise scheduling
#: (a few ms per task) and short enough to balance load and lose little on a restart.
FILES_PER_PARTITION = 256

#: Bytes per ``lines`` partition of a JSON Lines file (about 5,000 articles of 6 kB).
JSONL_PARTITION_BYTES = 32 * 1024 * 1024

#: Bytes read at a time when counting lines while planning.
_SCAN_BLOCK = 1 << 20


@dataclass(frozen=True)
class Partition:
    """One slice of the input; ``id`` is stable for the same files and split."""

    id: str
    kind: str  # files | lines | whole
    paths: tuple[str, ...]
    start: int = 0
    end: int = 0
    first_line: int = 1  # ``lines``: number of the first line the range owns

    def describe(self) -> str:
        """A short human-readable description."""
        if self.kind == "lines":
            return f"{self.paths[0]}[{self.start}:{self.end}]"
        if self.kind == "whole":
            return self.paths[0]
        return f"{len(self.paths)} files from {self.paths[0]}"


@dataclass
class _Planner:
    files_per_partition: int
    jsonl_bytes: int
    specs: list[tuple[str, tuple[str, ...], int, int, int]] = field(default_factory=list)
    loose: list[str] = field(default_factory=list)

    def add(self, path: Path) -> None:
        name = path.name.lower()
        if name.endswith(".jsonl"):
            size = path.stat().st_size
            starts = list(range(0, max(size, 1), self.jsonl_bytes))
            for start, line in zip(starts, _first_lines(path, starts)):
                self.specs.append(("lines", (str(path),), start,
                                   min(start + self.jsonl_bytes, size), line))
        elif name.endswith((".warc", ".warc.gz", ".jsonl.gz")):
            self.specs.append(("whole", (str(path),), 0, 0, 1))
        else:
            self.loose.append(str(path))

    def finish(self) -> list[Partition]:
        for i in range(0, len(self.loose), self.files_per_partition):
            self.specs.append(("files", tuple(self.loose[i:i + self.files_per_partition]), 0, 0, 1))
        return [Partition(_part_id(spec), *spec) for spec in self.specs]


def _part_id(spec: tuple) -> str:
    """A digest of what the partition covers: stable when other inputs are added later."""
    return hashlib.sha1(repr(spec).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def plan(inputs: Iterable[str], files_per_partition: int = FILES_PER_PARTITION,
         jsonl_bytes: int = JSONL_PARTITION_BYTES) -> list[Partition]:
    """Partitions covering ``inputs`` (files and directories, walked recursively, sorted)."""
    planner = _Planner(files_per_partition, jsonl_bytes)
    for item in inputs:
        path = Path(item)
        if path.is_dir():  # the same files, in the same order, as ``sitrep ingest``
            for f in sorted(f for f in path.rglob("*") if f.is_file()):
                planner.add(f)
        elif path.is_file():
            planner.add(path)
        else:
            raise InputError(f"no such file or directory: {item}")
    return planner.finish()


def _first_lines(path: Path, starts: list[int]) -> list[int]:
    """For each range start, the number of the first line starting at or after it.

    Lines start at 0 and after every newline, so for ``start > 0`` that is
    2 + the newlines in ``[0, start - 1)``. One sequential pass over the file.
    """
    out: list[int] = []
    newlines, pos = 0, 0
    with open(path, "rb") as fh:
        for start in starts:
            if start == 0:
                out.append(1)
                continue
            while pos < start - 1:
                block = fh.read(min(_SCAN_BLOCK, start - 1 - pos))
                if not block:
                    break
                newlines += block.count(b"\n")
                pos += len(block)
            out.append(newlines + 2)
    return out


def jsonl_range(path: str, start: int, end: int) -> Iterator[bytes]:
    """The lines of ``path`` that start inside ``[start, end)``, without their newline."""
    with open(path, "rb") as fh:
        if start > 0:
            fh.seek(start - 1)
            if fh.read(1) != b"\n":
                fh.readline()  # the line in progress belongs to the previous range
        while fh.tell() < end:
            line = fh.readline()
            if not line:
                break
            yield line.rstrip(b"\r\n")


def read_partition(part: Partition) -> Iterator[RawDocument | Outcome]:
    """The documents of one partition (or drop outcomes), read by the ingestion readers."""
    from ..ingest import readers

    if part.kind == "lines":
        # The readers' own JSON Lines parser; blank lines put in front keep its line
        # numbers (in sources and drop reasons) those of the whole file.
        lines = itertools.chain(itertools.repeat(b"", part.first_line - 1),
                                jsonl_range(part.paths[0], part.start, part.end))
        stream = io.BufferedReader(_LineStream(lines))
        yield from readers.jsonl_lines(stream, part.paths[0], readers.DEFAULT_MAX_BYTES)
    else:
        yield from readers.iter_documents(list(part.paths))


class _LineStream(io.RawIOBase):
    """A read-only byte stream over an iterator of lines (newlines put back)."""

    def __init__(self, lines: Iterator[bytes]) -> None:
        self._lines = lines
        self._buf = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # noqa: ANN001 - io protocol
        while not self._buf:
            line = next(self._lines, None)
            if line is None:
                return 0
            self._buf = line + b"\n"
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n
