"""ActorKB: seed knowledge, dated facts, learning with provenance, persistence."""

from sitrep.models import Actor
from sitrep.nlp.kb import ActorKB, KBEntry, load_seed


def test_seed_is_labelled_and_loads():
    seed = load_seed()
    assert len(seed) > 100
    assert all(e.source == "seed" for e in seed)
    kb = ActorKB.seeded()
    nato = kb.lookup("NATO")
    assert nato.country == "IGO" and nato.name == "North Atlantic Treaty Organization"


def test_dated_lookup_picks_the_term_in_force():
    kb = ActorKB.seeded()
    assert kb.lookup("Vladimir Putin", "2010-01-01").role == "Prime Minister of Russia"
    assert kb.lookup("Vladimir Putin", "2015-01-01").role == "President of Russia"
    assert kb.lookup("Vladimir Putin", "1999-01-01").sector == "SPY"


def test_surname_only_when_unique():
    kb = ActorKB([KBEntry("Chuck Hagel", "USA", "GOV"), KBEntry("Li Keqiang", "CHN", "GOV"),
                  KBEntry("Li Qiang", "CHN", "GOV")])
    assert kb.lookup("Hagel").name == "Chuck Hagel"
    assert kb.lookup("Hagel", surname=False) is None
    assert kb.lookup("Qiang").name == "Li Qiang"


def test_acronyms_match_case_sensitively():
    kb = ActorKB([KBEntry("National Action Party", "MEX", "PTY", aliases=["PAN"])])
    assert kb.lookup("PAN").country == "MEX"
    assert kb.lookup("pan") is None


def test_learn_records_article_and_sentence():
    kb = ActorKB()
    actor = Actor(0, 9, "Wang Yang", "Wang Yang", "CHN", "GOV", "Vice Premier",
                  provenance="text: 'Chinese Vice Premier Wang Yang'")
    entry = kb.learn(actor, "art-1", "Chinese Vice Premier Wang Yang met ...")
    assert entry.source == "art-1" and entry.evidence.startswith("Chinese Vice Premier")
    got = kb.lookup("Wang Yang")
    assert (got.country, got.sector, got.source) == ("CHN", "GOV", "art-1")
    kb.learn(actor, "art-2")
    assert kb.lookup("Wang Yang").count == 2 and len(kb) == 1


def test_learn_ignores_kb_resolutions_and_later_mentions():
    kb = ActorKB()
    assert kb.learn(Actor(0, 5, "Hagel", "Chuck Hagel", "USA", "GOV", provenance="kb:seed"), "a") is None
    assert kb.learn(Actor(9, 14, "Wang", "Wang Yang", "CHN", "GOV", antecedent=0,
                          provenance="text"), "a") is None
    assert kb.learn(Actor(0, 5, "Frank", "Frank", None, None, provenance="text"), "a") is None


def test_rows_round_trip():
    kb = ActorKB.seeded()
    kb.learn(Actor(0, 9, "Wang Yang", "Wang Yang", "CHN", "GOV", provenance="text"), "art-1")
    again = ActorKB.from_rows(kb.to_rows())
    assert len(again) == len(kb)
    assert again.lookup("Wang Yang").source == "art-1"
    assert again.lookup("NATO").country == "IGO"
