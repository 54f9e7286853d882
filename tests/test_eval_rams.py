"""``newsgraph eval rams``: reading, type/role mapping and scoring on documents written for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval_fakes import annotation, fake_annotate, span

from newsgraph.eval import rams
from newsgraph.eval.arguments import GoldEvent, find, load_map, mapped_roles, plover_types
from newsgraph.eval.base import shared_eval_dir

DATA = Path(__file__).parent / "data" / "eval" / "rams"
GOLD = shared_eval_dir() / rams.DEFAULT_DATA


def test_type_map_takes_the_longest_prefix() -> None:
    types = {"conflict.attack": ["ASSAULT"], "contact.threatencoerce": ["THREATEN", "COERCE"]}
    assert plover_types("conflict.attack.bombing", types) == ("ASSAULT",)
    assert plover_types("contact.threatencoerce.n/a", types) == ("THREATEN", "COERCE")
    assert plover_types("movement.transportperson.n/a", types) == ()


def test_a_surrender_counts_as_retreat_as_plover_codes_it() -> None:
    # CAMEO2PLOVER-2021: 0874 "Retreat or surrender militarily" is RETREAT
    types = load_map("rams")["types"]
    assert plover_types("conflict.yield.surrender", types) == ("CONCEDE", "RETREAT")


def test_roles_map_per_type_and_onto_either_party() -> None:
    mapping = {
        "roles": {"giver": "source", "participant": ["source", "target"], "place": "place"},
        "type_roles": {"transaction.transaction.embargosanction": {"giver": "target"}},
    }
    assert mapped_roles(mapping, "transaction.transaction.giftgrantprovideaid", "giver") == (
        "source",
    )
    assert mapped_roles(mapping, "transaction.transaction.embargosanction", "giver") == ("target",)
    assert mapped_roles(mapping, "transaction.transaction.embargosanction", "place") == ("place",)
    assert mapped_roles(mapping, "contact.discussion.meet", "participant") == ("source", "target")
    assert mapped_roles(mapping, "contact.discussion.meet", "instrument") == ()


def test_the_shipped_map_reads_meeting_parties_as_either_party() -> None:
    mapping = load_map("rams")
    assert mapped_roles(mapping, "contact.negotiate.meet", "participant") == ("source", "target")
    assert mapped_roles(mapping, "transaction.transfermoney.embargosanction", "giver") == (
        "target",
    )
    assert mapped_roles(mapping, "transaction.transfermoney.embargosanction", "preventer") == (
        "source",
    )


def test_a_gold_trigger_folded_into_an_event_finds_that_event() -> None:
    text = "Rebels shelled the town on Sunday morning, killing 12 people, and wounded 30 in raids."
    found = annotation(
        text,
        {"type": "ASSAULT", "trigger": "shelled", "target": "the town"},
        {"type": "ASSAULT", "trigger": "wounded", "target": "30"},
    )
    folded = span(text, "killing")
    assert folded is not None
    found.events[0].evidence.append(folded)
    killing = GoldEvent((folded.start, folded.end), ("ASSAULT",))
    raids = span(text, "raids")
    assert raids is not None
    # the nearest anchor is "wounded"; the event holding "killing" is the one found
    assert find(killing, found) == (None, found.events[0])
    # a word no event holds: the nearest anchor's event
    assert find(GoldEvent((raids.start, raids.end), ("ASSAULT",)), found) == (None, found.events[1])


def test_reads_mapped_triggers_and_roles() -> None:
    documents, unmapped = rams.read_gold(DATA / rams.DEV_FILE)
    assert unmapped == 1  # the phone call is no PLOVER event
    attack, arrest = documents
    assert attack.text == "Rebels shelled the town of Eastville. Two people died."
    (event,) = attack.events
    assert event.types == ("ASSAULT",)
    assert attack.text[slice(*event.trigger)] == "shelled"
    roles = {r: [attack.text[s:e] for s, e in spans] for r, spans in event.arguments.items()}
    assert roles == {
        "source": ["Rebels"],
        "target": ["the town of Eastville"],
        "place": ["Eastville"],
    }
    assert arrest.events[0].types == ("COERCE",)
    # every gold argument is kept with its RAMS role, and the gold sentences (the miss analysis)
    assert [(link.role, attack.text[slice(*link.span)]) for link in attack.links] == [
        ("attacker", "Rebels"), ("target", "the town of Eastville"), ("place", "Eastville"),
    ]  # fmt: skip
    assert [attack.text[s:e] for s, e in attack.sentences] == [
        "Rebels shelled the town of Eastville.", "Two people died.",
    ]  # fmt: skip


def test_scores_each_part(monkeypatch: pytest.MonkeyPatch) -> None:
    (attack, arrest), _ = rams.read_gold(DATA / rams.DEV_FILE)
    fakes = {
        attack.text: annotation(
            attack.text,
            {"type": "ASSAULT", "trigger": "shelled", "source": "Rebels", "target": "town"},
        ),
        # a COERCE in the sentence, but not at "arrested"; a source where the gold has none
        arrest.text: annotation(
            arrest.text, {"type": "COERCE", "trigger": "students", "source": "Police"}
        ),
    }
    monkeypatch.setattr(rams, "annotate", fake_annotate(fakes))
    report = rams.evaluate(DATA)
    held, fit = report.part("heldout"), report.part("fit")  # test_attack is held out
    assert held["mappable triggers found, exact"].value == 1.0
    args = held["arguments on found triggers (source, target, place)"]
    assert (args.precision, args.recall, args.f1, args.support) == (1.0, 0.6667, 0.8, 3)
    assert held["argument place"].recall == 0.0
    assert fit["mappable triggers found, exact"].value == 0.0
    assert fit["mappable triggers found, same sentence"].value == 1.0
    args = fit["arguments on found triggers (source, target, place)"]
    assert (args.precision, args.recall, args.support) == (0.0, 0.0, 1)
    assert report.details["unmapped_triggers"] == 1


@pytest.mark.slow
@pytest.mark.skipif(not (GOLD / rams.DEV_FILE).exists(), reason="RAMS dev not available")
def test_quality_floor_heldout() -> None:
    """Held-out figures measured with the full pipeline, minus 0.02 (README's quality table)."""
    rows = rams.evaluate(GOLD, split="heldout").part("heldout")
    assert rows["mappable triggers found, same sentence"].value >= FLOORS["same sentence"]
    assert rows["arguments on found triggers (source, target, place)"].f1 >= FLOORS["arguments"]


# held out on 2026-12-04: same sentence 0.402, arguments F1 0.453; then 0.505 and, with the whole
# argument phrase recorded and targets whom an act is aimed at (events/spans.py), 0.523; with the
# codebook lexicon entries and bare SANCTION nominals (docs/events.md): same sentence 0.459,
# arguments F1 0.508 (more found triggers, the bare ones without arguments; precision 0.546);
# then our spans scored by their core (eval/base.core_text): arguments F1 0.503 (fit 0.496);
# 2026-12-05 with the party filter (events/party_filter.py): 0.503, precision 0.547; with the
# argument choice by error class (docs/events.md, session 7): 0.504, precision 0.550; session 7
# trigger entries on top (docs/events.md): same sentence 0.478, arguments F1 0.514 (merged);
# floors measured - 0.01; the learned target choice (events/target_choice.py, session 8):
# arguments F1 0.518; 2026-12-06 (session 10) the role map checked against AIDA (participants
# either party, a sanction's giver its target) and passive conjuncts: arguments F1 0.537
# (scorer only 0.532), same sentence 0.479; prevarication (lying) no longer mapped onto REJECT:
# same sentence 0.521 (192 documents), arguments F1 0.537; with plover10's codebook entries
# (one more AGREE found, its arguments missed): same sentence 0.526, arguments F1 0.531; session 11
# (rams11, docs/events.md): held out unchanged (fit arguments 0.567 -> 0.576); session 17, the
# lead act's place for follow-up acts (incident_place on): arguments F1 0.5366, floor raised
# session 19 ("rams19": "the slain soldier" is a killing of the noun; a surrender counts as
# CONCEDE or RETREAT, CAMEO 0874): same sentence 0.531, arguments 0.536; floors measured - 0.01
# session 22 (place22): arguments 0.5375, floor raised to measured - 0.01
FLOORS = {"same sentence": 0.521, "arguments": 0.527}
