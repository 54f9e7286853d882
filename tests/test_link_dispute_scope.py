"""What a denial disputes (session 20, dispute20, docs/link.md): the attacker's account of its
own strike names whom it hit, and that side's denial disputes it, in the same article and in
another outlet; a toll report is no accusation a denial answers; a speaker's second denial in
one article repeats the first."""

from __future__ import annotations

from functools import cache
from typing import Any

from helpers import story_records

from newsgraph.link import link_records

STRIKE = (
    "The Israeli military said it had hit Hamas militants operating from a command post in "
    "the camp."
)
OWN_ACCOUNT = {
    "two outlets": [
        ("acc", "Outlet A", "2025-05-20", STRIKE + "\n"),
        ("den", "Outlet B", "2025-05-21",
         "Hamas denied that any of its fighters were in the camp.\n"),
    ],
    "one article": [
        ("one", "Outlet A", "2025-05-20",
         STRIKE + " Medics said 12 people were killed.\nRescuers searched the rubble for hours.\n"
         "Hamas denied any connection to the camp.\n"),
    ],
}  # fmt: skip
THIRD_PARTY = {
    "rejects the account": [
        ("acc", "Outlet A", "2025-05-20", STRIKE + "\n"),
        ("den", "Outlet B", "2025-05-21",
         "UNRWA chief Philippe Lazzarini rejected the Israeli military's account, saying the "
         "agency had found no evidence of armed men in the camp.\n"),
    ],
    "rejects something else": [
        ("acc", "Outlet A", "2025-05-20", STRIKE + "\n"),
        ("den", "Outlet B", "2025-05-21",
         "The Egyptian government rejected a proposal by international mediators for a "
         "truce.\n"),
    ],
}  # fmt: skip
PLAIN_CLAIM = [
    ("acc", "Outlet A", "2025-03-15",
     "A Ukrainian drone killed a civilian driver in the town of Shebekino on Friday, Kremlin "
     "spokesman Dmitry Peskov said.\n"),
    ("den", "Outlet B", "2025-03-16",
     "Kyiv says the plant made spare parts for tractors. Russia says it assembled military "
     "drones, an account that Ukraine's Foreign Ministry dismissed as lies.\n"),
]  # fmt: skip
TOLL = [
    ("toll", "Outlet A", "2025-03-15",
     "The death toll from the Russian missile attack on a factory in Zaporizhzhia has risen to "
     "nine, Ukrainian officials said.\n"),
    ("den", "Outlet B", "2025-03-16", "The Kremlin denied targeting civilians.\n"),
]  # fmt: skip
FOLLOW_UP = [
    ("acc", "Outlet A", "2025-03-14",
     "Ukraine's Foreign Ministry accused Russia of striking civilian workers on purpose.\n"),
    ("den", "Outlet B", "2025-03-15",
     "Kremlin spokesman Dmitry Peskov rejected Kiev's claims that Russian forces had targeted "
     'civilians. "Our armed forces do not strike civilian targets," Peskov told reporters.\n'),
]  # fmt: skip


@cache
def _linked(name: str) -> tuple[dict[tuple[str, str], str], list[Any]]:
    stories = {**OWN_ACCOUNT, **THIRD_PARTY, "toll": TOLL, "follow-up": FOLLOW_UP,
               "plain claim": PLAIN_CLAIM}[name]  # fmt: skip
    records = story_records(stories)[1]
    texts = {(r["article"]["id"], s["id"]): " ".join(c["text"] for c in s["content"])
             for r in records for s in r["statements"]}  # fmt: skip
    return texts, link_records(records).links


def _disputes(name: str) -> list[tuple[str, str]]:
    texts, links = _linked(name)
    return [
        (texts[(x.article_id, x.from_id)], texts[(x.to_article_id, x.to_id)])
        for x in links
        if x.relation == "disputes"
    ]


def test_the_struck_sides_denial_disputes_the_attackers_account_in_another_outlet() -> None:
    assert _disputes("two outlets") == [
        (
            "that any of its fighters were in the camp",
            "it had hit Hamas militants operating from a command post in the camp",
        )
    ]


def test_a_later_denial_naming_nothing_disputes_the_account_in_its_own_article() -> None:
    # "Hamas denied any connection to the camp", two paragraphs below: not the toll
    assert _disputes("one article") == [
        (
            "any connection to the camp",
            "it had hit Hamas militants operating from a command post in the camp",
        )
    ]


def test_a_denial_disputes_no_toll_report() -> None:
    assert _disputes("toll") == []


def test_a_speakers_second_denial_repeats_the_first() -> None:
    texts, links = _linked("follow-up")
    first = "Kiev's claims that Russian forces had targeted civilians"
    assert _disputes("follow-up") == [(first, "Russia of striking civilian workers on purpose")]
    assert [
        (texts[(x.article_id, x.from_id)], texts[(x.to_article_id, x.to_id)])
        for x in links
        if x.relation == "repeats"
    ] == [("Our armed forces do not strike civilian targets", first)]


def test_a_third_partys_rejection_of_the_attackers_account_disputes_its_strike_account() -> None:
    assert _disputes("rejects the account") == [
        (
            "the Israeli military's account",
            "it had hit Hamas militants operating from a command post in the camp",
        )
    ]


def test_a_third_partys_rejection_of_something_else_disputes_nothing() -> None:
    assert _disputes("rejects something else") == []


def test_a_denial_of_a_plain_claim_in_its_article_disputes_no_accusation_elsewhere() -> None:
    # the Foreign Ministry dismissed Russia's account of the plant, not Peskov's accusation
    texts, _ = _linked("plain claim")
    assert _disputes("plain claim") == []
    (den,) = [r for r in story_records(PLAIN_CLAIM)[1] if r["article"]["id"] == "den"]
    denial = den["statements"][-1]
    assert denial["act"] == "denial"
    assert texts[("den", denial["disputes"])] == "it assembled military drones"
