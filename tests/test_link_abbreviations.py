"""An organisation's initials used alone after its name are that organisation ("The AA"), so a
denial by them disputes the accusation it answers (session 23, dispute23, docs/link.md)."""

from __future__ import annotations

from helpers import story_records

from newsgraph.link import link_records

ABBREVIATION = [
    ("acc", "Outlet A", "2025-08-14",
     "The Myanmar military accused the Arakan Army of shelling Sittwe General Hospital on "
     "Wednesday, killing three patients.\n"),
    ("den", "Outlet B", "2025-08-14",
     "Shells struck the hospital in Sittwe on Wednesday. The military blamed the Arakan Army "
     "for the shelling. The AA denied firing at the hospital.\n"),
]  # fmt: skip


def test_an_organisations_initials_after_its_name_are_the_organisation() -> None:
    records = story_records(ABBREVIATION)[1]
    denial = next(s for s in records[1]["statements"] if s["act"] == "denial")
    assert (denial["speaker"]["actor"], denial["speaker"]["span"]["text"]) == (
        "arakan-army",
        "The AA",
    )
    ends = {
        (x.article_id, x.to_article_id)
        for x in link_records(records).links
        if x.relation == "disputes" and x.from_id == denial["id"]
    }
    assert (records[1]["article"]["id"], records[0]["article"]["id"]) in ends
