"""PlaceStage: disambiguation on a hand-made gazetteer, and the real one."""

import pytest

from sitrep.models import Article, Mention
from sitrep.nlp.countries import CountryIndex
from sitrep.nlp.places import (FEATURE_FOCUS, Entry, Gazetteer, PlaceStage, distance_km,
                                name_variants, norm)


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


def test_distance():
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.5)


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


def test_a_new_cache_file_replaces_those_of_earlier_versions(tmp_path, monkeypatch):
    from sitrep.nlp.places import INDEX_VERSION, Gazetteer

    real = Gazetteer.load()  # the user's cache (built once per machine)
    monkeypatch.setattr(Gazetteer, "build", classmethod(lambda cls, countries=None: real))
    (tmp_path / "gazetteer-v1.pickle").write_bytes(b"an index of an older sitrep")
    (tmp_path / "notes.txt").write_text("not ours")
    Gazetteer.load(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"gazetteer-v{INDEX_VERSION}.pickle", "notes.txt"]
    assert Gazetteer.load(tmp_path).candidates("Harbin")  # and it loads back


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
