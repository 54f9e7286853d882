"""The state an actor serves, known once (components/actors/organs.py): events walk any
affiliation, claim links only a state's organs. The chains are written for these tests."""

from __future__ import annotations

import pytest

from newsgraph.components.actors.kb import KnowledgeBase
from newsgraph.components.actors.organs import (
    kb_lineage,
    kb_state_served,
    state_organ_types,
    state_served,
)

TYPES = {
    "ruritania": "state",
    "ruritanian-army": "military",
    "ruritanian-government": "government body",
    "ruritanian-foreign-ministry": "government body",
    "ruritanian-parliament": "legislature",
    "ruritanian-state-tv": "media",
    "anna-spokes": "person",
    "boris-head": "person",
}
CHAINS = {
    "army": ["ruritanian-army", "ruritania"],
    "spokeswoman": ["anna-spokes", "ruritanian-foreign-ministry", "ruritanian-government",
                    "ruritania"],
    "head of state": ["boris-head", "ruritania"],
    "parliament": ["ruritanian-parliament", "ruritania"],
    "state media": ["ruritanian-state-tv", "ruritania"],
    "state": ["ruritania"],
    "unknown step": ["ruritanian-army", "somewhere"],
    "no state": ["ruritanian-army"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("chain", "any_affiliation", "organs_only"),
    [
        ("army", "ruritania", "ruritania"),
        ("spokeswoman", "ruritania", "ruritania"),  # a person through the ministry
        ("head of state", "ruritania", None),  # a person hung under the state directly
        ("parliament", "ruritania", None),  # a legislature is no organ
        ("state media", "ruritania", None),
        ("state", "ruritania", None),  # a state serves itself, but is no organ of itself
        ("unknown step", None, None),
        ("no state", None, None),
    ],
)
def test_the_state_served_through_any_affiliation_or_through_organs_only(
    chain: str, any_affiliation: str | None, organs_only: str | None
) -> None:
    assert state_served(CHAINS[chain], TYPES) == any_affiliation
    assert state_served(CHAINS[chain], TYPES, state_organ_types()) == organs_only


def test_the_organ_types_are_the_executives_bodies_and_forces() -> None:
    organs = state_organ_types()
    assert {"military", "government body", "police", "intelligence agency"} <= organs
    assert not organs & {"state", "person", "legislature", "court", "media", "armed group"}


def test_the_knowledge_base_chain_goes_up_the_affiliations_to_the_state() -> None:
    kb = KnowledgeBase.load()
    chain = kb_lineage("israeli-air-force", kb)
    assert chain[0] == "israeli-air-force" and chain[-1] == "israel"
    assert kb_lineage("not-in-the-knowledge-base", kb) == ["not-in-the-knowledge-base"]
    assert kb_state_served("israeli-air-force") == "israel"
    assert kb_state_served("israeli-air-force", state_organ_types()) == "israel"
    assert kb_state_served("israel-katz") == "israel"
    assert kb_state_served("israel-katz", state_organ_types()) is None
