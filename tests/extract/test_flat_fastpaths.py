"""The fast paths of the flat-text cleaner give the answers of the plain code they replace."""

import re

import pytest

from sitrep.extract import meta
from sitrep.extract.flat_blocks import BYLINE, WORD, is_byline_or_meta_line, words_key
from sitrep.extract.patterns import (
    _BOILER_LINE,
    _CTA_LINE,
    _FLAT_BOILER_LINE,
    _SHORT_LINE,
    META_LINE,
    FirstCharIndex,
    _split_alternatives,
    is_meta_line,
)

# first characters that lower-case to an ASCII letter ("İ", Kelvin sign) or that match
# one case-insensitively without doing so ("ı" for i, "ſ" for s), digits, marks
LINES = ["Home", "HOME »", "home", "Main menu", "Menu", "İmage 1 of 3", "\u212aeep reading", "ſhare",
         "ſubscribe now", "ıd", "12 min read", "5 shares", "$19.99", "\u00a9 2024 Example News", "x", "X", "Ad",
         "Read more", "Show less", "Published March 3, 2024", "By Jane Smith", "by jane smith",
         "Photo: Reuters", "| 2024", "---", "42", "", " ", "Skip to main content",
         "The frigate joined the fleet after trials in the North Sea.", "Book a free demo today",
         "Related: Navy orders more frigates", "Tags: navy, frigates", "Written by Jane Smith",
         "Words by Tom Jones, Defence Editor", "Author: Ann Lee", "Von Hans Meier", "Por Ana Gómez"]


def test_short_line_index_matches_its_patterns():
    merged = re.compile("|".join(f"(?:{p.pattern})" for p in (_BOILER_LINE, META_LINE, _FLAT_BOILER_LINE,
                                                                  _CTA_LINE)), re.IGNORECASE)
    for line in LINES:
        assert _SHORT_LINE.match(line) == bool(merged.match(line)), line


def test_meta_and_byline_indexes_match_their_patterns():
    for line in LINES:
        assert is_meta_line(line) == bool(META_LINE.match(line)), line
        assert is_byline_or_meta_line(line) == bool(BYLINE.match(line) or META_LINE.match(line)), line


def test_index_tries_only_alternatives_that_can_lead():
    index = FirstCharIndex(re.compile(r"(?:home|(?:main )?menu|(?:share|follow)\b.{0,9}|\d+ shares|x)\W*$", re.IGNORECASE))
    assert index.pattern_for("h").count("home") == 1 and "follow" not in index.pattern_for("h")
    assert "(?:main )?menu" in index.pattern_for("h")  # its group is optional: in every table
    assert index.pattern_for("q") is not None and "home" not in index.pattern_for("q")
    for line in ("Home", "Menu", "Main menu", "Share this", "Follow us!", "12 shares", "X", "Homes", "ſhare"):
        assert index.match(line) == bool(re.match(r"(?:home|(?:main )?menu|(?:share|follow)\b.{0,9}|\d+ shares|x)"
                                                  r"\W*$", line, re.IGNORECASE)), line


def test_split_alternatives_round_trips_and_refuses_other_shapes():
    pre, alts, post = _split_alternatives(r"^(?:a[|)]b|(?:c|d)e|\(f\|)\W*$")
    assert (pre, alts, post) == ("^(?:", ["a[|)]b", "(?:c|d)e", r"\(f\|"], r")\W*$")
    with pytest.raises(ValueError):
        _split_alternatives(r"a(?:b|c)")
    with pytest.raises(ValueError):
        FirstCharIndex(re.compile(r"(?:a|b)"))  # not case-insensitive


@pytest.mark.parametrize("line", [
    "The U.S. Navy's new frigate (FFG-62) joins the fleet in 2027.", "snake_case and CamelCase 42x",
    "\u201cWe\u2019re ready,\u201d she said \u2014 twice\u2026", "Стартап привлёк 5 млн долларов", "東京で会議が開かれた",
    "Café crème à Zürich", "", "...", "ΟΔΟΣ ΣΟΦΟΚΛΕΟΥΣ"])
def test_words_key_is_the_regex_word_sequence(line):
    words = WORD.findall(line)
    assert words_key(line) == (len(words), " ".join(words).lower())


def test_category_and_copyright_pretests_keep_results():
    assert meta.parse_category("Home \u203a News \u203a Europe") == meta.Category("News", ("Europe",))
    assert meta.parse_category("Naval News - France / Italy") == meta.Category("Naval News", ("France", "Italy"))
    assert meta.parse_category("Naval News France Italy") is None
    assert meta.publisher_from_copyright("COPYRIGHT 2021 Harbour Times") == "Harbour Times"
    assert meta.publisher_from_copyright("(C) 2020 Fleet Weekly | All rights reserved") == "Fleet Weekly"
    assert meta.publisher_from_copyright("The fleet sailed at dawn") is None


def test_body_only_gives_the_body_of_a_full_clean():
    """``body_only`` (the HTML extractor's measure of a page's text) finds the same
    body and captions, without title or date; a headline repeated at the top of the
    body region stays in it, as nothing says it is the headline."""
    from pathlib import Path

    from sitrep.extract.flat_blocks import text_key
    from sitrep.extract.flattext import clean_flat_text

    example = Path(__file__).parents[2] / "examples" / "army-recognition-2013-08-20.txt"
    text = example.read_text(encoding="utf-8")
    full, body = clean_flat_text(text), clean_flat_text(text, body_only=True)
    assert full.title and full.published and len(full.paragraphs) >= 5
    assert (body.title, body.published, body.publisher) == (None, None, None)
    assert [p for p in body.paragraphs if text_key(p) != text_key(full.title)] == full.paragraphs
    assert body.captions == full.captions
    page = "Menu\n\nNavy orders six frigates\n\n" + "\n\n".join(full.paragraphs)
    assert clean_flat_text(page, body_only=True).paragraphs[-len(full.paragraphs):] == full.paragraphs
