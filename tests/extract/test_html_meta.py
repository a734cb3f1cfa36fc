"""Page metadata through trafilatura's steps (``html_meta``): same results as
``trafilatura.extract_metadata`` where it matters, and its shortcuts."""

import pytest
from trafilatura import load_html
from trafilatura.metadata import extract_author, extract_metadata

from sitrep.extract.html_meta import find_author, page_metadata

FIELDS = ("title", "author", "url", "hostname", "date", "sitename", "categories", "tags")

BLOG = """<html><head><title>Frigates at sea | Navy News</title>
<meta property="og:site_name" content="Navy News">
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
<body><div class="entry-meta"><span class="byline">Jane Doe</span>
<a href="https://navy.example/category/ships/">Ships</a>
<a href="https://navy.example/tag/frigates/">Frigates</a></div>
<h1>Frigates at sea</h1><p>The new frigate joined the fleet on Tuesday.</p></body></html>"""

NEWS = """<html><head><title>Port reopens</title>
<meta property="article:section" content="World">
<link rel="canonical" href="https://news.example/port-reopens"></head>
<body><div class="comments"><span class="author">A. Commenter</span></div>
<p class="author">Max Mustermann</p><time>5 March 2024</time>
<h1>Port reopens</h1><p>The port reopened after the storm.</p></body></html>"""

BARE = "<html><body><h1>Notes</h1><p>Plain text, no metadata at all.</p></body></html>"


@pytest.mark.parametrize("page", [BLOG, NEWS, BARE])
def test_same_fields_as_trafilatura(page):
    ours = page_metadata(load_html(page), "https://site.example/a")
    theirs = extract_metadata(load_html(page), "https://site.example/a").as_dict()
    assert {k: ours.get(k) for k in FIELDS} == {k: theirs.get(k) for k in FIELDS}


def test_categories_and_tags_from_links_or_the_section_meta():
    blog = page_metadata(load_html(BLOG))
    assert blog["categories"] == ["Ships"] and blog["tags"] == ["Frigates"]
    news = page_metadata(load_html(NEWS))  # no /category/ link: the section meta tag
    assert news["categories"] == ["World"] and news["tags"] == []


def test_author_in_a_comment_box_is_skipped():
    tree = load_html(NEWS)
    assert find_author(tree) == "Max Mustermann" == extract_author(load_html(NEWS))


def test_author_with_a_discarded_part_inside_is_left_to_trafilatura():
    page = ("<html><body><div class='author'>Jane Doe <time>5 March 2024</time></div>"
            "<p>Text.</p></body></html>")
    assert find_author(load_html(page)) == extract_author(load_html(page)) == "Jane Doe"


MARKED = """<html><body>
<a rel="author" href="/jane">Jane Doe</a><span class="author-name">J. Doe</span>
<div class="byline">By Jane Doe</div><p itemprop="author">Jane</p><h4 id="zuozhe">Z</h4>
<section data-component="Byline">Jane Doe</section><li class="Writer-card">W</li>
<author>Jane Doe</author><div class="authors">Jane Doe, John Roe</div>
<span class="post-author">x</span></body></html>
<html><div class="author-info">After the end</div></html>"""


@pytest.mark.parametrize("page", [MARKED, BLOG, NEWS, BARE])
def test_author_candidates_are_what_trafilaturas_xpaths_select(page):
    from trafilatura.xpaths import AUTHOR_XPATHS

    from sitrep.extract.html_meta import author_candidates

    tree = load_html(page)
    found = author_candidates(tree)
    assert [list(found[i]) for i in range(3)] == [list(x(tree)) for x in AUTHOR_XPATHS]
    if page is MARKED:  # every test of the three XPaths is exercised, and the second <html>
        assert all(found) and found[1][-1].text == "After the end"
