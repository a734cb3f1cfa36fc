"""Readers: every format, and every way an input can be unusable."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from sitrep.ingest import DEFAULT_MAX_BYTES, iter_documents
from sitrep.models import RawDocument
from sitrep.pipeline import Outcome

HTML = b"<!doctype html><html><body><article><h1>Title</h1><p>Body text.</p></article></body></html>"


def _read(*paths, **kw):
    return list(iter_documents([str(p) for p in paths], **kw))


def test_txt_and_html_files(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Some text.\n")
    (tmp_path / "b.html").write_bytes(HTML)
    (tmp_path / "c.htm").write_bytes(HTML)
    docs = _read(tmp_path)
    assert [d.media_type for d in docs] == ["text/plain", "text/html", "text/html"]
    assert docs[0].id == docs[0].source == str(tmp_path / "a.txt")
    assert docs[0].content == b"Some text.\n"


def test_directory_is_recursive_and_sorted(tmp_path):
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "b.txt").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "m.txt").write_text("m")
    assert [d.content for d in _read(tmp_path)] == [b"a", b"m", b"b"]


def test_gzip_of_html_and_text(tmp_path):
    (tmp_path / "p.html.gz").write_bytes(gzip.compress(HTML))
    (tmp_path / "t.txt.gz").write_bytes(gzip.compress(b"plain"))
    html, text = _read(tmp_path / "p.html.gz", tmp_path / "t.txt.gz")
    assert (html.media_type, html.content) == ("text/html", HTML)
    assert (text.media_type, text.content) == ("text/plain", b"plain")


def test_truncated_gzip_is_a_drop_not_an_exception(tmp_path):
    data = gzip.compress(b"x" * 10000 + HTML)
    (tmp_path / "cut.html.gz").write_bytes(data[: len(data) // 2])
    [out] = _read(tmp_path / "cut.html.gz")
    assert isinstance(out, Outcome) and out.status == "dropped"
    assert "gzip" in out.reason and "truncated" in out.reason


def test_empty_file_is_dropped(tmp_path):
    (tmp_path / "e.txt").write_bytes(b"")
    [out] = _read(tmp_path / "e.txt")
    assert isinstance(out, Outcome) and out.reason == "empty file"


def test_binary_file_with_unknown_extension_is_dropped(tmp_path):
    (tmp_path / "img.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    [out] = _read(tmp_path / "img.bin")
    assert isinstance(out, Outcome) and out.status == "dropped"
    assert "not text or HTML" in out.reason


def test_unknown_extension_is_sniffed(tmp_path):
    (tmp_path / "page.asp").write_bytes(HTML)
    (tmp_path / "note.md").write_bytes(b"Just words here.")
    page, note = _read(tmp_path / "page.asp", tmp_path / "note.md")
    assert page.media_type == "text/html" and note.media_type == "text/plain"


def test_file_over_the_cap_is_dropped_without_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1024 * 1024)

    def no_read(*a, **k):
        raise AssertionError("the file was opened")

    monkeypatch.setattr("pathlib.Path.open", no_read)
    [out] = _read(big)
    assert out.status == "dropped"
    assert out.reason == "too large (50.0 MB > 20 MB)"
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_max_bytes_can_be_lowered(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"x" * 2000)
    [out] = _read(tmp_path / "a.txt", max_bytes=1000)
    assert out.status == "dropped" and out.reason.startswith("too large")


def test_gzip_bomb_is_capped_while_decompressing(tmp_path):
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 200_000))
    [out] = _read(tmp_path / "bomb.txt.gz", max_bytes=50_000)
    assert out.status == "dropped" and "too large" in out.reason


def test_jsonl_with_a_bad_line_goes_on(tmp_path):
    lines = [json.dumps({"id": "a1", "text": "First.", "url": "http://x/1", "published": "2024-01-02"}),
             "{not json",
             json.dumps({"id": "a3", "html": "<p>Third</p>"}),
             json.dumps({"id": "a4"}),
             json.dumps({"text": "no id"})]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n")
    out = _read(tmp_path / "batch.jsonl")
    assert len(out) == 5
    first, bad, third, no_body, no_id = out
    assert isinstance(first, RawDocument)
    assert (first.id, first.url, first.published, first.media_type) == ("a1", "http://x/1", "2024-01-02",
                                                                         "text/plain")
    assert first.source.endswith("batch.jsonl#1")
    assert bad.status == "dropped" and bad.reason.startswith("line 2: invalid JSON")
    assert third.media_type == "text/html" and third.source.endswith("#3")
    assert no_body.status == "dropped" and "line 4" in no_body.reason
    assert no_id.status == "dropped" and "no \"id\"" in no_id.reason


def test_missing_path_is_a_drop(tmp_path):
    [out] = _read(tmp_path / "nope.txt")
    assert out.status == "dropped" and "no such file" in out.reason


def test_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"From stdin.")))
    [doc] = list(iter_documents(["-"]))
    assert doc.source == "<stdin>" and doc.content == b"From stdin."


def _warc(path, records):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=str(path).endswith(".gz"))
        for url, ctype, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                            http_headers=headers)
            writer.write_record(rec)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses(tmp_path, name):
    path = tmp_path / name
    _warc(path, [("http://a/1", "text/html; charset=utf-8", HTML),
                 ("http://a/img", "image/png", b"\x89PNG"),
                 ("http://a/2", "text/html", HTML.replace(b"Title", b"Second"))])
    docs = _read(path)
    assert [d.url for d in docs] == ["http://a/1", "http://a/2"]
    assert docs[0].media_type == "text/html" and b"Body text." in docs[0].content
    assert docs[0].id == docs[0].source == f"{path}#1"


def test_broken_warc_is_counted_not_raised(tmp_path):
    path = tmp_path / "bad.warc"
    _warc(path, [("http://a/1", "text/html", HTML)])
    path.write_bytes(path.read_bytes() + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\nshort")
    out = _read(path)
    assert isinstance(out[0], RawDocument)
    assert any(isinstance(o, Outcome) and "broken WARC record" in o.reason for o in out[1:])


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>
<item><title>Full story</title><link>http://f/1</link><guid>g1</guid>
<pubDate>Tue, 20 Aug 2013 15:49:00 GMT</pubDate>
<description>Short summary.</description>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>{body}</p>]]></content:encoded>
</item>
<item><title>Teaser</title><link>http://f/2</link><description>Only a summary.</description></item>
</channel></rss>""".format(body="Long paragraph of the full article text. " * 20)


def test_rss_feed_entries(tmp_path):
    (tmp_path / "news.rss").write_text(RSS)
    full, teaser = _read(tmp_path / "news.rss")
    assert full.id == full.source == f"{tmp_path / 'news.rss'}#1" and full.meta["feed_entry_id"] == "g1"
    assert full.url == "http://f/1" and full.media_type == "text/html"
    assert "Long paragraph" in full.content and full.published.startswith("2013-08-20")
    assert full.meta["feed_summary_only"] is False
    assert teaser.meta["feed_summary_only"] is True and "Only a summary." in teaser.content


def test_xml_that_is_not_a_feed_is_sniffed(tmp_path):
    (tmp_path / "page.xml").write_text("<html><body><p>a</p><p>b</p><p>c</p></body></html>")
    [doc] = _read(tmp_path / "page.xml")
    assert isinstance(doc, RawDocument)
