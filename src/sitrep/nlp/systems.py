"""What a named weapon system, platform or vehicle is, and whose industry makes it.

"DF-31A" -> ICBM (CHN), "S-400 systems" -> long-range surface-to-air missile system
(RUS), "two Su-57s" -> stealth fighter (RUS). The knowledge is the curated table
``data/systems.tsv`` (one row per named entry of the Weapon, MilitaryPlatform and
Vehicle gazetteers); a lookup is a pure function of the mention's text, so it is made
where an entity is shown and never stored. Written here rather than taken from a
library: no package on PyPI carries such a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .data_files import rows

#: Entity labels whose mentions may name a system.
SYSTEM_LABELS = frozenset({"Weapon", "MilitaryPlatform", "Vehicle"})

#: Words before a system's name that are not part of it (compared lower-cased).
_DETERMINERS = frozenset({"the", "a", "an", "two", "three", "four", "several", "its", "their",
                          "his", "her", "our", "new", "russian-made", "chinese-made",
                          "us-made", "u.s.-made", "american-made", "iranian-made"})


@dataclass(frozen=True)
class System:
    """A named system: its table name, what it is and the states that make it."""

    name: str
    kind: str
    origin: tuple[str, ...]

    def describe(self) -> str:
        """"ICBM (CHN)"."""
        return f"{self.kind} ({', '.join(self.origin)})"


class SystemIndex:
    """The table of ``data/systems.tsv``, looked up by mention text."""

    def __init__(self, rows: list[System]) -> None:
        self.by_name = {r.name: r for r in rows}

    @classmethod
    def load(cls) -> SystemIndex:
        """The shipped table."""
        return cls([System(name, kind, tuple(origin.split("|")))
                    for name, kind, origin in rows("systems.tsv")])

    def find(self, text: str) -> System | None:
        """The system a mention names: the whole text, else its longest leading run of
        words ("S-400 systems", "Su-57 fighter jets"), after leading determiners and
        counts; a plural "s" after a designation is dropped ("Su-57s", "F-35s"). Names
        match as written, as the gazetteers do."""
        words = text.split()
        while words and (words[0].lower() in _DETERMINERS or words[0].isdigit()):
            words = words[1:]
        for end in range(len(words), 0, -1):
            hit = self._exact(" ".join(words[:end]))
            if hit is not None:
                return hit
        return None

    def _exact(self, name: str) -> System | None:
        hit = self.by_name.get(name)
        if hit is None and name.endswith("s") and len(name) > 2 and name[-2].isdigit():
            hit = self.by_name.get(name[:-1])
        return hit


@lru_cache(maxsize=1)
def shipped_index() -> SystemIndex:
    """The shipped table, loaded once per process (it never changes while running)."""
    return SystemIndex.load()


def systems_of(mentions: list) -> list[dict]:
    """``{start, end, part, name, kind, origin}`` for each Weapon/MilitaryPlatform/Vehicle
    mention that names a known system (what the article page and its JSON show)."""
    index = shipped_index()
    out = []
    for m in mentions:
        hit = index.find(m.text) if m.label in SYSTEM_LABELS else None
        if hit is not None:
            out.append({"start": m.start, "end": m.end, "part": m.part, "name": hit.name,
                        "kind": hit.kind, "origin": list(hit.origin)})
    return out
