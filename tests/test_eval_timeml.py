"""The TimeML scorer: reading TimeML, TempEval-3 counts, and a quality floor on the gold data."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.eval import timeml
from newsgraph.eval.base import shared_eval_dir
from newsgraph.eval.timeml import Tally, Timex, parse_document, report_rows, score_document

HAND_MADE_TML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>TEST0001</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2024-07-29" temporalFunction="false" '
    'functionInDocument="CREATION_TIME">07/29/2024</TIMEX3></DCT>\n'
    "<TEXT>\nBEIRUT _ The group "
    '<EVENT eid="e1" class="OCCURRENCE">struck</EVENT> '
    '<TIMEX3 tid="t1" type="DATE" value="2024-07-29">Monday</TIMEX3> after a truce of '
    '<TIMEX3 tid="t2" value="P10M" type="DURATION">10 months</TIMEX3> &amp; more.\n'
    "</TEXT>\n</TimeML>\n"
)


def test_parse_document_offsets_and_dct(tmp_path):
    path = tmp_path / "TEST0001.tml"
    path.write_text(HAND_MADE_TML, encoding="ascii")
    doc = parse_document(path, "test")
    assert doc.doc_id == "TEST0001"
    assert doc.dct == date(2024, 7, 29)
    assert doc.text.startswith("\nBEIRUT _ The group struck Monday")
    assert doc.text.endswith("10 months & more.\n")
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Monday", "DATE", "2024-07-29"),
        ("10 months", "DURATION", "P10M"),
    ]
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text


def test_tempeval3_counts_on_hand_made_spans():
    gold = [
        Timex(0, 6, "Monday", "DATE", "2024-07-29"),
        Timex(10, 20, "early July", "DATE", "2024-07"),
        Timex(30, 39, "10 months", "DURATION", "P10M"),
    ]
    system = [
        Timex(0, 6, "Monday", "DATE", "2024-07-29"),  # strict match, right value
        Timex(16, 20, "July", "DATE", "2023-07"),  # relaxed match, wrong value
        Timex(50, 55, "daily", "SET", "P1D"),  # spurious
        Timex(56, 60, "now!", "DATE", "PRESENT_REF"),  # spurious
    ]
    tally = score_document(gold, system)
    assert tally == Tally(system=4, gold=3, strict=1, relaxed=2, type_correct=2, value_correct=1)
    rows = {row.measure: row for row in report_rows(tally)}
    assert (rows["span strict"].precision, rows["span strict"].recall) == (0.25, 0.3333)
    assert (rows["span relaxed"].precision, rows["span relaxed"].recall) == (0.5, 0.6667)
    assert rows["span relaxed"].f1 == 0.5714
    # attributes over relaxed matches, with the span measure's denominators
    assert (rows["value"].precision, rows["value"].recall) == (0.25, 0.3333)
    assert rows["value"].value == 0.5  # value accuracy = 1 of 2 matched
    assert rows["value"].f1 == round(0.5 * 0.5714, 4)  # = accuracy x relaxed F1
    assert rows["type"].value == 1.0


def test_alignment_is_one_to_one():
    gold = [Timex(0, 14, "Monday morning", "TIME", "2024-07-29TMO")]
    system = [
        Timex(0, 6, "Monday", "DATE", "2024-07-29"),
        Timex(7, 14, "morning", "TIME", "2024-07-29TMO"),
    ]
    tally = score_document(gold, system)
    assert (tally.relaxed, tally.strict, tally.system) == (1, 0, 2)


TIMEML_DIR = shared_eval_dir() / timeml.DEFAULT_DATA


@pytest.mark.slow
@pytest.mark.skipif(not TIMEML_DIR.is_dir(), reason="TimeML gold data not available")
def test_quality_floor_on_timebank_and_aquaint():
    report = timeml.evaluate(TIMEML_DIR, corpus="all", progress=False, split="heldout")
    rows = report.part("heldout")
    assert report.details["heldout"]["documents"] == 125
    assert rows["span relaxed"].support == 889
    # held out (2026-12-04): relaxed 0.9418, strict 0.8613, type 0.8915, value 0.8054; minus 0.01
    assert rows["span relaxed"].f1 >= 0.931
    assert rows["span strict"].f1 >= 0.851
    assert rows["type"].f1 >= 0.881
    assert rows["value"].f1 >= 0.795
