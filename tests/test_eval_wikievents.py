"""``newsgraph eval wikievents``: triggers and arguments, on documents written for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval_fakes import annotation, fake_annotate

from newsgraph.eval import wikievents
from newsgraph.eval.base import shared_eval_dir

DATA = Path(__file__).parent / "data" / "eval" / "wikievents"
GOLD = shared_eval_dir() / wikievents.DEFAULT_DATA


def test_reads_entity_and_text_arguments() -> None:
    market, march = wikievents.read_gold(DATA)
    assert market.text == "Militants bombed a market in Eastville, killing four shoppers."
    assert [e.types for e in market.events] == [("ASSAULT",), ("ASSAULT",)]  # no Cognitive
    roles = {r: [market.text[s:e] for s, e in v] for r, v in market.events[0].arguments.items()}
    assert roles == {"source": ["Militants"], "target": ["a market"], "place": ["Eastville"]}
    # a train argument given as text only is placed where the text says it
    roles = {r: [march.text[s:e] for s, e in v] for r, v in march.events[0].arguments.items()}
    assert roles == {"source": ["Protesters"], "place": ["Westville"]}
    assert (market.part, march.part) == ("heldout", "fit")


def test_scores_each_part(monkeypatch: pytest.MonkeyPatch) -> None:
    market, march = wikievents.read_gold(DATA)
    fakes = {
        market.text: annotation(
            market.text,
            {"type": "ASSAULT", "trigger": "bombed", "source": "Militants", "target": "market",
             "place": "p1"},
            places={"p1": "Eastville"},
        ),
        march.text: annotation(march.text, {"type": "PROTEST", "trigger": "marched",
                                            "source": "Protesters"}),
    }  # fmt: skip
    monkeypatch.setattr(wikievents, "annotate", fake_annotate(fakes))
    report = wikievents.evaluate(DATA)
    held, fit = report.part("heldout"), report.part("fit")
    # "killing" is found only through the bombing in its sentence, whose roles are not its own
    assert held["mappable triggers found, exact"].value == 0.5
    assert held["mappable triggers found, same sentence"].value == 1.0
    args = held["arguments on found triggers (source, target, place)"]
    assert (args.precision, args.recall, args.support) == (0.5, 0.75, 4)
    assert fit["mappable triggers found, exact"].value == 1.0
    args = fit["arguments on found triggers (source, target, place)"]
    assert (args.precision, args.recall) == (1.0, 0.5)


@pytest.mark.slow
@pytest.mark.skipif(not (GOLD / wikievents.DEV_FILE).exists(), reason="WikiEvents not available")
def test_quality_floor_heldout() -> None:
    """Held-out figures measured with the full pipeline, minus 0.02 (README's quality table)."""
    rows = wikievents.evaluate(GOLD, split="heldout").part("heldout")
    assert rows["mappable triggers found, same sentence"].value >= FLOORS["same sentence"]
    assert rows["arguments on found triggers (source, target, place)"].f1 >= FLOORS["arguments"]


# held out on 2026-12-04 (10 documents): same sentence 0.661, arguments F1 0.438
# 2026-12-04, our spans scored by their core (eval/base.core_text): arguments 0.463
# 2026-12-05 with the party filter (events/party_filter.py): same sentence 0.652, arguments 0.471
# 2026-12-06 (session 10, passive conjuncts, docs/events.md): same sentence 0.653, arguments 0.467
# session 11 (rams11: participle modifiers read as passive, docs/events.md): same sentence 0.653,
# arguments 0.4718; with every session-11 merge (plover11's senses too), 2026-12-06: same
# sentence 0.6525, arguments 0.4742; floors measured - 0.01, rounded down; session 12 (rams12:
# a casualty conjunct with its own victims is its own event, docs/events.md): same sentence
# 0.6525, arguments 0.5204, taken out at the merge (one attack is one event, docs/events.md);
# with every session-12 merge (cbtarget12's heading killings, streets as places, the scorer's
# evidence match), 2026-12-06: same sentence 0.6525, arguments 0.4948; "accused X of" the act
# the accused's (accused_doers.yaml, lead, docs/events.md): same sentence 0.6610, arguments
# 0.4923 (one more ASSAULT found, its arguments not all right); session 17, the lead act's place
# for follow-up acts (incident_place on; WikiEvents leaves such casualty sentences unplaced, a
# cost stated in docs/places.md "Session 17"): arguments 0.4824, floor LOWERED to measured - 0.01;
# session 23, "neutralised"/"eliminated" armed men are an ASSAULT (killed23, docs/events.md): one
# argument source of 17 lost, arguments 0.4776 -> 0.4700, floor LOWERED to 0.465 (a trade the
# lead took for the killed counts of the written probes; the same loss as session 19's try);
# session 24 (party24's areas, events24's "when" clause acts, place24's chain): arguments
# 0.4772, floor raised to measured - 0.01; session 26 (fold26: a counted participle killing is
# its own record): exact triggers 0.4576, arguments 0.4873, floor raised to measured - 0.01
FLOORS = {"same sentence": 0.651, "arguments": 0.477}
