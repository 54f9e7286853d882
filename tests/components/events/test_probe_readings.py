"""Who did what to whom in conflict-news sentence shapes found by the session-13 probe (articles
written for the purpose; docs/events.md, "Session 13 probe"). Each rule has fit support."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.model import Event
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


def _events(pipeline: Language, text: str, kind: str = "ASSAULT") -> list[Event]:
    events = [e for e in pipeline(text)._.ng_events if e.type == kind]
    assert events, text
    return events


def _text(ref) -> str | None:  # type: ignore[no-untyped-def]
    return ref.span.text if ref is not None and ref.span is not None else None


@pytest.mark.parametrize(
    "text",
    [
        "Four villagers were killed and nine others wounded when the militia shelled the market.",
        "One guard was killed and another injured in the ambush.",
        "Two medics were killed and three others wounded near the border.",
    ],
)
def test_the_subject_of_a_gapped_passive_conjunct_is_a_victim_not_the_doer(
    full_nlp: Language, text: str
) -> None:
    """ "X were killed and Y others wounded": the conjunct shares the passive, so its subject
    was wounded; it never becomes the source."""
    for event in _events(full_nlp, text):
        source = _text(event.source) or ""
        assert "other" not in source and "another" not in source, (text, source)


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("The militia denied that its gunmen had attacked the convoy.", "its gunmen"),
        ("Moscow denied that Russian jets bombed the hospital.", "Russian jets"),
    ],
)
def test_the_clause_a_denial_governs_is_negated(full_nlp: Language, text: str, doer: str) -> None:
    """ "denied that X had attacked" says X did not, as "denied attacking" does: the act is
    recorded negated, attributed to the denial, never as the denier's word that it happened."""
    [event] = [e for e in _events(full_nlp, text) if _text(e.source) == doer]
    assert event.negated and event.attributed_to is not None


def test_a_reported_act_outside_a_denial_stays_asserted(full_nlp: Language) -> None:
    [event] = _events(full_nlp, "The ministry said that Russian jets bombed the hospital.")
    assert not event.negated


def test_an_accusation_followed_by_its_denial_was_still_made(full_nlp: Language) -> None:
    text = "Rights groups accuse the army of shelling the camp, a charge the army denies."
    [event] = _events(full_nlp, text, "ACCUSE")
    assert not event.negated


@pytest.mark.parametrize(
    ("text", "backer"),
    [
        ("The Iran-backed militia shelled the base on Sunday.", "iran"),
        ("Turkish-supported rebels attacked the town.", "turkey"),
        ("A US-allied militia ambushed the convoy.", "united-states"),
    ],
)
def test_a_backer_named_in_a_compound_is_not_the_doer(
    full_nlp: Language, text: str, backer: str
) -> None:
    [event] = _events(full_nlp, text)
    assert event.source is not None and event.source.span is not None
    assert event.source.actor != backer


def test_a_group_named_in_its_own_phrase_keeps_its_actor(full_nlp: Language) -> None:
    [event] = _events(full_nlp, "Iranian-backed Houthis attacked a tanker in the Red Sea.")
    assert event.source is not None and event.source.actor == "houthis"


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("A drone struck a car in the town of Qana on Monday.", "a car"),
        ("Rebels ambushed a bus in the Kandahar province.", "a bus"),
    ],
)
def test_a_struck_vehicle_outranks_the_place_around_it(
    full_nlp: Language, text: str, hit: str
) -> None:
    [event] = _events(full_nlp, text)
    assert _text(event.target) == hit


@pytest.mark.parametrize(
    ("text", "user"),
    [
        ("The school was hit by a rocket fired by Hamas.", "hamas"),
        ("Shells launched by the Rapid Support Forces struck the market.", "rapid-support-forces"),
    ],
)
def test_a_weapon_used_by_someone_names_its_user_as_the_doer(
    full_nlp: Language, text: str, user: str
) -> None:
    """The attack on the building is the user's; the weapon phrase stays the span."""
    struck = [e for e in _events(full_nlp, text) if _text(e.target) in ("The school", "the market")]
    assert struck and all(e.source is not None and e.source.actor == user for e in struck), text


def test_the_forces_a_possessive_names_are_its_owners(full_nlp: Language) -> None:
    """ "X said its forces shot down ...": the forces are X's."""
    text = "The Russian Defense Ministry said its troops had shelled the depot."
    [event] = _events(full_nlp, text)
    assert _text(event.source) == "its troops"
    assert event.source.actor == "russian-ministry-of-defence"


@pytest.mark.parametrize(
    "text",
    ["Government troops have retaken the airport.", "The rebels recaptured two villages."],
)
def test_retaking_a_place_is_capturing_it(full_nlp: Language, text: str) -> None:
    [event] = _events(full_nlp, text)
    assert event.source is not None and event.target is not None and event.target.span


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("Five guards were killed and nine others wounded when gunmen stormed a hotel.", "gunmen"),
        ("Two soldiers were killed and four injured when the rebels shelled a base.", "the rebels"),
    ],
)
def test_a_clause_after_casualty_conjuncts_is_the_act_that_killed(
    full_nlp: Language, text: str, doer: str
) -> None:
    """The toll of "were killed and ... wounded when X attacked" goes on the casualties' record,
    whose doer is X; X's act is a record of its own (session 24, events24)."""
    casualties, act = _events(full_nlp, text)
    assert _text(casualties.source) == doer and casualties.magnitude["killed"]["min"] > 0
    assert _text(act.source) == doer and not act.magnitude


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("A drone launched from Syria hit Haifa on Monday.", "Haifa"),
        ("Two rockets fired from Gaza struck Sderot overnight.", "Sderot"),
        ("A bomb planted by unknown men exploded in Mosul.", None),
    ],
)
def test_a_weapons_launch_and_its_hit_are_one_attack(
    full_nlp: Language, text: str, place: str | None
) -> None:
    """ "A drone launched from X hit Y": one ASSAULT, its launch evidence of the hit; the
    launch place is no doer (the weapon phrase may stay the span, naming no actor)."""
    [event] = _events(full_nlp, text)
    assert place is None or _text(event.target) == place
    assert len(event.evidence) >= 2, [e.text for e in event.evidence]
    assert event.source is None or event.source.actor is None


def test_a_weapon_an_act_meets_keeps_its_own_launch(full_nlp: Language) -> None:
    """ "shot down a drone launched from X": the interception is not the drone's attack, so
    the launch is not folded into it."""
    text = "Air defences shot down a drone launched from Syria on Monday."
    shooting = [e for e in _events(full_nlp, text) if "shot" in [x.text for x in e.evidence]]
    assert shooting and all("launched" not in [x.text for x in e.evidence] for e in shooting)
