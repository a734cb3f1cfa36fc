"""What a named weapon system, platform or vehicle is (nlp/systems.py, data/systems.tsv)."""

import pycountry
import pytest

from sitrep.models import ENTITY_LABELS, Mention
from sitrep.nlp.entity_rules import GAZETTEER_DIR
from sitrep.nlp.systems import SYSTEM_LABELS, SystemIndex, systems_of

#: Generic class words of the gazetteers (any state's system): no row by definition.
GENERIC = {"ICBM", "SLBM", "IRBM", "MRBM", "RPG", "IED", "VBIED", "UAV", "MRAP"}


@pytest.fixture(scope="module")
def index():
    return SystemIndex.load()


@pytest.mark.parametrize("text, name, kind, origin", [
    ("DF-31A", "DF-31A", "ICBM", ("CHN",)),
    ("S-400 systems", "S-400", "long-range surface-to-air missile system", ("RUS",)),
    ("two Su-57s", "Su-57", "stealth fighter", ("RUS",)),
    ("the F-35 Lightning II jets", "F-35 Lightning II", "stealth fighter", ("USA",)),
    ("Storm Shadow", "Storm Shadow", "air-launched cruise missile", ("GBR", "FRA")),
])
def test_find(index, text, name, kind, origin):
    hit = index.find(text)
    assert hit is not None and (hit.name, hit.kind, hit.origin) == (name, kind, origin)


@pytest.mark.parametrize("text", ["nuclear missiles", "drones", "ICBMs", "df-31a", "", "the"])
def test_generic_or_unknown_names_give_nothing(index, text):
    assert index.find(text) is None


def test_every_named_gazetteer_entry_has_a_row_with_real_country_codes(index):
    names = []
    for label in ("Weapon", "MilitaryPlatform", "Vehicle"):
        for line in (GAZETTEER_DIR / f"{label}.txt").read_text("utf-8").splitlines():
            name = line.split("\t")[0].strip()
            if name and not line.startswith("#") and name[:1].isupper() \
                    and name.rstrip("s") not in GENERIC:
                names.append(name)
    assert names and [n for n in names if n not in index.by_name] == []
    for system in index.by_name.values():
        assert system.kind and all(pycountry.countries.get(alpha_3=c) for c in system.origin)


def test_systems_of_reads_only_system_labels():
    mentions = [Mention(0, 6, "DF-31A", "Weapon"), Mention(10, 16, "DF-31A", "Person"),
                Mention(20, 25, "Tiger", "MilitaryPlatform", part="caption")]
    out = systems_of(mentions)
    assert [(s["start"], s["name"], s["part"]) for s in out] == [(0, "DF-31A", "body"),
                                                                (20, "Tiger", "caption")]
    assert SYSTEM_LABELS <= set(ENTITY_LABELS)
