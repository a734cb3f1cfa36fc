"""Reading the tab-separated tables shipped in ``sitrep/nlp/data`` (one place for their
common layout: ``#`` comment lines, blank lines, tab-separated columns)."""

from __future__ import annotations

from importlib import resources


def rows_of(text: str) -> list[list[str]]:
    """The stripped columns of each line of ``text`` that is neither blank nor a comment."""
    return [[c.strip() for c in line.split("\t")] for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


def rows(relpath: str) -> list[list[str]]:
    """:func:`rows_of` the shipped file ``data/<relpath>``."""
    return rows_of(resources.files("sitrep.nlp").joinpath("data", relpath).read_text("utf-8"))
