"""Records that would name a wrong party (session 16, probe F): a party inside an accusation's
charge is not the accused."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.model import Event
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


def _events(pipeline: Language, text: str, kind: str) -> list[Event]:
    return [e for e in pipeline(text)._.ng_events if e.type == kind]


def _target_text(event: Event) -> str | None:
    return event.target.span.text if event.target.span is not None else None


@pytest.mark.parametrize(
    ("text", "accused"),
    [
        # the accused is a noun no party class names: the charge's victims outranked it
        ("The monitors accused the insurgents of abuses against villagers.", "the insurgents"),
        # the learned choice preferred the victims of the charge to the accused army
        ("Amnesty accused the army of attacks against farmers.", "the army"),
        # a conjoined accused, with "both"
        (
            "The watchdog accused both the rebels and the police of crimes against students.",
            "both the rebels and the police",
        ),
        # the passive accused
        ("The guards were accused of violence against prisoners.", "The guards"),
    ],
)
def test_an_accusation_is_aimed_at_the_accused_not_the_victims_of_its_charge(
    full_nlp: Language, text: str, accused: str
) -> None:
    [accusation] = _events(full_nlp, text, "ACCUSE")
    assert (_target_text(accusation) or "").startswith(accused)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Kyiv accused Moscow on Tuesday.", "Moscow"),
        # "blame X on Y": the object is the charge, not the accused; taken as the accused
        # without its charge phrase, it would be the target
        ("The ministry blamed the blast on the rebels.", "the rebels"),
    ],
)
def test_an_accusation_with_no_charge_phrase_keeps_the_usual_choice(
    full_nlp: Language, text: str, target: str
) -> None:
    """No "of" / "for" charge: the frame does not apply and the rules decide as before."""
    [accusation] = _events(full_nlp, text, "ACCUSE")
    assert _target_text(accusation) == target


@pytest.mark.parametrize(
    "text",
    [
        "Rebels attacked a convoy near the town, according to the monitoring group.",
        "Militants shelled the village last week, according to local residents.",
    ],
)
def test_a_report_according_to_someone_is_no_accusation_by_them(
    full_nlp: Language, text: str
) -> None:
    """Probe H: "X attacked Y, according to Z" is X's attack attributed to Z (CAMEO 01 for Z's
    report), not Z's accusation (CAMEO 112 needs a verb that accuses, as "said" does not)."""
    doc = full_nlp(text)
    assert not [e for e in doc._.ng_events if e.type == "ACCUSE"]
    [attack] = [e for e in doc._.ng_events if e.type == "ASSAULT"]
    assert attack.attributed_to is not None


@pytest.mark.parametrize(
    ("text", "kind", "source"),
    [
        ("President Putin ordered him to leave.", "REQUEST", "vladimir-putin"),
        ("Erdogan said he was criticising him.", "ACCUSE", "recep-tayyip-erdogan"),
    ],
)
def test_a_pronoun_is_not_its_own_events_other_party(
    full_nlp: Language, text: str, kind: str, source: str
) -> None:
    """ "Putin ordered him": "him" is never Putin (a non-reflexive pronoun and the other party
    of its own event), so it keeps its words and no actor rather than Putin's."""
    [event] = _events(full_nlp, text, kind)
    assert event.source.actor == source
    assert _target_text(event) == "him"
    assert event.target.actor is None


def test_a_phrase_owned_by_a_pronoun_is_not_its_owner(full_nlp: Language) -> None:
    """ "she shot her daughter": the daughter is not the mother, who stays the source."""
    text = "Sherry Campbell said she shot her daughter after mistaking her for an intruder."
    [attack] = _events(full_nlp, text, "ASSAULT")
    assert attack.source.actor == "unresolved:sherry-campbell"
    assert _target_text(attack) == "her daughter"
    assert attack.target.actor is None
