"""``newsgraph eval muc4``: incidents and role fillers per document, on documents written for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval_fakes import annotation, fake_annotate

from newsgraph.eval import muc4
from newsgraph.eval.base import shared_eval_dir

DATA = Path(__file__).parent / "data" / "eval" / "muc4"
GOLD = shared_eval_dir() / muc4.DEFAULT_DATA


def test_reads_incidents_and_entities() -> None:
    kidnap, attack, talks = muc4.read_gold(DATA)
    assert (attack.official, talks.official, kidnap.official) == ("dev", "dev", "train")
    assert attack.incidents == [("ASSAULT",)]
    assert talks.incidents == []
    assert kidnap.incidents == [("ASSAULT", "COERCE")]
    assert [[attack.text[s:e] for s, e in entity] for entity in attack.roles["target"]] == [
        ["police station"],
        ["two policemen"],
    ]
    assert kidnap.part == "fit"  # train documents are always fitted on


def test_every_occurrence_of_a_mention_string_is_a_mention() -> None:
    """The templates give one offset per mention string; a later use of the same words (not a
    longer word holding them) is the same entity."""
    text = "rebels of the arm burned a bus. later the armed men saw the bus. the arm fled."
    record = {"docid": "X", "doctext": text, "templates": [
        {"incident_type": "arson", "PerpOrg": [[["the arm", 10]]], "Target": [[["bus", 27]]]},
    ]}  # fmt: skip
    document = muc4.read_document(record, "dev")
    starts = [[s for s, _e in entity] for entity in document.roles["source"]]
    assert starts == [[10, 65]]  # "the armed" holds no mention of "the arm"
    assert [[text[s:e] for s, e in entity] for entity in document.roles["target"]] == [
        ["bus", "bus"]
    ]


def test_an_arrest_is_no_kidnapping() -> None:
    """A COERCE in a mode no incident has (an arrest) is not scored; an abduction is."""
    text = "police arrested two students after rebels abducted a judge."
    found = annotation(
        text,
        {"type": "COERCE", "mode": "arrest", "trigger": "arrested", "source": "police"},
        {"type": "COERCE", "mode": "abduct", "trigger": "abducted", "source": "rebels"},
    )
    assert [e.mode for e in muc4.incident_events(found.main)] == ["abduct"]


def test_scores_each_part(monkeypatch: pytest.MonkeyPatch) -> None:
    kidnap, attack, talks = muc4.read_gold(DATA)
    fakes = {
        attack.text: annotation(attack.text, {"type": "ASSAULT", "trigger": "attacked",
                                              "source": "guerrillas", "target": "police station"}),
        talks.text: annotation(talks.text, {"type": "CONSULT", "trigger": "met",
                                            "quad": "verbal_cooperation"}),
        kidnap.text: annotation(kidnap.text, {"type": "COERCE", "trigger": "kidnapped",
                                              "source": "rebels", "target": "the north"}),
    }  # fmt: skip
    monkeypatch.setattr(muc4, "annotate", fake_annotate(fakes))
    report = muc4.evaluate(DATA)
    held, fit = report.part("heldout"), report.part("fit")  # TEST-0004 (the attack) held out
    assert held["relevant documents"].f1 == 1.0
    assert held["incident types (document, type)"].f1 == 1.0
    fillers = held["role fillers (perpetrator, target/victim)"]
    assert (fillers.precision, fillers.recall, fillers.support) == (1.0, 0.6667, 3)
    # fit: the meeting is no incident and none is coded; the kidnapping found as COERCE, its
    # victim missed and "the north" a wrong target
    relevant = fit["relevant documents"]
    assert (relevant.precision, relevant.recall, relevant.support) == (1.0, 1.0, 1)
    fillers = fit["role fillers (perpetrator, target/victim)"]
    assert (fillers.precision, fillers.recall, fillers.support) == (0.5, 0.5, 2)
    assert report.details["fit"] == {"dev_documents": 1, "train_documents": 1}


@pytest.mark.slow
@pytest.mark.skipif(not (GOLD / "dev.json").exists(), reason="MUC-4 not available")
def test_quality_floor_heldout() -> None:
    """Held-out figures measured with the full pipeline, minus 0.01 (README's quality table)."""
    rows = muc4.evaluate(GOLD, split="heldout").part("heldout")
    assert rows["incident types (document, type)"].f1 >= FLOORS["incidents"]
    assert rows["role fillers (perpetrator, target/victim)"].f1 >= FLOORS["fillers"]


# held out on 2026-12-04: incident types F1 0.588, role fillers F1 0.165; 2026-12-05 with the
# party filter (events/party_filter.py): incident types 0.600, role fillers 0.189; 2026-12-06
# (session 9: string-matched mentions, arrests not scored, struck buildings, placed bombs):
# incident types 0.649, role fillers 0.234 (floors: measured - 0.01)
# session 25 (eventsO: burning a building is an arson attack): role fillers 0.2438; floor
# measured - 0.01; session 26 (killedP's found bodies, missP's damage and arson forms): role
# fillers 0.2541, floor measured - 0.01
FLOORS = {"incidents": 0.639, "fillers": 0.244}
