"""The flat-text cleaner, behaviour by behaviour, on small hand-made pages."""

from sitrep.extract.flattext import clean_flat_text

P1 = ("The defence ministry announced on Monday that the new frigate would join the fleet "
      "next year after a series of sea trials in the North Sea.")
P2 = ("Officials said the ship carries a new radar and an air-defence system, and that two "
      "more ships of the class are planned before the end of the decade.")
P3 = ("Critics in parliament questioned the cost of the programme, which has risen by a "
      "third since the first contract was signed in 2019.")


def page(*lines: str) -> str:
    return "\n\n".join(lines)


def test_navigation_and_footer_are_dropped():
    out = clean_flat_text(page("Skip to main content", "Home", "News", "Sign in", "Subscribe",
                               "New frigate to join the fleet next year", P1, P2, P3,
                               "Share this article", "Related articles",
                               "Other ship news from last week about a different topic entirely.",
                               "Copyright © 2024 Naval News Daily. All rights reserved."))
    assert out.paragraphs == [P1, P2, P3]
    assert out.publisher == "Naval News Daily"


def test_title_before_body_with_page_id_stripped():
    out = clean_flat_text(page("Menu", "New frigate to join the fleet next year 1234567.", P1, P2))
    assert out.title == "New frigate to join the fleet next year"


def test_repeated_headline_is_not_body():
    out = clean_flat_text(page("New frigate to join the fleet next year", "March 3, 2024",
                               "New frigate to join the fleet next year.", P1, P2))
    assert out.paragraphs == [P1, P2]


def test_near_exact_repeat_kept_once():
    out = clean_flat_text(page("A headline about frigates", P1, P1.rstrip("."), P2, P1, P3))
    assert out.paragraphs == [P1, P2, P3]


def test_caption_after_repeated_lead_is_set_apart():
    caption = "The frigate HMS Example during sea trials off Scotland."
    text = "\n".join(["A headline about frigates", P1, P1.rstrip("."), caption]) + "\n\n\n" + page(P2, P3)
    out = clean_flat_text(text)
    assert out.captions == [caption]
    assert out.paragraphs == [P1, P2, P3]


def test_caption_with_photo_credit():
    caption = "The frigate at sea in May. (Photo: Royal Navy)"
    out = clean_flat_text(page("A headline about frigates", P1, caption, P2, P3))
    assert caption in out.captions and caption not in out.paragraphs


def test_date_and_time_without_invented_zone():
    out = clean_flat_text(page("Headline of the frigate story", "Tuesday, August 20, 2013 03:49 PM", P1, P2))
    assert out.published == "2013-08-20T15:49:00"


def test_published_preferred_over_updated():
    out = clean_flat_text(page("Headline of the frigate story", "Updated March 5, 2024",
                               "Published March 3, 2024", P1, P2))
    assert out.published == "2024-03-03"


def test_section_and_tags_from_category_line():
    out = clean_flat_text(page("Headline of the frigate story", "Naval News - France / Italy", P1, P2))
    assert (out.section, out.tags) == ("Naval News", ["France", "Italy"])


def test_byline_is_author_not_body():
    out = clean_flat_text(page("Headline of the frigate story", "By Jane Smith", P1, P2))
    assert out.author == "Jane Smith" and "By Jane Smith" not in out.paragraphs


def test_subheading_inside_body_is_kept():
    out = clean_flat_text(page("Headline of the frigate story", P1, "Radar and weapons", P2, P3))
    assert out.paragraphs == [P1, "Radar and weapons", P2, P3]


def test_one_line_document():
    assert clean_flat_text("Just one short line").paragraphs == ["Just one short line"]


def test_title_over_its_standfirst():
    out = clean_flat_text(page("News", "Ships", "New frigate to join the fleet",
                               "The new frigate will join the fleet next year after sea trials",
                               "By Jane Smith", "March 3, 2024", P1, P2, P3))
    assert out.title == "New frigate to join the fleet"


def test_title_ending_a_breadcrumb_beats_a_menu_item():
    out = clean_flat_text(page("Home", "Naval News", "Air Defence", "Frigate Programme News Digest",
                               "Home \u00bb Naval News \u00bb Frigate Programme Moves Ahead",
                               "Frigate Programme Moves Ahead", "Share", P1, P2, P3))
    assert out.title == "Frigate Programme Moves Ahead"


def test_question_headline_at_the_body_start():
    out = clean_flat_text(page("Home", "News", "Sign in", "Will the new frigates arrive on time?", P1, P2, P3))
    assert out.title == "Will the new frigates arrive on time?"


def test_date_label_on_the_line_above():
    out = clean_flat_text(page("Headline of the frigate story", "Posted on", "March 3, 2024",
                               "Updated at", "March 5, 2024", P1, P2))
    assert out.published == "2024-03-03"


def test_updated_on_is_not_published_on():
    out = clean_flat_text(page("Headline of the frigate story", "March 3, 2024",
                               "Last updated on March 5, 2024", P1, P2))
    assert out.published == "2024-03-03"


def test_date_after_headline_beats_date_of_a_teaser_above():
    out = clean_flat_text(page("Other story about submarines and their crews", "January 9, 2024",
                               "Headline of the frigate story", "By Jane Smith", "March 3, 2024", P1, P2))
    assert out.published == "2024-03-03"


def test_reading_time_is_not_body():
    for reading_time in ("5 mins", "2\u20133 minutes", "Reading time 4 min"):
        out = clean_flat_text(page("Headline of the frigate story", reading_time, P1, P2))
        assert out.paragraphs == [P1, P2]
        assert out.title == "Headline of the frigate story"


def test_title_with_byline_far_above_the_body():
    # a headline and byline, then a long specification list before the body starts
    specs = [f"Model {i} radar" for i in range(60)]
    out = clean_flat_text(page("Home", "Ships", "Aircraft", "Frigate Radars Compared in Sea Trials",
                               "By Jane Smith", "March 3, 2024", *specs, P1, P2, P3))
    assert out.title == "Frigate Radars Compared in Sea Trials"
    assert out.published == "2024-03-03"
