"""Furniture inside the main region of a flat-text page that reads like text:
author bios under the article. Found by the shape of a few neighbouring blocks,
which no per-line pattern sees; our own code because jusText/trafilatura judge
blocks one at a time. Dropping bios raised body F1 on the 549 development pages
from 0.9083 to 0.9091 (odd/even halves by md5: 0.9039 -> 0.9042, 0.9128 -> 0.9142);
a looser test (first name + "is/has/was") cost 0.0003 on listicles."""

from __future__ import annotations

import re

from .flat_blocks import Block
from .patterns import STOPWORDS

#: A bio starts with the author's full name and soon names a trade.
_BIO_ROLE = re.compile(r"\b(?:writer|editor|author|journalist|reporter|columnist|contributor|founder|"
                       r"co-founder|owner|ceo|cto|president|director|manager|head|lead|specialist|"
                       r"expert|consultant|professor|researcher|scientist|coach|trainer|photographer|"
                       r"designer|developer|engineer|strategist|marketer|analyst|attorney|lawyer|"
                       r"doctor|physician|nurse|dietitian|nutritionist|therapist|copywriter|blogger|"
                       r"years of experience|years of expertise)s?\b", re.I)
#: A heading "About Jane Smith" (and its commonest translations) over her bio.
_ABOUT = re.compile(r"^(?:about|\u00fcber|sobre|\u00e0 propos de|a proposito di|over)\s+(.+?)\s*$", re.I)
#: How many blocks below a name line its bio may start (a job title can sit between).
BIO_REACH = 3
#: More "name + bio" pairs than this are a list of products or places, not authors
#: (listicles of "Product" + "Product is ..." lost up to 0.3 F1 per page without it).
MAX_BIOS = 2
#: The bio's trade word comes within this many words of its start.
BIO_ROLE_WORDS = 15


def furniture(region: list[Block]) -> set[int]:
    """Indexes of region blocks that are author bios: a name line (or an "About
    <name>" heading), a job title line under it and the bio paragraph that starts
    with the name and names a trade (or names her under the heading). The
    heading form added 0.0002 (3 pages, none lost)."""
    found: list[range] = []
    for i, b in enumerate(region):
        if b.body or not 2 <= b.words <= 6:
            continue
        about = _ABOUT.match(b.text)
        if about and _name_like(about.group(1), 3):  # "About Jane Smith": her bio follows
            name, heading = about.group(1), True
        elif _name_like(b.text, 4):  # "Jane Smith": a bio starting "Jane Smith is a writer ..."
            name, heading = b.text + " ", False
        else:
            continue
        for j in range(i + 1, min(len(region), i + 1 + BIO_REACH)):
            head = " ".join(region[j].text.split()[:BIO_ROLE_WORDS])
            if region[j].body and (name in head if heading else
                                   head.startswith(name) and _BIO_ROLE.search(head)):
                found.append(range(i, j + 1))
                break
    if len(found) > MAX_BIOS:  # a listicle: "Product Name" + "Product Name is ..." again and again
        return set()
    return {k for r in found for k in r}


def _name_like(text: str, max_words: int) -> bool:
    """A person's name alone on its line: 2 to ``max_words`` capitalised words, no
    stop words or digits (an "About" heading names an organisation with 4 or more:
    "About Georgetown University Medical Center" heads part of a press release)."""
    words = text.split()
    if not 2 <= len(words) <= max_words or any(ch.isdigit() for ch in text):
        return False
    return all(w[:1].isupper() and w.lower() not in STOPWORDS for w in words)
