"""Extraction: a ``RawDocument`` becomes an ``Article`` (or is dropped with a reason).

``Extractor`` decodes the bytes, drops empty/binary/text-less documents, sends
HTML to the HTML extractor (trafilatura + htmldate with our improvements) and
plain text to our flat-text cleaner, then fills the ``Article``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import Dropped
from ..models import Article, RawDocument, article_id_for
from .decode import decode
from .flattext import CleanText, FlatTextOptions, clean_flat_text
from .html import HtmlOptions, extract_html
from .templates import SiteTemplates, site_of

#: Version of the extraction rules, recorded with every article.
EXTRACTOR_VERSION = "0.2.0"

_HTML_SNIFF = re.compile(r"^\s*(?:<!doctype html|<html\b|<head\b|<body\b|<\?xml[^>]*>\s*<html\b)", re.I)
_HTML_TAGS = re.compile(r"</?(?:p|div|span|a|br|h[1-6]|li|table|article)\b[^>]*>", re.I)


@dataclass
class ExtractOptions:
    """Options of the extractor; thresholds are named in the sub-options."""

    #: Articles with fewer body characters than this are dropped as "no text".
    min_text_chars: int = 1
    flat: FlatTextOptions = field(default_factory=FlatTextOptions)
    html: HtmlOptions = field(default_factory=HtmlOptions)
    #: Detect the language of the body (py3langid); off for speed measurements.
    detect_language: bool = True
    #: Learn each site's template lines from the flat-text documents seen so far
    #: and treat them as boilerplate (``templates.SiteTemplates``).
    learn_templates: bool = True


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML page rather than plain text."""
    if _HTML_SNIFF.match(text[:2048]):
        return True
    head = text[:20000]
    return len(_HTML_TAGS.findall(head)) >= 3


class Extractor:
    """Turns a ``RawDocument`` into an ``Article`` or raises ``Dropped(reason)``."""

    name = "extract"
    version = EXTRACTOR_VERSION

    def __init__(self, options: ExtractOptions | None = None,
                 templates: SiteTemplates | None = None) -> None:
        self.options = options or ExtractOptions()
        #: What the extractor has learnt of the sites it has seen (one per
        #: ingest stream or batch worker; results depend on what came before).
        self.templates = templates or (SiteTemplates() if self.options.learn_templates else None)

    def __call__(self, raw: RawDocument) -> Article:
        """Extract one document."""
        text = decode(raw.content, media_type=raw.media_type)
        is_html = raw.media_type == "text/html" or (raw.media_type != "text/plain"
                                                    and looks_like_html(text))
        if is_html:
            parts = extract_html(text, raw.url, self.options.html)
        else:
            parts = self._flat(raw, text)
        body = "\n\n".join(parts.paragraphs)
        if len(body.strip()) < max(1, self.options.min_text_chars):
            raise Dropped("no article text found", doc_id=raw.id)
        return self._article(raw, parts, body, "html" if is_html else "text")

    def _flat(self, raw: RawDocument, text: str) -> CleanText:
        if self.templates is None:
            return clean_flat_text(text, self.options.flat)
        site = site_of(raw)
        parts = clean_flat_text(text, self.options.flat, self.templates.template(site))
        self.templates.observe(site, text.splitlines())
        return parts

    def _article(self, raw: RawDocument, parts: CleanText, body: str, kind: str) -> Article:
        chash = raw.content_hash
        meta = dict(raw.meta)
        meta.update({"input_id": raw.id, "extracted_from": kind, "extractor": self.version})
        return Article(
            id=article_id_for(chash), source=raw.source, text=body, content_hash=chash,
            title=parts.title, published=parts.published or raw.published,
            publisher=parts.publisher, author=parts.author, section=parts.section,
            tags=list(parts.tags), paragraphs=list(parts.paragraphs),
            captions=list(parts.captions), url=raw.url,
            language=detect_language(body) if self.options.detect_language else None,
            meta=meta, filled={"text", "metadata"},
        )


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` (py3langid), or None for very short text."""
    if len(text) < 20:
        return None
    import py3langid

    lang, _ = py3langid.classify(text[:5000])
    return lang


__all__ = ["Extractor", "ExtractOptions", "SiteTemplates", "FlatTextOptions", "HtmlOptions", "CleanText",
           "clean_flat_text", "extract_html", "looks_like_html", "detect_language",
           "EXTRACTOR_VERSION"]
