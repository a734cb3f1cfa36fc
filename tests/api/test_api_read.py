"""Read endpoints: articles, one article, events, actors, places, dyads, network, map."""

from __future__ import annotations

from sitrep.store import query as Q


def test_article_search_and_filters(client, arts):
    ids = lambda r: {a["id"] for a in r.json()["items"]}  # noqa: E731
    assert ids(client.get("/api/articles", params={"q": "nuclear"})) == {arts["harbin"].id}
    assert ids(client.get("/api/articles", params={"q": "early warning"})) == {arts["syndicated"].id}
    assert ids(client.get("/api/articles", params={"publisher": "Other Wire"})) == {arts["syndicated"].id}
    assert ids(client.get("/api/articles", params={"since": "2013-09", "until": "2013-12"})) == {
        arts["syndicated"].id}
    assert ids(client.get("/api/articles", params={"country": "chn"})) == {arts["harbin"].id}
    assert ids(client.get("/api/articles", params={"story": "story-1"})) == {
        arts["harbin"].id, arts["syndicated"].id}
    assert ids(client.get("/api/articles", params={"language": "fr"})) == set()
    items = client.get("/api/articles").json()["items"]
    assert [a["published"] for a in items] == ["2014-03-02", "2013-09-15", "2013-08-20"]
    assert "text" not in items[0]


def test_one_article_has_everything(client, arts):
    a = client.get(f"/api/articles/{arts['harbin'].id}").json()
    assert {m["text"] for m in a["mentions"]} >= {"Wang Yang", "Harbin", "Peace Mission 2013"}
    assert a["actors"][0]["provenance"] == "kb:wikidata-lite"
    assert a["places"][0]["lat"] == 45.75
    assert [e["type"] for e in a["events"]] == ["COOPERATE", "CONSULT", "AGREE"]
    ev = a["events"][1]
    assert a["text"][ev["evidence"]["start"]:ev["evidence"]["end"]] == ev["evidence"]["text"]
    assert isinstance(ev["id"], int)
    assert [s["id"] for s in a["story"]] == [arts["syndicated"].id]


def test_event_filters(client, arts):
    def types(**params):
        return [e["type"] for e in client.get("/api/events", params=params).json()["items"]]

    assert types(type="AGREE") == ["AGREE", "AGREE"]
    assert types(type=["AGREE", "consult"]) == ["CONSULT", "AGREE", "AGREE"]
    assert types(dyad="RUS-CHN") == ["COOPERATE", "CONSULT", "AGREE", "AGREE"]
    assert types(dyad="RUS-CHN", directed="true") == ["COOPERATE", "AGREE"]
    assert types(country="USA") == ["ACCUSE"]
    assert types(actor="Rogozin") == ["CONSULT"]
    assert types(since="2013-09-01", until="2013-12-31") == ["AGREE"]
    assert types(text="Peace Mission") == ["COOPERATE"]
    assert types(q="early warning") == ["AGREE"]
    assert types(context="nuclear") == ["AGREE", "AGREE"]
    assert types(article=arts["hostile"].id) == ["ACCUSE"]
    body = client.get("/api/events", params={"type": "AGREE"}).json()
    assert body["total"] is None and body["more"] is False
    body = client.get("/api/events", params={"type": "AGREE", "total": "true", "limit": 1}).json()
    assert body["total"] == 2 and body["more"] is True


def test_event_pages_are_stable_and_complete(client):
    full = client.get("/api/events", params={"limit": 100}).json()["items"]
    paged = []
    for off in range(0, len(full), 2):
        paged += client.get("/api/events", params={"limit": 2, "offset": off}).json()["items"]
    assert [e["id"] for e in paged] == [e["id"] for e in full]
    assert len({e["id"] for e in full}) == len(full) == 5
    one = client.get(f"/api/events/{full[0]['id']}").json()
    assert one["id"] == full[0]["id"] and one["article_title"]


def test_actors_and_places(client):
    actors = client.get("/api/actors").json()["items"]
    assert actors[0]["name"] == "Wang Yang" and actors[0]["provenance"] == "kb:wikidata-lite"
    assert client.get("/api/actors", params={"country": "usa"}).json()["items"] == []
    places = client.get("/api/places", params={"name": "Mosc"}).json()["items"]
    assert [(p["name"], p["country"]) for p in places] == [("Moscow", "RUS")]


def test_dyad_series_counts_and_score(client):
    body = client.get("/api/dyads/CHN/RUS", params={"by": "month"}).json()
    months = {s["period"]: s for s in body["series"]}
    assert set(months) == {"2013-08", "2013-09"}
    aug = months["2013-08"]
    # The reciprocal exercise is stored CHN→RUS and RUS→CHN but counts once.
    assert aug["counts"] == {"AGREE": 1, "CONSULT": 1, "COOPERATE": 1} and aug["total"] == 3
    w = body["weights"]
    assert aug["score"] == round((w["AGREE"] + w["CONSULT"] + w["COOPERATE"]) / 3, 3)
    weeks = client.get("/api/dyads/chn/rus", params={"by": "week"}).json()["series"]
    assert [s["period"] for s in weeks] == ["2013-W33", "2013-W34", "2013-W37"]
    directed = client.get("/api/dyads/RUS/CHN", params={"directed": "true"}).json()["series"]
    assert sum(s["total"] for s in directed) == 2  # the exercise and the Moscow pact
    countries = client.get("/api/dyads").json()["countries"]
    assert {c["country"] for c in countries} == {"CHN", "RUS", "USA"}


def test_network_and_map_and_facets(client):
    net = client.get("/api/network").json()
    edges = {(e["a"], e["b"]): e["count"] for e in net["edges"]}
    assert edges == {("CHN", "RUS"): 4, ("RUS", "USA"): 1}
    assert net["nodes"][0] == {"id": "RUS", "count": 5, "country": "RUS"}
    actors = client.get("/api/network", params={"level": "actor"}).json()
    assert ("Dmitry Rogozin", "Wang Yang") in {(e["a"], e["b"]) for e in actors["edges"]}
    pts = client.get("/api/map").json()["points"]
    assert {(p["name"], p["count"]) for p in pts} == {("Harbin", 1), ("Moscow", 1)}
    assert client.get("/api/map", params={"type": "CONSULT"}).json()["points"][0]["name"] == "Harbin"
    facets = client.get("/api/facets", params={"dyad": "CHN-RUS"}).json()
    assert facets["type"][0] == {"value": "AGREE", "count": 2}
    assert {f["value"] for f in facets["country"]} == {"CHN", "RUS"}
    assert [f["value"] for f in facets["month"]] == ["2013-08", "2013-09"]


def test_frequent_pair_pages_match_rare_pair_pages(seeded, monkeypatch):
    """The dyad filter has two query plans (by pair size); both give the same page."""
    from sitrep.store import query as Q

    store, _ = seeded
    f = Q.EventFilter(dyad=("RUS", "CHN"), limit=3, offset=1)
    listed = [e["id"] for e in Q.list_events(store, f)]
    monkeypatch.setattr(Q, "DYAD_PROBE_MIN", 0)
    assert [e["id"] for e in Q.list_events(store, f)] == listed and len(listed) == 3
    assert Q.count_events(store, f) == 4


def test_dyad_series_follows_merged_happenings(client, seeded):
    """The cached series is dropped when happenings are merged (no event is added)."""
    store, _ = seeded
    before = client.get("/api/dyads/CHN/RUS", params={"by": "year"}).json()["series"]
    rows = Q.list_events(store, Q.EventFilter(dyad=("CHN", "RUS")))
    assert [s["total"] for s in before] == [len(rows)]
    store.set_happenings({r["id"]: "h-" + r["type"] for r in rows})  # one per type
    after = client.get("/api/dyads/CHN/RUS", params={"by": "year"}).json()["series"]
    assert len({r["type"] for r in rows}) < len(rows)
    assert [s["total"] for s in after] == [len({r["type"] for r in rows})]
