"""A force kept on alert is CAMEO 151 / 152 (increase police / military alert status), PLOVER
MOBILIZE mode alert, whichever verb carries the state ("were", "went", "stayed", "remained",
"was put on"); residents told to stay on alert are no force posture. Sentences written for
these tests (docs/events.md, "Session 15")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.events.component import extract_events
from newsgraph.nlp import load_spacy_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def _alerts(nlp: Language, text: str) -> list[tuple[str | None, str | None]]:
    """(source span, target span) of each MOBILIZE alert event of the sentence."""
    return [
        (
            e.source.span.text if e.source.span else None,
            e.target.span.text if e.target.span else None,
        )
        for e in extract_events(nlp(text))
        if e.type == "MOBILIZE" and e.mode == "alert"
    ]


@pytest.mark.parametrize(
    ("text", "force"),
    [
        ("Indian troops were on high alert along the frontier on Sunday.", "Indian troops"),
        ("Thai soldiers went on alert after the shelling across the border.", "Thai soldiers"),
        ("The Kenyan army stayed on full alert through the night.", "The Kenyan army"),
        ("Portugal has been on high alert since the bombings in Lisbon.", "Portugal"),
    ],
)
def test_a_force_in_a_state_of_alert_is_a_mobilization(
    nlp: Language, text: str, force: str
) -> None:
    assert [source for source, _ in _alerts(nlp, text)] == [force]


@pytest.mark.parametrize(
    ("text", "force"),
    [
        # the parser makes "on" a particle and "alert" the verb's object
        ("Taiwan's navy was put on heightened alert after the missile tests.", "Taiwan's navy"),
        # ... or "on" a particle with "alert" its own object
        ("Taiwan's military was put on heightened alert after Chinese missile tests.",
         "Taiwan's military"),
    ],
)  # fmt: skip
def test_put_on_heightened_alert_reads_the_particle_as_a_preposition(
    nlp: Language, text: str, force: str
) -> None:
    assert _alerts(nlp, text) == [(None, force)]


def test_an_appeal_with_on_read_as_a_particle_is_aimed_at_its_addressee(nlp: Language) -> None:
    # "called on X to ...": X is the appeal's target (as when "on" is parsed a preposition)
    found = [
        e.target.span.text if e.target.span else None
        for e in extract_events(nlp("The senator called on fellow Republicans to reject the deal."))
        if e.type == "REQUEST"
    ]
    assert found == ["fellow Republicans"]


@pytest.mark.parametrize(
    "text",
    [
        "Residents were on alert for more flooding, the mayor said.",
        "Villagers stayed on alert after the storm warning.",
        "The alert was on the screen for an hour.",
    ],
)
def test_people_on_alert_and_other_alerts_are_no_mobilization(nlp: Language, text: str) -> None:
    assert _alerts(nlp, text) == []
