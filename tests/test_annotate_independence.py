"""``annotate``'s record is a function of the article alone: the same in any process (Python
salts its string hashes per process, so an ingest worker is another draw) and whatever was
annotated before it in the same pipeline. Articles written for these tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph.components.events.component import extract_events
from newsgraph.components.events.triggers import kind_lemmas
from newsgraph.nlp import load_spacy_model
from newsgraph.pipeline import annotate_text

ROOT = Path(__file__).resolve().parents[1]

# the object's head ("inspectors") is troops and observers, its modifier ("police") troops
SENDING = (
    "Officials in the province said the massacre left 20 dead. We sent police inspectors and "
    "judges to the town on Tuesday, the governor said."
)
RAID = (
    "Soldiers raided a village near the border on Monday and detained 12 men, residents said. "
    "The army said the men belonged to a rebel group that attacked a police post last week."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def test_kind_lemmas_head_first(nlp: Language) -> None:
    doc = nlp("We sent police inspectors and judges to the town.")
    obj = next(t for t in doc if t.text == "inspectors")
    assert kind_lemmas(obj) == ["inspector", "judge", "police"]


def test_sending_inspectors_reads_by_the_head(nlp: Language) -> None:
    sent = [e for e in extract_events(nlp(SENDING)) if e.evidence and e.evidence[0].text == "sent"]
    assert [(e.type, e.mode) for e in sent] == [("AID", "military")]


_READ_EVENTS = """
import json, sys
from newsgraph.pipeline import annotate_text
record = annotate_text(sys.argv[1])
print(json.dumps([(e["type"], e.get("mode")) for e in record["events"]]))
"""


def _events_in_process(text: str, seed: str) -> list[list[str | None]]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-c", _READ_EVENTS, text],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.slow  # two fresh processes, each loading spaCy
def test_reading_does_not_hang_on_the_string_hash_seed() -> None:
    # seeds 0 and 2 read "sent police inspectors" differently when the object's lemmas were a set
    readings = {json.dumps(_events_in_process(SENDING, seed)) for seed in ("0", "2")}
    assert len(readings) == 1
    assert ["AID", "military"] in json.loads(readings.pop())


def _without_timing(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in ("meta", "timings")}


def test_record_is_the_same_alone_and_after_another_article() -> None:
    alone = {text: _without_timing(annotate_text(text)) for text in (SENDING, RAID)}
    for first, second in ((SENDING, RAID), (RAID, SENDING)):
        records = [_without_timing(annotate_text(text)) for text in (first, second)]
        assert records == [alone[first], alone[second]]
