"""The event stage on hand-made sentences: a real parse, hand-made actors and places."""

from __future__ import annotations

from sitrep.events.coder import EventStage
from sitrep.pipeline import Stage, check_order

EXAMPLE = (
    "The Chinese government is eager to expand its military and nuclear relationship with its "
    "Russian counterparts, a Chinese official said Tuesday, August 20, 2013. Chinese Vice Premier "
    "Wang Yang met in the northeast Chinese city of Harbin with his Russian counterpart, Dmitry "
    "Rogozin.\n\nChinese and Russian militaries concluded joint military operations dubbed Peace "
    "Mission 2013 last week. The exercises, launched July 27, included a three-phase troop "
    "deployment, battle planning and simulated combat operations.\n\nThe Russian courtship follows "
    "meetings Monday between Chinese Minister for National Defense Chang Wanquan and U.S. Defense "
    "Secretary Chuck Hagel in Washington."
)


def countries(args):
    return sorted(a.country for a in args)


def code(stage, make_article, text, **kw):
    return stage(make_article(text, **kw)).events


def test_stage_contract(stage):
    assert isinstance(stage, Stage)
    assert stage.name == "events" and stage.assigns == {"events"}
    assert stage.requires == {"doc", "actors", "places"}
    check_order([stage], available={"doc", "actors", "places"})
    assert "rules" in stage.coder_version and stage.version


def test_example_events(stage, make_article):
    events = code(stage, make_article, EXAMPLE, published="2013-08-20T15:49:00")
    by = {(e.type, tuple(a.name for a in e.actors)): e for e in events}
    meet = by[("CONSULT", ("Wang Yang",))]
    assert [a.name for a in meet.recipients] == ["Dmitry Rogozin"]
    assert (meet.date, meet.date_precision) == ("2013-08-20", "day")
    assert meet.location.name == "Harbin"
    joint = next(e for e in events if e.type == "COOPERATE")
    assert countries(joint.actors) == ["CHN", "RUS"] and joint.recipients == []
    assert {a.sector for a in joint.actors} == {"MIL"}
    assert (joint.date, joint.date_precision) == ("2013-08-12", "week")
    hagel = by[("CONSULT", ("Chang Wanquan",))]
    assert [a.name for a in hagel.recipients] == ["Chuck Hagel"]
    assert (hagel.date, hagel.date_precision) == ("2013-08-19", "day")
    assert hagel.location.name == "Washington"
    for e in events:
        assert EXAMPLE[e.evidence.start:e.evidence.end].strip()
        assert e.coder and e.coder_version == stage.coder_version and e.article_id == "a1"
        assert 0 < e.confidence <= 1


def test_negated_attack_not_coded(stage, make_article):
    assert [e.type for e in code(stage, make_article, "Israel did not attack Gaza.")] == []
    assert code(stage, make_article, "Israel never attacked Gaza.") == []


def test_asserted_attack_coded(stage, make_article):
    events = code(stage, make_article, "Israel attacked Gaza on Monday.")
    assert [e.type for e in events] == ["ASSAULT"]
    assert countries(events[0].actors) == ["ISR"] and countries(events[0].recipients) == ["PSE"]


def test_hypothetical_not_material(stage, make_article):
    for text in ("Iran could attack Israel if the talks fail.", "Iran might attack Israel.",
                 "Iran plans to attack Israel."):
        types = {e.type for e in code(stage, make_article, text)}
        assert "ASSAULT" not in types, text
        assert types <= {"THREATEN", "AGREE"}, text


def test_threat_is_threaten(stage, make_article):
    events = code(stage, make_article, "Iran threatened to attack Israel.")
    assert [e.type for e in events] == ["THREATEN"]
    assert countries(events[0].actors) == ["IRN"] and countries(events[0].recipients) == ["ISR"]


def test_conditional_will_is_threat(stage, make_article):
    types = [e.type for e in code(stage, make_article, "Israel will attack Gaza if the rockets continue.")]
    assert types == ["THREATEN"]


def test_reciprocal_agreement(stage, make_article):
    events = code(stage, make_article, "Jordan and Britain agreed to hold joint military exercises.")
    agree = [e for e in events if e.type == "AGREE"]
    assert agree and countries(agree[0].actors) == ["GBR", "JOR"] and agree[0].recipients == []
    assert not any(e.type == "COOPERATE" for e in events)  # intended, not yet done


def test_joint_exercise_is_reciprocal(stage, make_article):
    events = code(stage, make_article, "Indian and French navies conducted joint exercises.")
    coop = [e for e in events if e.type == "COOPERATE"]
    assert coop and countries(coop[0].actors) == ["FRA", "IND"] and coop[0].recipients == []


def test_passive_agent_is_actor(stage, make_article):
    events = code(stage, make_article, "Gaza was attacked by Israel.")
    assert events and events[0].type == "ASSAULT"
    assert countries(events[0].actors) == ["ISR"] and countries(events[0].recipients) == ["PSE"]


def test_refusal_is_reject(stage, make_article):
    events = code(stage, make_article, "Russia refused to withdraw from Ukraine.")
    assert [e.type for e in events] == ["REJECT"]


def test_promise_to_withdraw_is_intent_not_retreat(stage, make_article):
    # the rules say AGREE (as the gold records do), the codebook's CONCEDE
    # ("promise to withdraw") may win through the classifier; never the act itself
    types = [e.type for e in code(stage, make_article, "Russia promised to withdraw its troops from Ukraine.")]
    assert types and types[0] in ("AGREE", "CONCEDE") and "RETREAT" not in types


def test_lifting_a_curfew_is_concede(stage, make_article):
    assert [e.type for e in code(stage, make_article, "Russia lifted the curfew.")] == ["CONCEDE"]


def test_request(stage, make_article):
    events = code(stage, make_article, "Ukraine urged Japan to send more aid.")
    assert [e.type for e in events] == ["REQUEST"]
    assert countries(events[0].recipients) == ["JPN"]


def test_no_doc_gives_no_events(stage, make_article):
    art = make_article("Israel attacked Gaza.")
    art.doc = None
    assert stage(art).events == []


def test_rules_only_stage(make_article):
    rules = EventStage(use_model=False)
    assert rules.coder == "sitrep.events.rules"
    assert [e.type for e in rules(make_article("Israel attacked Gaza.")).events] == ["ASSAULT"]
