"""A spokesperson's own quoted denial disputes the accusation (session 24, dispute24,
docs/link.md): "'We categorically reject the baseless allegations made by Pakistan,' External
Affairs Ministry spokesperson Randhir Jaiswal told reporters" is India's foreign ministry
denying, across outlets and in its own article; a quoted denial of another matter by a
third party disputes nothing."""

from __future__ import annotations

from functools import cache

from helpers import dispute_texts, story_records

from newsgraph.link.speakers import NAMELESS, speaking_for

ACCUSATION = (
    "acc", "Outlet A", "2025-09-17",
    "The Pakistani military's media wing accused India of sponsoring the attack on a passenger "
    "bus in Kalat district.\n",
)  # fmt: skip
DENIAL = (
    "den", "Outlet B", "2025-09-18",
    '"We categorically reject the baseless allegations made by Pakistan," India\'s External '
    "Affairs Ministry said in a statement.\n",
)  # fmt: skip
OWN_ARTICLE = (
    "own", "Outlet C", "2025-09-18",
    "Pakistan's military blamed India for sponsoring the attack on a passenger bus. "
    '"We categorically reject the baseless allegations made by Pakistan," India\'s External '
    "Affairs Ministry said in a statement.\n",
)  # fmt: skip
OTHER_MATTER = (
    "other", "Outlet D", "2025-09-18",
    '"We reject the claims about our tax returns," the Trump campaign said.\n',
)  # fmt: skip


@cache
def _records(*keys: str) -> list[dict]:
    stories = {"acc": ACCUSATION, "den": DENIAL, "own": OWN_ARTICLE, "other": OTHER_MATTER}
    return story_records([stories[k] for k in keys])[1]


def _disputes(*keys: str) -> list[tuple[str, str]]:
    records = _records(*keys)
    return dispute_texts(records)


def test_a_quoted_first_person_rejection_of_the_allegations_is_a_denial() -> None:
    (record,) = _records("den")
    assert [s["act"] for s in record["statements"]] == ["denial"]
    assert record["statements"][0]["speaker"]["actor"] == "indian-ministry-of-external-affairs"


def test_the_quoted_denial_disputes_the_accusation_across_outlets() -> None:
    disputed = [a for _, a in _disputes("acc", "den")]
    assert any("India of sponsoring the attack" in a for a in disputed)


def test_the_quoted_denial_disputes_the_accusation_in_its_own_article() -> None:
    (record,) = _records("own")
    accusation, denial = record["statements"]
    assert (accusation["act"], denial["act"]) == ("accusation", "denial")
    assert denial["disputes"] == accusation["id"]  # the record's own link


def test_a_quoted_denial_of_another_matter_disputes_nothing() -> None:
    assert _disputes("acc", "other") == []


def test_a_titled_speaker_whose_name_has_no_mention_speaks_for_the_organisation() -> None:
    text = "Russia's Defence Ministry spokesman Igor Konashenkov denied it."
    record = {
        "article": {"id": "a", "text": text},
        "actors": [{"id": "russian-ministry-of-defence",
                    "mentions": [{"start": 0, "end": 25, "text": "Russia's Defence Ministry"}]}],
        "statements": [{"id": "s1", "act": "denial",
                        "speaker": {"actor": None,
                                    "span": {"start": 0, "end": 52, "text": text[:52]}}}],
    }  # fmt: skip
    assert speaking_for(record) == {NAMELESS + "s1": "russian-ministry-of-defence"}
