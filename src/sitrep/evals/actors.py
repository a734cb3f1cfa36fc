"""``actors-ngec``: actor resolution on ``shared/data/actors/ngec-actor-resolution.tsv``.

Each row's ``actor_text`` (with its ``context`` and ``date``) goes through
:func:`sitrep.nlp.resolver.resolve_actor`; accuracy is computed per asserted field
over the rows that assert it:

* ``country`` — exact alpha-3 (goal ≥ 0.90). NGEC codes UN bodies ``UNO`` and EU
  bodies ``EUR`` where sitrep codes ``IGO``; ``country_acc`` is strict,
  ``country_acc_igo`` counts ``IGO`` as matching ``UNO``/``EUR``.
* ``sector`` — ``expected_code_1`` (goal ≥ 0.80); the placeholder ``????`` is not
  a code and is skipped. Note sitrep's ``MED`` means media (NGEC: ``JRN``) and
  health is ``HLH``; NGEC's ``MED`` rows (ambulances) are therefore misses.
* ``no_match`` — rows that expect no actor: correct when nothing is returned.

Rows whose ``method`` is ``query_wiki`` assert a Wikipedia title only; sitrep
has no Wikipedia link, so they are counted as skipped. Rows needing world
knowledge (the phrase holds no country cue but a country is expected) are
reported apart, with what the seed/corpus KB gets of them and what text alone gets.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass

from ..errors import EvalDataError
from . import EvalOptions, EvalReport

GOAL_COUNTRY, GOAL_SECTOR = 0.90, 0.80
IGO_EQUIVALENTS = frozenset({"UNO", "EUR", "IGO"})


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
    from ..nlp.kb import ActorKB
    from ..nlp.places import Gazetteer
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
        country = got.country if got else None
        sector = got.sector if got else None
        needs_world = bool(row.country) and with_kb.describe(row.text).country is None \
            and not (row.context and with_kb.countries.find_in(row.context))
        if row.country:
            c["country_n"] += 1
            ok = country == row.country
            c["country_ok"] += ok
            c["country_ok_igo"] += ok or (row.country in IGO_EQUIVALENTS and country == "IGO")
            if needs_world:
                c["world_n"] += 1
                c["world_kb_ok"] += ok or (row.country in IGO_EQUIVALENTS and country == "IGO")
                c["world_text_ok"] += bool(bare and bare.country == row.country)
            if not ok:
                misses.append(f"country {row.text!r}: want {row.country}, got {country}")
        if row.code_1 and row.code_1 != "????":
            c["sector_n"] += 1
            c["sector_ok"] += sector == row.code_1
            if sector != row.code_1:
                misses.append(f"sector  {row.text!r}: want {row.code_1}, got {sector}")
        if row.no_match:
            c["nomatch_n"] += 1
            c["nomatch_ok"] += got is None
            if got is not None:
                misses.append(f"nomatch {row.text!r}: got {got.name} {country} {sector}")
    return _report(c, misses)


def _ratio(c: Counter, ok: str, n: str) -> float:
    return c[ok] / c[n] if c[n] else 0.0


def _report(c: Counter, misses: list[str]) -> EvalReport:
    m = {
        "country_acc": _ratio(c, "country_ok", "country_n"),
        "country_acc_igo": _ratio(c, "country_ok_igo", "country_n"),
        "sector_acc": _ratio(c, "sector_ok", "sector_n"),
        "no_match_acc": _ratio(c, "nomatch_ok", "nomatch_n"),
        "world_knowledge_rows": float(c["world_n"]),
        "world_knowledge_kb_acc": _ratio(c, "world_kb_ok", "world_n"),
        "world_knowledge_text_only_acc": _ratio(c, "world_text_ok", "world_n"),
        "country_n": float(c["country_n"]), "sector_n": float(c["sector_n"]),
        "no_match_n": float(c["nomatch_n"]), "skipped_wiki": float(c["skipped_wiki"]),
    }
    lines = [
        f"country  {m['country_acc']:.4f} strict, {m['country_acc_igo']:.4f} with IGO=UNO/EUR "
        f"over {c['country_n']} rows (goal >= {GOAL_COUNTRY})",
        f"sector   {m['sector_acc']:.4f} over {c['sector_n']} rows (goal >= {GOAL_SECTOR})",
        f"no-match {m['no_match_acc']:.4f} over {c['nomatch_n']} rows",
        f"world-knowledge rows (no country cue in the phrase): {c['world_n']}; "
        f"KB gets {m['world_knowledge_kb_acc']:.4f}, text alone {m['world_knowledge_text_only_acc']:.4f}",
        f"skipped (Wikipedia title only): {c['skipped_wiki']}",
        "misses:", *("  " + x for x in misses),
    ]
    return EvalReport("actors-ngec", m, lines)
