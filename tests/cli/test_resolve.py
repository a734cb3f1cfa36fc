"""`sitrep resolve --jsonl`: one output line per good input line."""

import json

import pytest
from click.testing import CliRunner

from sitrep.cli import main

pytestmark = pytest.mark.slow  # loads the gazetteer (cached after the first build)


def test_resolve_jsonl_contract():
    lines = "\n".join([
        json.dumps({"id": "a", "text": "Chinese Vice Premier Wang Yang"}),
        json.dumps({"id": "b", "text": "Vladimir Putin", "date": "2010-05-01"}),
        "not json",
        json.dumps({"id": "c", "text": "a cat named Frank"}),
        json.dumps({"id": "d", "text": "the ruling party", "context": "Mexico"}),
    ]) + "\n"
    result = CliRunner().invoke(main, ["resolve", "--jsonl", "-"], input=lines)
    assert result.exit_code == 1  # one bad line
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c", "d"]
    assert out[0] == {"id": "a", "name": "Wang Yang", "country": "CHN", "sector": "GOV"}
    assert (out[1]["country"], out[1]["sector"]) == ("RUS", "GOV")
    assert out[2] == {"id": "c", "name": None, "country": None, "sector": None}
    assert (out[3]["country"], out[3]["sector"]) == ("MEX", "PTY")
    assert "invalid JSON" in result.stderr
