"""A third party's confirmation supports the account it confirms, and a denial of the account
disputes it (session 23, dispute23, docs/link.md "Confirmations")."""

from __future__ import annotations

from functools import cache

from helpers import story_records

from newsgraph.link import link_records

STORIES = {
    "a confirmation": [
        ("acc", "Outlet A", "2025-09-05",
         "The Congolese army accused the M23 rebels of shelling the Bulengo camp on Thursday. "
         "The United Nations mission in Congo said its peacekeepers had observed shells fired "
         "from M23 positions.\n"),
        ("den", "Outlet B", "2025-09-06",
         "The M23 denied shelling the camp.\n"),
    ],
    "no word of sight": [
        ("acc", "Outlet A", "2025-09-05",
         "The Congolese army accused the M23 rebels of shelling the Bulengo camp on Thursday. "
         "The United Nations mission in Congo said shells fired from M23 positions landed in "
         "the camp.\n"),
        ("den", "Outlet B", "2025-09-06",
         "The M23 denied shelling the camp.\n"),
    ],
}  # fmt: skip


@cache
def _links(name: str) -> list[tuple[str, str, str]]:
    records = story_records(STORIES[name])[1]
    texts = {(r["article"]["id"], s["id"]): " ".join(c["text"] for c in s["content"])
             for r in records for s in r["statements"]}  # fmt: skip
    return sorted(
        (x.relation, texts[(x.article_id, x.from_id)], texts[(x.to_article_id, x.to_id)])
        for x in link_records(records).links
        if x.relation in ("disputes", "supports")
    )


def test_a_confirmation_supports_the_account_and_the_denial_disputes_it() -> None:
    seen = "its peacekeepers had observed shells fired from M23 positions"
    account = "the M23 rebels of shelling the Bulengo camp on Thursday"
    assert _links("a confirmation") == [
        ("disputes", "shelling the camp", seen),
        ("disputes", "shelling the camp", account),
        ("supports", seen, account),
    ]


def test_a_third_partys_statement_that_tells_no_sighting_confirms_nothing() -> None:
    assert _links("no word of sight") == [
        ("disputes", "shelling the camp", "the M23 rebels of shelling the Bulengo camp on Thursday")
    ]


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
