"""tools/event_place_misses.py: what became of a gold event's place, in the order documented."""

from __future__ import annotations

import pytest
from helpers import load_tool

GOLD = [(10, 15)]


@pytest.mark.parametrize(
    ("found", "gold", "mine", "named", "kind"),
    [
        (True, GOLD, [(12, 20)], [(12, 20)], "right"),  # any overlap is right
        (False, [], [], [(0, 4)], "right"),  # no place, none given
        (True, [], [(0, 4)], [(0, 4)], "a place where the gold has none"),
        (False, GOLD, [], [(10, 15)], "no event at the gold verb"),
        (True, GOLD, [(0, 4)], [(0, 4)], "gold place among no candidates"),
        (True, GOLD, [], [(0, 4), (10, 15)], "no place given, a candidate is gold"),
        (True, GOLD, [(0, 4)], [(0, 4), (10, 15)], "another candidate chosen"),
    ],
)
def test_outcome_of_a_gold_events_place(
    found: bool,
    gold: list[tuple[int, int]],
    mine: list[tuple[int, int]],
    named: list[tuple[int, int]],
    kind: str,
) -> None:
    assert load_tool("event_place_misses").outcome(found, gold, mine, named) == kind


@pytest.mark.parametrize(
    ("text", "verb", "gold", "kind", "cause"),
    [
        ("A man was shot in Lyon on Sunday.", "shot", [],
         "a place where the gold has none", "chooser: prep in, class city"),
        ("Police from Paris arrested three men in Lyon on Sunday.", "arrested", ["Paris"],
         "another candidate chosen", "chooser: prep in, class city"),
        ("Gunmen killed two farmers near Zorbakhet village on Sunday.", "killed", ["Zorbakhet"],
         "gold place among no candidates", "gazetteer lacks it"),
    ],
)  # fmt: skip
def test_a_wrong_place_by_its_cause(
    text: str, verb: str, gold: list[str], kind: str, cause: str
) -> None:
    from newsgraph.eval.annotate import annotate
    from newsgraph.eval.event_location import GoldRecord

    tool = load_tool("event_place_misses")
    docs: list = []
    (annotation,) = annotate([text], on_doc=docs.append)
    at = text.index(verb)
    record = GoldRecord(
        text, (at, at + len(verb)), [(text.index(g), text.index(g) + len(g)) for g in gold]
    )
    found, _ = tool.sentence_outcome(record, annotation)
    event = tool.event_at_verb(record, annotation)
    assert (found, tool.choice_cause(found, record, event, docs[0], annotation)[-len(cause) :]) == (
        kind,
        cause,
    )
