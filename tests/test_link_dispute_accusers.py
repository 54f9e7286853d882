"""Whose accusations a denial disputes across articles (session 21, dispute21, docs/link.md): a
speaker the knowledge base does not hold accusing a side of a strike, an account told in
consecutive sentences by one speaker, and a second voice of the denying side."""

from __future__ import annotations

from functools import cache

from helpers import dispute_texts, story_records

STORIES = {
    "unresolved accuser of a strike": [
        ("acc", "Outlet A", "2025-06-09",
         "Hospital director Ibrahim Khater accused the Rapid Support Forces of shelling the "
         "Al-Salam hospital in El Fasher on Sunday, killing nine patients.\n"),
        ("den", "Outlet B", "2025-06-10",
         "The Rapid Support Forces denied shelling the hospital.\n"),
    ],
    "unresolved accuser of no strike": [
        ("acc", "Outlet A", "2016-09-09",
         "Activist Jane Morrow accused Hillary Clinton of hiding the documents from the "
         "public.\n"),
        ("den", "Outlet B", "2016-09-10",
         "Hillary Clinton denied the claims about her husband's legacy.\n"),
    ],
    "two voices of one side": [
        ("acc", "Outlet A", "2025-06-09",
         "The Sudanese army accused the Rapid Support Forces of shelling the Sabreen market.\n"),
        ("den", "Outlet B", "2025-06-10",
         "The Rapid Support Forces rejected the army's accusations over the shelling of the "
         "market. RSF adviser Al-Basha Tbeiq told Al Arabiya that the group had nothing to do "
         "with the shelling.\n"),
    ],
    "one account in two sentences": [
        ("acc", "Outlet A", "2025-05-20",
         "The Israeli military said it had hit Hamas militants operating from a command post "
         "in the camp. The military said Hamas uses civilians as human shields.\n"),
        ("den", "Outlet B", "2025-05-21",
         "Hamas denied that any of its fighters were in the camp.\n"),
    ],
    "an accuser the text only describes": [
        ("one", "Outlet A", "2025-03-02",
         "Police blamed the New People's Army for the ambush that killed four soldiers near "
         "the town on Saturday. In a statement, the New People's Army denied any involvement "
         "in the ambush.\n"),
    ],
    "a denial by another side": [
        ("one", "Outlet A", "2025-03-02",
         "Police blamed the New People's Army for the ambush that killed four soldiers near "
         "the town on Saturday. The Philippine Army denied that its soldiers had been "
         "drinking before the ambush.\n"),
    ],
    "a rejected proposal": [
        ("acc", "Outlet A", "2025-06-09",
         "Hospital director Ibrahim Khater accused the Rapid Support Forces of shelling the "
         "Al-Salam hospital in El Fasher on Sunday, killing nine patients.\n"),
        ("den", "Outlet B", "2025-06-10",
         "The Rapid Support Forces rejected a proposal for a week-long truce around the city. "
         "The Rapid Support Forces also rejected the idea that its fighters shelled the "
         "hospital.\n"),
    ],
}  # fmt: skip


@cache
def _disputes(name: str) -> list[tuple[str, str]]:
    records = story_records(STORIES[name])[1]
    return dispute_texts(records)


def test_a_denial_disputes_an_unresolved_speakers_accusation_of_a_strike() -> None:
    assert _disputes("unresolved accuser of a strike") == [
        (
            "shelling the hospital",
            "the Rapid Support Forces of shelling the Al-Salam hospital in El Fasher on Sunday",
        )
    ]


def test_an_unresolved_speakers_charge_of_no_strike_draws_no_denial() -> None:
    assert _disputes("unresolved accuser of no strike") == []


def test_a_denial_disputes_the_account_its_speaker_goes_on_with() -> None:
    assert _disputes("one account in two sentences") == [
        (
            "that any of its fighters were in the camp",
            "Hamas uses civilians as human shields",
        ),
        (
            "that any of its fighters were in the camp",
            "it had hit Hamas militants operating from a command post in the camp",
        ),
    ]


def test_an_advisers_denial_after_the_sides_own_disputes_the_accusation_too() -> None:
    # two voices of one side (the adviser speaks for the RSF), not one speaker saying it again
    accused = "the Rapid Support Forces of shelling the Sabreen market"
    assert _disputes("two voices of one side") == [
        ("that the group had nothing to do with the shelling", accused),
        ("the army's accusations over the shelling of the market", accused),
    ]


def test_an_unresolved_accuser_stored_after_the_denial_is_linked_incrementally(tmp_path) -> None:
    from test_link_incremental import full_and_incremental

    acc, den = story_records(STORIES["unresolved accuser of a strike"])[1]
    expected, got = full_and_incremental(tmp_path, [den], [acc])
    assert got["links"] == expected["links"] == [("den", "s1", "acc", "s1", "disputes")]


def test_the_accuseds_denial_disputes_an_accusation_by_a_described_speaker() -> None:
    # "Police" resolves to no actor: the accuser is kept by its words (claims.described_speaker)
    assert _disputes("an accuser the text only describes") == [
        (
            "any involvement in the ambush",
            "the New People's Army for the ambush that killed four soldiers near the town on "
            "Saturday",
        )
    ]


def test_a_described_speakers_accusation_is_not_disputed_by_another_sides_denial() -> None:
    assert _disputes("a denial by another side") == []


def test_a_pronoun_describes_no_speaker() -> None:
    from newsgraph.link.claims import described_speaker

    assert described_speaker({"text": "They"}) is None
    assert described_speaker(None) is None
    assert described_speaker({"text": "local officials"}) == "unresolved:local-officials"


def test_a_rejected_proposal_disputes_no_accusation_but_a_rejected_account_does() -> None:
    # CAMEO 12 (reject a proposal) is no denial of an account (CAMEO 016); "the idea that ..."
    # holds a claim (data/en/rejected_proposals.yaml)
    assert _disputes("a rejected proposal") == [
        (
            "the idea that its fighters shelled the hospital",
            "the Rapid Support Forces of shelling the Al-Salam hospital in El Fasher on Sunday",
        )
    ]
