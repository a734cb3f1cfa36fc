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
