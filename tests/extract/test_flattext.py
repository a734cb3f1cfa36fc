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


def test_barrier_below_most_of_the_text_ends_the_body():
    teaser = ("A different story about submarines and their crews that the site recommends to "
              "readers who finished this one, with a long summary.")
    out = clean_flat_text(page("Headline of the frigate story", P1, P2, P3, "Related Articles",
                               teaser, teaser.replace("submarines", "tankers"),
                               teaser.replace("submarines", "carriers")))
    assert out.paragraphs == [P1, P2, P3]


def test_ambiguous_barrier_is_a_subheading():
    more = [P1.replace("Monday", day) for day in ("Tuesday", "Wednesday", "Thursday")]
    out = clean_flat_text(page("Headline of the frigate story", P1, P2, P3, "More Considerations", *more))
    assert out.paragraphs == [P1, P2, P3, *more]  # the body goes on below it
    out = clean_flat_text(page("Headline of the frigate story", P1, P2, P3, "More Articles", *more[:1]))
    assert out.paragraphs == [P1, P2, P3]


def test_author_bio_under_the_body_is_dropped():
    bio = ("Jane Smith is a defence reporter who has covered naval shipbuilding for "
           "ten years from London.")
    out = clean_flat_text(page("Headline of the frigate story", P1, P2, P3, "Jane Smith", bio))
    assert out.paragraphs == [P1, P2, P3]
    bio = "Als Reporterin schreibt Jane Smith seit zehn Jahren \u00fcber den Schiffbau der Marine."
    out = clean_flat_text(page("Headline of the frigate story", P1, P2, P3, "\u00dcber Jane Smith", bio))
    assert out.paragraphs == [P1, P2, P3]


def test_list_of_named_items_is_not_taken_for_bios():
    items = [(f"Harbour {n} Museum", (f"Harbour {n} Museum is a museum director's favourite stop for "
              "visitors who want to see old frigates up close.")) for n in ("North", "South", "East")]
    lines = [x for pair in items for x in pair]
    out = clean_flat_text(page("Headline of the frigate story", P1, *lines, P2))
    assert all(desc in out.paragraphs for _, desc in items)


def test_japanese_sentences_are_body():
    ja = [("\u4eca\u56de\u306e\u4e8b\u4ef6\u306e\u3088\u3046\u306b\u3001\u6a29\u5229\u8005\u306e"
          "\u8a31\u8afe\u3092\u5f97\u305a\u306b\u5546\u54c1\u3092\u8ca9\u58f2\u3059\u308b\u3053\u3068"
          "\u306f\u554f\u984c\u3067\u3059\u3002"),
          ("\u901a\u5e38\u3001\u6b63\u898f\u306e\u30eb\u30fc\u30c8\u3067\u8ca9\u58f2\u3055\u308c\u305f"
          "\u5546\u54c1\u3092\u305d\u306e\u307e\u307e\u8ee2\u58f2\u3059\u308b\u5834\u5408\u306f"
          "\u4fb5\u5bb3\u306b\u306a\u308a\u307e\u305b\u3093\u3002")]
    out = clean_flat_text(page("Home", "Menu", "Contact", *ja, "Copyright 2024 Example"))
    assert out.paragraphs == ja


def test_headline_keeps_its_final_period():
    out = clean_flat_text(page("Home", "One year of building frigates.", "By Jane Smith", P1, P2))
    assert out.title == "One year of building frigates."


def test_furniture_lines_inside_the_body_are_dropped():
    out = clean_flat_text(page("Headline of the frigate story", P1, P2,
                               "https://www.example.com/a/very/long/link/to/somewhere?with=query&and=more",
                               "Related: Navy orders two more frigates", "$2,398.00 from Home Depot",
                               "Image courtesy of the Royal Navy", P3, "Tags: ships, navy", P1 + " " + P2))
    assert out.paragraphs == [P1, P2, P3, P1 + " " + P2]
    assert out.captions == ["Image courtesy of the Royal Navy"]


def test_rarer_date_forms():
    for line, iso in (("Published: 10-30-2025", "2025-10-30"), ("2025\u202201\u202208", "2025-01-08"),
                      ("Posted on 04-ago-2021 5:11:10", "2021-08-04"),
                      ("Published on 25.Jun.2019", "2019-06-25")):
        assert clean_flat_text(page("Headline of the frigate story", line, P1, P2)).published == iso


def test_day_month_order_left_open_gives_no_date():
    assert clean_flat_text(page("Headline of the frigate story", "02-12-2025", P1, P2)).published is None


def test_month_and_day_take_the_year_the_page_names():
    out = clean_flat_text(page("Frigate plans for 2025", "Jan 4", P1, P2,
                               "\u00a9 2026 Naval News Daily"))
    assert out.published == "2025-01-04"
    out = clean_flat_text(page("Frigate plans", "Jan 4", P1, P2, "\u00a9 2026 Naval News Daily"))
    assert out.published is None  # a copyright year is the current year, not the post's


def test_teaser_list_with_truncated_summaries_ends_the_body():
    teasers = [("Navy orders two more frigates", ("The defence ministry signed a contract for two more "
                "ships of the class on Tuesday, weeks after the first one...")),
               ("How a radar is tested at sea", ("Before a new radar joins the fleet, engineers spend "
                "months at sea checking every mode of the\u2026"))]
    lines = [x for pair in teasers for x in pair]
    out = clean_flat_text(page("Headline of the frigate story", P1, P2, P3, *lines))
    assert out.paragraphs == [P1, P2, P3]


def test_prose_trailing_off_is_not_a_teaser_list():
    trail = ["Now you are thinking\u2026 wait. Was it the frigate the navy was looking for? Or\u2026",
             "was it better off with one of the other designs on offer? Or behind door number three\u2026"]
    out = clean_flat_text(page("Headline of the frigate story", P1, P2, P3, *trail, P1.replace("Monday", "Friday")))
    assert out.paragraphs[3:5] == trail
    one = P3[:-1] + "..."
    out = clean_flat_text(page("Headline of the frigate story", P1, P2, "A subheading", one))
    assert out.paragraphs == [P1, P2, "A subheading", one]


def test_sign_up_forms_and_calls_to_action_are_dropped():
    out = clean_flat_text(page("Headline of the frigate story", P1, P2, P3,
                               "Get the latest naval news delivered straight to your inbox every week.",
                               "By entering your email address you agree to our Terms of Use and consent "
                               "to receive emails from us."))
    assert out.paragraphs == [P1, P2, P3]
    for cta in ("Book a Demo", "Use Coupon Code NAVY10", "Request A Free Consultation for Naval Services"):
        out = clean_flat_text(page("Headline of the frigate story", P1, P2, cta, P3))
        assert out.paragraphs == [P1, P2, P3], cta
    out = clean_flat_text(page("Headline of the frigate story", P1, P2, "Sea trials", P3))
    assert out.paragraphs == [P1, P2, "Sea trials", P3]  # a subheading stays


def test_teaser_headings_with_a_tail_end_the_body():
    teaser = ("A different story about submarines and their crews that the site recommends to "
              "readers who finished this one, with a long summary.")
    for heading in ("Add a new comment", "Read More Articles"):
        out = clean_flat_text(page("Headline of the frigate story", P1, P2, P3, heading, teaser))
        assert out.paragraphs == [P1, P2, P3], heading


def test_site_name_after_a_bar_or_hyphen_is_cut_from_the_title():
    for line in ("Best Frigates of the Decade | Naval News Daily", "Best Frigates of the Decade - Part 1"):
        out = clean_flat_text(page("Home", "Ships", line, "By Jane Smith", P1, P2))
        assert out.title == "Best Frigates of the Decade"


def test_title_keeps_an_en_dash_part_and_a_short_head():
    out = clean_flat_text(page("Home", "Frigate Trials \u2013 What We Learned at Sea", "By Jane Smith", P1, P2))
    assert out.title == "Frigate Trials \u2013 What We Learned at Sea"
    out = clean_flat_text(page("Home", "Naval News | The Frigate Programme", "By Jane Smith", P1, P2))
    assert out.title == "Naval News | The Frigate Programme"


def test_photo_credit_and_dated_byline_are_not_the_title():
    for line in ("New Frigate Radar at Sea | Getty Images",
                 "The new frigate at sea in the North Sea.Jane Doe / Reuters file",
                 "Defence Ministry Frigate Trials (Photo: Royal Navy)",
                 "By Jane Smith On 11/13/19 at 4:00 PM EST"):
        out = clean_flat_text(page("Home", "News", "Air Defence", "Frigate Programme Moves Ahead",
                                   "Share", "Tweet", "Email", line, P1, P2, P3))
        assert out.title == "Frigate Programme Moves Ahead", line


def test_three_capitalised_words_are_a_headline_not_a_name():
    # "Healthy Frigate Tips" once counted as a person's name (like "Dylan Bailey, MS")
    out = clean_flat_text(page("Home", "About", "Naval Ships and Submarines", "Healthy Frigate Tips",
                               "March 1, 2024", P1, P2))
    assert out.title == "Healthy Frigate Tips"


def test_headline_at_the_page_top_when_the_body_starts_far_below():
    # a headline, then a long run of one-word menu entries: the body starts far past
    # the title window, the headline is found among the page's first blocks
    menu = [f"Item{i}" for i in range(130)]
    out = clean_flat_text(page("Home", "Frigate Radars Compared in Sea Trials", "By Jane Smith",
                               *menu, P1, P2, P3))
    assert out.title == "Frigate Radars Compared in Sea Trials"
