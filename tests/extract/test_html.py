"""HTML helpers: the body post-filter, figure captions, visible text."""

from lxml import html as lxml_html

from sitrep.extract.html import figure_captions, postfilter, visible_text

LONG = "A paragraph of the article with enough words in it to be real text. " * 2


def test_postfilter_drops_nav_lines_and_ends_at_closing_barrier():
    body = [LONG, "Share on Facebook", LONG, "Advertisement", LONG, "Related articles", "Other story"]
    assert postfilter(body) == [LONG, LONG, LONG]


def test_postfilter_keeps_a_related_box_at_the_top_and_table_cells():
    body = ["Related articles", LONG, "1,388", "$29.99", LONG, LONG]
    assert postfilter(body) == [LONG, "1,388", "$29.99", LONG, LONG]


def test_figure_captions_in_order_once():
    page = ("<figure><figcaption>First <b>one</b></figcaption></figure>"
            "<figure><figcaption>First one</figcaption></figure><figcaption>Second</figcaption>")
    assert figure_captions(page) == ["First one", "Second"]


def test_visible_text_skips_scripts_and_hidden_elements():
    tree = lxml_html.document_fromstring(
        "<html><body><nav>Menu</nav><script>var x=1;</script><div hidden>secret</div>"
        "<p style='display:none'>gone</p><p>Shown <b>text</b></p><br>tail</body></html>")
    assert visible_text(tree) == "Menu\n\nShown text\n\ntail"


def test_first_h1_is_the_headline():
    from sitrep.extract.html import first_h1

    page = ("<h1 class='logo'><script>x()</script></h1>"
            "<h1>Navy <span>gets</span><br>new&nbsp;ships</h1><h1>Second</h1>")
    assert first_h1(page) == "Navy gets new ships"
    assert first_h1("<p>No heading</p>") is None
