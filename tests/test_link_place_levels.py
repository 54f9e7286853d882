"""One incident named at three levels by three outlets (the city, its region, a neighbourhood
the gazetteer cannot locate) is one cluster; a place without a point is read through the
gazetteer's towns (``link/unlocated.py``); two strikes in one city on one day stay apart; and an
event whose own sentence names no place keeps the place its incident profile names elsewhere
in its article (``EventItem.profile_place``)."""

from __future__ import annotations

from typing import Any

from test_link import GAZA_STRIP, RAFAH, event, record, ref, time

from newsgraph.link import link_records
from newsgraph.link.compatibility import Compatibility
from newsgraph.link.event_items import PlaceInfo
from newsgraph.link.incident_profiles import linked_items

MONDAY = "2024-08-05"
# a neighbourhood of Rafah the gazetteer does not hold: a local place without a point
TEL_AL_SULTAN = {"id": "newsgraph:local:xx:tel-al-sultan", "name": "Tel al-Sultan",
                 "feature": "district", "country": None, "lat": None, "lon": None}  # fmt: skip
# a school without a point, in the same city
SCHOOL = {"id": "newsgraph:local:ps:al-huda-school", "name": "al-Huda school",
          "feature": "landmark", "country": "PS", "lat": None, "lon": None}  # fmt: skip
KHAN_YUNIS = {"id": "geonames:281124", "name": "Khān Yūnis", "feature": "city", "country": "PS",
              "lat": 31.34018, "lon": 34.30627}  # fmt: skip
JENIN_CAMP = {"id": "newsgraph:jenin-camp", "name": "Jenin refugee camp", "feature": "camp",
              "country": "PS", "lat": 32.46, "lon": 35.29}  # fmt: skip


def toll(killed: int) -> dict[str, Any]:
    return {"killed": {"text": str(killed), "min": killed, "max": None}}


def report(aid: str, text: str, place: dict[str, Any], killed: int, **fields: Any) -> dict:
    """A strike on Monday at ``place`` that killed ``killed``."""
    return record(aid, f"Outlet {aid}", MONDAY, text,
                  events=[event(text, "e1", "strike", time="t1", place=place["id"],
                                magnitude=toll(killed), **fields)],
                  times=[time(text, "t1", "Monday", MONDAY)], places=[place])  # fmt: skip


def clusters_of(records: list[dict[str, Any]]) -> list[list[str]]:
    result = link_records(records)
    return sorted(sorted(f"{m.article_id}{m.event_id}" for m in c.members) for c in result.clusters)


def test_one_incident_named_by_city_region_and_neighbourhood_is_one_cluster() -> None:
    city = report("a", "A strike in Rafah killed nine people on Monday.", RAFAH, 9)
    region = report("b", "An Israeli strike in the Gaza Strip killed nine on Monday.",
                    GAZA_STRIP, 9)  # fmt: skip
    ward = report("c", "A strike on Tel al-Sultan killed nine people on Monday.", TEL_AL_SULTAN, 9)
    assert clusters_of([city, region, ward]) == [["ae1", "be1", "ce1"]]


def test_two_strikes_in_one_city_on_one_day_stay_apart() -> None:
    market = "A strike on the market in Rafah killed 18 people on Monday morning."
    school = "A strike on al-Huda school killed six people on Monday evening."
    records = [
        report("a", market, RAFAH, 18),
        report("b", school, SCHOOL, 6),
        report("c", "A strike on a market in Rafah killed 19 people on Monday.", RAFAH, 19),
        report("d", "Six people died in a strike on al-Huda school on Monday.", SCHOOL, 6),
    ]
    assert clusters_of(records) == [["ae1", "ce1"], ["be1", "de1"]]


def test_a_place_without_a_point_is_read_through_the_gazetteers_towns() -> None:
    khan_yunis = PlaceInfo(KHAN_YUNIS["id"], KHAN_YUNIS["lat"], KHAN_YUNIS["lon"], "PS", "city",
                           KHAN_YUNIS["name"])  # fmt: skip
    rafah = PlaceInfo(RAFAH["id"], RAFAH["lat"], RAFAH["lon"], "PS", "city", "Rafah")
    # the town written as a local area, in another spelling: the same place
    area = PlaceInfo("newsgraph:local:xx:khan-younis", feature="area", name="Khan Younis")
    assert Compatibility.places(area, khan_yunis) is True
    # a neighbourhood nowhere in the gazetteer: compatible, no anchor
    ward = PlaceInfo(TEL_AL_SULTAN["id"], name="Tel al-Sultan", feature="district")
    assert Compatibility.places(ward, rafah) is None
    # a building named after a town far away still splits; so does another country
    nablus = PlaceInfo("newsgraph:local:xx:nablus-central-hospital", name="Nablus Central Hospital")
    assert Compatibility.places(nablus, rafah) is False
    abroad = PlaceInfo("newsgraph:local:eg:el-arish-port", country="EG", name="El Arish port")
    assert Compatibility.places(abroad, rafah) is False


RAID = "Israeli forces raided Jenin refugee camp on Monday. Troops stormed the camp at dawn."


def raid_article() -> dict[str, Any]:
    return record("j", "Outlet j", MONDAY, RAID,
                  events=[event(RAID, "e1", "raided", time="t1", place=JENIN_CAMP["id"]),
                          event(RAID, "e2", "stormed", source=ref(RAID, "idf", "Troops"))],
                  times=[time(RAID, "t1", "Monday", MONDAY)], places=[JENIN_CAMP])  # fmt: skip


def test_an_event_keeps_the_place_its_incident_profile_names() -> None:
    items = {i.event_id: i for i in linked_items(raid_article())}
    assert items["e2"].place is None
    assert items["e2"].profile == "e1" and items["e2"].profile_place.id == JENIN_CAMP["id"]
    strike = "The Israeli army carried out a strike in Khan Younis on Monday, killing 12."
    strikes = [
        report(aid, strike, KHAN_YUNIS, 12, source=ref(strike, "idf", "The Israeli army"))
        for aid in ("k", "m")
    ]
    # "Troops stormed the camp" (the IDF, no place of its own) is no report of the strike in
    # Khan Younis that day, though the IDF is named in both
    assert ["ke1", "me1"] in clusters_of([*strikes, raid_article()])


def test_two_sites_without_a_point_in_one_town_stay_two_places() -> None:
    school = PlaceInfo(SCHOOL["id"], country="PS", feature="landmark", name="al-Huda school")
    market = PlaceInfo("newsgraph:local:ps:al-najjar-market", country="PS", feature="landmark",
                       name="al-Najjar market")  # fmt: skip
    assert Compatibility.places(school, market) is False
    # one site read in two articles, once with its country and once without: one place
    told = PlaceInfo("newsgraph:local:xx:al-huda-school", feature="landmark", name="Al-Huda School")
    assert Compatibility.places(school, told) is True
