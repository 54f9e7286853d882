"""The organs of a state and the state an actor serves, known once for every stage.

The organ types (the knowledge base's ``type`` of a state's executive bodies and forces) are
data, ``data/en/state_organs.yaml``. Events (``components/events/responses.py``: whom a threat
or a denial answers) and claim links (``link/sides.py``: one side of a dispute) both read them
and both walk an actor's affiliation chain up to a state with :func:`state_served`; events walk
the knowledge base (:func:`kb_lineage`), links the stored records' affiliations
(``Compatibility.lineage``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from ...datafiles import load_yaml
from .kb import DATA_DIR, PERSON_TYPE, STATE_TYPE, KnowledgeBase

ORGANS_FILE = DATA_DIR / "state_organs.yaml"


@cache
def state_organ_types(path: str | None = None) -> frozenset[str]:
    """The actor types whose actors are organs of the state they are affiliated to."""
    data = load_yaml(Path(path or ORGANS_FILE).read_text(encoding="utf-8")) or {}
    return frozenset(str(t) for t in data.get("types") or [])


def kb_lineage(actor: str, kb: KnowledgeBase | None = None) -> list[str]:
    """``actor`` and its affiliations in the knowledge base, nearest first, up to the first id
    the knowledge base does not know (kept, last) or a cycle (cut)."""
    kb = kb or KnowledgeBase.load()
    chain = [actor]
    entry = kb.get(actor)
    while entry is not None and entry.affiliation and entry.affiliation not in chain:
        chain.append(entry.affiliation)
        entry = kb.get(entry.affiliation)
    return chain


def kb_state_served(actor: str, organs: frozenset[str] | None = None) -> str | None:
    """:func:`state_served` up ``actor``'s chain in the knowledge base."""
    kb = KnowledgeBase.load()
    chain = kb_lineage(actor, kb)
    types = {m: e.type for m in chain if (e := kb.get(m)) is not None}
    return state_served(chain, types, organs)


def state_served(
    chain: Sequence[str], types: Mapping[str, str], organs: frozenset[str] | None = None
) -> str | None:
    """The state that ``chain``'s first actor serves (``chain``: the actor and its
    affiliations, nearest first; ``types``: actor id → knowledge-base type), or None.

    Without ``organs``, any affiliation serves: the first state up the chain, the state itself
    included, every step a known actor (Nawaf Salam → the Lebanese government → Lebanon; Israel
    Katz → Israel). Events ask this: a speaker's own side, where a minister or a head of state
    speaks for the state whatever their office.

    With ``organs`` (the organ types), only organs of the state serve it: every step up to the
    state of one of ``organs``, a person only as the first step and only through an organ
    (Zakharova → the Foreign Ministry → Russia), never the state itself. Claim links ask this:
    one side of a dispute, where a person hung under the state directly (an opposition figure as
    much as a head of state), a legislature or a court speaks for no executive account."""
    for step, member in enumerate(chain):
        kind = types.get(member)
        if kind == STATE_TYPE:
            return member if organs is None or step > 0 else None
        if organs is None:
            if kind is None:
                return None
        elif kind not in organs and not (step == 0 and kind == PERSON_TYPE and len(chain) > 2):
            return None
    return None
