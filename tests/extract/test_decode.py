"""Decoding and the early drops (empty, binary, no text)."""

import pytest

from sitrep.errors import Dropped
from sitrep.extract.decode import decode


def test_utf8():
    assert decode("Zürich – ok".encode("utf-8")) == "Zürich – ok"


def test_latin1_file_comes_out_right():
    assert decode("Le café de la Défense à Zürich, naïve".encode("latin-1")) == \
        "Le café de la Défense à Zürich, naïve"


def test_cp1252_quotes():
    assert decode("“Quoted” – text’s".encode("cp1252")) == "“Quoted” – text’s"


def test_declared_charset_in_html():
    data = b'<html><head><meta charset="koi8-r"></head><body>' + "Привет мир".encode("koi8-r")
    assert "Привет мир" in decode(data, media_type="text/html")


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"), (b"   \n\t ", "empty"),
    (b"PK\x03\x04\x00\x00binary", "NUL"),
    (bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 50 + b"abc", "non-text"),
    (b"1234 5678 -- 42 !!", "no letters"),
])
def test_drops(data, reason):
    with pytest.raises(Dropped) as exc:
        decode(data)
    assert reason in exc.value.reason
