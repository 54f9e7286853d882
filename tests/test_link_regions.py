"""A first-level division (admin1) holds only the places inside it (``link/divisions.py``): two
strikes on one day in two regions of one country stay apart, a region report still joins the
strike in its own region's city; and an event whose article put its incident in a place, but
whose own sentence names none, is kept from a cluster in another region
(``incident_profiles.article_place``). Session 22, region22; docs/link.md."""

from __future__ import annotations

from typing import Any

from test_link import event, record, ref, time

from newsgraph.link import link_records
from newsgraph.link.compatibility import Compatibility
from newsgraph.link.divisions import division
from newsgraph.link.event_items import PlaceInfo
from newsgraph.link.incident_profiles import linked_items

SUNDAY = "2025-04-13"
# a town carries its GeoNames admin1 code; the division table's rows and US towns a name
SUMY = {"id": "geonames:692194", "name": "Sumy", "feature": "city", "country": "UA",
        "admin1": "21", "lat": 50.91741, "lon": 34.79906}  # fmt: skip
SUMY_REGION = {"id": "newsgraph:admin1-ua-sumy", "name": "Sumy", "feature": "region",
               "country": "UA", "admin1": "Sumy", "lat": 50.989, "lon": 34.067}  # fmt: skip
# a curated region of one country (places_regions.yaml): no admin1, its name says which
KHARKIV_REGION = {"id": "newsgraph:kharkiv-oblast", "name": "Kharkiv region", "feature": "region",
                  "country": "UA", "admin1": None, "lat": 49.5, "lon": 36.5}  # fmt: skip
UKRAINE = {"id": "geonames:690791", "name": "Ukraine", "feature": "country", "country": "UA",
           "admin1": None, "lat": 49.0, "lon": 32.0}  # fmt: skip


def info(place: dict[str, Any]) -> PlaceInfo:
    keys = ("id", "lat", "lon", "country", "feature", "name", "admin1")
    return PlaceInfo(*(place[k] for k in keys))


def article(aid: str, text: str, events: list[dict], places: list[dict]) -> dict[str, Any]:
    """A record published on Sunday whose events happened on Sunday (``t1``), with ``places``
    as the places component gives them (their ``admin1`` kept)."""
    out = record(aid, f"Outlet {aid}", SUNDAY, text, events=events,
                 times=[time(text, "t1", "Sunday", SUNDAY)], places=places)  # fmt: skip
    out["places"] = [{**p, "mentions": []} for p in places]
    return out


def strike(aid: str, text: str, trigger: str, place: dict[str, Any]) -> dict[str, Any]:
    russia = ref(text, "russia", "Russian")
    return article(aid, text, [event(text, "e1", trigger, time="t1", place=place["id"],
                                     source=russia)], [place])  # fmt: skip


def clusters_of(records: list[dict[str, Any]]) -> list[list[str]]:
    result = link_records(records)
    return sorted(sorted(f"{m.article_id}{m.event_id}" for m in c.members) for c in result.clusters)


def test_a_first_level_division_holds_only_the_places_inside_it() -> None:
    sumy, region, kharkiv = info(SUMY), info(SUMY_REGION), info(KHARKIV_REGION)
    assert division(sumy) == division(region) == ("UA", "sumy")
    assert division(kharkiv) == ("UA", "kharkiv")
    assert Compatibility.places(region, sumy) is None  # inside: compatible, no anchor
    assert Compatibility.places(kharkiv, sumy) is False
    # two regions keep the old test: within one country, compatible without an anchor
    assert Compatibility.places(kharkiv, region) is None
    # a town whose name also names a town of the region's division may be that town misread
    palmer = PlaceInfo("geonames:4946620", 42.16, -72.33, "US", "city", "Palmer", "Massachusetts")
    alaska = PlaceInfo("geonames:5879092", 64.0, -150.0, "US", "region", "Alaska", "Alaska")
    assert Compatibility.places(alaska, palmer) is None
    # a country, or a town whose division is not known, holds or lies anywhere in its country
    assert Compatibility.places(info(UKRAINE), sumy) is None
    unknown = PlaceInfo("geonames:1", 50.0, 36.0, "UA", "city", "Somewhere", None)
    assert Compatibility.places(kharkiv, unknown) is None


def test_two_strikes_on_one_day_in_two_regions_of_one_country_stay_apart() -> None:
    kharkiv = strike("a", "Russian drones hit an energy facility in the Kharkiv region on Sunday.",
                     "hit", KHARKIV_REGION)  # fmt: skip
    sumy = strike("b", "Russian missiles hit the centre of Sumy on Sunday.", "hit", SUMY)
    assert clusters_of([kharkiv, sumy]) == [["ae1"], ["be1"]]
    # the Sumy region's report of the strike joins it
    region = strike("c", "Russian missiles hit the Sumy region on Sunday.", "hit", SUMY_REGION)
    assert clusters_of([sumy, region]) == [["be1", "ce1"]]


def test_an_unplaced_report_keeps_the_place_its_article_put_the_incident_in() -> None:
    text = ("The Russian attack on Sumy killed 11 people on Sunday. "
            "Russian forces hit the city with two missiles.")  # fmt: skip
    own = article("b", text, [
        event(text, "e1", "attack", time="t1", place=SUMY["id"],
              source=ref(text, "russia", "Russian"),
              magnitude={"killed": {"text": "11", "min": 11, "max": None}}),
        event(text, "e2", "hit", time="t1", source=ref(text, "russia", "Russian forces")),
    ], [SUMY])  # fmt: skip
    items = {i.event_id: i for i in linked_items(own)}
    assert items["e2"].place is None and items["e2"].profile_place.id == SUMY["id"]
    # an event a speaker tells keeps no place of its article (``article_place``)
    told = {**own, "events": [own["events"][0], {**own["events"][1], "attributed_to": "s1"}]}
    assert {i.event_id: i for i in linked_items(told)}["e2"].profile_place is None
    far = strike("a", "Russian drones hit an energy facility in the Kharkiv region on Sunday.",
                 "hit", KHARKIV_REGION)  # fmt: skip
    # the same attacker and wording, but the article put its strike in Sumy, another region
    assert ["ae1"] in clusters_of([far, own])
