"""Web pages: render from the store, escape everything untrusted, embed JSON safely."""

from __future__ import annotations

import json
import re

import pytest

from api.api_seed import HOSTILE


@pytest.mark.parametrize("url", ["/", "/?q=nuclear", "/?type=AGREE&country=CHN", "/events",
                                 "/events?dyad=CHN-RUS&limit=2", "/dyad", "/dyad?a=CHN&b=RUS",
                                 "/dyad?a=CHN&b=RUS&by=week", "/network", "/network?level=actor",
                                 "/map", "/map?type=CONSULT", "/watchlists",
                                 "/?q=&country=&type=&since=&until="])
def test_pages_render(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    assert "<script>" not in r.text  # only <script src=…> and JSON data blocks


def test_search_page_facets_and_results(client, arts):
    html = client.get("/", params={"q": "nuclear"}).text
    assert f'href="/articles/{arts["harbin"].id}"' in html
    assert 'data-facet="type"' in html and ">AGREE</a>" in html
    assert 'data-facet="country"' in html and ">CHN</a>" in html
    assert ">2013-08</a>" in html


def test_article_page_highlights_entities_and_evidence(client, arts):
    a = arts["harbin"]
    html = client.get(f"/articles/{a.id}").text
    assert '<span class="ent ent-Person ev" id="ev-' in html or 'class="ent ent-Person ev"' in html
    assert 'title="Location" data-label="Location"' in html and ">Harbin</span>" in html
    assert 'class="ent ent-Exercise ev"' in html
    events = client.get(f"/api/articles/{a.id}").json()["events"]
    for e in events:
        assert f'id="ev-{e["id"]}"' in html and f'href="#ev-{e["id"]}"' in html
    assert 'href="https://example.org/news/2013/china-russia"' in html
    assert f'href="/articles/{arts["syndicated"].id}"' in html  # same story
    assert "kb:wikidata-lite" in html


def test_hostile_article_is_shown_as_text(client, arts):
    a = arts["hostile"]
    for url in (f"/articles/{a.id}", "/", "/events", "/events?type=ACCUSE", "/network?level=actor"):
        html = client.get(url).text
        assert HOSTILE not in html, url
        assert "<script>alert" not in html
    html = client.get(f"/articles/{a.id}").text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "javascript:" not in html.split("<main")[1].split("source")[0] or \
        'href="javascript:' not in html
    assert 'href="javascript:' not in html


def test_json_in_script_blocks_is_safely_encoded(client):
    html = client.get("/network", params={"level": "actor"}).text
    block = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', html, re.S)
    assert block and "</script" not in block.group(1) and "<" not in block.group(1)
    data = json.loads(block.group(1))
    assert HOSTILE in {n["id"] for n in data["nodes"]}


def test_dyad_page_table_links_to_events(client):
    html = client.get("/dyad", params={"a": "chn", "b": "rus"}).text
    assert 'id="dyad-table"' in html and "2013-08" in html
    assert "/events?dyad=CHN-RUS&amp;since=2013-08&amp;until=2013-08&amp;type=AGREE" in html
    week = client.get("/dyad", params={"a": "CHN", "b": "RUS", "by": "week"}).text
    assert "since=2013-08-12&amp;until=2013-08-18" in week


def test_events_page_paging_and_downloads(client):
    html = client.get("/events", params={"limit": 2}).text
    assert "1–2 of more" in html and 'rel="next"' in html
    assert 'href="/api/export/events.csv"' in html
    html = client.get("/events", params={"limit": 2, "offset": 4, "type": "AGREE"}).text
    assert 'rel="prev"' in html


def test_watchlist_pages(client, auth):
    client.post("/api/watchlists", json={"name": "<b>bold</b>", "query": {"dyad": "CHN-RUS"}},
                headers=auth)
    html = client.get("/watchlists").text
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>bold</b>" not in html
    wid = client.get("/api/watchlists").json()["items"][0]["id"]
    page = client.get(f"/watchlists/{wid}").text
    assert 'id="seen-form"' in page and "COOPERATE" in page


def test_safe_url():
    from sitrep.api.pages import safe_url

    assert safe_url("https://a.b/c") == "https://a.b/c"
    assert safe_url("JavaScript:alert(1)") is None
    assert safe_url("data:text/html,x") is None and safe_url(None) is None


def test_article_page_and_json_say_what_a_named_system_is(client, seeded):
    from helpers import make_article
    from sitrep.models import Mention

    store, _ = seeded
    text = "DF-31A missiles and three S-400 systems paraded past a gadget."
    art = make_article(text)
    art.mentions = [Mention(text.index(w), text.index(w) + len(w), w, "Weapon")
                    for w in ("DF-31A", "three S-400 systems", "gadget")]
    store.add_article(art)
    data = client.get(f"/api/articles/{art.id}").json()
    assert [(s["name"], s["kind"], s["origin"]) for s in data["systems"]] == [
        ("DF-31A", "ICBM", ["CHN"]),
        ("S-400", "long-range surface-to-air missile system", ["RUS"])]
    html = client.get(f"/articles/{art.id}").text
    assert "ICBM (CHN)" in html and "surface-to-air missile system (RUS)" in html


def test_a_named_exercise_shows_who_takes_part(client, arts):
    a = arts["harbin"]
    data = client.get(f"/api/articles/{a.id}").json()
    (ex,) = data["exercises"]
    assert data["text"][ex["start"]:ex["end"]] == "Peace Mission 2013"
    assert [p["country"] for p in ex["participants"]] == ["CHN", "RUS"]
    html = client.get(f"/articles/{a.id}").text
    assert "with China (CHN), Russia (RUS)" in html
