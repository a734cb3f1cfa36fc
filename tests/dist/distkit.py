"""Helpers of the batch tests: a tiny, fast pipeline, its reader and a corpus writer.

A plain module (not conftest) so that Dask worker processes can import it too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

from sitrep.dist.partition import Partition, jsonl_range
from sitrep.models import (Actor, Article, Event, EventArg, Mention, RawDocument, Span,
                           article_id_for)
from sitrep.nlp.kb import KBEntry
from sitrep.nlp.site_places import PlaceTally, SiteProfiles
from sitrep.pipeline import Pipeline

class TinyExtractor:
    """Text bytes to an Article; drops documents that say DROP."""

    def __call__(self, raw: RawDocument) -> Article:
        from sitrep.errors import Dropped

        text = raw.content.decode() if isinstance(raw.content, bytes) else raw.content
        if "DROP" in text:
            raise Dropped("asked to drop", doc_id=raw.id)
        return Article(id=article_id_for(raw.content_hash), source=raw.source, text=text,
                       content_hash=raw.content_hash, paragraphs=text.split("\n\n"),
                       tags=["x"], language="en", meta={"input_id": raw.id},
                       filled={"text", "metadata"})


class TinyKB:
    """Just what ``KBJournal`` reads of a knowledge base: entries, appended to;
    a fact learnt again (a re-run article) is not appended twice, as in ``ActorKB``."""

    def __init__(self) -> None:
        self.entries: list[KBEntry] = []

    def learn(self, entry: KBEntry) -> None:
        if not any((e.name, e.source) == (entry.name, entry.source) for e in self.entries):
            self.entries.append(entry)


class TinyStage:
    """Capitalised words become mentions/actors; one event per article; records who ran it.

    Like the actor stage, it learns one KB fact per article ("Navy" is USA MIL),
    and like the place stage it casts each article's vote for its site's home
    (every site "tiny.example" article votes Virginia, USA)."""

    name, version = "tiny", "1.0"
    requires: frozenset[str] = frozenset()
    assigns = frozenset({"mentions", "actors", "events"})

    def __init__(self) -> None:
        self.kb = TinyKB()
        self.sites = SiteProfiles()  # the batch turns recording on

    def __call__(self, a: Article) -> Article:
        a.mentions, a.actors = [], []  # a stage may be re-run on the same article
        pos = 0
        for word in a.text.split():
            start = a.text.index(word, pos)
            pos = start + len(word)
            if word[:1].isupper():
                a.mentions.append(Mention(start, pos, word, "Organisation"))
                a.actors.append(Actor(start, pos, word, word.upper(), country="USA"))
        a.events = [Event(type="CONSULT", evidence=Span(0, min(10, len(a.text))), context=["c"],
                          actors=[EventArg("a", "A", "USA")], recipients=[EventArg("b", "B", "RUS")],
                          date="2024-01-02", confidence=0.5, coder="tiny", coder_version="1")]
        if "BOOM" in a.text:
            raise RuntimeError("stage bug")
        a.meta["worker"] = f"{os.getpid()}:{id(self)}"
        self.kb.learn(KBEntry("Navy", "USA", "MIL", source=a.id, evidence=a.text[:20]))
        self.sites.observe("tiny.example", PlaceTally.of([("USA", "VA")]), a.id)
        return a


def tiny_pipeline() -> Pipeline:
    """The tiny pipeline, as a worker factory."""
    return Pipeline(TinyExtractor(), [TinyStage()])


def tiny_reader(part: Partition) -> Iterator[RawDocument]:
    """Text files, or JSON Lines ranges of {"id","text"}, to RawDocuments."""
    if part.kind == "lines":
        for line in jsonl_range(part.paths[0], part.start, part.end):
            obj = json.loads(line)
            yield RawDocument(id=obj["id"], source=part.paths[0], content=obj["text"])
        return
    for p in part.paths:
        yield RawDocument(id=Path(p).name, source=p, content=Path(p).read_bytes())


def bad_reader(part: Partition) -> Iterator[RawDocument]:
    """``tiny_reader``, except that the partition holding doc0000.txt cannot be read."""
    if "doc0000.txt" in part.paths[0]:
        raise OSError("disk on fire")
    yield from tiny_reader(part)


def write_corpus(folder: Path, n: int) -> list[Path]:
    """``n`` text files with unique content (every 10th is dropped by TinyExtractor)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        body = f"Report {i} says Navy ships met Army units near Port {i}."
        if i % 10 == 9:
            body += " DROP"
        p = folder / f"doc{i:04d}.txt"
        p.write_text(body)
        paths.append(p)
    return paths
