"""Cutting article text into highlight segments."""

from sitrep.api.highlight import label_class, segments
from sitrep.models import Mention


def test_segments_cover_text_with_labels_and_events():
    text = "Wang Yang met Rogozin in Harbin. Then left."
    ms = [Mention(0, 9, "Wang Yang", "Person"), Mention(0, 4, "Wang", "Person"),
          Mention(25, 31, "Harbin", "Location")]
    segs = segments(text, ms, [(7, 0, 32)])
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.label) for s in segs[:2]] == [("Wang", "Person"), (" Yang", "Person")]
    harbin = next(s for s in segs if s.text == "Harbin")
    assert harbin.label == "Location" and harbin.events == [7]
    assert segs[0].first_of == [7]
    assert segs[-1].text == " Then left." and segs[-1].events == [] and segs[-1].label is None


def test_segments_clip_bad_spans():
    segs = segments("abc", [Mention(1, 99, "bc", "Person"), Mention(2, 2, "", "Person")], [(1, 5, 9)])
    assert [(s.text, s.label) for s in segs] == [("a", None), ("bc", "Person")]


def test_label_class_keeps_letters_only():
    assert label_class('Person" onmouseover="x') == "ent ent-Persononmouseoverx"
    assert label_class(None) == ""
