"""actors-ngec on a tiny hand-made TSV."""

import pytest

from sitrep.errors import EvalDataError
from sitrep.evals import EvalOptions, get
from sitrep.evals.actors import ngec

HEADER = ("test\tmethod\tactor_text\tcontext\tdate\texpected_country\texpected_code_1\t"
          "expected_code_2\texpected_wiki\texpect_no_match\tother_assertions\txfail\n")
ROWS = [
    "t1\tagent_to_code\tPakistani Army\t\t\tPAK\tMIL\t\t\t\t\t",
    "t2\tagent_to_code\tHeiko Maas\t\t2019-01-01\tDEU\tGOV\t\t\t\t\t",
    "t3\tagent_to_code\ta cat\t\t\t\t\t\t\t1\t\t",
    "t4\tagent_to_code\tUnited Nations Security Council\t\t\tUNO\t\t\t\t\t\t",
    "t5\tquery_wiki\tNato\t\t\t\t\t\tNATO\t\t\t",
    "t6\tagent_to_code\tZyxw Qrst\t\t\tFRA\tGOV\t\t\t\t\t",
    "t7\tagent_to_code\tambulances\t\t\t\tMED\t\t\t\t\t",
]


@pytest.fixture
def data_dir(tmp_path):
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "ngec-actor-resolution.tsv").write_text(HEADER + "\n".join(ROWS) + "\n")
    return tmp_path


def test_registered():
    assert get("actors-ngec") is ngec


def test_scores_each_field(data_dir):
    m = ngec(EvalOptions(data_dir)).metrics
    assert m["country_n"] == 4 and m["sector_n"] == 4 and m["no_match_n"] == 1
    assert m["country_acc"] == pytest.approx(2 / 4)         # UNO vs IGO is a strict miss
    assert m["country_acc_mapped"] == pytest.approx(3 / 4)  # ... and a hit once mapped
    assert m["sector_acc"] == pytest.approx(2 / 4)          # NGEC MED (medical) vs HLH
    assert m["sector_acc_mapped"] == pytest.approx(3 / 4)
    assert m["no_match_acc"] == 1.0
    assert m["skipped_wiki"] == 1
    # the phrase names no country: Maas, UNSC and the unknown name need a KB
    assert m["country_world_n"] == 3 and m["country_text_n"] == 1
    assert m["country_world_kb_acc"] == pytest.approx(2 / 3)
    assert m["country_world_text_only_acc"] == 0.0
    assert m["country_acc_text"] == 1.0                     # Pakistani Army


def test_missing_data(tmp_path):
    with pytest.raises(EvalDataError):
        ngec(EvalOptions(tmp_path))
