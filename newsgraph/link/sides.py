"""One side of a dispute: the organs of one state ("Russia's Defence Ministry" and "the
Russian armed forces", siblings under the state, not parent and child).

An accusation against a state's forces is answered by its Defence Ministry; a rejection of
its Foreign Ministry's spokeswoman answers the same account told by its Defence Ministry.
Affiliation alone cannot say so (siblings are not in each other's chain, and an armed group
may hang under its country too), so only organs of the state count: actors of the types in
``components/actors/data/en/state_organs.yaml`` and the people affiliated to them, each step
of the chain up to the state an organ (``components/actors/organs.py``, which events read too).
"""

from __future__ import annotations

from ..components.actors.organs import state_organ_types, state_served
from .compatibility import Compatibility
from .event_items import knowledge_base_types, known_actor


def organ_state(actor: str | None, check: Compatibility) -> str | None:
    """The state ``actor`` is an organ of (every step of its chain up to the state an organ,
    a person only as the first step), or None."""
    if not known_actor(actor):
        return None
    chain = check.lineage(actor)  # type: ignore[arg-type]
    return state_served(chain, knowledge_base_types(), state_organ_types())


def one_side(a: str | None, b: str | None, check: Compatibility) -> bool:
    """``a`` and ``b`` are one actor, in one affiliation chain, or organs of one state."""
    if check.actors(a, b):
        return True
    state = organ_state(a, check)
    return state is not None and state == organ_state(b, check)
