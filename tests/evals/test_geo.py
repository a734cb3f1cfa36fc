"""geo-lgl on a tiny hand-made LGL file (uses the real gazetteer, cached)."""

import pytest

from sitrep.errors import EvalDataError
from sitrep.evals import EvalOptions, get
from sitrep.evals.geo import lgl, read_lgl

XML = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1"><text><![CDATA[Officials in Harbin and Beijing met. Xyzzyville too.]]></text>
    <toponyms>
      <toponym><start>13</start><end>19</end><phrase>Harbin</phrase>
        <gaztag geonameid="2037013"><name>Harbin</name><fcode>PPL</fcode><lat>45.75</lat>
        <lon>126.65</lon><country>China</country></gaztag></toponym>
      <toponym><start>24</start><end>31</end><phrase>Beijing</phrase>
        <gaztag geonameid="1816670"><name>Beijing</name><fcode>PPLC</fcode><lat>39.9</lat>
        <lon>116.4</lon><country>China</country></gaztag></toponym>
      <toponym><start>37</start><end>47</end><phrase>Xyzzyville</phrase>
        <gaztag geonameid="1"><name>Xyzzyville</name><fcode>PPL</fcode><lat>10.0</lat>
        <lon>10.0</lon><country>Chad</country></gaztag></toponym>
      <toponym><start>0</start><end>9</end><phrase>Officials</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""


@pytest.fixture
def data_dir(tmp_path):
    (tmp_path / "geo").mkdir()
    (tmp_path / "geo" / "lgl.xml").write_text(XML)
    return tmp_path


def test_registered():
    assert get("geo-lgl") is lgl


def test_reads_gold_with_coordinates_only(data_dir):
    [(text, gold)] = read_lgl(data_dir / "geo" / "lgl.xml")
    assert [g.phrase for g in gold] == ["Harbin", "Beijing", "Xyzzyville"]
    assert gold[0].country == "CHN" and text[gold[0].start:gold[0].end] == "Harbin"


@pytest.mark.slow
def test_scores(data_dir):
    m = lgl(EvalOptions(data_dir)).metrics
    assert m["toponyms"] == 3
    assert m["acc_161km"] == pytest.approx(2 / 3)   # the made-up town is a miss
    assert m["country_acc"] == pytest.approx(2 / 3)
    assert m["coverage"] == pytest.approx(2 / 3)
    assert m["focus_only"] == pytest.approx(1 / 3)  # Xyzzyville: China's, no point
    assert m["focus_only_country_acc"] == 0.0       # (its gold says Chad)
    assert m["median_km"] < 20


def test_missing_data(tmp_path):
    with pytest.raises(EvalDataError):
        read_lgl(tmp_path / "geo" / "lgl.xml")
