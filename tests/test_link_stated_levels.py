"""One clash told by three outlets that name its place at three stated levels (a sitio, its
barangay, the city), none of them in the gazetteer, is one cluster; two barangays are two sites
(``data/en/place_levels.yaml``, ``link/unlocated.py``)."""

from __future__ import annotations

from test_link_place_levels import clusters_of, report

from newsgraph.link.compatibility import Compatibility
from newsgraph.link.event_items import PlaceInfo
from newsgraph.link.unlocated import stated_level


def local(name: str, country: str | None = None) -> dict:
    slug = name.lower().replace(" ", "-")
    return {"id": f"newsgraph:local:{(country or 'xx').lower()}:{slug}", "name": name,
            "feature": "town", "country": country, "lat": None, "lon": None}  # fmt: skip


SITIO = local("Sitio Bantay", "PH")
BARANGAY = local("Barangay Maliwanag")
CITY = local("Dalisay City", "PH")
OTHER_BARANGAY = local("Barangay Tamisan")


def info(place: dict) -> PlaceInfo:
    return PlaceInfo(place["id"], country=place["country"], feature="town", name=place["name"])


def test_stated_levels() -> None:
    assert [stated_level(info(p)) for p in (SITIO, BARANGAY, CITY)] == [1, 2, 3]
    school = PlaceInfo("newsgraph:local:xx:al-huda-school", name="al-Huda school")
    assert stated_level(school) is None


def test_places_of_two_stated_levels_are_compatible_without_an_anchor() -> None:
    assert Compatibility.places(info(SITIO), info(BARANGAY)) is None
    assert Compatibility.places(info(BARANGAY), info(CITY)) is None
    # two barangays are two sites, as two local names of one level were before
    assert Compatibility.places(info(BARANGAY), info(OTHER_BARANGAY)) is False


def test_one_clash_named_at_three_levels_is_one_cluster_and_another_barangay_apart() -> None:
    records = [
        report("a", "A strike on Sitio Bantay killed five people on Monday.", SITIO, 5),
        report("b", "A strike in Barangay Maliwanag killed five people on Monday.", BARANGAY, 5),
        report("c", "A strike in Dalisay City killed five people on Monday.", CITY, 5),
        report("d", "A strike in Barangay Tamisan killed five on Monday.", OTHER_BARANGAY, 5),
    ]
    clusters = clusters_of(records)
    assert ["ae1", "be1"] in [c[:2] for c in clusters]
    assert not any("be1" in c and "de1" in c for c in clusters)
