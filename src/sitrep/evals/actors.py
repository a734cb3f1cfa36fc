"""``actors-ngec``: actor resolution on ``shared/data/actors/ngec-actor-resolution.tsv``.

Each row's ``actor_text`` (with its ``context`` and ``date``) goes through
:class:`sitrep.nlp.resolver.Resolver` (seed KB); accuracy is computed per asserted
field over the rows that assert it:

* ``country`` — exact alpha-3 (goal ≥ 0.90);
* ``sector`` — ``expected_code_1`` (goal ≥ 0.80); the placeholder ``????`` is not
  a code and is skipped;
* ``no_match`` — rows that expect no actor: correct when nothing is returned.

Two figures per field. ``*_acc`` is strict. ``*_acc_mapped`` first translates
NGEC's codes where the two code books name the same thing differently
(:data:`NGEC_COUNTRY`, :data:`NGEC_SECTOR`): NGEC writes UN bodies ``UNO`` and EU
bodies ``EUR`` where sitrep (like PLOVER's gold records) writes ``IGO``; NGEC's
``MED`` is medical (sitrep ``HLH``) and ``JRN`` journalists (sitrep ``MED``);
its religion-specific codes (``BUD`` ...) are sitrep's ``REL``; and its ``UNK``
(unknown) / ``JNK`` (not an actor) are, in sitrep, no sector at all.

Rows are split by what the text holds. A **world-knowledge** row expects a country
(or a sector) that neither the phrase nor its context names — "Boyko Borisov",
"Knesset": only a knowledge base can know it. Those rows are reported apart, with
what the seed/corpus KB gets of them and what text alone (an empty KB) gets; the
``*_text`` figures are over the other rows. Rows whose ``method`` is
``query_wiki`` assert a Wikipedia title only; sitrep has no Wikipedia link, so
they are counted as skipped.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass

from ..errors import EvalDataError
from . import EvalOptions, EvalReport

GOAL_COUNTRY, GOAL_SECTOR = 0.90, 0.80
#: NGEC country codes → sitrep's (same referent, other code book).
NGEC_COUNTRY = {"UNO": "IGO", "EUR": "IGO"}
#: NGEC sector codes → sitrep's; ``None`` = sitrep leaves the sector empty.
NGEC_SECTOR: dict[str, str | None] = {
    "MED": "HLH", "JRN": "MED", "UNK": None, "JNK": None,
    **{code: "REL" for code in ("BUD", "CHR", "CTH", "HIN", "JEW", "MOS", "ORT", "PRO",
                                "SHI", "SUN", "SIK", "SFI")},
}


@dataclass
class Row:
    """One gold row."""

    test: str
    method: str
    text: str
    context: str
    date: str
    country: str
    code_1: str
    no_match: bool
    xfail: bool


def read_rows(path, limit: int | None = None) -> list[Row]:
    """The gold rows of the TSV."""
    if not path.exists():
        raise EvalDataError(f"NGEC actor set not found: {path}")
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            rows.append(Row(r["test"], r["method"], r["actor_text"], r["context"], r["date"],
                            r["expected_country"].strip(), r["expected_code_1"].strip(),
                            r["expect_no_match"].strip() == "1", bool(r["xfail"].strip())))
            if limit and len(rows) >= limit:
                break
    return rows


def ngec(opts: EvalOptions) -> EvalReport:
    """Run the NGEC actor-resolution evaluation (see module docstring)."""
    from ..nlp.gazetteer import Gazetteer
    from ..nlp.kb import ActorKB
    from ..nlp.resolver import Resolver

    rows = read_rows(opts.data_dir / "actors" / "ngec-actor-resolution.tsv", opts.limit)
    with_kb = Resolver(places=Gazetteer.load())
    text_only = Resolver(ActorKB(), countries=with_kb.countries, lexicon=with_kb.lexicon,
                         places=with_kb.places)
    c = Counter()
    misses: list[str] = []
    for row in rows:
        if row.method == "query_wiki":
            c["skipped_wiki"] += 1
            continue
        got = with_kb.actor(row.text, row.context or None, row.date or None)
        bare = text_only.actor(row.text, row.context or None, row.date or None)
        desc = with_kb.describe(row.text)
        world_country = desc.country is None and not (
            row.context and with_kb.countries.find_in(row.context))
        if row.country:
            _score(c, "country", row.country, NGEC_COUNTRY.get(row.country, row.country),
                   got.country if got else None, bare.country if bare else None,
                   world_country, misses, row.text)
        if row.code_1 and row.code_1 != "????":
            _score(c, "sector", row.code_1, NGEC_SECTOR.get(row.code_1, row.code_1),
                   got.sector if got else None, bare.sector if bare else None,
                   desc.sector is None, misses, row.text)
        if row.no_match:
            c["nomatch_n"] += 1
            c["nomatch_ok"] += got is None
            if got is not None:
                misses.append(f"nomatch {row.text!r}: got {got.name} {got.country} {got.sector}")
    return _report(c, misses)


def _score(c: Counter, field: str, want: str, mapped: str | None, got: str | None,
           bare: str | None, world: bool, misses: list[str], text: str) -> None:
    """Count one asserted field: strict, mapped, and in its text/world bucket."""
    bucket = "world" if world else "text"
    ok, ok_mapped = got == want, got == mapped
    for key, val in ((f"{field}", ok), (f"{field}_mapped", ok_mapped),
                     (f"{field}_{bucket}", ok_mapped)):
        c[f"{key}_n"] += 1
        c[f"{key}_ok"] += val
    if world:
        c[f"{field}_world_bare_ok"] += bare == mapped
    if not ok_mapped:
        misses.append(f"{field:7} [{bucket}] {text!r}: want {want}, got {got}")


def _ratio(c: Counter, ok: str, n: str) -> float:
    return c[ok] / c[n] if c[n] else 0.0


def _report(c: Counter, misses: list[str]) -> EvalReport:
    m: dict[str, float] = {}
    for field in ("country", "sector"):
        m[f"{field}_acc"] = _ratio(c, f"{field}_ok", f"{field}_n")
        m[f"{field}_acc_mapped"] = _ratio(c, f"{field}_mapped_ok", f"{field}_mapped_n")
        m[f"{field}_acc_text"] = _ratio(c, f"{field}_text_ok", f"{field}_text_n")
        m[f"{field}_world_kb_acc"] = _ratio(c, f"{field}_world_ok", f"{field}_world_n")
        m[f"{field}_world_text_only_acc"] = _ratio(c, f"{field}_world_bare_ok", f"{field}_world_n")
        m[f"{field}_n"] = float(c[f"{field}_n"])
        m[f"{field}_text_n"] = float(c[f"{field}_text_n"])
        m[f"{field}_world_n"] = float(c[f"{field}_world_n"])
    m["no_match_acc"] = _ratio(c, "nomatch_ok", "nomatch_n")
    m["no_match_n"] = float(c["nomatch_n"])
    m["skipped_wiki"] = float(c["skipped_wiki"])
    lines = []
    for field, goal in (("country", GOAL_COUNTRY), ("sector", GOAL_SECTOR)):
        lines += [
            (f"{field:8} {m[f'{field}_acc']:.4f} strict, {m[f'{field}_acc_mapped']:.4f} with "
            f"NGEC codes mapped, over {c[f'{field}_n']} rows (goal >= {goal})"),
            (f"         text holds the cue: {m[f'{field}_acc_text']:.4f} over "
            f"{c[f'{field}_text_n']} rows"),
            (f"         world knowledge needed: {c[f'{field}_world_n']} rows; seed KB gets "
            f"{m[f'{field}_world_kb_acc']:.4f}, text alone {m[f'{field}_world_text_only_acc']:.4f}"),
        ]
    lines += [
        f"no-match {m['no_match_acc']:.4f} over {c['nomatch_n']} rows",
        f"skipped (Wikipedia title only): {c['skipped_wiki']}",
        "misses (NGEC codes mapped):", *("  " + x for x in misses),
    ]
    return EvalReport("actors-ngec", m, lines)
