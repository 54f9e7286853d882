"""``link`` on small multi-article stories run through the whole pipeline: one strike told by
four outlets in their own words, tolls and names for the attacker is one cluster that shows the
differing tolls; separate strikes on one day in one city stay apart."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from newsgraph.link import link_records
from newsgraph.model import Article

STORIES = [
    # one strike, four outlets: tolls 9 / 11 / 10 / 12, "airstrike" / "bombed" / "struck" /
    # "carried out an airstrike", the attacker as Israel, its warplanes, its military, the IDF
    ("k1", "Outlet A", "2025-03-11",
     "An Israeli airstrike hit a house in Khan Younis on Tuesday, killing nine people, health "
     "officials said."),
    ("k2", "Outlet B", "2025-03-11",
     "Israeli warplanes bombed a home in Khan Younis on Tuesday. Eleven people were killed in "
     "the strike, medics said."),
    ("k3", "Outlet C", "2025-03-12",
     "The Israeli military struck a house in Khan Younis on Tuesday, killing 10 people, "
     "according to the Gaza health ministry."),
    ("k4", "Outlet D", "2025-03-11",
     "The IDF carried out an airstrike on a house in Khan Younis on Tuesday that killed 12 "
     "people."),
    # three strikes in one city on one day: other sides, other tolls
    ("d1", "Outlet E", "2025-03-12",
     "Israeli tanks shelled Deir al-Balah on Wednesday, killing four civilians."),
    ("d2", "Outlet F", "2025-03-12",
     "Hamas fighters attacked Israeli troops in Deir al-Balah on Wednesday, killing three "
     "soldiers."),
    ("d3", "Outlet G", "2025-03-12",
     "An Israeli airstrike on a school in Deir al-Balah killed 25 people on Wednesday."),
    # one shooting, the attacker named as "Palestinian gunmen", "Hamas militants", "gunmen"
    ("n1", "Outlet H", "2025-03-16",
     "Palestinian gunmen opened fire on a bus near Nablus on Sunday, wounding three Israelis, "
     "the army said."),
    ("n2", "Outlet I", "2025-03-16",
     "Hamas militants shot at an Israeli bus near Nablus on Sunday, wounding three passengers."),
    ("n3", "Outlet J", "2025-03-17",
     "Gunmen fired on a bus carrying Israeli settlers near Nablus on Sunday, wounding three "
     "people."),
    # one town, one day, two attackers of different countries: "Jordanian gunmen" is no
    # account of "Hamas militants"
    ("j1", "Outlet K", "2025-03-20",
     "Jordanian gunmen opened fire on a police post near Jericho on Thursday, wounding two "
     "officers."),
    ("j2", "Outlet L", "2025-03-20",
     "Hamas militants shot at a police post near Jericho on Thursday, wounding two officers."),
]  # fmt: skip


@pytest.fixture(scope="module")
def linked() -> Any:
    from newsgraph.pipeline import Annotator

    articles = [
        Article(id=aid, text=text, outlet=outlet, published=date.fromisoformat(day), language="en")
        for aid, outlet, day, text in STORIES
    ]
    return link_records(list(Annotator().annotate(articles)))


def cluster_of(result: Any, article_id: str) -> Any:
    """The cluster of the article's first event."""
    return next(c for c in result.clusters if (article_id, "e1") in {m.key for m in c.members})


def test_one_strike_in_four_outlets_words_and_tolls_is_one_cluster(linked) -> None:
    cluster = cluster_of(linked, "k1")
    assert {m.article_id for m in cluster.members} >= {"k1", "k2", "k3", "k4"}
    assert cluster.outlets == ["Outlet A", "Outlet B", "Outlet C", "Outlet D"]
    summary = cluster.consensus()
    tolls = {v["value"]: v["outlets"] for v in summary["fields"]["killed"]}
    assert tolls[9] == ["Outlet A"] and tolls[10] == ["Outlet C"]
    assert "killed" in summary["differing"] and summary["disputed"] is True
    # idf under israel: one account of the attacker, not a difference
    assert "source" not in summary["differing"]


def test_strikes_on_one_day_in_one_city_stay_apart(linked) -> None:
    clusters = [cluster_of(linked, a) for a in ("d1", "d2", "d3")]
    assert len({c.id for c in clusters}) == 3
    assert all({m.article_id for m in c.members} <= {"d1", "d2", "d3"} for c in clusters)
    assert all(len({m.article_id for m in c.members}) == 1 for c in clusters)


def test_an_attacker_named_by_nationality_or_by_group_is_one_account(linked) -> None:
    assert cluster_of(linked, "n1").id == cluster_of(linked, "n2").id == cluster_of(linked, "n3").id
    # "Palestinian gunmen" and "Hamas militants": one account of the attacker, not two sides
    assert "source" not in cluster_of(linked, "n1").consensus()["differing"]


def test_gunmen_of_another_country_stay_apart_from_a_group(linked) -> None:
    assert cluster_of(linked, "j1").id != cluster_of(linked, "j2").id


def test_the_shooting_joins_the_report_that_names_no_attacker(linked) -> None:
    assert cluster_of(linked, "n1").id == cluster_of(linked, "n3").id
    assert cluster_of(linked, "n1").id != cluster_of(linked, "k1").id
