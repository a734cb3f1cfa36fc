"""Dates, copyright publishers and category lines."""

import pytest

from sitrep.extract.meta import find_date, parse_category, publisher_from_copyright


@pytest.mark.parametrize("line,iso", [
    ("Tuesday, August 20, 2013 03:49 PM", "2013-08-20T15:49:00"),
    ("Published Jun 4, 2025", "2025-06-04"),
    ("4th June 2025 at 3:15 pm", "2025-06-04T15:15:00"),
    ("20.08.2013", "2013-08-20"),
    ("08/20/2013", "2013-08-20"),
    ("2019-11-18T10:20:00Z", "2019-11-18T10:20:00"),
    ("Updated: 2024/03/05", "2024-03-05"),
    ("by Jeffrey ZeldmanNovember 20, 2007", "2007-11-20"),
    ("By Rachel Jones08/13/2020", "2020-08-13"),
])
def test_find_date(line, iso):
    assert find_date(line).iso == iso


@pytest.mark.parametrize("line", ["| 2013", "Call 555-1234", "Room 2013-99-99", "No date here",
                                  "summar 5, 2025"])
def test_no_date(line):
    assert find_date(line) is None


@pytest.mark.parametrize("line,name", [
    ("Copyright © 2019 - 2024 Army Recognition | Webdesign by Zzam", "Army Recognition"),
    ("© 2024 Foo Media Ltd. All rights reserved.", "Foo Media Ltd"),
    ("Copyright (c) 2023 The Defense Post", "The Defense Post"),
])
def test_publisher_from_copyright(line, name):
    assert publisher_from_copyright(line) == name


def test_not_a_copyright_line():
    assert publisher_from_copyright("The company said it would appeal.") is None


def test_category_line():
    cat = parse_category("Defence & Security News - China / Russia")
    assert cat.section == "Defence & Security News" and cat.tags == ("China", "Russia")


def test_breadcrumb():
    cat = parse_category("Home > News > Europe")
    assert cat.section == "News" and cat.tags == ("Europe",)


@pytest.mark.parametrize("line", [
    "China and Russia eager to expand their military and nuclear cooperation",
    "Breaking News - Site Name",
    "The minister said - in a statement - that talks would go on.",
])
def test_not_a_category(line):
    assert parse_category(line) is None
