"""The Extractor end to end: the bundled example article, HTML, drops."""

from pathlib import Path

import pytest

from sitrep.errors import Dropped
from sitrep.extract import ExtractOptions, Extractor, looks_like_html
from sitrep.models import RawDocument, article_id_for

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "army-recognition-2013-08-20.txt"

EXPECTED_BODY = [
    "The Chinese government is eager to expand its military and nuclear relationship with its "
    "Russian counterparts, a Chinese official said Tuesday, August 20, 2013. Chinese Vice Premier "
    "Wang Yang met in the northeast Chinese city of Harbin with his Russian counterpart, Dmitry "
    "Rogozin. The vice premier said the meeting complements March commitments made by Chinese "
    "President Xi Jinping to expand bilateral strategic relations.",
    "Wang said China was willing to work with the Russians on the nuclear sector and joint "
    "research on long-range jets and heavy-duty helicopters, China's official Xinhua News "
    "Agency reports.",
    "Chinese and Russian militaries concluded joint military operations dubbed Peace Mission 2013 "
    "last week. The exercises, launched July 27, included a three-phase troop deployment, battle "
    "planning and simulated combat operations.",
    "The Russian courtship follows meetings Monday between Chinese Minister for National Defense "
    "Chang Wanquan and U.S. Defense Secretary Chuck Hagel in Washington.",
    "The Chinese general said he was in the United States to advocate a \"win-win\" scenario for "
    "the bilateral relationship of two of the world's most powerful nations.",
    "\"Our goal is to build trust between our militaries through cooperation,\" Hagel said in a "
    "statement Monday.",
]


@pytest.fixture(scope="module")
def example():
    raw = RawDocument(id=str(EXAMPLE), source=str(EXAMPLE), content=EXAMPLE.read_bytes())
    return raw, Extractor()(raw)


def test_example_metadata(example):
    raw, art = example
    assert art.title == "China and Russia eager to expand their military and nuclear cooperation"
    assert art.published == "2013-08-20T15:49:00"
    assert art.publisher == "Army Recognition"
    assert art.section == "Defence & Security News"
    assert art.tags == ["China", "Russia"]
    assert art.language == "en"
    assert art.id == article_id_for(raw.content_hash) and art.content_hash == raw.content_hash
    assert art.meta["input_id"] == str(EXAMPLE) and art.source == str(EXAMPLE)


def test_example_body_once_each_in_order(example):
    _, art = example
    assert art.paragraphs == EXPECTED_BODY
    assert art.text == "\n\n".join(EXPECTED_BODY)


def test_example_caption_apart(example):
    _, art = example
    assert art.captions == ["DF-31A nuclear missiles of the Chinese army Second Artillery Force "
                            "participated in military parade in Beijing."]


@pytest.mark.parametrize("junk", ["Skip to main content", "| 2013", "Defence & Security News - China",
                                  "03:49 PM", "Copyright", "2008131"])
def test_example_boilerplate_dropped(example, junk):
    _, art = example
    assert junk not in art.text


def test_latin1_text_document():
    text = "Le ministère de la Défense a annoncé lundi que la frégate rejoindra la flotte."
    art = Extractor()(RawDocument("x", "x", text.encode("latin-1")))
    assert art.text == text and art.language == "fr"


def test_html_document():
    body = "".join(f"<p>Paragraph {i} of a real article about the navy and its ships, "
                   f"with enough words to count as text for the extractor.</p>" for i in range(6))
    html = (f"<html><head><title>Navy news</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Navy gets new ships</h1>{body}</article>"
            f"<footer>Copyright 2024 Navy Times</footer></body></html>")
    art = Extractor()(RawDocument("h", "h.html", html.encode(), media_type="text/html"))
    assert art.title == "Navy gets new ships"
    assert len(art.paragraphs) == 6 and "Home" not in art.text and "Copyright" not in art.text


def test_tiny_html_falls_back_to_visible_text():
    art = Extractor()(RawDocument("h", "h", "<p>Hello there, reader.</p>", media_type="text/html"))
    assert art.text == "Hello there, reader."


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\x03binary", b"   "])
def test_drops(content):
    with pytest.raises(Dropped):
        Extractor()(RawDocument("d", "d", content))


def test_html_sniffed_when_media_type_unknown():
    assert looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    assert not looks_like_html("Plain words, not markup.")


def test_options_are_named():
    opts = ExtractOptions()
    assert opts.flat.body_min_words > 0 and opts.flat.caption_max_words > 0


def test_html_figcaption_is_a_caption_not_body():
    body = "".join(f"<p>Paragraph {i} of a real article about the navy and its ships, "
                   f"with enough words to count as text for the extractor.</p>" for i in range(5))
    html = (f"<html><body><article><h1>Navy gets new ships</h1>{body}"
            f"<figure><img src='a.jpg'><figcaption>The new frigate at sea &amp; in port.</figcaption>"
            f"</figure></article></body></html>")
    art = Extractor()(RawDocument("h", "h.html", html, media_type="text/html"))
    assert art.captions == ["The new frigate at sea & in port."]
    assert "frigate at sea" not in art.text


def _site_page(i: int) -> str:
    body = [f"Officials in region {i} said on Monday that {n} new patrol boats would join the "
            f"coast guard fleet before the end of the year, according to the ministry." for n in (i, i + 1)]
    return "\n\n".join(["Home", "Defence", f"Navy orders patrol boats, batch {i}",
                        body[0], "Our Partners Naval Technology Review", body[1],
                        "The ministry did not say how much the boats would cost, a spokesman told "
                        "reporters at the briefing in the capital."])


def test_a_sites_recurring_lines_are_learnt_as_template():
    from sitrep.extract import Extractor

    ex = Extractor()
    raws = [RawDocument(id=str(i), source=str(i), content=_site_page(i),
                        url=f"https://www.navy-news.example/{i}") for i in range(5)]
    first, *_, last = [ex(r) for r in raws]
    assert "Our Partners Naval Technology Review" in first.text  # nothing learnt yet
    assert "Our Partners" not in last.text  # on every page of the site: furniture
    # prose that recurs on every page is not furniture: kept
    assert last.text.count("did not say how much the boats would cost") == 1
    assert last.title == "Navy orders patrol boats, batch 4"
    other = ex(RawDocument(id="o", source="o", content=_site_page(9), url="https://other.example/9"))
    assert "Our Partners" in other.text  # another site: nothing learnt about it
