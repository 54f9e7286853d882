"""Clustering weighs the places a report states, not the ones newsgraph inferred for it.

A follow-up act given its article's lead act's place (``place_inferred``) is the article's
guess; as evidence it split reports of one incident on written stories (docs/places.md,
"Session 17"), so ``link`` reads such an event as unplaced and lets it retell its anchor.
"""

from __future__ import annotations

from typing import Any

from newsgraph.link.event_items import event_items

TEXT = "Gunmen attacked a police station in Kirkuk. Two officers were shot dead."


def _event(eid: str, trigger: str, **fields: Any) -> dict[str, Any]:
    start = TEXT.index(trigger)
    return {
        "id": eid,
        "type": "ASSAULT",
        "source": {"actor": None, "span": None},
        "target": {"actor": None, "span": None},
        "evidence": [{"start": start, "end": start + len(trigger), "text": trigger}],
        "place": "kirkuk",
        "place_inferred": False,
    } | fields


RECORD = {
    "article": {"id": "a1", "published": "2026-03-02", "outlet": "Wire"},
    "text": TEXT,
    "places": [{"id": "kirkuk", "name": "Kirkuk", "country": "IQ", "lat": 35.47, "lon": 44.39}],
    "events": [_event("e1", "attacked"), _event("e2", "shot", place_inferred=True)],
}


def test_a_stated_place_is_clustering_evidence() -> None:
    stated = next(item for item in event_items(RECORD) if item.event_id == "e1")
    assert stated.place is not None and stated.place.id == "kirkuk"


def test_an_inferred_place_is_not() -> None:
    inferred = next(item for item in event_items(RECORD) if item.event_id == "e2")
    assert inferred.place is None
