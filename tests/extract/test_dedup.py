"""Cross-article duplicates."""

from sitrep.extract.dedup import NEAR_DUPLICATE_THRESHOLD, StoryIndex, text_fingerprint

BODY = ("Chinese Vice Premier Wang Yang met in the northeast Chinese city of Harbin with his "
        "Russian counterpart Dmitry Rogozin on Tuesday. The two sides agreed to expand military "
        "and nuclear cooperation, including joint research on long-range jets and heavy-duty "
        "helicopters, according to the official Xinhua News Agency. The meeting follows the "
        "Peace Mission 2013 exercises that ended last week in the Russian Urals region.")
OTHER = ("The European Union imposed new sanctions on Tuesday against several companies accused "
         "of supplying drones and their components, saying the measures target networks that "
         "help get around earlier export restrictions. Ministers also discussed further aid to "
         "Ukraine and a new training mission for its armed forces at a meeting in Brussels.")


def test_exact_duplicate_ignores_case_and_punctuation():
    idx = StoryIndex()
    assert idx.assign("a", BODY) == "a"
    assert idx.assign("b", BODY.upper().replace(",", "")) == "a"
    assert text_fingerprint(BODY) == text_fingerprint("  " + BODY.lower() + " !")


def test_near_duplicate_joins_the_story():
    idx = StoryIndex()
    idx.assign("a", BODY)
    edited = BODY.replace("on Tuesday", "this week") + " Reporting by a correspondent."
    assert idx.assign("b", edited) == "a"


def test_different_article_new_story():
    idx = StoryIndex()
    idx.assign("a", BODY)
    assert idx.assign("b", OTHER) == "b"
    assert len(idx) == 2


def test_same_id_twice_is_stable():
    idx = StoryIndex()
    assert idx.assign("a", BODY) == idx.assign("a", OTHER) == "a"


def test_rebuild_from_rows_keeps_story_ids():
    idx = StoryIndex.rebuild([("a", BODY, "s1"), ("b", OTHER, "s2")])
    assert idx.story_of("a") == "s1"
    assert idx.assign("c", BODY + " Updated.") == "s1"
    assert idx.assign("d", OTHER) == "s2"


def test_threshold_is_a_named_constant():
    assert 0.3 <= NEAR_DUPLICATE_THRESHOLD <= 0.8


def test_signatures_rebuild_the_same_index_without_text():
    from sitrep.extract.dedup import StoredStory

    first = StoryIndex()
    first.assign("a", BODY)
    first.assign("b", OTHER)
    short = first.assign("c", "Too short to shingle.")
    sigs = {k: first.signature(k) for k in ("a", "b", "c")}
    assert len(sigs["a"].minhash) == 512 and sigs["c"].minhash is None
    assert first.signature("a") is None  # handed out once
    idx = StoryIndex.rebuild([StoredStory("a", "s1", sigs["a"]), StoredStory("b", "s2", sigs["b"]),
                              StoredStory("c", short, sigs["c"]),
                              StoredStory("old", "s9", text=BODY.replace("Tuesday", "Monday"))])
    edited = BODY.replace("on Tuesday", "this week") + " Reporting by a correspondent."
    assert idx.assign("d", edited) in {"s1", "s9"}
    assert idx.assign("e", OTHER.upper()) == "s2"  # exact fingerprint from the signature
    assert idx.assign("f", "too short to shingle") == short


def test_a_signature_of_another_size_is_rehashed_from_text():
    from sitrep.extract.dedup import Signature, StoredStory

    idx = StoryIndex.rebuild([StoredStory("a", "s1", Signature("x", b"\0" * 16), text=BODY)])
    assert idx.assign("b", BODY + " More.") == "s1"
