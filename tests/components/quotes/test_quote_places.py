"""Where a statement was made: stated places, not the places it talks about."""

from __future__ import annotations

import pytest

from newsgraph.pipeline import annotate_text


@pytest.fixture(scope="module")
def kharkiv_record() -> dict:
    return annotate_text(
        "During a visit to Kharkiv on Tuesday, President Volodymyr Zelensky accused Russia of "
        "targeting civilians in Sumy.\n"
        '"They are shelling homes here every night," Zelensky said.\n'
        "The army sent a message to its soldiers in Donetsk.\n",
        published="2024-05-21",
        outlet="Kyiv Independent",
    )


def place_names(record: dict) -> dict[str, str]:
    return {p["id"]: p["name"] for p in record["places"]}


def statement_places(record: dict) -> list[tuple[str | None, str, str | None]]:
    names = place_names(record)
    return [(s["speaker"]["actor"], s["act"], names.get(s["place"])) for s in record["statements"]]


def test_the_place_of_the_visit_is_where_the_accusation_was_made(kharkiv_record: dict) -> None:
    accusation = statement_places(kharkiv_record)[0]
    assert accusation == ("volodymyr-zelensky", "accusation", "Kharkiv")


def test_a_quote_saying_here_takes_the_speakers_place_just_before(kharkiv_record: dict) -> None:
    speaker, _, place = statement_places(kharkiv_record)[1]
    assert (speaker, place) == ("volodymyr-zelensky", "Kharkiv")


def test_places_of_addressees_and_content_are_not_the_statements_place() -> None:
    record = annotate_text(
        "The brigade sent the following message to its fighters in Lebanon.\n"
        '"Hold your positions. We are with you."\n'
        "The governor said on Monday that Russian troops had shelled Kherson overnight.\n",
        published="2024-05-21",
    )
    names = place_names(record)
    assert {"Lebanon", "Kherson"} <= set(names.values())
    acts = [(s["act"], s["cue"]["lemma"], s["place"]) for s in record["statements"]]
    assert ("message", "send", None) in acts
    assert [place for act, lemma, place in acts if lemma == "say"] == [None]
