"""tools/rams_argument_misses.py: the kind of each role unit (hand-made gold and events)."""

from __future__ import annotations

from types import ModuleType

import pytest
from eval_fakes import annotation
from helpers import load_tool

from newsgraph.eval.arguments import GoldEvent, predicted_roles
from newsgraph.eval.rams import GoldDocument, GoldLink

TEXT = "Rebels shelled the town near Tora. The army said so. Their ally watched."


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("rams_argument_misses")


def _at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def _document(arguments: dict[str, list[str]], links: list[tuple[str, str]]) -> GoldDocument:
    gold = GoldEvent(_at("shelled"), ("ASSAULT",))
    gold.arguments = {role: [_at(w) for w in words] for role, words in arguments.items()}
    return GoldDocument(
        "doc",
        TEXT,
        [gold],
        [GoldLink(gold.trigger, role, _at(words)) for role, words in links],
        [
            _at(s)
            for s in (
                "Rebels shelled the town near Tora.",
                "The army said so.",
                "Their ally watched.",
            )
        ],
    )


def _kinds(
    tool: ModuleType, document: GoldDocument, places: dict[str, str] | None = None, **ours: str
) -> dict[str, str | None]:
    found = annotation(TEXT, {"type": "ASSAULT", "trigger": "shelled", **ours}, places=places)
    event = found.events[0]
    predicted = predicted_roles(event, found)
    gold = document.events[0]
    roles = ("source", "target", "place")
    return {r: tool.kind_of(r, document, gold, event, predicted, found) for r in roles}


def test_right_swapped_and_in_another_sentence(tool: ModuleType) -> None:
    document = _document({"source": ["Rebels"], "target": ["the town"]}, [])
    assert _kinds(tool, document, source="Rebels", target="the town") == {
        "source": "right", "target": "right", "place": None,
    }  # fmt: skip
    swapped = _kinds(tool, document, source="the town", target="Rebels")
    assert swapped["source"] == "swapped (ours is the other party)"
    elsewhere = _document({"source": ["The army"]}, [])
    assert _kinds(tool, elsewhere)["source"] == "other sentence, ours empty"
    assert _kinds(tool, elsewhere, source="Rebels")["source"] == "other sentence, ours wrong"


def test_empty_wrong_and_unscored_roles(tool: ModuleType) -> None:
    document = _document({"source": ["Rebels"]}, [("instrument", "the town")])
    kinds = _kinds(tool, document, target="the town")
    assert kinds == {
        "source": "empty", "target": "no gold role (unscored: instrument)", "place": None,
    }  # fmt: skip
    assert _kinds(tool, document, source="the town")["source"] == "wrong candidate (instrument)"


def test_a_missing_place_is_unrecognised_or_dropped_by_the_chooser(tool: ModuleType) -> None:
    document = _document({"place": ["Tora"]}, [])
    assert _kinds(tool, document)["place"] == "empty: not recognised as a place"
    dropped = _kinds(tool, document, places={"p1": "Tora"})
    assert dropped["place"] == "empty: recognised, the chooser dropped it"
    assert _kinds(tool, document, places={"p1": "Tora"}, place="p1")["place"] == "right"
