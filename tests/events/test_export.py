"""Exports round-trip: CSV, JSON Lines, Parquet, and the GDELT-style table."""

from sitrep.events import export, merge
from sitrep.models import Event, EventArg, Place, Span

HARBIN = Place(10, 16, "Harbin", "Harbin", 45.75, 126.65, "CHN")


def events():
    base = dict(actors=[EventArg("Wang Yang", "Wang Yang", "CHN", "GOV")],
                recipients=[EventArg("Dmitry Rogozin", "Dmitry Rogozin", "RUS", "GOV")],
                date="2013-08-20", date_precision="day", location=HARBIN, confidence=0.8,
                coder="sitrep.events.rules", coder_version="r1", context=["diplomatic"])
    return [Event("CONSULT", Span(0, 50), article_id="a1", **base),
            Event("CONSULT", Span(5, 60), article_id="a2", **base)]


def test_event_rows():
    rows = export.event_rows(events())
    assert rows[0]["actor_countries"] == "CHN" and rows[0]["recipients"] == "Dmitry Rogozin"
    assert rows[0]["sources"] == "a1:0-50" and rows[0]["location"] == "Harbin"
    assert list(rows[0]) == list(export.EVENT_COLUMNS)


def test_happening_rows_list_sources():
    (h,) = merge.group(events(), {"a1": "s", "a2": "s"})
    (row,) = export.event_rows([h])
    assert row["id"] == h.id and row["sources"] == "a1:0-50;a2:5-60"
    assert (row["n_articles"], row["n_sources"]) == (2, 1)


def test_round_trips(tmp_path):
    rows = export.event_rows(events())
    export.write_jsonl(rows, tmp_path / "e.jsonl")
    assert export.read_jsonl(tmp_path / "e.jsonl") == rows
    export.write_parquet(rows, tmp_path / "e.parquet")
    assert export.read_parquet(tmp_path / "e.parquet") == rows
    export.write_csv(rows, tmp_path / "e.csv")
    back = export.read_csv(tmp_path / "e.csv")
    assert [r["id"] for r in back] == [r["id"] for r in rows]
    assert back[0]["lat"] == "45.75" and back[0]["mode"] == ""


def test_gdelt_table(tmp_path):
    (h,) = merge.group(events(), {"a1": "s1", "a2": "s2"})
    (g,) = export.gdelt_rows([h], urls={"a1": "https://example.org/a1"})
    assert g["EventRootCode"] == "04" and g["QuadClass"] == 1 and g["PLOVERType"] == "CONSULT"
    assert g["Actor1CountryCode"] == "CHN" and g["Actor2CountryCode"] == "RUS"
    assert g["SQLDATE"] == "20130820" and g["NumSources"] == 2 and g["NumArticles"] == 2
    assert g["SOURCEURL"] == "https://example.org/a1" and g["ActionGeo_CountryCode"] == "CHN"
    assert list(g) == list(export.GDELT_COLUMNS)
    export.write_parquet([g], tmp_path / "g.parquet", columns=export.GDELT_COLUMNS)
    assert export.read_parquet(tmp_path / "g.parquet") == [g]


def test_reciprocal_gdelt_uses_second_actor():
    e = Event("COOPERATE", Span(0, 5), actors=[EventArg("China", "China", "CHN"),
                                                EventArg("Russia", "Russia", "RUS")],
              date="2013-08-12", date_precision="week", article_id="a")
    (g,) = export.gdelt_rows([e])
    assert (g["Actor1CountryCode"], g["Actor2CountryCode"]) == ("CHN", "RUS")
    assert g["QuadClass"] == 2 and g["DatePrecision"] == "week"
