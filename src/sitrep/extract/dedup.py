"""Cross-article duplicates: the same story published twice (syndication, reposts,
small edits) gets one ``story_id``.

Exact duplicates are found by a hash of the normalised text (lower-cased word
tokens); near duplicates by MinHash over word 5-shingles with an LSH index
(datasketch). The index is an object handed to whoever needs it - no
process-wide cache. The store keeps each article's fingerprint and MinHash
signature (``signature``: 512 bytes), so the index is rebuilt at the start of an
ingest from those (about 0.3 ms an article, mostly the LSH insert) instead of
re-shingling every stored text (about 3 ms for 500 words, measured on this
2-core machine); rows stored without one are hashed from text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

#: Estimated Jaccard similarity of word 5-shingles above which two articles are
#: the same story. Measured on the flat-text development gold bodies (200 bodies
#: over 800 characters): variants of one body (new lead sentence, an added
#: footer/credit line, 1 word in 30 edited) score median 0.97, 5th percentile
#: 0.73 (minimum 0.30, a short body with many edits); 5,000 pairs of different
#: articles score at most 0.003. 0.5 sits well inside the gap, leaves room for
#: the MinHash estimate error (about +-0.09 at 128 permutations) and for
#: different outlets' reports of one event that share quotes but not the text.
NEAR_DUPLICATE_THRESHOLD = 0.5

#: MinHash permutations: 128 gives an estimate error of ~1/sqrt(128) ≈ 0.09.
NUM_PERM = 128

#: Words per shingle. 5-word shingles make shared boilerplate phrases matter little.
SHINGLE_WORDS = 5

#: Texts with fewer words than this are only matched exactly (MinHash is noisy on them).
MIN_WORDS_FOR_NEAR = 20

_WORD = re.compile(r"\w+")


def normalise(text: str) -> list[str]:
    """Lower-cased word tokens of ``text``."""
    return _WORD.findall(text.lower())


def text_fingerprint(text: str) -> str:
    """sha1 of the normalised text: equal for texts differing only in case,
    spacing or punctuation."""
    return hashlib.sha1(" ".join(normalise(text)).encode("utf-8")).hexdigest()


class Signature(NamedTuple):
    """What the store keeps to rebuild the index: the exact-text fingerprint and
    the packed MinHash (None for texts too short for near-duplicate matching)."""

    fingerprint: str
    minhash: bytes | None


class StoredStory(NamedTuple):
    """A stored article as the index needs it: its signature, or its text when
    it was stored without one (older stores)."""

    article_id: str
    story_id: str
    signature: Signature | None = None
    text: str | None = None


#: datasketch's hashing scheme our signatures are made with (32-bit hash values).
MINHASH_SCHEME = "affine32"


def _pack(mh: MinHash) -> bytes:
    return np.asarray(mh.hashvalues, dtype="<u4").tobytes()


class StoryIndex:
    """Assigns story ids: an article gets the story id of an earlier exact or
    near duplicate, or starts a new story (its own article id)."""

    def __init__(self, threshold: float = NEAR_DUPLICATE_THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._exact: dict[str, str] = {}
        self._story: dict[str, str] = {}
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[str, Signature] = {}

    def __len__(self) -> int:
        return len(self._story)

    def _minhash(self, words: list[str]) -> MinHash:
        m = MinHash(num_perm=self.num_perm, scheme=MINHASH_SCHEME)
        n = SHINGLE_WORDS
        m.update_batch([" ".join(words[i:i + n]).encode("utf-8")
                        for i in range(max(1, len(words) - n + 1))])
        return m

    def assign(self, article_id: str, text: str) -> str:
        """Return the story id of ``article_id`` (an earlier duplicate's, or its own)."""
        if article_id in self._story:
            return self._story[article_id]
        words = normalise(text)
        fp = hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()
        story = self._exact.get(fp)
        mh = self._minhash(words) if len(words) >= MIN_WORDS_FOR_NEAR else None
        if story is None and mh is not None:
            hits = [self._story[k] for k in self._lsh.query(mh)]
            story = min(hits) if hits else None
        story = story or article_id
        self._add(article_id, fp, mh, story)
        self._signatures[article_id] = Signature(fp, _pack(mh) if mh is not None else None)
        return story

    def signature(self, article_id: str) -> Signature | None:
        """The signature of an article assigned by this index (to store with it);
        handed out once, so the index does not hold every signature in memory."""
        return self._signatures.pop(article_id, None)

    def _unpack(self, packed: bytes) -> LeanMinHash | None:
        # LeanMinHash: the hash values alone, without the permutations a MinHash
        # draws at construction (10x faster to rebuild a large index)
        values = np.frombuffer(packed, dtype="<u4")
        if len(values) != self.num_perm:  # stored with another setting: re-hash from text
            return None
        return LeanMinHash(seed=1, hashvalues=values.astype(np.uint32), scheme=MINHASH_SCHEME)

    def _add(self, article_id: str, fp: str, mh: MinHash | None, story: str) -> None:
        self._story[article_id] = story
        self._exact.setdefault(fp, story)
        if mh is not None:
            self._lsh.insert(article_id, mh)

    def story_of(self, article_id: str) -> str | None:
        """The story id already assigned to ``article_id``, if any."""
        return self._story.get(article_id)

    @classmethod
    def rebuild(cls, rows: Iterable[StoredStory | tuple[str, str, str]], **kwargs: float) -> "StoryIndex":
        """An index holding stored articles, keeping their story ids as they are.

        Rows are ``StoredStory`` (signature, or text when there is none) or plain
        ``(article_id, text, story_id)`` tuples."""
        index = cls(**kwargs)
        for row in rows:
            if not isinstance(row, StoredStory):
                row = StoredStory(row[0], row[2], text=row[1])
            sig = row.signature
            mh = index._unpack(sig.minhash) if sig is not None and sig.minhash else None
            if sig is None or (sig.minhash and mh is None):
                words = normalise(row.text or "")
                fp = hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()
                mh = index._minhash(words) if len(words) >= MIN_WORDS_FOR_NEAR else None
            else:
                fp = sig.fingerprint
            index._add(row.article_id, fp, mh, row.story_id)
        return index
