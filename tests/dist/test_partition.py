"""Planning partitions and reading JSON Lines byte ranges."""

from __future__ import annotations

import json

import pytest

from sitrep.dist.partition import jsonl_range, plan
from sitrep.errors import InputError


def test_directories_are_grouped_into_file_partitions(tmp_path):
    for i in range(7):
        (tmp_path / "d" / f"s{i % 2}").mkdir(parents=True, exist_ok=True)
        (tmp_path / "d" / f"s{i % 2}" / f"{i}.txt").write_text("x")
    (tmp_path / "d" / ".hidden").write_text("x")
    parts = plan([str(tmp_path / "d")], files_per_partition=3)
    assert [p.kind for p in parts] == ["files"] * 3
    assert sum(len(p.paths) for p in parts) == 8  # every file, as `sitrep ingest` reads them
    assert plan([str(tmp_path / "d")], files_per_partition=3) == parts  # stable ids
    assert len({p.id for p in parts}) == 3


def test_warc_and_gzip_jsonl_are_whole_partitions(tmp_path):
    for name in ("a.warc.gz", "b.warc", "c.jsonl.gz"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.kind for p in plan([str(tmp_path)])] == ["whole"] * 3


def test_missing_input_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        plan([str(tmp_path / "nope")])


@pytest.mark.parametrize("chunk", [1, 7, 16, 33, 1000])
def test_jsonl_ranges_cover_every_line_once(tmp_path, chunk):
    lines = [f'{{"id": "{i}", "text": "{"w" * (i % 13)}"}}' for i in range(50)]
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join(lines) + "\n")
    parts = plan([str(f)], jsonl_bytes=chunk)
    assert all(p.kind == "lines" for p in parts)
    got = [line.decode() for p in parts for line in jsonl_range(f, p.start, p.end)]
    assert got == lines


def test_jsonl_without_final_newline(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text('{"a": 1}\n{"b": 2}')
    parts = plan([str(f)], jsonl_bytes=5)
    assert [x for p in parts for x in jsonl_range(f, p.start, p.end)] == [b'{"a": 1}', b'{"b": 2}']


def _docs(items):
    return [(getattr(d, "id", None) or d.doc_id, d.source, getattr(d, "content", None),
             getattr(d, "status", "doc")) for d in items]


def test_partitions_read_what_ingest_reads(tmp_path):
    from sitrep.dist.partition import read_partition
    from sitrep.ingest.readers import iter_documents

    lines = [json.dumps({"id": f"d{i}", "text": f"Text number {i}. " * (i % 5 + 1)}) for i in range(40)]
    lines[7] = "{not json"
    lines[12] = ""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text("\n".join(lines) + "\n")
    for i in range(5):
        (tmp_path / "in" / f"t{i}.txt").write_text(f"Plain text {i}.")
    whole = _docs(iter_documents([str(tmp_path / "in")]))
    parts = plan([str(tmp_path / "in")], files_per_partition=2, jsonl_bytes=97)
    assert len(parts) > 5
    split = _docs(d for p in parts for d in read_partition(p))
    assert sorted(split, key=repr) == sorted(whole, key=repr)
    assert any(s == "dropped" and src.endswith("#8") for _, src, _, s in split)
