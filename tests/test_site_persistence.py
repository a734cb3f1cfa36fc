"""Site priors survive between runs: each article's vote for its site's home is
stored with it, and the next ``Ingestor.standard`` starts from the stored votes."""

from __future__ import annotations

import pytest
from helpers import backend_url

from sitrep.models import RawDocument
from sitrep.store import Store
from sitrep.store import query as Q

BACKENDS = ("sqlite", "postgresql")

#: An East Texas paper: each article names towns that lie in Texas alone.
LOCAL = ("The Tyler city council approved a new budget on Monday, and Lufkin officials said.",
         "Deputies in Nacogdoches arrested two men on Friday after a chase near Lufkin.",
         "A storm knocked out power in Tyler and Kilgore on Sunday night, the utility said.",
         "The Nacogdoches school board met on Tuesday to discuss a new stadium in Lufkin.")
#: A bare "Athens": Greece, unless the site's home says otherwise.
BARE = "Officials in Athens said on Monday that the fire department would get two new trucks."


@pytest.fixture(params=BACKENDS, ids=BACKENDS)
def db_url(request, tmp_path):
    if request.param == "postgresql":
        request.applymarker(pytest.mark.postgres)
    yield from backend_url(request.param, tmp_path)


def doc(i: str, url: str, text: str) -> RawDocument:
    return RawDocument(i, url, text.encode(), url=url)


def athens(store: Store, url: str) -> list[str | None]:
    [row] = [r for r in Q.list_articles(store, Q.ArticleFilter()) if r["url"] == url]
    return [p.country for p in store.get_article(row["id"]).places if p.text == "Athens"]


def test_a_new_run_resolves_with_the_stored_site_prior(db_url):
    pytest.importorskip("spacy")
    from sitrep.nlp.site_places import SitePrior
    from sitrep.service import Ingestor

    with Store.open(db_url) as store:
        first = Ingestor.standard(store)
        docs = [doc(str(i), f"https://www.etexnews.com/story/{i}", t) for i, t in enumerate(LOCAL)]
        assert first.run(iter(docs)).by_status["ok"] == len(LOCAL)
        again = first.run(iter(docs))  # a re-ingest stores nothing, counts no vote
        assert again.by_status["present"] == len(LOCAL)
        counted = {(s, c, a): v for s, c, a, v in store.site_place_rows()}
        assert 3 <= counted[("etexnews.com", None, None)] <= len(LOCAL)

        second = Ingestor.standard(store)  # a fresh process: profiles from the store alone
        assert second.sites.prior("etexnews.com") == SitePrior("USA", "TX")
        home, away = "https://etexnews.com/town/1", "https://worldwire.org/europe/1"
        second.run(iter([doc("h", home, BARE), doc("a", away, BARE + " (Wire)")]))
        assert athens(store, home) == ["USA"]
        assert athens(store, away) == ["GRC"]
        assert {(s, c, a): v for s, c, a, v in store.site_place_rows()} == counted
