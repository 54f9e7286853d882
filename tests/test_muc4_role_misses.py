"""tools/muc4_role_misses.py: the kind of each missed or wrong MUC-4 role filler (hand-made
templates and events)."""

from __future__ import annotations

from types import ModuleType

import pytest
from eval_fakes import annotation
from helpers import load_tool

from newsgraph.eval.annotate import Annotation

TEXT = (
    "rebels bombed the bank, the hotel and the mill. "
    "the rebel front claimed responsibility. "
    "a judge, a clerk and a guard died."
)


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("muc4_role_misses")


def _entity(words: str) -> list[list[str | int]]:
    return [[words, TEXT.index(words)]]


def _record(**labels: list[str]) -> dict:
    fillers = {label: [_entity(w) for w in words] for label, words in labels.items()}
    template = {"incident_type": "bombing", **fillers}
    return {"docid": "doc", "doctext": TEXT, "templates": [template]}


def _found(**ours: str) -> Annotation:
    found = annotation(TEXT, {"type": "ASSAULT", "trigger": "bombed", **ours})
    ends = [TEXT.index(". ") + 2, TEXT.index("responsibility. ") + 16, len(TEXT)]
    found.sentences = [(0, ends[0]), (ends[0], ends[1]), (ends[1], ends[2])]
    return found


def _kinds(tool: ModuleType, record: dict, found: Annotation) -> list[tuple[str, str]]:
    return sorted((role, kind) for role, kind, _line in tool.cases([record], [found]))


def test_misses_by_kind(tool: ModuleType) -> None:
    record = _record(PerpInd=["rebels"], PerpOrg=["the rebel front"], Target=["the hotel"],
                     Victim=["a clerk"])  # fmt: skip
    kinds = _kinds(tool, record, _found(source="rebels", target="the bank"))
    assert kinds == [
        ("source", "other sentence"),  # the claimant, in a sentence without our event
        ("source", "right"),
        ("target", "other sentence"),  # the victim
        ("target", "physical target"),  # "the hotel", a conjunct beside our "the bank"
        ("target", "wrong: no gold entity"),  # "the bank" is no template's
    ]


def test_no_incident_boundary_and_swapped(tool: ModuleType) -> None:
    record = _record(PerpInd=["rebels"], Target=["the bank"])
    assert _kinds(tool, record, annotation(TEXT)) == [
        ("source", "incident not found"), ("target", "incident not found"),
    ]  # fmt: skip
    swapped = _kinds(tool, record, _found(source="the bank", target="rebels"))
    assert ("source", "swapped") in swapped and ("target", "swapped") in swapped
    assert ("source", "wrong: other role") in swapped


def test_victims_in_a_list(tool: ModuleType) -> None:
    record = _record(Victim=["a judge", "a clerk"])
    found = _found(target="a guard")
    found.triggers["e0"] = (TEXT.index("died"), TEXT.index("died") + 4)
    kinds = _kinds(tool, record, found)
    assert kinds.count(("target", "victim in a list")) == 2
