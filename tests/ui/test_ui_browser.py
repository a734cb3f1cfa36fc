"""The web UI in real headless Chromium (Debian's, driven by Playwright).

A uvicorn server on a free loopback port serves a store holding hand-made
fixture articles (with events) and the example article ingested through the
API. Each test walks one page with the keyboard or mouse as a user would, and
writes a screenshot to artifacts/screenshots/.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time

import pytest

from helpers import EXAMPLE, ROOT, CapitalStage, TextExtractor

CHROMIUM = "/usr/bin/chromium"
TOKEN = "ui-token"
SHOTS = ROOT / "artifacts" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason=f"{CHROMIUM} is missing: run .ci/browser.sh (apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _serving(store, **kw):
    """A uvicorn server over ``store`` on a free loopback port; yields its base URL."""
    import uvicorn

    from sitrep.api import Settings, create_app

    app = create_app(store, Settings(token=TOKEN), **kw)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import httpx

    from api.api_seed import seed
    from sitrep.pipeline import Pipeline
    from sitrep.store import Store

    store = Store.open(str(tmp_path_factory.mktemp("ui") / "ui.db"))
    arts = seed(store)
    with _serving(store, pipeline=Pipeline(TextExtractor(), [CapitalStage()])) as base:
        headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"}
        r = httpx.post(f"{base}/api/ingest", content=EXAMPLE.read_bytes(), headers=headers, timeout=30)
        assert r.status_code == 200 and r.json()["counts"] == {"ok": 1}, r.text
        arts["example"] = r.json()["outcomes"][0]["article_id"]
        hostile = b"Breaking: <script>document.title='pwned'</script> officials met in Geneva."
        r = httpx.post(f"{base}/api/ingest", content=hostile, headers=headers, timeout=30)
        arts["ingested_hostile"] = r.json()["outcomes"][0]["article_id"]
        yield base, arts
    store.close()


@pytest.fixture(scope="module")
def merged_server(tmp_path_factory):
    """A store whose Harbin meeting is reported by three outlets, merged into one happening."""
    from api.api_seed import seed_happening
    from sitrep.store import Store

    store = Store.open(str(tmp_path_factory.mktemp("uih") / "h.db"))
    arts, hid = seed_happening(store)
    with _serving(store) as base:
        yield base, arts, hid
    store.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1366, "height": 800})
    pg = ctx.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.on("dialog", lambda d: (problems.append("dialog: " + d.message), d.dismiss()))
    pg.problems = problems
    yield pg
    ctx.close()
    assert problems == [], problems  # no script error, CSP violation or injected dialog


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_search_with_keyboard_and_facets(page, server):
    base, arts = server
    page.goto(base + "/")
    page.keyboard.press("/")
    page.keyboard.type("nuclear")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=nuclear**")
    titles = page.locator("ol.articles a").all_inner_texts()
    assert "China and Russia eager to expand nuclear cooperation" in titles
    assert page.locator(f'ol.articles a[href="/articles/{arts["example"]}"]').count() == 1
    assert page.locator('a[data-facet="type"]', has_text="AGREE").count() == 1
    shot(page, "search")
    page.locator('a[data-facet="country"]', has_text="RUS").click()
    assert "country=RUS" in page.url


def test_article_shows_entities_and_evidence(page, server):
    base, arts = server
    page.goto(f"{base}/articles/{arts['harbin'].id}")
    assert page.locator(".text .ent-Person").first.inner_text() == "Wang Yang"
    assert page.locator(".text .ent-Location", has_text="Harbin").count() == 1
    assert page.locator(".text .ev").count() >= 3
    events = page.locator(".event-list li")
    assert events.count() == 3 and "CONSULT" in events.nth(1).inner_text()
    link = events.nth(1).locator("a.type")
    link.focus()
    page.keyboard.press("Enter")
    assert page.url.endswith(link.get_attribute("href"))
    event_id = link.get_attribute("href").split("-")[1]
    marked = page.locator(f'.text .ev.active[data-events~="{event_id}"]')
    assert "".join(marked.all_inner_texts()).startswith("Chinese Vice Premier Wang Yang met")
    assert page.locator("a", has_text="Original").get_attribute("href").startswith("https://")
    assert page.locator("aside a", has_text="early-warning").count() == 1  # same story
    shot(page, "article")


def test_script_in_an_article_is_shown_as_text(page, server):
    base, arts = server
    page.goto(f"{base}/articles/{arts['hostile'].id}")
    assert '<script>alert("x")</script>' in page.locator(".text").inner_text()
    assert page.locator("a[href^='javascript:']").count() == 0
    page.goto(f"{base}/articles/{arts['ingested_hostile']}")
    assert "<script>document.title='pwned'</script>" in page.locator(".text").inner_text()
    assert page.title() != "pwned"
    shot(page, "hostile-article")


def test_dyad_timeline_and_click_through(page, server):
    base, _ = server
    page.goto(base + "/dyad")
    page.fill("input[name=a]", "CHN")
    page.fill("input[name=b]", "RUS")
    page.select_option("select[name=by]", "month")
    page.locator("form button[type=submit]").click()
    page.wait_for_selector("#dyad-svg")
    assert page.locator("#dyad-svg rect.bar").count() >= 4
    assert page.locator("#dyad-svg polyline.score").count() == 1
    assert page.locator("#dyad-table tbody tr").count() == 2
    shot(page, "dyad")
    page.locator('#dyad-svg rect.bar[data-type="AGREE"]').first.click()
    page.wait_for_url("**/events?**")
    assert "dyad=CHN-RUS" in page.url and "type=AGREE" in page.url
    assert page.locator("table.events tbody tr").count() == 1


def test_map_is_drawn_offline(page, server):
    base, _ = server
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
               else route.abort())  # any request off this server would fail the page
    page.goto(base + "/map")
    page.wait_for_selector("#map[data-loaded=true]")
    assert page.locator("#map-svg path.land").count() > 150
    assert page.locator("#map-svg circle.pt").count() == 2
    shot(page, "map")


def test_network(page, server):
    base, _ = server
    page.goto(base + "/network")
    page.wait_for_selector("#network-svg")
    assert page.locator("#network-svg circle.node").count() == 3
    assert page.locator("#network-svg line.edge").count() == 2
    shot(page, "network")
    page.select_option("select[name=level]", "actor")
    page.locator("form button[type=submit]").click()
    page.wait_for_selector("#network-svg")
    assert page.locator("#network-svg circle.node").count() >= 4


def test_events_table_filters_and_csv(page, server):
    base, _ = server
    page.goto(base + "/events")
    page.select_option("select[name=type]", "AGREE")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**type=AGREE**")
    assert page.locator("table.events tbody tr").count() == 2
    href = page.locator("a", has_text="CSV").get_attribute("href")
    csv = page.request.get(base + href).text()
    assert csv.splitlines()[0].startswith("id,type") and len(csv.splitlines()) == 3
    shot(page, "events")


def test_save_a_watchlist(page, server):
    base, _ = server
    page.goto(base + "/watchlists")
    page.fill("input[name=name]", "CHN-RUS nuclear agreements")
    page.fill("input[name=dyad]", "CHN-RUS")
    page.check("input[name=types][value=AGREE]")
    page.fill("input[name=context]", "nuclear")
    page.fill("input[name=token]", TOKEN)
    page.locator("#watch-form button[type=submit]").click()
    row = page.locator("#watchlists tbody tr", has_text="CHN-RUS nuclear agreements")
    row.wait_for()
    assert row.locator(".count").inner_text() == "2"
    shot(page, "watchlists")
    row.locator("a").first.click()
    page.wait_for_selector("#seen-form")
    page.locator("#seen-form button").click()  # token remembered in this tab
    from playwright.sync_api import expect

    expect(page.locator("strong.count")).to_have_text("0")
    shot(page, "watchlist")


def test_split_a_happening_and_rejoin_it(page, merged_server):
    base, arts, hid = merged_server
    report = arts["report1"].id
    page.goto(f"{base}/articles/{arts['harbin'].id}")
    page.locator(f'a.happening[href="/happenings/{hid}"]').click()
    page.wait_for_url(f"**/happenings/{hid}")
    assert page.locator("table.supports tbody tr").count() == 3
    assert "3 articles, 3 independent sources" in page.locator(".n-reports").inner_text()
    shot(page, "happening")
    page.check(f'input[name=articles][value="{report}"]')
    page.fill("input[name=token]", TOKEN)
    page.locator("form.split-form button[type=submit]").click()
    status = page.locator(".split-status")
    from playwright.sync_api import expect

    expect(status).to_contain_text("Split. The reports now form:")
    assert status.locator("li").count() == 2
    page.goto(f"{base}/articles/{report}")
    assert page.locator(".apart", has_text="kept apart by a split").count() == 1
    page.locator("form.rejoin-form button[type=submit]").click()  # token remembered in this tab
    expect(page.locator(".split-status")).to_contain_text("Rejoined")
    page.goto(f"{base}/happenings/{hid}")
    assert page.locator("table.supports tbody tr").count() == 3
