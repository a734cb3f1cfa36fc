"""Extraction evaluations: Zyte (HTML), WCXB (HTML) and flat text, each run for
our extractor and for trafilatura on the same pages in the same run.

Metrics exactly as ``shared/data/README.md`` describes them:

* Zyte: per page TP/FP/FN over 4-token shingles (tokens ``\\w+``), normalised per
  page; precision and recall averaged over pages; F1 = harmonic mean of the two.
* WCXB: per page bag-of-words (lower-cased ``\\w+``) P/R/F1, macro-averaged; share
  of ``with`` snippets found and ``without`` snippets absent (whitespace-normalised
  substring test); title/author exact match after whitespace normalisation, date
  same calendar day.
* flat text: both of the above on ``body``; title exact match and same-day date
  where the gold has them. The baseline is trafilatura on the same text wrapped
  line by line in ``<p>`` tags.

A page where an extractor returns nothing scores precision 0 and recall 0.
"""

from __future__ import annotations

import gzip
import html as htmlmod
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Dropped, EvalDataError
from ..models import RawDocument
from . import EvalOptions, EvalReport

_TOKEN = re.compile(r"\w+")


# --- metrics -----------------------------------------------------------------

def shingles(text: str, n: int = 4) -> Counter:
    """Counter of ``n``-token shingles (tokens ``\\w+``, case kept), as the Zyte benchmark."""
    tokens = _TOKEN.findall(text or "")
    return Counter(" ".join(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def shingle_pr(gold: str, pred: str, n: int = 4) -> tuple[float, float]:
    """Per-page precision and recall over shingles (TP/FP/FN normalised per page)."""
    g, p = shingles(gold, n), shingles(pred, n)
    tp = sum((g & p).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec


def bow_prf(gold: str, pred: str) -> tuple[float, float, float]:
    """Per-page bag-of-words (lower-cased ``\\w+``) precision, recall and F1."""
    g = Counter(_TOKEN.findall((gold or "").lower()))
    p = Counter(_TOKEN.findall((pred or "").lower()))
    tp = sum((g & p).values())
    prec = tp / sum(p.values()) if p else 0.0
    rec = tp / sum(g.values()) if g else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def _ws(text: str | None) -> str:
    return " ".join((text or "").split())


def _hm(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _mean(xs: Iterable[float]) -> float:
    xs = list(xs)
    return sum(xs) / len(xs) if xs else 0.0


# --- data --------------------------------------------------------------------

@dataclass
class Page:
    """One development page: its input, gold body and optional gold metadata."""

    id: str
    content: str
    body: str
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()


@dataclass
class Result:
    """What one extractor returned for one page."""

    body: str
    title: str | None = None
    author: str | None = None
    published: str | None = None


def _dir(opts: EvalOptions, name: str) -> Path:
    path = Path(opts.data_dir) / "extraction" / name
    if not path.is_dir():
        raise EvalDataError(f"extraction set {name!r} not found under {opts.data_dir}")
    return path


def load_zyte(opts: EvalOptions) -> list[Page]:
    """The Zyte pages (gzipped HTML + gold article body)."""
    d = _dir(opts, "zyte")
    gold = json.loads((d / "ground-truth.json").read_text("utf-8"))
    pages = [Page(k, gzip.open(d / "html" / f"{k}.html.gz", "rt", encoding="utf-8").read(),
                  v["articleBody"], url=v.get("url")) for k, v in sorted(gold.items())]
    return pages[:opts.limit] if opts.limit else pages


def load_wcxb(opts: EvalOptions) -> list[Page]:
    """The WCXB article pages with gold body, title, author, date and snippets."""
    d = _dir(opts, "wcxb")
    pages = []
    for gpath in sorted((d / "ground-truth").glob("*.json"))[:opts.limit or None]:
        g = json.loads(gpath.read_text("utf-8"))
        content = gzip.open(d / "html" / f"{g['id']}.html.gz", "rt", encoding="utf-8").read()
        pages.append(Page(g["id"], content, g["main_content"], url=g.get("url"),
                          title=g.get("title"), author=g.get("author"),
                          published=g.get("publish_date"), with_=tuple(g.get("with") or ()),
                          without=tuple(g.get("without") or ())))
    return pages


def load_flattext(opts: EvalOptions) -> list[Page]:
    """The flat-text page dumps with gold body (and title/date where known)."""
    d = _dir(opts, "flattext")
    pages = []
    for gpath in sorted((d / "gold").glob("*.json"))[:opts.limit or None]:
        g = json.loads(gpath.read_text("utf-8"))
        content = (d / "input" / f"{g['id']}.txt").read_text("utf-8")
        pages.append(Page(g["id"], content, g["body"], title=g.get("title"),
                          published=g.get("published")))
    return pages


# --- runners -----------------------------------------------------------------

def _ours(media_type: str, detect_language: bool = False) -> Callable[[Page], Result]:
    from ..extract import ExtractOptions, Extractor

    ex = Extractor(ExtractOptions(detect_language=detect_language))

    def run(page: Page) -> Result:
        raw = RawDocument(page.id, page.id, page.content, media_type=media_type, url=page.url)
        try:
            art = ex(raw)
        except Dropped:
            return Result("")
        return Result(art.text, art.title, art.author, art.published)
    return run


def _trafilatura(page: Page) -> Result:
    import trafilatura

    found = trafilatura.bare_extraction(page.content, url=page.url, with_metadata=True)
    doc = found.as_dict() if found is not None else {}
    return Result(doc.get("text") or "", doc.get("title"), doc.get("author"), doc.get("date"))


def _trafilatura_wrapped(page: Page) -> Result:
    lines = [ln.strip() for ln in page.content.split("\n") if ln.strip()]
    wrapped = "<html><body>" + "".join(f"<p>{htmlmod.escape(ln)}</p>" for ln in lines) + "</body></html>"
    return _trafilatura(Page(page.id, wrapped, page.body))


def _run_both(ours: Callable[[Page], Result], base: Callable[[Page], Result], pages: list[Page]
              ) -> tuple[list[Result], float, list[Result], float]:
    """Both extractors page by page, interleaved, with the CPU seconds each spent
    (process time on one core: fair to both on a shared, busy machine)."""
    res_o, res_b, t_o, t_b = [], [], 0.0, 0.0
    for page in pages:
        t0 = time.process_time()
        res_b.append(base(page))
        t1 = time.process_time()
        res_o.append(ours(page))
        t2 = time.process_time()
        t_b += t1 - t0
        t_o += t2 - t1
    return res_o, t_o, res_b, t_b


def _scores(pages: list[Page], results: list[Result]) -> dict[str, float]:
    sp, sr = zip(*(shingle_pr(p.body, r.body) for p, r in zip(pages, results)))
    bow = [bow_prf(p.body, r.body) for p, r in zip(pages, results)]
    m = {"shingle_p": _mean(sp), "shingle_r": _mean(sr)}
    m["shingle_f1"] = _hm(m["shingle_p"], m["shingle_r"])
    m.update({"bow_p": _mean(b[0] for b in bow), "bow_r": _mean(b[1] for b in bow),
              "bow_f1": _mean(b[2] for b in bow)})
    snip = [(p, r) for p, r in zip(pages, results) if p.with_ or p.without]
    if snip:
        m["with_found"] = _mean(_mean(_ws(s) in _ws(r.body) for s in p.with_) for p, r in snip if p.with_)
        m["without_absent"] = _mean(_mean(_ws(s) not in _ws(r.body) for s in p.without)
                                    for p, r in snip if p.without)
    for field in ("title", "author"):
        pairs = [(getattr(p, field), getattr(r, field)) for p, r in zip(pages, results)
                 if getattr(p, field)]
        if pairs:
            m[f"{field}_exact"] = _mean(_ws(g) == _ws(o) for g, o in pairs)
    dates = [(p.published, r.published) for p, r in zip(pages, results) if p.published]
    if dates:
        m["date_day"] = _mean(bool(o) and o[:10] == g[:10] for g, o in dates)
    return m


def _compare(name: str, pages: list[Page], ours: Callable[[Page], Result],
             base: Callable[[Page], Result], base_name: str, main: str) -> EvalReport:
    for fn in (ours, base):  # warm up (imports, lazy initialisation) outside the timing
        fn(pages[0])
    res_o, t_o, res_b, t_b = _run_both(ours, base, pages)
    mo, mb = _scores(pages, res_o), _scores(pages, res_b)
    report = EvalReport(name)
    report.metrics = {f"ours_{k}": v for k, v in mo.items()}
    report.metrics.update({f"{base_name}_{k}": v for k, v in mb.items()})
    report.metrics["ours_pages_per_s"] = len(pages) / t_o if t_o else 0.0
    report.metrics[f"{base_name}_pages_per_s"] = len(pages) / t_b if t_b else 0.0
    report.metrics["pages"] = float(len(pages))
    report.lines = [f"pages: {len(pages)}   main metric: {main}",
                    f"{'metric':<16}{'ours':>10}{base_name:>22}"]
    for k in mo:
        report.lines.append(f"{k:<16}{mo[k]:>10.4f}{mb.get(k, float('nan')):>22.4f}")
    report.lines.append(f"{'pages/s (cpu)':<16}{len(pages) / t_o:>10.1f}{len(pages) / t_b:>22.1f}")
    return report


def zyte(opts: EvalOptions) -> EvalReport:
    """Zyte article-body benchmark: 4-shingle P/R/F1, ours vs trafilatura."""
    pages = load_zyte(opts)
    return _compare("extraction-zyte", pages, _ours("text/html"), _trafilatura, "trafilatura",
                    "shingle_f1")


def wcxb(opts: EvalOptions) -> EvalReport:
    """WCXB article pages: bag-of-words P/R/F1, snippets, title/author/date."""
    pages = load_wcxb(opts)
    return _compare("extraction-wcxb", pages, _ours("text/html"), _trafilatura, "trafilatura",
                    "bow_f1")


def flattext(opts: EvalOptions) -> EvalReport:
    """Flat-text dumps: our cleaner vs trafilatura on the text wrapped in ``<p>``."""
    pages = load_flattext(opts)
    return _compare("extraction-flattext", pages, _ours("text/plain"), _trafilatura_wrapped,
                    "trafilatura_p_wrapped", "bow_f1")
