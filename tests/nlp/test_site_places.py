"""Site profiles: a site's home learned from the sure places of its articles."""

import pytest

from sitrep.nlp.site_places import (
    MIN_ARTICLES,
    PlaceTally,
    SitePrior,
    SiteProfile,
    SiteProfiles,
    registered_host,
    site_key,
    sure_reading,
)


def test_a_tally_is_one_vote_per_article():
    t = PlaceTally.of([("USA", "TX"), ("USA", "TX"), ("USA", None), ("MEX", "19")])
    assert t.countries == {"USA": 0.75, "MEX": 0.25}
    assert t.regions == {("USA", "TX"): 0.5, ("MEX", "19"): 0.25}
    assert PlaceTally.of([]) is None


def local(n, state="TX"):
    return [PlaceTally.of([("USA", state), ("USA", None)]) for _ in range(n)]


def test_a_local_paper_gets_its_country_and_state():
    profile = SiteProfile.of(local(4) + [PlaceTally.of([("IRQ", None)])])
    assert profile.articles == 5
    assert profile.prior() == SitePrior("USA", "TX")


def test_no_prior_before_enough_articles():
    assert SiteProfile.of(local(MIN_ARTICLES - 1)).prior() is None
    assert SiteProfile.of(local(MIN_ARTICLES - 1) + [None, None]).prior() is None
    assert SiteProfile.of(local(MIN_ARTICLES)).prior() is not None


def test_a_world_news_site_gets_no_prior():
    """A defence site naming places all over the world: no home."""
    spread = [PlaceTally.of(r) for r in (
        [("UKR", "30"), ("RUS", "48")], [("USA", "VA"), ("USA", "CA")], [("TWN", None)],
        [("ISR", "06"), ("LBN", None)], [("USA", "DC")], [("POL", "80"), ("LTU", None)],
        [("USA", "NC")], [("KOR", "11")])]
    assert SiteProfile.of(spread).prior() is None


def test_a_country_without_a_dominant_state():
    mixed = local(2, "TX") + local(2, "OH") + local(2, "GA")
    assert SiteProfile.of(mixed).prior() == SitePrior("USA", None)


def test_profiles_by_site():
    sites = SiteProfiles()
    for t in local(3):
        sites.observe("a.com", t)
        sites.observe(None, t)  # no key: nothing learned
    sites.observe("b.com", None)  # no sure place: nothing learned
    assert sites.prior("a.com") == SitePrior("USA", "TX")
    assert sites.prior("b.com") is None and sites.prior(None) is None
    assert len(sites) == 1


def test_sure_reading():
    tyler = [("USA", "TX", 105_000), ("USA", "TX", 800)]
    assert sure_reading(tyler) == ("USA", "TX")
    springfield = [("USA", "IL", 116_000), ("USA", "MO", 167_000), ("USA", "MA", 155_000)]
    assert sure_reading(springfield) == ("USA", None)
    paris = [("FRA", "11", 2_100_000), ("USA", "TX", 25_000), ("USA", "TN", 10_000)]
    assert sure_reading(paris) is None  # France by population, the US by count
    assert sure_reading([]) is None


@pytest.mark.parametrize(("args", "key"), [
    (("https://www.thisisoxfordshire.co.uk/news/1",), "thisisoxfordshire.co.uk"),
    (("http://news.postbulletin.com/x",), "postbulletin.com"),
    ((None, "https://www.defensenews.com/air/2024/"), "defensenews.com"),
    ((None, "/data/batch.jsonl#3"), None),
    ((None, "/data/batch.jsonl#3", "Military Times"), "military times"),
    ((None, None, None), None),
])
def test_site_key(args, key):
    assert site_key(*args) == key


def test_registered_host():
    assert registered_host("www.dailystar.com.lb") == "dailystar.com.lb"
    assert registered_host("Weekly.Ahram.org.eg") == "ahram.org.eg"
    assert registered_host("lfpress.ca") == "lfpress.ca"


def test_profiles_rebuilt_from_summed_rows_give_the_same_prior():
    """What a store sums from ``tally_rows`` rebuilds the profile it was taken from."""
    from collections import defaultdict

    from sitrep.nlp.site_places import tally_rows

    tallies = local(3) + [PlaceTally.of([("IRQ", None)]), PlaceTally.of([("USA", "OH")])]
    live = SiteProfiles()
    summed: dict = defaultdict(float)
    for t in tallies:
        live.observe("a.com", t)
        for c, a, v in tally_rows(t):
            summed[("a.com", c, a)] += v
    loaded = SiteProfiles.from_rows((*k, v) for k, v in summed.items())
    assert loaded.profile("a.com") == live.profile("a.com")
    assert loaded.prior("a.com") == SitePrior("USA", "TX")
    assert SiteProfiles.from_rows([("b.com", None, None, 2.0), ("b.com", "USA", None, 2.0)]
                                  ).prior("b.com") is None  # too few articles


def test_recording_profiles_keep_each_observed_vote():
    t = PlaceTally.of([("USA", "TX")])
    assert SiteProfiles().observed is None
    sites = SiteProfiles(record=True)
    sites.observe("a.com", t, "art1")
    sites.observe(None, t, "art2")  # no key: nothing learned, nothing recorded
    sites.observe("a.com", None, "art3")
    assert sites.observed == [("art1", "a.com", t)]


def test_an_article_votes_once_even_when_its_batch_is_re_run():
    t = PlaceTally.of([("USA", "TX")])
    sites = SiteProfiles()
    sites.start_recording()  # what a batch worker does with a pipeline it was given
    for _ in range(2):  # a failed batch re-runs its articles one at a time
        sites.observe("a.com", t, "art1")
    sites.observe("a.com", t, "art2")
    assert sites.profile("a.com").articles == 2
    assert [aid for aid, _, _ in sites.observed] == ["art1", "art2"]


def test_only_recent_voters_are_remembered(monkeypatch):
    monkeypatch.setattr(SiteProfiles, "RECENT_VOTERS", 2)
    t = PlaceTally.of([("USA", None)])
    sites = SiteProfiles()
    for aid in ("a1", "a2", "a3", "a1"):  # a1 forgotten by then: it counts again
        sites.observe("a.com", t, aid)
    assert sites.profile("a.com").articles == 4
    assert list(sites._voters) == ["a3", "a1"]
