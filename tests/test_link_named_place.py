"""A street or building without a point of its own, named after a town ("Rafah Central
Hospital", an address read with its town), lies in that town: it no longer contradicts the
town's reports, and counts as a place inside it; one named after another town still splits."""

from __future__ import annotations

from typing import Any

from test_link import RAFAH, event, record, time

from newsgraph.link import link_records
from newsgraph.link.compatibility import Compatibility, named_after
from newsgraph.link.event_items import PlaceInfo

MONDAY = "2024-08-05"
HOSPITAL = {"id": "newsgraph:local:xx:rafah-central-hospital", "name": "Rafah Central Hospital",
            "feature": "landmark", "country": None, "lat": None, "lon": None}  # fmt: skip
OTHER_TOWNS_HOSPITAL = {"id": "newsgraph:local:xx:nablus-central-hospital",
                        "name": "Nablus Central Hospital", "feature": "landmark", "country": None,
                        "lat": None, "lon": None}  # fmt: skip


def report(aid: str, text: str, place: dict[str, Any]) -> dict[str, Any]:
    """A strike that killed five on Monday, at ``place``."""
    toll = {"killed": {"text": "five", "min": 5, "max": None}}
    fields = {"time": "t1", "place": place["id"], "magnitude": toll}
    return record(aid, f"Outlet {aid}", MONDAY, text,
                  events=[event(text, "e1", "strike", **fields)],
                  times=[time(text, "t1", "Monday", MONDAY)], places=[place])  # fmt: skip


def clusters_of(*records: dict[str, Any]) -> list[list[str]]:
    result = link_records(list(records))
    return sorted(sorted(m.article_id for m in c.members) for c in result.clusters)


def test_a_building_named_after_the_town_is_in_it() -> None:
    town = report("a", "A strike in Rafah killed five people on Monday.", RAFAH)
    building = report("b", "A strike on Rafah Central Hospital killed five on Monday.", HOSPITAL)
    assert clusters_of(town, building) == [["a", "b"]]


def test_a_building_named_after_another_town_still_splits() -> None:
    town = report("a", "A strike in Rafah killed five people on Monday.", RAFAH)
    other = report("b", "A strike on Nablus Central Hospital killed five on Monday.",
                   OTHER_TOWNS_HOSPITAL)  # fmt: skip
    assert clusters_of(town, other) == [["a"], ["b"]]


def test_only_a_place_without_a_point_of_another_country_is_named_after_a_town() -> None:
    rafah = PlaceInfo("geonames:281102", 31.3, 34.24, "PS", "city", "Rafah")
    street = PlaceInfo("newsgraph:address:ps:rafah-sea-street", country="ps", name="Sea Street")
    elsewhere = PlaceInfo("newsgraph:address:eg:rafah-sea-street", country="eg")
    placed = PlaceInfo("newsgraph:rafah-crossing", 31.25, 34.26, "PS", "landmark")
    assert named_after(street, rafah) and Compatibility.places(street, rafah) is None
    assert not named_after(elsewhere, rafah) and Compatibility.places(elsewhere, rafah) is False
    assert not named_after(placed, rafah)
    # a name of three letters or fewer is too common a part of other names to place anything
    kut = PlaceInfo("geonames:99063", 32.51, 45.82, "IQ", "city", "Kut")
    assert not named_after(PlaceInfo("newsgraph:address:iq:kut-river-road", country="iq"), kut)
