"""The canonical first input, end to end through the real pipeline and store.

What is asserted here is what ../shared/examples/*.expected.md says an analyst
expects; the code under test knows nothing of this article.
"""

import pytest
from click.testing import CliRunner

from helpers import EXAMPLE
from sitrep.cli import main
from sitrep.models import content_hash
from sitrep.store import Store

pytestmark = pytest.mark.slow

LEAD = ("The Chinese government is eager to expand its military and nuclear relationship "
        "with its Russian counterparts, a Chinese official said Tuesday, August 20, 2013.")
CAPTION = ("DF-31A nuclear missiles of the Chinese army Second Artillery Force participated "
           "in military parade in Beijing.")


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("db") / "s.db")
    first = CliRunner().invoke(main, ["ingest", str(EXAMPLE), "--db", db])
    second = CliRunner().invoke(main, ["ingest", str(EXAMPLE), "--db", db])
    store = Store.open(db)
    art_id = store.find_hash(content_hash(EXAMPLE.read_bytes()))
    return first, second, store.get_article(art_id), db


def test_ingest_then_reingest_reports_present(stored):
    first, second, _, _ = stored
    assert first.exit_code == 0, first.output
    assert "ok 1, dropped 0, failed 0, present 0" in first.output
    assert "present 1" in second.output and "already stored" in second.output


def test_article_part(stored):
    a = stored[2]
    assert a.title == "China and Russia eager to expand their military and nuclear cooperation"
    assert a.published.startswith("2013-08-20")
    assert a.publisher == "Army Recognition"
    assert a.section == "Defence & Security News"
    assert a.tags == ["China", "Russia"]
    assert a.captions == [CAPTION]
    assert a.paragraphs[0].startswith(LEAD) and a.text.count(LEAD) == 1
    assert len(a.paragraphs) == 6
    assert a.paragraphs[-1].startswith('"Our goal is to build trust')
    for junk in ("Skip to main content", "Copyright", "| 2013", "China / Russia", "03:49 PM",
                 "2008131", CAPTION):
        assert junk not in a.text


def _actor(a, text):
    found = [x for x in a.actors if x.text == text]
    assert found, f"no actor {text!r} in {[x.text for x in a.actors]}"
    return found[0]


def test_entities_and_actors(stored):
    a = stored[2]
    labels = {(m.text, m.label) for m in a.mentions}
    caption_only = {m.text for m in a.mentions if m.part == "caption"}
    assert {"DF-31A", "Beijing"} <= caption_only
    for m in a.mentions:
        src = a.caption_text if m.part == "caption" else a.text
        assert src[m.start:m.end] == m.text
    for want in [("Wang Yang", "Person"), ("Dmitry Rogozin", "Person"), ("Xi Jinping", "Person"),
                 ("Chang Wanquan", "Person"), ("Chuck Hagel", "Person"), ("Harbin", "Location"),
                 ("Washington", "Location"), ("DF-31A", "Weapon"), ("Beijing", "Location"),
                 ("Peace Mission 2013", "Exercise"), ("Xinhua News Agency", "Organisation")]:
        assert want in labels, f"{want} not in {sorted(labels)}"
    for text, country, sectors in [("Wang Yang", "CHN", {"GOV"}), ("Dmitry Rogozin", "RUS", {"GOV"}),
                                   ("Xi Jinping", "CHN", {"GOV"}), ("Chang Wanquan", "CHN", {"GOV", "MIL"}),
                                   ("Chuck Hagel", "USA", {"GOV"}),
                                   ("Xinhua News Agency", "CHN", {"MED"}),
                                   ("Second Artillery Force", "CHN", {"MIL"})]:
        act = _actor(a, text)
        assert act.country == country and act.sector in sectors, act
    wang = [x for x in a.actors if x.text == "Wang"]
    assert wang and wang[0].country == "CHN" and wang[0].antecedent is not None
    harbin = [p for p in a.places if p.text == "Harbin"][0]
    assert harbin.country == "CHN" and abs(harbin.lat - 45.75) < 0.5 and abs(harbin.lon - 126.65) < 0.5


def _countries(args):
    return {x.country for x in args}


def test_events_1_3_4(stored):
    a = stored[2]
    evs = a.events
    consult_harbin = [e for e in evs if e.type == "CONSULT" and "Wang Yang" in {x.name for x in e.actors}]
    assert consult_harbin, [(e.type, e.actors) for e in evs]
    e1 = consult_harbin[0]
    assert _countries(e1.actors) == {"CHN"} and _countries(e1.recipients) == {"RUS"}
    assert "Dmitry Rogozin" in {x.name for x in e1.recipients}
    assert e1.date == "2013-08-20" and e1.location and e1.location.name.startswith("Harbin")
    assert "Harbin" in a.text[e1.evidence.start:e1.evidence.end]

    coop = [e for e in evs if e.type == "COOPERATE" and _countries(e.actors) == {"CHN", "RUS"}]
    assert coop, [(e.type, e.actors) for e in evs]
    e3 = coop[0]
    assert e3.recipients == [] and {x.sector for x in e3.actors} == {"MIL"}
    assert e3.date_precision == "week" and "2013-08-12" <= e3.date <= "2013-08-19"
    assert "Peace Mission 2013" in a.text[e3.evidence.start:e3.evidence.end]

    hagel = [e for e in evs if e.type == "CONSULT" and "USA" in _countries(e.recipients)]
    assert hagel, [(e.type, e.actors, e.recipients) for e in evs]
    e4 = hagel[0]
    assert "CHN" in _countries(e4.actors) and "Chuck Hagel" in {x.name for x in e4.recipients}
    assert e4.date == "2013-08-19" and e4.location and e4.location.country == "USA"
    for e in evs:
        assert e.coder and e.coder_version


def test_show_renders_the_stored_article(stored):
    out = CliRunner().invoke(main, ["show", str(EXAMPLE), "--db", stored[3]])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("# China and Russia eager")
    assert "## Entities" in out.output and "CONSULT" in out.output
