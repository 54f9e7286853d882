"""Trigger and argument scoring shared by the RAMS, WikiEvents, GVDB and MUC-4 scorers.

A gold event is a trigger (character span) with the PLOVER types it maps onto and its
arguments, each mapped onto ``source``, ``target`` or ``place`` by the set's map
(``newsgraph/eval/maps/<set>.yaml``). One of our events *finds* it:

- **exact**: an event of one of those types whose trigger token lies inside the gold trigger;
- **same sentence**: an event of one of those types whose trigger is in the gold trigger's
  sentence (the exact one first, else one whose evidence holds the gold trigger, a word folded
  into it: "shelled the town, killing 12", else the nearest).

On found triggers (same sentence) each role is a unit: ours is right when its span overlaps one
of the gold spans of that role (a place: one of the place's mentions does). Precision counts our
filled roles, recall the gold roles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..model import Event
from .annotate import Annotation, overlaps
from .base import Counts, Row, core_range

ROLES = ("source", "target", "place")
MAPS = Path(__file__).with_name("maps")

Range = tuple[int, int]


@cache
def load_map(name: str) -> dict[str, Any]:
    """``newsgraph/eval/maps/<name>.yaml``."""
    return yaml.safe_load((MAPS / f"{name}.yaml").read_text(encoding="utf-8"))


def plover_types(gold_type: str, types: dict[str, list[str]]) -> tuple[str, ...]:
    """The PLOVER types a gold type maps onto (longest matching prefix; () when unmapped)."""
    gold_type = gold_type.lower()
    best = max((k for k in types if gold_type.startswith(k.lower())), key=len, default=None)
    return tuple(types[best]) if best else ()


def mapped_roles(mapping: dict[str, Any], gold_type: str, gold_role: str) -> tuple[str, ...]:
    """The roles (source, target, place) a gold role of an event of ``gold_type`` counts as:
    the map's ``type_roles`` entry for the longest matching type prefix that lists the role,
    else its ``roles`` entry; a list counts as each of its roles (an unordered participant is
    either party); () when the role is not scored."""
    gold_type, gold_role = gold_type.lower(), gold_role.lower()
    by_type = mapping.get("type_roles") or {}
    prefixes = [k for k in by_type if gold_type.startswith(k.lower()) and gold_role in by_type[k]]
    roles = by_type[max(prefixes, key=len)] if prefixes else mapping["roles"]
    mapped = roles.get(gold_role)
    if mapped is None:
        return ()
    return (mapped,) if isinstance(mapped, str) else tuple(mapped)


@dataclass(slots=True)
class GoldEvent:
    trigger: Range
    types: tuple[str, ...]  # PLOVER types that count as found
    arguments: dict[str, list[Range]] = field(default_factory=dict)  # role -> spans


def event_types(event: Event) -> set[str]:
    """The event's own type and the type a sentence-level coder gives it (intent, refusal)."""
    from .plover import scored_type

    scored = scored_type(event)
    return {event.type, scored} if scored else {event.type}


def find(gold: GoldEvent, annotation: Annotation) -> tuple[Event | None, Event | None]:
    """(the event found exactly, the event found in the same sentence) for a gold trigger."""
    sentence = annotation.sentence_of(gold.trigger[0])
    exact: Event | None = None
    holding: Event | None = None
    near: tuple[int, Event] | None = None
    for event in annotation.events:
        trigger = annotation.triggers.get(event.id)
        if trigger is None or not event_types(event) & set(gold.types):
            continue
        if overlaps(trigger, gold.trigger):
            exact = exact or event
        if sentence >= 0 and annotation.sentence_of(trigger[0]) == sentence:
            if holding is None and any(
                overlaps((s.start, s.end), gold.trigger) for s in event.evidence
            ):
                holding = event
            distance = abs(trigger[0] - gold.trigger[0])
            if near is None or distance < near[0]:
                near = (distance, event)
    return exact, exact or holding or (near[1] if near else None)


def predicted_roles(event: Event, annotation: Annotation) -> dict[str, list[Range]]:
    """Our event's source, target (the core of each phrase: ``base.core_text``) and place as
    character spans."""
    roles: dict[str, list[Range]] = {}
    for role in ("source", "target"):
        span = getattr(event, role).span
        if span is not None:
            roles[role] = [core_range(span.start, span.text)]
    places = annotation.place_spans(event)
    if places:
        roles["place"] = [(s.start, s.end) for s in places]
    return roles


def role_counts(
    predicted: dict[str, list[Range]], gold: dict[str, list[Range]]
) -> dict[str, Counts]:
    """Per role: right when one of our spans overlaps one gold span of that role."""
    counts = {}
    for role in ROLES:
        mine, theirs = predicted.get(role, []), gold.get(role, [])
        right = any(overlaps(m, g) for m in mine for g in theirs)
        counts[role] = Counts(tp=int(right), fp=int(bool(mine) and not right),
                              fn=int(bool(theirs) and not right))  # fmt: skip
    return counts


@dataclass(slots=True)
class TriggerTally:
    gold: int = 0
    exact: int = 0
    sentence: int = 0
    per_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [found, gold]
    roles: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})

    def add(self, gold: GoldEvent, annotation: Annotation) -> None:
        exact, near = find(gold, annotation)
        self.gold += 1
        self.exact += int(exact is not None)
        self.sentence += int(near is not None)
        pair = self.per_type.setdefault(gold.types[0], [0, 0])
        pair[0] += int(near is not None)
        pair[1] += 1
        if near is not None:
            for role, counts in role_counts(
                predicted_roles(near, annotation), gold.arguments
            ).items():
                self.roles[role].add(counts)

    def rows(self) -> list[Row]:
        total = Counts()
        for counts in self.roles.values():
            total.add(counts)
        rows = [
            Row.ratio("mappable triggers found, exact", self.exact, self.gold),
            Row.ratio("mappable triggers found, same sentence", self.sentence, self.gold),
            Row.from_counts("arguments on found triggers (source, target, place)", total),
        ]
        rows += [Row.from_counts(f"argument {role}", self.roles[role]) for role in ROLES]
        rows += [
            Row.ratio(f"found, same sentence: {t}", found, n)
            for t, (found, n) in sorted(self.per_type.items())
        ]
        return rows


def cluster_counts(predicted: list[Range], clusters: list[list[Range]]) -> Counts:
    """Document-level role filling: a gold entity (a cluster of coreferent mentions) is found
    when one of our spans overlaps one of its mentions; one of our spans is wrong when it
    overlaps no gold entity (our spans are counted once per distinct span)."""
    found = sum(any(overlaps(p, m) for p in predicted for m in cluster) for cluster in clusters)
    wrong = sum(
        not any(overlaps(p, m) for cluster in clusters for m in cluster) for p in set(predicted)
    )
    return Counts(tp=found, fp=wrong, fn=len(clusters) - found)


def document_roles(events: list[Event], annotation: Annotation) -> dict[str, list[Range]]:
    """The source, target and place spans of all ``events`` together."""
    roles: dict[str, list[Range]] = {}
    for event in events:
        for role, spans in predicted_roles(event, annotation).items():
            roles.setdefault(role, []).extend(spans)
    return roles
