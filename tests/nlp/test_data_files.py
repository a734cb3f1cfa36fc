"""The shipped tables' common layout (nlp/data_files.py)."""

from sitrep.nlp.data_files import rows, rows_of


def test_rows_of_skips_comments_and_blank_lines_and_strips_columns():
    text = "# a comment\n\nDF-31A\tICBM \tCHN\n  \n Su-57\tstealth fighter\tRUS\n"
    assert rows_of(text) == [["DF-31A", "ICBM", "CHN"], ["Su-57", "stealth fighter", "RUS"]]


def test_rows_reads_a_shipped_table():
    table = rows("systems.tsv")
    assert ["DF-31A", "ICBM", "CHN"] in table and all(len(r) == 3 for r in table)
