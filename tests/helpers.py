"""Test helpers: paths, hand-made articles and a tiny offline pipeline."""

from __future__ import annotations

from pathlib import Path

from sitrep.errors import Dropped
from sitrep.models import Article, Event, EventArg, Mention, RawDocument, Span, article_id_for

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "army-recognition-2013-08-20.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"


def make_article(text: str = "China and Russia held talks in Harbin.", **kw) -> Article:
    """A small hand-made article whose id derives from its text."""
    from sitrep.models import content_hash

    digest = content_hash(text + repr(sorted(kw.items())))
    base = dict(id=article_id_for(digest), source="test", text=text, content_hash=digest,
                paragraphs=[text], title="Talks", published="2013-08-20", language="en")
    base.update(kw)
    return Article(**base)


def consult_event(article: Article) -> Event:
    """A CONSULT event CHN → RUS over the whole article text."""
    return Event(type="CONSULT", evidence=Span(0, len(article.text)), mode="meet",
                 actors=[EventArg("China", "China", "CHN", "GOV")],
                 recipients=[EventArg("Russia", "Russia", "RUS", "GOV")],
                 date="2013-08-20", date_precision="day", confidence=0.9,
                 coder="test", coder_version="0")


class TextExtractor:
    """A minimal extractor for tests: decodes UTF-8, drops empty documents."""

    def __call__(self, raw: RawDocument) -> Article:
        text = raw.content.decode() if isinstance(raw.content, bytes) else raw.content
        if not text.strip():
            raise Dropped("empty document", doc_id=raw.id)
        if "BUG" in text:
            raise RuntimeError("simulated bug")
        paras = [p.strip() for p in text.split("\n\n") if p.strip()]
        return Article(id=article_id_for(raw.content_hash), source=raw.source,
                       text="\n\n".join(paras), paragraphs=paras,
                       content_hash=raw.content_hash, language="en",
                       meta={"input_id": raw.id})


class CapitalStage:
    """A tiny stage: every capitalised word becomes a Location mention."""

    name = "caps"
    version = "0"
    requires = frozenset()
    assigns = frozenset({"mentions"})

    def __call__(self, article: Article) -> Article:
        import re

        article.mentions = [Mention(m.start(), m.end(), m.group(), "Location", "rule")
                            for m in re.finditer(r"\b[A-Z][a-z]+\b", article.text)]
        return article




#: Names a maintenance database on a PostgreSQL server the tests may use
#: (.ci/postgres.sh starts a throw-away server and sets it).
PG_ENV = "SITREP_TEST_PG_URL"


def fresh_pg_url():
    """Yield the URL of a new, empty PostgreSQL database; drop it afterwards.

    Skips the test, saying why, when no server is configured.
    """
    import os
    import uuid

    import pytest

    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL tests need a server: set {PG_ENV} (.ci/postgres.sh does)")
    import psycopg

    def admin():
        return psycopg.connect(base.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)

    name = "sitrep_t_" + uuid.uuid4().hex[:12]
    with admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.rpartition("/")[0] + "/" + name
    finally:
        with admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def backend_url(backend: str, tmp_path):
    """Yield an empty database URL on ``backend`` (sqlite: a file in ``tmp_path``)."""
    if backend == "sqlite":
        yield str(tmp_path / "test.db")
    else:
        yield from fresh_pg_url()
