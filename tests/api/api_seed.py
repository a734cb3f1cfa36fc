"""Hand-made articles with entities, actors, places and events for the API and UI tests."""

from __future__ import annotations

from sitrep.models import (
    Actor, Article, Event, EventArg, Mention, Place, Span, article_id_for, content_hash,
)
from sitrep.store import Store

HOSTILE = '<script>alert("x")</script>'


def _article(text: str, **kw) -> Article:
    digest = content_hash(text)
    base = dict(id=article_id_for(digest), source="fixture", text=text, content_hash=digest,
                paragraphs=text.split("\n\n"), language="en", annotated=True)
    base.update(kw)
    return Article(**base)


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _mention(text: str, needle: str, label: str) -> Mention:
    s, e = _span(text, needle)
    return Mention(s, e, needle, label, "rule")


CHN = EventArg("China", "China", "CHN", "GOV")
RUS = EventArg("Russia", "Russia", "RUS", "GOV")
USA = EventArg("United States", "United States", "USA", "GOV")


def harbin_article() -> Article:
    """CHN–RUS: a CONSULT in Harbin, an AGREE on nuclear work, a joint exercise."""
    text = ("Chinese Vice Premier Wang Yang met in Harbin with his Russian counterpart, "
            "Dmitry Rogozin.\n\nWang said China was willing to work with Russia on the "
            "nuclear sector.\n\nChinese and Russian militaries concluded Peace Mission 2013 "
            "last week.")
    a = _article(text, title="China and Russia eager to expand nuclear cooperation",
                 published="2013-08-20", publisher="Army Recognition",
                 url="https://example.org/news/2013/china-russia", story_id="story-1")
    a.mentions = [_mention(text, "Wang Yang", "Person"), _mention(text, "Harbin", "Location"),
                  _mention(text, "Dmitry Rogozin", "Person"),
                  _mention(text, "Peace Mission 2013", "Exercise")]
    s, e = _span(text, "Wang Yang")
    a.actors = [Actor(s, e, "Wang Yang", "Wang Yang", "CHN", "GOV", "Vice Premier",
                      provenance="kb:wikidata-lite")]
    s, e = _span(text, "Harbin")
    harbin = Place(s, e, "Harbin", "Harbin", 45.75, 126.65, "CHN", 2037013, "PPLA")
    a.places = [harbin]
    sent1 = Span(0, text.index("\n\n"))
    p2 = text.index("Wang said")
    sent2 = Span(p2, text.index("\n\n", p2))
    p3 = text.index("Chinese and Russian")
    sent3 = Span(p3, len(text))
    a.events = [
        Event("CONSULT", sent1, mode="meet", context=["diplomatic", "military"],
              actors=[EventArg("Wang Yang", "Wang Yang", "CHN", "GOV")],
              recipients=[EventArg("Dmitry Rogozin", "Dmitry Rogozin", "RUS", "GOV")],
              date="2013-08-20", date_precision="day", location=harbin, confidence=0.9,
              coder="fixture", coder_version="1"),
        Event("AGREE", sent2, context=["military", "nuclear"], actors=[CHN], recipients=[RUS],
              date="2013-08-20", date_precision="day", confidence=0.8,
              coder="fixture", coder_version="1"),
        Event("COOPERATE", sent3, mode="exercise", context=["military"], actors=[CHN, RUS],
              date="2013-08-13", date_precision="week", confidence=0.7,
              coder="fixture", coder_version="1"),
    ]
    return a


def syndicated_article() -> Article:
    """Another outlet's copy of the same story (same story id), a month later event."""
    text = "China and Russia signed an agreement on missile early warning in Moscow."
    a = _article(text, title="China, Russia sign early-warning pact", published="2013-09-15",
                 publisher="Other Wire", url="https://wire.example.com/a/1", story_id="story-1")
    s, e = _span(text, "Moscow")
    moscow = Place(s, e, "Moscow", "Moscow", 55.75, 37.62, "RUS", 524901, "PPLC")
    a.mentions = [_mention(text, "China", "Location"), _mention(text, "Russia", "Location"),
                  _mention(text, "Moscow", "Location")]
    a.places = [moscow]
    a.events = [Event("AGREE", Span(0, len(text)), context=["military", "nuclear"],
                      actors=[CHN, RUS], date="2013-09-15", date_precision="day",
                      location=moscow, confidence=0.85, coder="fixture", coder_version="1")]
    return a


def hostile_article() -> Article:
    """An article whose title, text, entity and url try to inject script."""
    text = f"Officials in Washington {HOSTILE} accused Russia of threats."
    a = _article(text, title=f"Hostile {HOSTILE} title", published="2014-03-02",
                 publisher=f"Evil {HOSTILE}", url="javascript:alert(1)")
    s, e = _span(text, HOSTILE)
    a.mentions = [_mention(text, "Washington", "Location"), Mention(s, e, HOSTILE, "Weapon")]
    a.events = [Event("ACCUSE", Span(0, len(text)), actors=[USA],
                      recipients=[EventArg(HOSTILE, HOSTILE, "RUS", "GOV")],
                      date="2014-03-02", date_precision="day", confidence=0.6,
                      coder="fixture", coder_version="1")]
    return a


def harbin_reports() -> list[Article]:
    """Two other outlets' own reports of the Harbin meeting (other wording, other stories)."""
    out = []
    for publisher, text in (
            ("Far East Daily", "Russian Deputy Prime Minister Dmitry Rogozin held talks in Harbin "
                               "with Chinese Vice Premier Wang Yang on Tuesday."),
            ("Border Times", "Wang Yang and Dmitry Rogozin met in Harbin to discuss energy.")):
        a = _article(text, title=f"{publisher}: talks in Harbin", published="2013-08-20",
                     publisher=publisher, story_id="story-" + publisher.split()[0].lower())
        s, e = _span(text, "Harbin")
        harbin = Place(s, e, "Harbin", "Harbin", 45.75, 126.65, "CHN", 2037013, "PPLA")
        a.places = [harbin]
        a.events = [Event("CONSULT", Span(0, len(text)), mode="meet", context=["diplomatic"],
                          actors=[EventArg("Wang Yang", "Wang Yang", "CHN", "GOV")],
                          recipients=[EventArg("Dmitry Rogozin", "Dmitry Rogozin", "RUS", "GOV")],
                          date="2013-08-20", date_precision="day", location=harbin,
                          confidence=0.8, coder="fixture", coder_version="1")]
        out.append(a)
    return out


def seed_happening(store: Store) -> tuple[dict[str, Article], str]:
    """``seed`` plus two more reports of the Harbin meeting, merged into happenings.

    Returns the articles by name and the id of the Harbin happening (3 reports)."""
    from sitrep.service import merge_happenings

    arts = seed(store)
    arts["report1"], arts["report2"] = harbin_reports()
    for name in ("report1", "report2"):
        assert store.add_article(arts[name], {"fixture": "1"})
    merge_happenings(store)
    [hid] = {r["happening_id"] for r in store.events_for_merge(article_id=arts["report1"].id)}
    return arts, hid


def seed(store: Store) -> dict[str, Article]:
    """Store the fixture articles; return them by name."""
    arts = {"harbin": harbin_article(), "syndicated": syndicated_article(),
            "hostile": hostile_article()}
    for art in arts.values():
        assert store.add_article(art, {"fixture": "1"})
    return arts
