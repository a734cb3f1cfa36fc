"""Output-identical, faster stand-ins for two Python-level components of en_core_web_sm.

Measured with ``/tmp``-style per-component timing over the 56 English bench articles
(110k tokens, 2026-11-29): the stock ``attribute_ruler`` took 4.3 s CPU and the
``lemmatizer`` 2.0 s, against 4.1 s for ``tok2vec`` and 3.6 s for the ``parser``. Both
are slow for reasons that have nothing to do with what they compute:

- spaCy's :class:`~spacy.matcher.Matcher` tries all 179 attribute-ruler patterns at every
  token, and the patterns' ``IN``/``REGEX`` predicates run as Python callbacks (about
  40 µs a token). :class:`IndexedAttributeRuler` reads the same patterns from the stock
  component, indexes them by a value their first token must have (a tag or a lower-case
  form) and tests only those that can match; it then applies the stock attributes in
  the stock order (rule number, then position: later rules win) with spaCy's own
  ``set_token_attrs``.
- The rule lemmatizer's word index (``lemma_index``) is a list per part of speech, so each
  new word costs linear scans of thousands of entries (0.5 ms a word; 4 s of a 40-page
  run went there). :class:`CachedLemmatizer` runs the stock ``rule_lemmatize`` on the
  same tables with that index as sets (it is only ever tested for membership), reads
  ``(orth, pos, morph)`` with ``Doc.to_array`` and writes lemmas with one ``Doc.from_array``.

Each stand-in is added right after the stock component it replaces, which is disabled,
not removed: ``nlp.get_pipe`` still finds the stock one, and :func:`use_fast_components`
refuses (leaving the pipeline stock) if a pattern uses something the index does not
handle. ``tests/nlp/test_fast_stock.py`` checks tags, POS, morphology, lemmas and
dependencies token for token against the stock pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

#: Token attributes a pattern may test, and the ``Doc.to_array`` column each reads.
_COLUMNS: dict[str, int] = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE,
                            "ORTH": ORTH, "TEXT": ORTH, "POS": POS}
_BOOL_ATTRS = frozenset({"IS_SPACE"})
#: Which test of a pattern's first token to index it by, most selective first: a word
#: form narrows the candidates to a rule or two, a tag to dozens.
_SELECTIVE = {"LOWER": 0, "ORTH": 1, "TEXT": 2, "TAG": 3, "POS": 4, "DEP": 5, "IS_SPACE": 6}

#: Entries of the lemma cache before it is emptied (spaCy's own cache has no bound).
LEMMA_CACHE_MAX = 500_000

FAST_RULER = "sitrep_attribute_ruler"
FAST_LEMMATIZER = "sitrep_lemmatizer"


class UnsupportedPattern(ValueError):
    """A stock pattern uses an operator or attribute the index does not implement."""


# --------------------------------------------------------------------------- the ruler

Check = Callable[[int], bool]


def _compile_value(attr: str, value: Any, strings: Any) -> tuple[Check, set[int] | None]:
    """A test on a column value (a hash, or 0/1 for booleans) and, when the test is
    membership of a finite set, that set (used to index the pattern)."""
    if attr in _BOOL_ATTRS:
        if not isinstance(value, bool):
            raise UnsupportedPattern(f"{attr}: {value!r}")
        want = int(value)
        return (lambda v: v == want), None
    if isinstance(value, str):
        h = strings.add(value)
        return (lambda v: v == h), {h}
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            hs = {strings.add(s) for s in arg}
            return (lambda v: v in hs), hs
        if op == "NOT_IN":
            hs = {strings.add(s) for s in arg}
            return (lambda v: v not in hs), None
        if op == "REGEX":
            rx = re.compile(arg)
            memo: dict[int, bool] = {}

            def regex(v: int) -> bool:
                hit = memo.get(v)
                if hit is None:
                    hit = memo[v] = rx.search(strings[v]) is not None
                return hit
            return regex, None
    raise UnsupportedPattern(f"{attr}: {value!r}")


def _selectivity(item: tuple[str, Any]) -> tuple[int, int]:
    """Sort key of a token test: exclusions (``NOT_IN``) last, then by attribute."""
    attr, value = item
    negative = isinstance(value, dict) and "NOT_IN" in value
    return int(negative), _SELECTIVE.get(attr, 9)


class _Rule:
    """One pattern of one stock rule: per-token lists of ``(column, check)``."""

    __slots__ = ("key", "index", "attrs", "tokens", "certain")

    def __init__(self, key: int, index: int, attrs: dict, tokens: list[list[tuple[int, Check]]]):
        self.key, self.index, self.attrs, self.tokens = key, index, attrs, tokens
        #: One token with one test: a hit in the index is a match (no test to run).
        self.certain = len(tokens) == 1 and len(tokens[0]) == 1

    def matches(self, cols: list[list[int]], start: int, n: int) -> bool:
        if start + len(self.tokens) > n:
            return False
        for offset, checks in enumerate(self.tokens):
            i = start + offset
            for col, check in checks:
                if not check(cols[col][i]):
                    return False
        return True


class IndexedAttributeRuler:
    """spaCy's attribute ruler with its patterns indexed by a required first-token value."""

    def __init__(self, stock: Any) -> None:
        strings = stock.vocab.strings
        self.columns = sorted(set(_COLUMNS.values()))
        col_of = {attr: self.columns.index(c) for attr, c in _COLUMNS.items()}
        #: (column position, value hash) -> rules whose first token needs that value.
        self.index: dict[tuple[int, int], list[_Rule]] = {}
        #: Rules with no indexable first-token test (a regular expression, a flag): their
        #: first test runs once per distinct value in a doc, the rest where it passes.
        self.always: list[_Rule] = []
        self.by_key: dict[int, _Rule] = {}
        for key in range(len(stock.attrs)):
            _, patterns = stock.matcher.get(str(key))
            for pattern in patterns:
                tokens, first_sets = [], None
                for pos, spec in enumerate(pattern):
                    checks = []
                    for attr, value in sorted(spec.items(), key=_selectivity):
                        if attr not in col_of:
                            raise UnsupportedPattern(f"attribute {attr} in {pattern}")
                        check, values = _compile_value(attr, value, strings)
                        checks.append((col_of[attr], check))
                        if pos == 0 and values is not None and first_sets is None:
                            first_sets = (col_of[attr], values)
                    tokens.append(checks)
                if not tokens:
                    raise UnsupportedPattern("empty pattern")
                rule = _Rule(key, stock.indices[key], stock.attrs[key], tokens)
                self.by_key[key] = rule  # the patterns of one key share index and attrs
                if first_sets is None:
                    self.always.append(rule)
                else:
                    col, values = first_sets
                    for v in values:
                        self.index.setdefault((col, v), []).append(rule)
        #: The columns some rule is indexed by (usually the tag and the lower-case form).
        self.indexed = sorted({col for col, _ in self.index})

    def matches(self, doc: Doc) -> list[tuple[int, int, int, _Rule]]:
        """``(rule key, start, end, rule)`` for every match, in the stock order (by rule
        key, then position; the stock matcher also returns one match per key and span)."""
        n = len(doc)
        if n == 0:
            return []
        arr = doc.to_array(self.columns)
        cols = [arr[:, j].tolist() for j in range(len(self.columns))]
        index, always = self.index, self.always
        found: set[tuple[int, int, int]] = set()
        indexed = [(j, cols[j]) for j in self.indexed]

        def add(rule: _Rule, i: int, certain: bool = False) -> None:
            if certain or rule.matches(cols, i, n):
                found.add((rule.key, i, i + len(rule.tokens)))

        for i in range(n):
            for j, col in indexed:
                hit = index.get((j, col[i]))
                if hit:
                    for rule in hit:
                        add(rule, i, rule.certain)
        for rule in always:
            # the first test, run once per distinct value of its column in this doc
            j, check = rule.tokens[0][0]
            column = arr[:, j]
            passing = [v for v in np.unique(column).tolist() if check(v)]
            if passing:
                for i in np.nonzero(np.isin(column, passing))[0].tolist():
                    add(rule, i, rule.certain)
        rules = self.by_key
        return [(key, start, end, rules[key]) for key, start, end in sorted(found)]

    def __call__(self, doc: Doc) -> Doc:
        for _, start, end, rule in self.matches(doc):
            idx = rule.index
            token = doc[start + idx] if idx >= 0 else doc[end + idx]
            set_token_attrs(token, rule.attrs)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


# --------------------------------------------------------------------------- the lemmatizer

class _NoCache(dict):
    """A cache that keeps nothing (``rule_lemmatize`` writes each result to its cache)."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


class _SetIndexRules:
    """What the stock ``rule_lemmatize`` reads from its component (``cache``, ``lookups``,
    ``is_base_form``), with the word index held as sets instead of lists."""

    def __init__(self, stock: Any) -> None:
        from spacy.lookups import Lookups

        self.cache = _NoCache()  # CachedLemmatizer keeps the one cache, of string ids
        self.is_base_form = stock.is_base_form
        self.lookups = Lookups()
        for name in stock.lookups.tables:
            table = stock.lookups.get_table(name)
            if name == "lemma_index":
                sets = self.lookups.add_table(name)
                for key, words in table.items():
                    sets[key] = frozenset(words)
            else:
                self.lookups.set_table(name, table)


class CachedLemmatizer:
    """The stock rule lemmatizer on set-indexed tables, read and written column-wise."""

    def __init__(self, stock: Any) -> None:
        if getattr(stock, "mode", None) != "rule" or not hasattr(type(stock), "rule_lemmatize"):
            raise UnsupportedPattern(f"lemmatizer mode {getattr(stock, 'mode', None)!r}")
        self.overwrite = bool(getattr(stock, "overwrite", False))
        #: (orth, pos, morph) -> lemma string id: spaCy's own cache key.
        self.cache: dict[tuple[int, int, int], int] = {}
        self._rules = _SetIndexRules(stock)
        self._rule_lemmatize = type(stock).rule_lemmatize

    def lemmatize(self, token: Any) -> list[str]:
        """The stock ``rule_lemmatize`` of ``token``, with the set index."""
        return self._rule_lemmatize(self._rules, token)

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        rows = arr.tolist()
        strings, cache, lemmatize = doc.vocab.strings, self.cache, self.lemmatize
        if len(cache) > LEMMA_CACHE_MAX:
            cache.clear()
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:
                value = cache[key] = strings.add(lemmatize(doc[i])[0])
            if value != lemma:
                arr[i, 3] = value
                changed = True
        if changed:
            doc.from_array([LEMMA], arr[:, 3:4])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


# --------------------------------------------------------------------------- wiring

@Language.factory(FAST_RULER)
def _make_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.get_pipe("attribute_ruler"))


@Language.factory(FAST_LEMMATIZER)
def _make_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    return CachedLemmatizer(nlp.get_pipe("lemmatizer"))


def use_fast_components(nlp: Language) -> list[str]:
    """Swap in the stand-ins where the stock components are present and supported.

    Returns the names of the stock components now disabled. A pipeline the stand-ins
    do not support is left as it was.
    """
    swapped = []
    for stock_name, fast_name in (("attribute_ruler", FAST_RULER), ("lemmatizer", FAST_LEMMATIZER)):
        if stock_name not in nlp.pipe_names or fast_name in nlp.pipe_names:
            continue
        try:
            nlp.add_pipe(fast_name, name=fast_name, after=stock_name)
        except UnsupportedPattern:
            continue
        nlp.disable_pipe(stock_name)
        swapped.append(stock_name)
    return swapped
