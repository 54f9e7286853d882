"""Who the speaker is, and who is not (session 23, "party23"): a speaker's own act conjoined to
what the speaker reports; a third person's pronoun before the speech verb."""

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


def _source_text(event: Event) -> str | None:
    return event.source.span.text if event.source.span is not None else None


@pytest.mark.parametrize(
    ("text", "kind", "speaker"),
    [
        # the parser conjoins "accused" to the reported clause, whose subject is the troops
        (
            "The defence minister said the country's soldiers would hold the ridge and "
            "accused the rebels of shelling a school.",
            "ACCUSE",
            "The defence minister",
        ),
        # a denial's complement: the charge is the movement's, not its fighters'
        (
            "The movement denied that its fighters had fled and accused the police of "
            "burning a market.",
            "ACCUSE",
            "The movement",
        ),
        # an appeal conjoined to a claim
        (
            "The governor said the floods had cut the road and urged the army to send boats.",
            "REQUEST",
            "The governor",
        ),
    ],
)
def test_a_speakers_act_conjoined_to_the_report_is_the_speakers(
    full_nlp: Language, text: str, kind: str, speaker: str
) -> None:
    [event] = _events(full_nlp, text, kind)
    assert _source_text(event) == speaker


@pytest.mark.parametrize(
    "text",
    [
        # a material act stays the reported subject's
        "The mayor said gunmen had stormed the village and killed four farmers.",
        "The mayor said gunmen stormed the village and shot four farmers.",
    ],
)
def test_a_material_act_conjoined_to_the_report_stays_the_reported_subjects(
    full_nlp: Language, text: str
) -> None:
    [attack, *_] = _events(full_nlp, text, "ASSAULT")
    assert _source_text(attack) == "gunmen"


def test_a_pronoun_before_the_speech_verb_is_not_the_speaker(full_nlp: Language) -> None:
    text = (
        "Masked gunmen entered the market town at dawn. They beheaded two guards and set "
        "fire to six shops, shopkeepers told reporters."
    )
    events = _events(full_nlp, text, "ASSAULT")
    assert events
    assert all(_source_text(e) != "shopkeepers" for e in events)
    assert any(_source_text(e) == "They" for e in events)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the pronoun after its speech verb is the speaker (kept)
        ("The rebel council says it will free the hostages.", "The rebel council"),
        # a first person before it is the speaker too (kept)
        ('"We will free the hostages," the rebel council said.', "the rebel council"),
    ],
)
def test_a_pronoun_that_stands_for_its_speaker_stays(
    full_nlp: Language, text: str, speaker: str
) -> None:
    events = [e for e in full_nlp(text)._.ng_events if e.source.span is not None]
    assert any(_source_text(e) == speaker for e in events)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # a charge denied with no accuser named: no target (CAMEO 016 aims at the accuser)
        ("The militia has repeatedly denied such accusations.", None),
        ("The governor dismissed the allegations on Monday.", None),
        # the accuser named: the target
        ("The militia denied allegations by the monitors.", "the monitors"),
        ("The governor rejected the monitors' claims.", "the monitors"),
    ],
)
def test_a_denied_charge_is_no_target(full_nlp: Language, text: str, target: str | None) -> None:
    [denial] = _events(full_nlp, text, "REJECT")
    span = denial.target.span.text if denial.target.span is not None else None
    if target is None:
        assert span is None
    else:
        assert (span or "").startswith(target)


@pytest.mark.parametrize(
    "text",
    [
        "Enemy units opened fire at 22:40 on Sunday in the direction of the village.",
        "The gunmen opened fire at 5:15 and fled.",
    ],
)
def test_a_time_of_day_is_no_target(full_nlp: Language, text: str) -> None:
    [attack] = _events(full_nlp, text, "ASSAULT")
    span = attack.target.span.text if attack.target.span is not None else ""
    assert ":" not in span
