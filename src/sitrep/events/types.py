"""What each PLOVER type means for aggregation: CAMEO root, QuadClass, PentaClass, weight.

The CAMEO root of a PLOVER type is the root its codes come from in the
CAMEO→PLOVER crosswalk (``CAMEO2PLOVER-2021.txt``, PLOVER draft 0.8, Schrodt
2021); where a type collects codes of several roots (ACCUSE: 09 and 11; ASSAULT:
18, 19, 20) the root of most of its codes is used, and ASSAULT modes of
conventional military force (firearms, heavy weapons, aerial, drone) map to 19,
mass violence (massacre, cleansing, unconventional) to 20.

QuadClass is GDELT's: 1 verbal cooperation (CAMEO 01–05), 2 material cooperation
(06–08), 3 verbal conflict (09–13), 4 material conflict (14–20). PentaClass splits
off 0 = statements/appeals (01–02) — no PLOVER type maps there, so a coded event
is never class 0 and "no event" is — and counts CAMEO 16 (SANCTION) as verbal
conflict (``PENTA_OVERRIDES``).

``WEIGHTS`` is a Goldstein-like cooperation–conflict score in [-10, +10]: the
mean Goldstein (1992) value of the CAMEO root codes the crosswalk maps to the
type (root values as in the CAMEO 1.1b3 manual / GDELT lookup:
01 0, 02 3, 03 4, 04 1, 05 3.5, 06 6, 07 7, 08 5, 09 -2, 10 -5, 11 -2, 12 -4,
13 -6, 14 -6.5, 15 -7.2, 16 -4, 17 -7, 18 -9, 19 -10, 20 -10). See
``sitrep.events.dyads.derive_weights`` which recomputes them from the file.
"""

from __future__ import annotations

#: Goldstein value of each CAMEO root code.
GOLDSTEIN_ROOT: dict[str, float] = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0,
    "08": 5.0, "09": -2.0, "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0,
    "14": -6.5, "15": -7.2, "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0, "20": -10.0,
}

#: PLOVER type → CAMEO root code (majority root in the crosswalk).
CAMEO_ROOT: dict[str, str] = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
    "CONCEDE": "08", "RETREAT": "08", "ACCUSE": "11", "REQUEST": "10", "REJECT": "12",
    "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17",
    "ASSAULT": "18",
}

#: ASSAULT modes of conventional military force (CAMEO 19) and mass violence (20).
ASSAULT_19_MODES = frozenset({"firearms", "heavy-weapons", "aerial", "drone"})
ASSAULT_20_MODES = frozenset({"massacre", "cleansing", "unconventional"})

#: Goldstein-like weight per PLOVER type: mean root value of the type's crosswalk
#: codes (recomputed by ``dyads.derive_weights``; a test checks they agree).
WEIGHTS: dict[str, float] = {
    "AGREE": 4.0, "CONSULT": 1.0, "SUPPORT": 3.5, "COOPERATE": 6.0, "AID": 7.0,
    "CONCEDE": 5.0, "RETREAT": 5.0, "ACCUSE": -2.0, "REQUEST": -5.0, "REJECT": -4.0,
    "THREATEN": -6.0, "PROTEST": -6.5, "MOBILIZE": -7.2, "SANCTION": -4.0, "COERCE": -7.2,
    "ASSAULT": -9.2,
}

#: Types whose events may be reciprocal (both parties actors, no recipient).
RECIPROCAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT"})


def cameo_root(event_type: str, mode: str | None = None) -> str:
    """CAMEO root code of a PLOVER type (and mode, for ASSAULT)."""
    if event_type == "ASSAULT" and mode in ASSAULT_19_MODES:
        return "19"
    if event_type == "ASSAULT" and mode in ASSAULT_20_MODES:
        return "20"
    return CAMEO_ROOT[event_type]


def quad_class(event_type: str, mode: str | None = None) -> int:
    """GDELT QuadClass (1–4) of a PLOVER type."""
    root = int(cameo_root(event_type, mode))
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


#: Where PentaClass departs from QuadClass: CAMEO 16 "reduce relations" (expel
#: diplomats, suspend aid, break ties) is verbal conflict. Checked on the CAMEO
#: PentaClass set (cameo-pentaclass/train.tsv): of its sentences mentioning
#: expel/sanction/embargo/severed ties, 48 are class 3 and 1 is class 4; of those
#: mentioning suspend/halt, 25 are class 3 and 3 class 4.
PENTA_OVERRIDES: dict[str, int] = {"SANCTION": 3}


def penta_class(event_type: str | None, mode: str | None = None) -> int:
    """CAMEO PentaClass (0–4); ``None`` (no event) is 0."""
    if event_type is None:
        return 0
    return PENTA_OVERRIDES.get(event_type) or quad_class(event_type, mode)
