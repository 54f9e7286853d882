"""The geo scorer: measures on hand-made points, gold reading, and quality floors (slow)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from newsgraph.eval import geo
from newsgraph.eval.base import shared_eval_dir

GWN_SAMPLE = """<articles>
<article file="1"><title>t</title>
<text>Storms hit Paris, Texas and Dallas &amp; Austin. The UN said.</text>
<toponyms>
<toponym><extractedName>Paris</extractedName><type>Literal</type><start>11</start><end>16</end>
<geonamesID>4717560</geonamesID><latitude>33.66094</latitude><longitude>-95.55551</longitude></toponym>
<toponym><extractedName>Texas</extractedName><type>Literal</type><start>18</start><end>23</end>
<geonamesID>4736286</geonamesID><latitude>31.25044</latitude><longitude>-99.25061</longitude></toponym>
<toponym><extractedName>Dallas</extractedName><type>Literal</type><start>28</start><end>34</end>
<geonamesID/></toponym>
<toponym><extractedName>UN</extractedName><type>Non_Toponym</type><start>52</start><end>54</end></toponym>
<toponym><extractedName>US</extractedName><type>Literal</type><start>-20</start><end>-18</end>
<geonamesID>6252001</geonamesID><latitude>39.76</latitude><longitude>-98.5</longitude></toponym>
</toponyms></article>
</articles>"""

LGL_SAMPLE = """<articles>
<article docid="9"><text><![CDATA[Fire in Tripoli, Libya. Crews from Benghazi helped.]]></text>
<toponyms>
<toponym><start>8</start><end>15</end><phrase>Tripoli</phrase>
<gaztag geonameid="2210247"><name>Tripoli</name><lat>32.8874</lat><lon>13.1873</lon></gaztag>
</toponym>
<toponym><start>17</start><end>22</end><phrase>Libya</phrase>
<gaztag geonameid="2215636"><name>Libya</name><lat>28.0</lat><lon>17.0</lon></gaztag></toponym>
<toponym><start>35</start><end>43</end><phrase>Benghazi</phrase></toponym>
</toponyms></article>
</articles>"""


def test_distance_km_london_paris():
    assert geo.distance_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.56, abs=0.1)
    assert geo.distance_km(10.0, 20.0, 10.0, 20.0) == 0.0
    assert geo.distance_km(0.0, 0.0, 0.0, 180.0) == pytest.approx(math.pi * 6371.0, rel=1e-9)


def test_auc_on_hand_made_errors():
    # log1p errors 0, 1, 2: trapezoids 0.5 + 1.5 over ln(20039) * (N - 1)
    errors = [math.e**2 - 1, 0.0, math.e - 1]
    assert geo.error_auc(errors) == pytest.approx(2.0 / (math.log(20039) * 2))
    assert geo.error_auc([0.0, 0.0, 0.0]) == 0.0
    assert geo.error_auc([geo.MAX_ERROR_KM - 1] * 4) == pytest.approx(1.0)


def test_accuracy_mean_median():
    errors = [0.0, 100.0, 160.9, 161.0, 5000.0]
    assert geo.accuracy_at(errors) == pytest.approx(3 / 5)
    assert geo.median(errors) == 160.9
    assert geo.median([1.0, 3.0]) == 2.0
    rows = {r.measure: r.value for r in geo.resolution_rows("x", errors)}
    assert rows["mean km x"] == pytest.approx(sum(errors) / 5, abs=0.05)
    assert rows["acc@161 x"] == 0.6


def test_read_gwn_skips_non_toponyms_and_negative_offsets(tmp_path):
    (tmp_path / "GWN.xml").write_text(GWN_SAMPLE, encoding="utf-8")
    [article] = geo.read_gold(tmp_path / "GWN.xml")
    assert [t.text for t in article.toponyms] == ["Paris", "Texas", "Dallas"]
    assert [t.located for t in article.toponyms] == [True, True, False]
    assert "Dallas & Austin" in article.text  # entities decoded: offsets are into this text


def test_read_lgl(tmp_path):
    (tmp_path / "lgl.xml").write_text(LGL_SAMPLE, encoding="utf-8")
    [article] = geo.read_gold(tmp_path / "lgl.xml")
    assert [(t.text, t.geonames_id) for t in article.toponyms] == [
        ("Tripoli", "2210247"),
        ("Libya", "2215636"),
        ("Benghazi", None),
    ]


def _scored(report, measure):
    """The row of ``measure`` in the part that holds the sample's only article."""
    (row,) = [r for r in report.rows if r.measure == measure and r.support]
    return row


def test_gold_span_evaluation_on_a_sample(tmp_path):
    (tmp_path / "lgl.xml").write_text(LGL_SAMPLE, encoding="utf-8")
    (tmp_path / "GWN.xml").write_text(GWN_SAMPLE, encoding="utf-8")
    lgl = geo.evaluate(tmp_path, set="lgl", end_to_end_mode=False)
    assert {r.split for r in lgl.rows} == {"fit", "heldout"}
    assert _scored(lgl, "acc@161 gold-spans").value == 1.0
    assert _scored(lgl, "acc@161 gold-spans").support == 2
    assert _scored(lgl, "exact id gold-spans").value == 1.0
    gwn = geo.evaluate(tmp_path, set="gwn", end_to_end_mode=False)
    assert _scored(gwn, "acc@161 gold-spans").value == 1.0  # Paris, Texas by the admin hierarchy
    with pytest.raises(ValueError):
        geo.evaluate(tmp_path, set="nope")


# Floors: the held-out figures minus 0.01.
FLOORS = {
    # held out (2026-12-04): acc@161 0.9278, recognition F1 0.8427; 0.847 with the
    # gazetteer-driven recognition of mislabelled cities (docs/places.md); 0.8511 on 2026-12-06
    # (session 9: names the article places, read again; docs/places.md); session 10: acc@161
    # 0.9286, recognition 0.8507; session 11 (towns tagged as organisations): recognition 0.8525;
    # session 12 (streets as places, places/addresses.py): 0.8544; with towns listed with a place
    # (places/conjoined.py) and the other session-12 merges: 0.8553
    "gwn": {"acc@161 gold-spans": 0.918, "recognition": 0.845},
    # held out (2026-12-04): 0.8840; recognition F1 0.7892 on 2026-12-06 (session 9), 0.7898
    # (session 10), 0.8065 (session 11: towns tagged as organisations, docs/places.md), 0.8173
    # (session 12: streets as places), 0.8186 (session 12's final main: towns listed with a place)
    "lgl": {"acc@161 gold-spans": 0.873, "recognition": 0.808},
}


@pytest.mark.slow
@pytest.mark.parametrize("name", ["gwn", "lgl"])
def test_quality_floor_gold_spans(name):
    data = shared_eval_dir() / "geo"
    if not (data / geo.SETS[name]).is_file():
        pytest.skip("no shared geo gold data")
    report = geo.evaluate(data, set=name, end_to_end_mode=False, split="heldout")
    assert report.row("acc@161 gold-spans", "heldout").value >= FLOORS[name]["acc@161 gold-spans"]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["gwn", "lgl"])
def test_quality_floor_recognition(name):
    data = shared_eval_dir() / "geo"
    if not (data / geo.SETS[name]).is_file():
        pytest.skip("no shared geo gold data")
    report = geo.evaluate(data, set=name, split="heldout")
    assert report.row("recognition", "heldout").f1 >= FLOORS[name]["recognition"]


def test_scorer_frame():
    assert geo.NAME == "geo"
    assert geo.DEFAULT_DATA == "geo"
    assert Path(geo.__file__).name == "geo.py"
