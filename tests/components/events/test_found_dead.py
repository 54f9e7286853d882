"""Dead told in other forms (session 26, killedP): bodies found, discovered or recovered
(``phrases`` with ``found_dead`` in ``event_triggers.yaml``) and tolls that rise or are
counted "since" a date."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


def _assaults(pipeline: Language, text: str) -> list:
    return [e for e in pipeline(text)._.ng_events if e.type == "ASSAULT"]


def _killed(event) -> int | None:
    return (event.magnitude.get("killed") or {}).get("min")


def _party(ref) -> str | None:
    """The party's phrase, or None where the event has none."""
    return ref.span.text if ref is not None and ref.span is not None else None


@pytest.mark.parametrize(
    ("text", "killed", "dead"),
    [
        ("The bodies of six farmers were found near the river on Monday.", 6, "farmers"),
        ("Villagers discovered the bodies of three teachers in a ditch.", 3, "teachers"),
        ("Eleven bodies were recovered from the rubble of the market.", 11, "bodies"),
        ("The body of a young man was found in his burned shop.", 1, "man"),
    ],
)
def test_bodies_found_are_a_killing_with_its_count(
    full_nlp: Language, text: str, killed: int, dead: str
) -> None:
    """The dead found are a violent death (ASSAULT) with its count; the finder is no doer."""
    events = _assaults(full_nlp, text)
    assert len(events) == 1, events
    assert _killed(events[0]) == killed
    assert _party(events[0].source) is None
    assert dead in (_party(events[0].target) or "")


def test_bodies_found_after_a_kidnapping_are_a_record_of_their_own(full_nlp: Language) -> None:
    """ "found ... a day after they were kidnapped": the dead found do not fold into the
    kidnapping of the clause after them."""
    text = (
        "The bodies of two drivers were found in a field on Friday, a day after they were "
        "kidnapped by gunmen."
    )
    events = full_nlp(text)._.ng_events
    found = [e for e in events if _killed(e) == 2]
    assert len(found) == 1 and found[0].type == "ASSAULT"
    assert _party(found[0].source) is None
    assert any(e is not found[0] and e.type in ("COERCE", "ASSAULT") for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "The bodies were found by farmers near the village.",
        "Rescuers recovered more bodies from the rubble on Wednesday.",
        "Six more bodies were found under the collapsed roof of the market.",
    ],
)
def test_the_bodies_told_before_are_no_new_record(full_nlp: Language, text: str) -> None:
    """ "the bodies" (no count, no "of", no possessor) refers back to the dead already told;
    "more bodies" adds to them."""
    assert _assaults(full_nlp, text) == []


def test_finding_weapons_is_no_killing(full_nlp: Language) -> None:
    assert _assaults(full_nlp, "Police found two rifles in a car near the border.") == []


def test_a_rising_toll_with_no_event_to_update_is_a_killing_of_its_own(
    full_nlp: Language,
) -> None:
    """ "The death toll ... since March has risen to 60": no attack told before it to
    update, so the toll is a killing of its own with its count (``rising_toll``)."""
    text = "The death toll from the fighting in the province since March has risen to 60."
    events = _assaults(full_nlp, text)
    assert [_killed(e) for e in events] == [60]
    assert _party(events[0].source) is None


def test_a_toll_that_only_stands_is_no_killing_of_its_own(full_nlp: Language) -> None:
    assert _assaults(full_nlp, "Officials say the death toll is at least 45.") == []


def test_a_rising_toll_in_reach_still_updates_the_attack(full_nlp: Language) -> None:
    text = "Gunmen attacked a village near the river. The death toll rose to 12 on Tuesday."
    assert [_killed(e) for e in _assaults(full_nlp, text)] == [12]


def test_a_side_that_lost_its_fighters_in_attacks_counts_them_killed(full_nlp: Language) -> None:
    """ "had lost 15 members in attacks by X": the dead of the attack (a `lose` phrase)."""
    text = "The union said it had lost 15 members in attacks by the militia this year."
    assert [_killed(e) for e in _assaults(full_nlp, text)] == [15]


def test_a_party_that_lost_members_to_a_rival_is_no_killing(full_nlp: Language) -> None:
    assert _assaults(full_nlp, "The party lost 12 members to the rival bloc last year.") == []


def test_a_toll_since_a_date_is_no_attacks_toll(full_nlp: Language) -> None:
    """ "The death toll from the violence since January has risen to 80": a sum of many acts,
    so the attack told just before keeps its own figure and the toll is a killing of its own."""
    text = (
        "A drone attack on an army base wounded three soldiers. The death toll from the "
        "violence in the region since January has risen to 80, the governor said."
    )
    events = _assaults(full_nlp, text)
    assert sorted((_killed(e) or 0) for e in events) == [0, 80]
