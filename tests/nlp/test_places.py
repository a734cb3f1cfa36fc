"""PlaceStage: disambiguation on a hand-made gazetteer, and the real one."""

import pytest

from sitrep.models import Article, Mention
from sitrep.nlp._place_cues import name_variants, norm
from sitrep.nlp.countries import CountryIndex
from sitrep.nlp.gazetteer import FEATURE_FOCUS, Entry, Gazetteer, distance_km
from sitrep.nlp.places import PlaceStage
from sitrep.nlp.site_places import SitePrior


def entry(name, lat, lon, country, pop, feature="PPL", admin1=None, gid=None):
    return Entry(name, lat, lon, country, pop, gid, feature, admin1)


PLACES = [
    (entry("Washington", 38.9, -77.0, "USA", 700_000, "PPLC", "DC", 1), {"washington"}),
    (entry("Washington", 47.5, -120.5, "USA", 7_000_000, "ADM1", "WA", 2), {"washington"}),
    (entry("Paris", 48.85, 2.35, "FRA", 2_100_000, "PPLC", "11", 3), {"paris"}),
    (entry("Paris", 33.66, -95.55, "USA", 25_000, "PPL", "TX", 4), {"paris"}),
    (entry("Dallas", 32.78, -96.8, "USA", 1_300_000, "PPL", "TX", 5), {"dallas"}),
    (entry("Texas", 31.2, -99.3, "USA", 25_000_000, "ADM1", "TX", 6), {"texas"}),
    (entry("Harbin", 45.75, 126.65, "CHN", 5_000_000, "PPL", "08", 7), {"harbin"}),
    (entry("China", 35.0, 105.0, "CHN", 1_400_000_000, "PCLI", None, 8), {"china"}),
]


@pytest.fixture(scope="module")
def stage():
    gaz = Gazetteer.from_entries([p[0] for p in PLACES],
                                 [({norm(p[0].name)}, p[1] - {norm(p[0].name)}) for p in PLACES])
    return PlaceStage(gaz, CountryIndex())


def geocode(stage, text, *names):
    spans = []
    for n in names:
        i = text.index(n)
        spans.append(Mention(i, i + len(n), n, "Location"))
    art = Article(id="p", source="t", text=text, content_hash="h", mentions=spans)
    return {p.text: p for p in stage(art).places}


def test_stage_contract(stage):
    assert stage.name == "places" and stage.requires == {"mentions"}
    assert stage.assigns == {"places"}


def test_capital_beats_state_without_context(stage):
    got = geocode(stage, "Officials met in Washington on Monday.", "Washington")
    assert got["Washington"].feature == "PPLC"


def test_population_then_context(stage):
    assert geocode(stage, "A fair in Paris.", "Paris")["Paris"].country == "FRA"
    got = geocode(stage, "Police in Paris and Dallas, Texas, said.", "Paris", "Dallas", "Texas")
    assert got["Paris"].country == "USA" and got["Paris"].geonameid == 4


def test_country_resolves_to_the_country(stage):
    got = geocode(stage, "China held drills near Harbin.", "China", "Harbin")
    assert got["China"].feature == "PCLI" and got["China"].country == "CHN"
    assert got["Harbin"].lat == pytest.approx(45.75)


def test_unknown_place_gets_the_focus_country_without_a_point(stage):
    got = geocode(stage, "From Xyzzyville to Harbin.", "Xyzzyville", "Harbin")
    assert got["Harbin"].lat == pytest.approx(45.75)
    x = got["Xyzzyville"]
    assert (x.country, x.lat, x.lon, x.feature) == ("CHN", None, None, FEATURE_FOCUS)


def test_unknown_place_without_focus_is_skipped_not_fatal(stage):
    got = geocode(stage, "From Xyzzyville to Paris and Harbin.", "Xyzzyville", "Paris",
                  "Harbin")
    assert set(got) == {"Paris", "Harbin"}  # FRA and CHN tie: no focus country


def test_generic_words_are_dropped_inside_the_focus_country(stage):
    got = geocode(stage, "Boats on the Dallas River near Dallas, Texas, and Lake Paris.",
                  "Dallas River", "Texas", "Lake Paris")
    assert got["Dallas River"].geonameid == 5
    assert got["Lake Paris"].geonameid == 4  # the Texan Paris, not the capital


def test_name_variants():
    assert name_variants("Neches River") == ["neches"]
    assert name_variants("W. Columbia") == ["west columbia", "columbia"]
    assert name_variants("Loudon Co.") == ["loudon county", "loudon"]
    assert name_variants("Port of Los Angeles") == ["los angeles"]


@pytest.mark.slow
def test_real_gazetteer_on_the_example_places(tmp_path_factory):
    import time

    t = time.perf_counter()
    gaz = Gazetteer.load()
    real = PlaceStage(gaz)
    text = ("Chinese Vice Premier Wang Yang met in the northeast Chinese city of Harbin. "
            "A parade in Beijing. Chang Wanquan met Hagel in Washington.")
    got = geocode(real, text, "Harbin", "Beijing", "Washington")
    assert got["Harbin"].country == "CHN"
    assert distance_km(got["Harbin"].lat, got["Harbin"].lon, 45.75, 126.65) < 20
    assert got["Beijing"].feature == "PPLC" and got["Beijing"].country == "CHN"
    assert got["Washington"].country == "USA" and got["Washington"].feature == "PPLC"
    assert time.perf_counter() - t < 120  # first build is slow; the cached load ~1 s


def test_a_description_is_not_given_the_focus_country(stage):
    got = geocode(stage, "In the northeast Chinese city of Harbin.", "the northeast Chinese city",
                  "Harbin")
    assert set(got) == {"Harbin"}


def small_stage(places):
    gaz = Gazetteer.from_entries([p for p in places], [({norm(p.name)}, set()) for p in places])
    return PlaceStage(gaz, CountryIndex())


def test_a_dominant_reading_supports_its_neighbours():
    """"Dallas" has several namesakes but is nearly all Dallas, Texas: it backs
    Paris, Texas (the weight is the population share, not 1/sqrt(namesakes))."""
    st = small_stage([
        entry("Paris", 48.85, 2.35, "FRA", 2_100_000, "PPLC", "11", 1),
        entry("Paris", 33.66, -95.55, "USA", 25_000, "PPL", "TX", 2),
        entry("Dallas", 32.78, -96.8, "USA", 1_300_000, "PPL", "TX", 3),
        entry("Dallas", 33.92, -84.84, "USA", 13_000, "PPL", "GA", 4),
        entry("Dallas", 44.92, -123.32, "USA", 16_000, "PPL", "OR", 5),
        entry("Dallas", 35.32, -81.18, "USA", 4_000, "PPL", "NC", 6),
    ])
    got = geocode(st, "A man of Paris died in a Dallas hospital.", "Paris", "Dallas")
    assert got["Paris"].geonameid == 2 and got["Dallas"].geonameid == 3
    assert geocode(st, "A fair in Paris.", "Paris")["Paris"].country == "FRA"


def test_another_towns_province_counts():
    """Toronto lies in Ontario (admin1 08): London, Ontario, not London, England."""
    places = [entry("London", 51.51, -0.13, "GBR", 8_900_000, "PPLC", "ENG", 1),
              entry("London", 42.98, -81.25, "CAN", 420_000, "PPL", "08", 2),
              entry("Toronto", 43.65, -79.38, "CAN", 2_800_000, "PPL", "08", 3)]
    st = small_stage(places)
    got = geocode(st, "London, not far from Toronto, wants an airport.", "London", "Toronto")
    assert got["London"].geonameid == 2
    assert geocode(st, "London wants an airport.", "London")["London"].geonameid == 1


@pytest.mark.slow
def test_real_gazetteer_provinces_name_their_towns():
    real = PlaceStage(Gazetteer.load())
    got = geocode(real, "Council met in London, Ontario.", "London", "Ontario")
    assert got["London"].country == "CAN" and got["Ontario"].country == "CAN"


def test_municipal_use():
    from sitrep.nlp._place_cues import municipal_use

    def used(text, name):
        i = text.index(name)
        return municipal_use(text, i, i + len(name))

    from sitrep.nlp._place_cues import NONE, STRONG, WEAK

    assert used("The Athens City Council met.", "Athens") == STRONG
    assert used("Residents of the City of Oxford may recycle.", "Oxford") == STRONG
    assert used("Lebanon Police Department arrested him.", "Lebanon") == STRONG
    assert used("Lebanon Police arrested him.", "Lebanon") == WEAK
    assert used("Lebanon residents fled south.", "Lebanon") == WEAK
    assert used("A Berea man was charged.", "Berea") == WEAK
    assert used("The Jordan boys team won.", "Jordan") == WEAK
    assert used("Talks in Athens ended.", "Athens") == NONE
    assert used("Athens, the capital, hosted talks.", "Athens") == NONE


def test_the_writing_style_is_no_evidence_of_the_papers_country():
    """AP-style dates and clock times are written about foreign cities too: they
    leave the capital (the style cue that said otherwise was removed)."""
    st = small_stage([entry("Paris", 48.85, 2.35, "FRA", 2_100_000, "PPLC", "11", 1),
                      entry("Paris", 33.66, -95.55, "USA", 25_000, "PPL", "TX", 2)])
    assert geocode(st, "Paris City Council met on Sept. 8 at 7 p.m.",
                   "Paris")["Paris"].geonameid == 1
    assert geocode(st, "Tourists flocked to Paris at 7 p.m.", "Paris")["Paris"].geonameid == 1


def test_a_strong_municipal_use_sets_the_country_reading_aside():
    st = small_stage([entry("Lebanon", 33.9, 35.9, "LBN", 6_800_000, "PCLI", None, 1),
                      entry("Lebanon", 40.05, -86.47, "USA", 15_000, "PPL", "IN", 2)])
    got = geocode(st, "Lebanon City Council met Monday.", "Lebanon")
    assert got["Lebanon"].geonameid == 2
    assert geocode(st, "Talks in Lebanon resumed.", "Lebanon")["Lebanon"].geonameid == 1
    # defence news: "Lebanon residents" / "Lebanon police" are the country's
    assert geocode(st, "Lebanon residents fled south.", "Lebanon")["Lebanon"].geonameid == 1
    assert geocode(st, "Lebanon police said.", "Lebanon")["Lebanon"].geonameid == 1


def test_containers_pair_a_name_with_the_next_after_a_comma():
    from sitrep.nlp._place_cues import containers

    text = "Toronto, Ontario, Canada and Paris"
    spans = [(0, 7, "Toronto"), (9, 16, "Ontario"), (18, 24, "Canada"), (29, 34, "Paris")]
    assert containers(text, spans) == {0: 1, 1: 2}


def test_a_demonym_before_a_noun_is_the_country():
    places = [entry("Canada", 56.0, -106.0, "CAN", 38_000_000, "PCLI", None, 1),
              entry("Canadian", 35.91, -100.38, "USA", 2_600, "PPL", "TX", 2),
              entry("Texas", 31.2, -99.3, "USA", 25_000_000, "ADM1", "TX", 3)]
    gaz = Gazetteer.from_entries(places, [({"canada"}, {"canadian"}), ({"canadian"}, set()),
                                          ({"texas"}, set())])
    st = PlaceStage(gaz, CountryIndex())
    got = geocode(st, "Back in Texas, he tired of Canadian winters.", "Texas", "Canadian")
    assert got["Canadian"].country == "CAN"
    got = geocode(st, "Back in Texas, he moved to Canadian, a small town.", "Texas", "Canadian")
    assert got["Canadian"].geonameid == 2


def test_the_name_after_a_comma_contains_the_place():
    """"Belgrade, Minnesota": a Belgrade in the US (here only Montana's is listed)
    over the Serbian capital; without the apposition the capital wins."""
    st = small_stage([entry("Belgrade", 44.8, 20.47, "SRB", 1_270_000, "PPLC", "SE", 1),
                      entry("Belgrade", 45.78, -111.18, "USA", 8_000, "PPL", "MT", 2),
                      entry("Minnesota", 46.0, -94.0, "USA", 5_000_000, "ADM1", "MN", 3)])
    got = geocode(st, "A fire in Belgrade, Minnesota.", "Belgrade", "Minnesota")
    assert got["Belgrade"].geonameid == 2
    got = geocode(st, "A fire in Belgrade; Minnesota sent aid.", "Belgrade", "Minnesota")
    assert got["Belgrade"].geonameid == 1


def test_a_town_after_a_comma_is_a_list_not_a_container():
    """"Athens, Alexandria and Haifa": Alexandria (here only Virginia's) does not
    put Athens in the US."""
    st = small_stage([entry("Athens", 37.98, 23.73, "GRC", 660_000, "PPLC", "ESYE31", 1),
                      entry("Athens", 32.2, -95.85, "USA", 12_700, "PPL", "TX", 2),
                      entry("Alexandria", 38.8, -77.05, "USA", 150_000, "PPL", "VA", 3)])
    got = geocode(st, "The ship will call at Athens, Alexandria and Haifa.", "Athens",
                  "Alexandria")
    assert got["Athens"].geonameid == 1


SITE_PLACES = [
    entry("Paris", 48.85, 2.35, "FRA", 2_100_000, "PPLC", "11", 1),
    entry("Paris", 33.66, -95.55, "USA", 25_000, "PPL", "TX", 2),
    entry("Athens", 37.98, 23.73, "GRC", 660_000, "PPLC", "ESYE31", 3),
    entry("Athens", 32.2, -95.85, "USA", 12_700, "PPL", "TX", 4),
    entry("Tyler", 32.35, -95.3, "USA", 105_000, "PPL", "TX", 5),
    entry("Haifa", 32.8, 35.0, "ISR", 270_000, "PPL", "06", 6),
    entry("France", 46.0, 2.0, "FRA", 67_000_000, "PCLI", None, 7),
]


def test_the_site_prior_puts_a_bare_name_in_the_sites_home():
    st = small_stage(SITE_PLACES)
    text = "The Paris council met on Monday."
    spans = [(4, 9, "Paris")]
    assert st.resolve(text, spans)[0].geonameid == 1
    assert st.resolve(text, spans, SitePrior("USA"))[0].geonameid == 1  # 2.0: too little
    assert st.resolve(text, spans, SitePrior("USA", "TX"))[0].geonameid == 2
    assert st.resolve(text, spans, SitePrior("USA", "OK"))[0].geonameid == 1


def test_the_site_prior_yields_to_an_article_about_abroad():
    """French officials, European ministers or a place surely abroad (Haifa): the
    article reports from abroad, and the site's home says nothing of its places."""
    st = small_stage(SITE_PLACES)
    home = SitePrior("USA", "TX")
    for text in ("Talks in Paris with French officials.", "Talks in Paris with European ministers.",
                 "Talks in Paris, then a visit to Haifa."):
        spans = [(9, 14, "Paris")] + ([(text.index("Haifa"), text.index("Haifa") + 5, "Haifa")]
                                      if "Haifa" in text else [])
        assert st.resolve(text, spans, home)[0].geonameid == 1, text
    assert st.resolve("Talks in Paris, then Tyler.", [(9, 14, "Paris"), (21, 26, "Tyler")],
                      home)[0].geonameid == 2


def test_the_stage_learns_a_sites_home_from_its_articles():
    """Articles of one site naming sure places (Tyler, Texas) give the site a home;
    a bare "Athens" in its next article is then Athens, Texas, while another
    site's article keeps the capital."""
    st = small_stage(SITE_PLACES)

    def article(i, text, names, url):
        spans = [Mention(text.index(n), text.index(n) + len(n), n, "Location") for n in names]
        return Article(id=str(i), source=url, text=text, content_hash=str(i), mentions=spans,
                       url=url)

    bare = "Athens council met on Monday."
    for i in range(2):  # too few articles for a prior yet
        st(article(i, f"A fair in Tyler, day {i}.", ["Tyler"], f"https://www.tylerpaper.com/{i}"))
        assert st(article(10, bare, ["Athens"], "https://tylerpaper.com/x")).places[0].geonameid == 3
    st(article(3, "A fair in Tyler.", ["Tyler"], "https://news.tylerpaper.com/3"))
    assert st.sites.prior("tylerpaper.com") == SitePrior("USA", "TX")
    assert st(article(11, bare, ["Athens"], "https://tylerpaper.com/y")).places[0].geonameid == 4
    assert st(article(12, bare, ["Athens"], "https://example.org/z")).places[0].geonameid == 3


@pytest.mark.slow
def test_real_gazetteer_defence_news_in_ap_style_from_a_us_site():
    """A US defence outlet writes AP style about foreign cities; even with a (wrong)
    US home prior its foreign capitals stay foreign."""
    real = PlaceStage(Gazetteer.load())
    cases = [
        (("WASHINGTON — Defense Secretary Lloyd Austin will travel to Paris on Sept. 8 for "
         "talks with French officials, the Pentagon said at 7 p.m. Tuesday. He will then fly "
         "to Athens and Moscow is not on the itinerary."),
         {"Paris": "FRA", "Athens": "GRC", "Moscow": "RUS"}),
        (("Ukrainian forces struck a depot near Moscow on Sept. 8, officials said at 7 p.m. "
         "The strike followed talks in Dublin and London between European ministers."),
         {"Moscow": "RUS", "Dublin": "IRL", "London": "GBR"}),
        ("Lebanon residents fled south as Israeli jets struck Tyre and Sidon on Oct. 3.",
         {"Lebanon": "LBN", "Tyre": "LBN", "Sidon": "LBN"}),
        ("Georgia residents in Tbilisi protested the Russian troop buildup on Dec. 1.",
         {"Georgia": "GEO", "Tbilisi": "GEO"}),
        (("Officials in Berlin, Warsaw and Vilnius said at 7 p.m. Jan. 5 that NATO would "
         "reinforce Lithuania."), {"Berlin": "DEU", "Warsaw": "POL", "Vilnius": "LTU"}),
    ]
    for site in (None, SitePrior("USA")):
        for text, want in cases:
            spans = [(text.index(n), text.index(n) + len(n), n) for n in want]
            got = {p.text: p.country for p in real.resolve(text, spans, site)}
            assert got == want, (site, text)


def test_world_region():
    from sitrep.nlp._place_cues import world_region

    assert world_region("talks between European ministers")
    assert world_region("Europeans and NATO allies")
    assert not world_region("African American leaders met the mayor.")
    assert not world_region("A fair in Tyler on Sept. 8 at 7 p.m.")


def test_an_articles_captions_take_its_sites_prior_but_do_not_vote_again():
    from sitrep.nlp.captions import CaptionStage
    from sitrep.nlp.site_places import SiteProfiles

    class Sites(SiteProfiles):
        def __init__(self):
            super().__init__()
            self.asked, self.voters = [], []

        def prior(self, key):
            self.asked.append(key)
            return None

        def observe(self, key, tally, article_id=None):
            self.voters.append(article_id)

    sites = Sites()
    stage = PlaceStage(Gazetteer.from_entries([], []), CountryIndex(), sites=sites)

    class Mentions:
        """Stands in for the entity stages: every "Tyler" is a Location."""
        def __call__(self, art):
            i = art.text.find("Tyler")
            art.mentions = [Mention(i, i + 5, "Tyler", "Location")] if i >= 0 else []
            return art

    art = Article(id="a1", source="https://etexnews.com/x", url="https://etexnews.com/x",
                  text="Flooding in Tyler.", content_hash="h", captions=["Tyler, Tuesday."])
    stage(Mentions()(art))
    CaptionStage([Mentions(), stage])(art)
    assert sites.voters == ["a1"]
    assert sites.asked == ["etexnews.com", "etexnews.com"]


def test_a_mention_without_a_proper_noun_is_not_geocoded():
    """"Police" opening a sentence is not Police, Poland; "the base" is not Base."""
    import spacy

    places = [entry("Police", 53.55, 14.57, "POL", 33_000), entry("Kabul", 34.53, 69.17, "AFG", 3_000_000)]
    stage = small_stage(places)
    nlp = spacy.blank("en")
    text = "Police in Kabul said so."
    doc = nlp(text)
    for tok, pos in zip(doc, ["NOUN", "ADP", "PROPN", "VERB", "ADV", "PUNCT"]):
        tok.pos_ = pos
    doc[0].is_sent_start = True
    art = Article(id="p", source="t", text=text, content_hash="h", doc=doc,
                  mentions=[Mention(0, 6, "Police", "Location"), Mention(10, 15, "Kabul", "Location")])
    assert [p.text for p in stage(art).places] == ["Kabul"]
    art.doc = None  # without a parse every mention is tried
    assert [p.text for p in stage(art).places] == ["Police", "Kabul"]
