"""Site templates: per-site line counts across documents."""

from __future__ import annotations

from sitrep.extract.templates import SiteTemplates, line_key, site_of
from sitrep.models import RawDocument


def _raw(url=None, **meta) -> RawDocument:
    return RawDocument(id="x", source="x", content="", url=url, meta=meta)


def test_site_of():
    assert site_of(_raw("https://www.Example.com/a/b")) == "example.com"
    assert site_of(_raw(None, site="Army Recognition")) == "army recognition"
    assert site_of(_raw(None, publisher="Xinhua")) == "xinhua"
    assert site_of(_raw(None)) is None


def test_line_key_ignores_case_and_punctuation():
    assert line_key("Home | World  News!") == line_key("home world news") == "home world news"


def test_lines_on_most_pages_of_a_site_become_template():
    t = SiteTemplates(min_docs=3, min_share=0.5)
    for i in range(4):
        t.observe("a.com", ["Home", "World", f"Story number {i}", "Follow us on X"])
    assert t.template("a.com") == {"home", "world", "follow us on x"}
    assert t.template("b.com") == frozenset()  # sites are apart
    for i in range(6):  # "World" now on 4 of 10 pages: below half
        t.observe("a.com", ["Home", f"Other {i}", "Follow us on X"])
    assert t.template("a.com") == {"home", "follow us on x"}


def test_nothing_is_template_before_min_docs_or_without_a_site():
    t = SiteTemplates(min_docs=3)
    t.observe("a.com", ["Home"])
    t.observe("a.com", ["Home"])
    assert t.template("a.com") == frozenset()
    t.observe(None, ["Home"])
    assert t.template(None) == frozenset() and len(t) == 1


def test_repeats_within_one_document_count_once():
    t = SiteTemplates(min_docs=2, min_share=0.5)
    t.observe("a.com", ["Lead", "Lead", "Lead"])
    t.observe("a.com", ["Other"])
    t.observe("a.com", ["Else"])
    assert t.template("a.com") == frozenset()


def test_memory_is_bounded():
    t = SiteTemplates(max_sites=2, max_lines=10)
    for site in ("a", "b", "c"):
        t.observe(site, ["x"])
    assert len(t) == 2 and t.template("a") == frozenset()
    for i in range(30):
        t.observe("c", [f"unique {i}", "nav"])
    s = t._sites["c"]
    assert len(s.counts) <= 10 and s.counts["nav"] == 30
