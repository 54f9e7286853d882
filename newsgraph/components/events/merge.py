"""Events being assembled (``Draft``) and the merging of repeated mentions of one occurrence in
an article: later mentions compatible with an earlier one join it, and their evidence
accumulates. A nominal mention that names no one ("the clashes continued") repeats an earlier
event of its type that it does not contradict, and is dropped; only a first one is an event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...model import Event
from .references import RefKey

MERGE_FLAGS = ("negated", "irrealis", "attributed_to")  # irrealis: hypothetical or future


@dataclass(slots=True)
class Draft:
    """An event being assembled, with what merging compares."""

    event: Event
    source_key: RefKey | None
    target_key: RefKey | None
    anchor: int  # character offset of the main trigger
    bare: bool = False  # a nominal trigger with no party or count ("the clashes continued")
    # a defence ("repelled the attack"): never the same occurrence as its doers' other acts
    # ("repelled the attacks and destroyed 11 vehicles" is two acts; events/defence.py)
    defence: bool = False
    # the start of the sentence whose casualties and "when" clause act were told apart
    # (``folds.is_moment_clause_act``): two such drafts of one sentence never merge
    apart_in: int | None = None

    @property
    def start(self) -> int:
        return min([e.start for e in self.event.evidence] or [self.anchor])


def _compatible_values(a: Any, b: Any) -> bool:
    return a is None or b is None or a == b


def _mergeable(a: Draft, b: Draft) -> bool:
    ea, eb = a.event, b.event
    if ea.type != eb.type or any(getattr(ea, f) != getattr(eb, f) for f in MERGE_FLAGS):
        return False
    if a.defence != b.defence:
        return False
    if not (_compatible_values(ea.place, eb.place) and _compatible_values(ea.time, eb.time)):
        return False
    for key in set(ea.magnitude) & set(eb.magnitude):
        if ea.magnitude[key].get("min") != eb.magnitude[key].get("min"):
            return False
    if a.apart_in is not None and a.apart_in == b.apart_in:
        return False
    source_ok = a.source_key is None or a.source_key.compatible(b.source_key)
    target_ok = a.target_key is None or a.target_key.compatible(b.target_key)
    if not (source_ok and target_ok):
        return False
    # the same occurrence needs something in common besides the type
    shared_source = a.source_key is not None and a.source_key.same(b.source_key)
    shared_target = a.target_key is not None and a.target_key.same(b.target_key)
    shared_place = ea.place is not None and ea.place == eb.place
    return shared_source or shared_target or shared_place


def _repeats(home: Draft, bare: Draft) -> bool:
    """A later mention that names no one is a repeat of an earlier event of its type ("Russian
    missiles struck Dobropillia ... The strike hit eight apartment buildings") when nothing
    sets them apart: the same flags (the reporter may repeat what a statement said), and no
    other place or time."""
    a, b = home.event, bare.event
    if a.type != b.type or a.negated != b.negated or a.hypothetical != b.hypothetical:
        return False
    return _compatible_values(a.place, b.place) and _compatible_values(a.time, b.time)


def _absorb(into: Draft, other: Draft) -> None:
    event, extra = into.event, other.event
    for span in extra.evidence:
        if span not in event.evidence:
            event.evidence.append(span)
    event.evidence.sort(key=lambda s: s.start)
    # a known actor, or any span, beats nothing
    if event.source.actor is None and (event.source.span is None or extra.source.actor):
        event.source, into.source_key = extra.source, other.source_key
    if event.target.actor is None and (event.target.span is None or extra.target.actor):
        event.target, into.target_key = extra.target, other.target_key
    event.place = event.place or extra.place
    event.time = event.time or extra.time
    event.mode = event.mode or extra.mode
    for key, value in extra.magnitude.items():
        event.magnitude.setdefault(key, value)
    event.disputed = event.disputed or extra.disputed


def merge_repeats(drafts: list[Draft]) -> list[Draft]:
    """One event per occurrence: later mentions compatible with an earlier one join it."""
    kept: list[Draft] = []
    by_type: dict[str, list[Draft]] = {}  # only events of one type can merge
    for draft in sorted(drafts, key=lambda d: d.start):
        peers = by_type.setdefault(draft.event.type, [])
        if draft.bare and any(_repeats(k, draft) for k in peers):
            # a repeat: dropped, not joined (its words would move the event's anchor, the
            # word highest in the parse, into another sentence)
            continue
        home = None if draft.bare else next((k for k in peers if _mergeable(k, draft)), None)
        if home is None:
            kept.append(draft)
            if not draft.bare:  # a fuller later mention never joins a bare one by place alone
                peers.append(draft)
        else:
            _absorb(home, draft)
    return kept
