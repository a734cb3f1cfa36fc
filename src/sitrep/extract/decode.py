"""Bytes to text: UTF-8 first, then charset sniffing, then cp1252/Latin-1.

Also the checks that drop a document before any extraction: empty, binary
(NUL bytes or mostly non-text characters) or without any letters.
"""

from __future__ import annotations

import codecs
import re

from ..errors import Dropped

#: Share of control / replacement characters above which a text is "binary".
#: Real text pages (including the 549 flat-text and 549 HTML development pages)
#: stay well under 1 %; compressed or image data lands far above 10 %.
MAX_NONTEXT_SHARE = 0.10

#: Undeclared non-UTF-8 bytes are read as cp1252 when at most this share of bytes
#: is non-ASCII: Western European text has a few accented letters per line, while
#: single-byte Cyrillic, Greek or Arabic text is mostly high bytes (then the
#: charset-normalizer guess is used).
LATIN_HIGH_BYTE_SHARE = 0.3

#: How many leading characters the binary and letter checks look at.
SNIFF_CHARS = 65536

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_NONTEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_LETTER = re.compile(r"[^\W\d_]")


def decode(data: bytes | str, *, media_type: str = "text/plain") -> str:
    """Return ``data`` as text; raise ``Dropped`` for empty or binary input.

    Order: a BOM; UTF-8 (strict); for HTML/XML a declared charset; the
    charset-normalizer guess; finally cp1252 (a superset of printable Latin-1),
    then Latin-1, which never fails.
    """
    if isinstance(data, str):
        text = data
    else:
        if not data.strip():
            raise Dropped("empty document")
        if b"\x00" in data[:SNIFF_CHARS] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise Dropped("binary content (NUL bytes)")
        text = _decode_bytes(data, media_type)
    if not text.strip():
        raise Dropped("empty document")
    check_text(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_text(text: str) -> None:
    """Raise ``Dropped`` when ``text`` looks binary or has no letters at all."""
    head = text[:SNIFF_CHARS]
    if "\x00" in head:
        raise Dropped("binary content (NUL bytes)")
    bad = len(_NONTEXT.findall(head))
    if bad > MAX_NONTEXT_SHARE * len(head):
        raise Dropped(f"binary content ({bad / len(head):.0%} non-text characters)")
    if not _LETTER.search(head):
        raise Dropped("no text (no letters)")


def _decode_bytes(data: bytes, media_type: str) -> str:
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data) if media_type != "text/plain" else None
    high = sum(1 for byte in data[:SNIFF_CHARS] if byte >= 0x80)
    latin = high <= LATIN_HIGH_BYTE_SHARE * min(len(data), SNIFF_CHARS)
    guess = None if latin else _sniff(data)
    for enc in filter(None, (declared, guess)):
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    return None if name in ("utf-8", "utf8") else name


def _sniff(data: bytes) -> str | None:
    """Best guess of charset-normalizer, or None. Latin-1-like guesses are left
    to the cp1252 fallback, which maps the 0x80-0x9f range to real characters."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency of requests/trafilatura
        return None
    best = from_bytes(data[:SNIFF_CHARS]).best()
    if best is None:
        return None
    enc = best.encoding.lower()
    if enc in ("latin_1", "iso8859_1", "cp1252", "windows-1252", "ascii"):
        return None
    return enc
