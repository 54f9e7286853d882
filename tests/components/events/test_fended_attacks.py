"""War-reporting forms the reader missed on the written probes (issue 13, session 23): fighting
off an attack (CAMEO verb dictionary REPULSE [190]) and retaliating (PHYSICAL_CONFLICT [190])
are attacks, "neutralised N terrorists" is a killing of armed opponents (the framing lexicon's
neutral reading); docs/events.md, "events23"."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.events.component import extract_events
from newsgraph.nlp import load_spacy_model

from .found_events import found, types


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


@pytest.mark.parametrize(
    "text",
    [
        "The soldiers repelled the attack near the bridge.",
        "Government troops repulsed an assault on the airport on Monday.",
    ],
)
def test_a_fended_attack_is_the_defenders_assault(nlp: Language, text: str) -> None:
    events = found(nlp, text)
    assert [t for t, _, _ in events] == ["ASSAULT"]
    assert events[0][1] in ("The soldiers", "Government troops")


def test_the_fended_acts_author_is_the_target(nlp: Language) -> None:
    events = found(nlp, "The army repelled an assault by the rebels on the town of Kadira.")
    assert ("ASSAULT", "The army", "the rebels") in events
    # the rebels' own assault stays a record of its own
    assert any(src == "the rebels" for _, src, _ in events)


def test_the_defenders_own_base_is_no_target(nlp: Language) -> None:
    events = found(nlp, "The peacekeepers repelled an attack on their base in Kadira.")
    assert events == [("ASSAULT", "The peacekeepers", None)]


@pytest.mark.parametrize(
    ("text", "second"),
    [
        ("The unit repelled the attack, killing 17 assailants.", "killing"),
        ("The militia repulsed the attack and killed 12 soldiers.", "killed"),
        ("The defenders repelled the attacks and destroyed four armoured vehicles.", "destroyed"),
    ],
)
def test_a_clause_after_a_defence_is_an_act_of_its_own(
    nlp: Language, text: str, second: str
) -> None:
    events = extract_events(nlp(text))
    assert len(events) == 2
    assert [[s.text for s in e.evidence] for e in events][1] == [second]


def test_retaliated_is_an_attack(nlp: Language) -> None:
    assert types(nlp, "Afghan forces retaliated against the border posts on Thursday.") == [
        "ASSAULT"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The army neutralised 23 terrorists in the forest on Tuesday.",
        "Both militants were neutralised in the ensuing exchange of fire.",
    ],
)
def test_neutralised_armed_opponents_is_an_attack(nlp: Language, text: str) -> None:
    assert types(nlp, text) == ["ASSAULT"]


def test_neutralised_counts_the_killed(nlp: Language) -> None:
    (event,) = extract_events(nlp("Security forces neutralised 23 terrorists on Tuesday."))
    assert event.magnitude["killed"]["min"] == 23


@pytest.mark.parametrize(
    "text",
    [
        "The government wants to neutralize the threat of a strike.",
        "The reform neutralised the opposition's best argument.",
    ],
)
def test_neutralising_a_threat_is_no_attack(nlp: Language, text: str) -> None:
    assert "ASSAULT" not in types(nlp, text)


def test_an_act_its_author_owns_keeps_its_record(nlp: Language) -> None:
    events = found(nlp, "The army repelled the rebels' assault on the town.")
    assert ("ASSAULT", "The army", None) in events
    assert len(events) == 2
