"""The offline gazetteer: distances, candidates and the versioned cache file."""

import pytest

from sitrep.nlp.gazetteer import INDEX_VERSION, Entry, Gazetteer, distance_km


def test_distance():
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.5)


def test_candidates_flag_main_names_and_fold_case():
    places = [Entry("Harbin", 45.75, 126.65, "CHN", 5_000_000, 1, "PPL"),
              Entry("Paris", 48.85, 2.35, "FRA", 2_100_000, 2, "PPLC"),
              Entry("Paris", 33.66, -95.56, "USA", 25_000, 3, "PPL")]
    names = [({"harbin"}, {"haerbin"}), ({"paris"}, set()), ({"paris"}, set())]
    gaz = Gazetteer.from_entries(places, names)
    assert len(gaz) == 3
    assert gaz.candidates("HARBIN") == [(0, True)]
    assert gaz.candidates("Haerbin") == [(0, False)]
    assert [gaz.entry(i).country for i, _ in gaz.candidates("the Paris")] == ["FRA", "USA"]
    assert gaz.candidates("Atlantis") == []


def test_a_new_cache_file_replaces_those_of_earlier_versions(tmp_path, monkeypatch):
    real = Gazetteer.load()  # the user's cache (built once per machine)
    monkeypatch.setattr(Gazetteer, "build", classmethod(lambda cls, countries=None: real))
    (tmp_path / "gazetteer-v1.pickle").write_bytes(b"an index of an older sitrep")
    (tmp_path / "notes.txt").write_text("not ours")
    Gazetteer.load(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"gazetteer-v{INDEX_VERSION}.pickle", "notes.txt"]
    assert Gazetteer.load(tmp_path).candidates("Harbin")  # and it loads back
