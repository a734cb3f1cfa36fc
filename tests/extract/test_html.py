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


# --- the precision-mode check against the page's flat-text body --------------------------

SENT = ("The defence ministry said on Monday that the new frigate would join the fleet next "
        "year after a long series of sea trials in the North Sea and the Atlantic. ")
PARAS = [f"{SENT}Ship number {i} has a crew of {i + 100} sailors, trained for months."
         for i in range(40)]
PAGE = ("<html><body><nav><a href='/'>Home</a></nav><h1>Frigate joins the fleet</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAS) + "</body></html>")


class _Doc:
    def __init__(self, text: str) -> None:
        self.text = text

    def as_dict(self) -> dict:
        return {"text": self.text}


def _fake_trafilatura(monkeypatch, precise: str, default: str) -> list[bool]:
    """trafilatura returning ``precise`` in precision mode and ``default`` otherwise;
    the list records which modes were asked for."""
    import trafilatura

    calls: list[bool] = []

    def fake(tree, url=None, with_metadata=True, favor_precision=False, **kw):
        calls.append(favor_precision)
        return _Doc(precise if favor_precision else default)

    monkeypatch.setattr(trafilatura, "bare_extraction", fake)
    return calls


def test_precision_body_kept_when_it_holds_the_article(monkeypatch):
    from sitrep.extract.html import extract_html

    calls = _fake_trafilatura(monkeypatch, "\n".join(PARAS), "unused")
    out = extract_html(PAGE)
    assert calls == [True] and len(out.paragraphs) == 40


def test_short_precision_body_rerun_with_defaults(monkeypatch):
    from sitrep.extract.html import extract_html

    calls = _fake_trafilatura(monkeypatch, SENT, "\n".join(PARAS[:30]))
    out = extract_html(PAGE)
    assert calls == [True, False] and len(out.paragraphs) == 30


def test_flat_text_body_when_both_runs_keep_a_fragment(monkeypatch):
    from sitrep.extract.html import extract_html

    calls = _fake_trafilatura(monkeypatch, SENT, SENT + SENT)
    out = extract_html(PAGE)
    assert calls == [True, False]
    assert out.paragraphs == PARAS and out.title == "Frigate joins the fleet"


# --- closing footer lines and the recall-mode check -------------------------------------

def test_strip_footer_drops_news_footers_among_the_last_lines_only():
    from sitrep.extract.html import strip_footer

    promo = "Sign up for our daily newsletter to get the news in your inbox."
    credit = "Jane Doe contributed to this report."
    body = [promo, LONG, LONG, "A long closing paragraph that mentions a newsletter. " * 8, credit]
    # the first two lines stay (not among the last two); a long line naming a newsletter stays
    assert strip_footer(body) == body[:4]
    assert strip_footer([LONG, promo, LONG, LONG]) == [LONG, promo, LONG, LONG]
    assert strip_footer([promo]) == [promo]  # the only paragraph is kept


def _fake_modes(monkeypatch, precise: str, recall: str) -> list[str]:
    import trafilatura

    calls: list[str] = []

    def fake(tree, url=None, favor_precision=False, favor_recall=False, **kw):
        assert kw.get("include_comments") is False
        calls.append("precision" if favor_precision else "recall" if favor_recall else "default")
        return _Doc(precise if favor_precision else recall)

    monkeypatch.setattr(trafilatura, "bare_extraction", fake)
    return calls


# precision mode keeping 9 of the page's 40 paragraphs (over 300 words: no flat-text
# check), on a page that has 60 more short <p> lines (11 <p> tags per kept paragraph)
CUT = "\n".join(PARAS[:9])
LONG_PAGE = PAGE.replace("</body>", "<p>A short note.</p>" * 60 + "</body>")


def test_recall_check_is_on_by_default(monkeypatch):
    from sitrep.extract.html import extract_html

    calls = _fake_modes(monkeypatch, CUT, "\n".join(PARAS))
    out = extract_html(LONG_PAGE)
    assert calls == ["precision", "recall"] and len(out.paragraphs) == 40


def test_recall_check_skips_a_page_whose_text_we_already_have(monkeypatch):
    from sitrep.extract.html import HtmlOptions, extract_html

    # 9 article paragraphs among 60 menu links: many tags per kept paragraph, but
    # the page's flat-text body is no longer than ours, so recall mode is not run
    menu = "<ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(60)) + "</ul>"
    page = ("<html><body><nav>" + menu + "</nav>"
            + "".join(f"<p>{p}</p>" for p in PARAS[:9]) + "</body></html>")
    calls = _fake_modes(monkeypatch, CUT, "\n".join(PARAS))
    assert len(extract_html(page).paragraphs) == 9
    assert calls == ["precision"]
    # without the flat-text test the same page is run again (and takes the longer body)
    calls = _fake_modes(monkeypatch, CUT, "\n".join(PARAS))
    assert len(extract_html(page, options=HtmlOptions(recall_flat_share=0)).paragraphs) == 40
    assert calls == ["precision", "recall"]


def test_recall_check_takes_a_much_longer_recall_body(monkeypatch):
    from sitrep.extract.html import HtmlOptions, extract_html

    opts = HtmlOptions(recall_check=True)
    calls = _fake_modes(monkeypatch, CUT, "\n".join(PARAS))
    assert len(extract_html(LONG_PAGE, options=opts).paragraphs) == 40
    assert calls == ["precision", "recall"]
    # recall output run together into one line is not taken, however long
    _fake_modes(monkeypatch, CUT, " ".join(PARAS))
    assert len(extract_html(LONG_PAGE, options=opts).paragraphs) == 9
    # nor is one with under recall_min_ratio times our words
    _fake_modes(monkeypatch, CUT, "\n".join(PARAS[:12]))
    assert len(extract_html(LONG_PAGE, options=opts).paragraphs) == 9
    # a page with few <p> tags per kept paragraph (40 for 9) is not checked
    calls = _fake_modes(monkeypatch, CUT, "\n".join(PARAS))
    assert len(extract_html(PAGE, options=opts).paragraphs) == 9
    assert calls == ["precision"]


def test_strip_dateline_drops_short_date_and_byline_lines_at_the_top():
    from sitrep.extract.html import strip_dateline

    body = ["November 20, 2019 - 11:28 AMT", "By Jane Doe", LONG, "March 3, 2020", LONG]
    assert strip_dateline(body) == [LONG, "March 3, 2020", LONG]  # only at the top
    intro = "Posted on the community forum on 2025-07-09:"
    assert strip_dateline([intro, LONG]) == [intro, LONG]  # introduces what follows
    dated = "On March 3, 2020 the ministry announced a long series of new rules for the fleet."
    assert strip_dateline([dated, LONG]) == [dated, LONG]  # a sentence, not a dateline
    assert strip_dateline(["By Jane Doe"]) == ["By Jane Doe"]  # the last paragraph stays
