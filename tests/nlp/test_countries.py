"""Country names, demonyms and capitals → alpha-3."""

import pytest

from sitrep.nlp.countries import CountryIndex


@pytest.fixture(scope="module")
def countries():
    return CountryIndex()


def test_names_demonyms_capitals(countries):
    assert countries.by_name("China") == "CHN"
    assert countries.by_name("the Russian Federation") == "RUS"
    assert countries.by_demonym("Chinese") == "CHN"
    assert countries.by_demonym("Russians") == "RUS"
    assert countries.by_capital("Beijing") == "CHN"
    assert countries.by_capital("Washington") == "USA"
    assert countries.any("China's") == "CHN"
    assert countries.any("U.S.") == "USA"
    assert countries.by_name("Republic of China") == "TWN"


def test_unknown_is_none(countries):
    assert countries.any("Frank") is None
    assert countries.by_capital("Harbin") is None


def test_find_in_orders_cues_and_skips_lowercase_us(countries):
    text = "U.S. Defense Secretary met Chile's army and Saudi officials in Minsk; let us go"
    cues = [(text[s:e], a3, kind) for s, e, a3, kind in countries.find_in(text)]
    assert cues == [("U.S", "USA", "name"), ("Chile", "CHL", "name"),
                    ("Saudi", "SAU", "demonym"), ("Minsk", "BLR", "capital")]


def test_hyphenated_based(countries):
    assert countries.find_in("a Somalia-based group")[0][2] == "SOM"


def test_country_info_has_capital_and_centre(countries):
    chn = countries.countries["CHN"]
    assert chn.capital == "Beijing" and chn.lat is not None
    assert countries.countries["GBR"].lat is not None  # not overwritten by "Wales"


def test_shared_demonym_goes_to_the_most_populous_country(countries):
    assert countries.by_demonym("Indian") == "IND"       # not the Indian Ocean Territory
    assert countries.by_demonym("Dominican") == "DOM"


def test_historic_names_accents_and_long_official_names(countries):
    assert countries.by_name("Zaire") == "COD"           # ISO 3166-3, one successor
    assert countries.by_name("Upper Volta") == "BFA"
    assert countries.by_name("Czechoslovakia") is None   # split: no single successor
    assert countries.by_name("Cote d’Ivoire") == "CIV"
    [(start, end, a3, kind)] = countries.find_in("the Democratic People's Republic of Korea said")
    assert (a3, kind, start, end) == ("PRK", "name", 4, 41)


def test_subdivisions(countries):
    assert countries.by_subdivision("Kerala") == "IND"
    assert countries.by_subdivision("Punjab") is None    # India and Pakistan
    assert countries.by_subdivision("Georgia") is None   # a country name first
    assert countries.by_subdivision("Central") is None   # a direction, not a name


def test_first_of_two_coordinated_names_and_noun_demonyms(countries):
    assert countries.by_name("Bosnia") == "BIH" and countries.by_name("Trinidad") == "TTO"
    assert countries.any("Turks") == "TUR"  # not the Turks and Caicos Islands
    assert countries.any("Serb") == "SRB" and countries.any("Croats") == "HRV"
    assert countries.by_name("West Bank") == "PSE"


def test_ethnic_demonym_is_no_country(countries):
    assert [c[2] for c in countries.find_in("ethnic Albanians in Macedonia")] == ["MKD"]
    assert [c[2] for c in countries.find_in("Albanian troops")] == ["ALB"]


def test_saint_is_also_written_st():
    idx = CountryIndex()
    assert idx.by_name("St. Kitts and Nevis") == "KNA"
    assert idx.by_name("St Lucia") == "LCA"
    assert idx.by_name("St. Petersburg") is None  # a city, not a country


def test_the_islamic_republic_is_iran():
    assert CountryIndex().by_name("the Islamic Republic") == "IRN"
