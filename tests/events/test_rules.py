"""The dependency rules on hand-made sentences (rules only, no classifier): frames,
modality and argument fallbacks added in rules-2026.11.2."""

from __future__ import annotations

import pytest

from sitrep.events.coder import EventStage
from sitrep.events.types import penta_class, quad_class


@pytest.fixture(scope="module")
def rules():
    return EventStage(use_model=False)


def code(rules, make_article, text):
    return rules(make_article(text)).events


def countries(args):
    return sorted(a.country for a in args)


def test_reported_obligation_is_a_request(rules, make_article):
    events = code(rules, make_article, "Russia said Ukraine must withdraw its troops.")
    assert [e.type for e in events] == ["REQUEST"]
    assert countries(events[0].actors) == ["RUS"] and countries(events[0].recipients) == ["UKR"]


def test_negated_acceptance_is_a_refusal_by_the_speaker(rules, make_article):
    events = code(rules, make_article, "Russia said it would not accept the proposal.")
    assert [e.type for e in events] == ["REJECT"]
    assert countries(events[0].actors) == ["RUS"]


def test_negated_act_is_still_not_coded(rules, make_article):
    assert code(rules, make_article, "Israel did not attack Gaza.") == []


def test_unless_makes_an_ultimatum(rules, make_article):
    text = "Russia will withdraw its troops from Ukraine unless the talks resume."
    assert [e.type for e in code(rules, make_article, text)] == ["THREATEN"]


def test_announced_coercion_is_a_threat(rules, make_article):
    for text in ("Israel said it was prepared to impose a curfew in Gaza.",
                 "Iran swore to fight Israel.", "Israel said it would boycott the talks."):
        events = code(rules, make_article, text)
        assert [e.type for e in events] == ["THREATEN"], text


def test_hunger_strike_is_a_protest_not_an_attack(rules, make_article):
    events = code(rules, make_article, "Prisoners in Gaza began a hunger strike.")
    assert [(e.type, e.mode) for e in events] == [("PROTEST", "hunger")]


def test_complement_of_a_trigger_is_not_a_second_event(rules, make_article):
    types = [e.type for e in code(rules, make_article, "Russia allowed refugees to return to Ukraine.")]
    assert types == ["RETREAT"]


def test_scene_of_the_act_is_the_recipient(rules, make_article):
    events = code(rules, make_article, "Russia lifted the curfew in Ukraine.")
    assert [e.type for e in events] == ["CONCEDE"]
    assert countries(events[0].recipients) == ["UKR"]


def test_halting_aid_is_sanction_and_verbal_conflict_in_pentaclass(rules, make_article):
    events = code(rules, make_article, "Japan halted economic aid to Ukraine.")
    assert [e.type for e in events] == ["SANCTION"]
    assert countries(events[0].recipients) == ["UKR"]
    assert penta_class("SANCTION") == 3 and quad_class("SANCTION") == 4


def test_unplaced_actor_takes_the_recipients_country(rules, make_article):
    events = code(rules, make_article, "Rebels attacked Gaza.")
    assert [e.type for e in events] == ["ASSAULT"]
    assert countries(events[0].actors) == ["PSE"] and countries(events[0].recipients) == ["PSE"]


def test_place_with_coordinates_is_preferred_to_a_country_only_one(nlp):
    from sitrep.events.rules import place_for
    from sitrep.models import Place

    doc = nlp("Troops attacked Kwanza village near Cairo.")
    sent, trigger = next(iter(doc.sents)), doc[1]
    village = Place(16, 22, "Kwanza", "Kwanza", None, None, "EGY", None, "FOCUS")
    cairo = Place(36, 41, "Cairo", "Cairo", 30.04, 31.24, "EGY", None, "PPLC")
    assert place_for(trigger, sent, [village, cairo], []) is cairo
    assert place_for(trigger, sent, [village], []) is village


def test_event_in_a_time_adjunct_is_background(rules, make_article):
    events = code(rules, make_article, "Russia offered to negotiate with Ukraine following the invasion of Iran.")
    assert [e.type for e in events] == ["AGREE"]


def test_author_of_a_rejected_act_is_the_recipient(rules, make_article):
    events = code(rules, make_article, "Israel rejected calls by Iran for a ceasefire.")
    assert events and countries(events[0].recipients) == ["IRN"]


def test_travel_for_talks_is_a_visit(rules, make_article):
    events = code(rules, make_article, "French diplomats returned to Russia for talks.")
    assert events[0].type == "CONSULT"
