"""geo-lgl on a tiny hand-made LGL file (uses the real gazetteer, cached)."""

import pytest

from sitrep.errors import EvalDataError
from sitrep.evals import EvalOptions, get
from sitrep.evals.geo import LglArticle, lgl, read_lgl, site_priors
from sitrep.nlp.site_places import PlaceTally, SitePrior

XML = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1"><domain>example.com</domain><text><![CDATA[Officials in Harbin and Beijing met. Xyzzyville too.]]></text>
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
    [art] = read_lgl(data_dir / "geo" / "lgl.xml")
    gold, text = art.gold, art.text
    assert (art.docid, art.domain) == ("1", "example.com")
    assert [g.phrase for g in gold] == ["Harbin", "Beijing", "Xyzzyville"]
    assert gold[0].country == "CHN" and text[gold[0].start:gold[0].end] == "Harbin"
    assert art.spans[0] == (gold[0].start, gold[0].end, "Harbin")
    assert art.half in (0, 1)


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
    assert m["sites_with_prior"] == 0  # one article: no other article of its site
    assert m["no_site_country_acc"] == m["country_acc"]


class _Tallies:
    """A stand-in stage whose vote is written in the article text ("USA:TX")."""

    def site_tally(self, text, spans):
        return PlaceTally.of([tuple(text.split(":"))]) if text else None


def test_site_priors_leave_each_article_out():
    """Each article's prior comes from the other articles of its domain only:
    with MIN_ARTICLES = 3, four articles of a site give each of them a prior,
    three would not; an article of another site, or without a domain, has none."""
    arts = [LglArticle(str(i), "www.local.com", "USA:TX", []) for i in range(4)]
    arts += [LglArticle("9", "other.com", "USA:TX", []), LglArticle("8", None, "USA:TX", [])]
    priors = site_priors(_Tallies(), arts)
    assert priors == [SitePrior("USA", "TX")] * 4 + [None, None]
    assert site_priors(_Tallies(), arts[1:]) == [None] * 5
    # the article's own vote is never counted: a dissenter still gets the site's home
    arts[0] = LglArticle("0", "local.com", "GBR:ENG", [])
    assert site_priors(_Tallies(), arts + [LglArticle("7", "local.com", "USA:TX", [])])[0] \
        == SitePrior("USA", "TX")


def test_missing_data(tmp_path):
    with pytest.raises(EvalDataError):
        read_lgl(tmp_path / "geo" / "lgl.xml")
