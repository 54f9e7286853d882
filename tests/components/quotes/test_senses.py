"""Only saying and thinking make statements; the act follows the cue's class and the content's
modality (senses.py, acts.py). Sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .pipeline_statements import statements


def acts(nlp: Language, text: str) -> list[tuple[str | None, str]]:
    return [(s.cue.text if s.cue else None, s.act) for s in statements(nlp, text)]


# --------------------------------------------------------------------------- the non-speech sense


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces attacked Kharkiv on Sunday, killing five people.",
        "Rebels attacked a police post near the border overnight.",
        "Gunmen attacked the convoy with rockets on the main road.",
        "Armed men were seen near the village before the raid.",
        "Residents saw smoke rising over the port on Tuesday.",
        # a verb the cue tagger may propose that the lexicon does not list, done by armed forces
        "Warplanes pounded rebel positions as the army advanced.",
        "Militiamen hammered the outskirts of the town overnight.",
    ],
)
def test_a_physical_or_perceptual_verb_makes_no_statement(nlp: Language, text: str):
    assert acts(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        # "unleash" delivers speech only when its object, or what that object counts, is said
        ("The senator unleashed a flurry of tweets attacking the beauty queen.", True),
        ("The challenger unleashed withering attacks against the mayor in the debate.", True),
        ("The rebels unleashed a barrage of rockets on the town.", False),
        ("The army unleashed airstrikes on the northern villages.", False),
        ("Her victory unleashed the pent-up fury of many voters.", False),
    ],
)
def test_unleashing_is_speech_only_when_what_it_delivers_is_said(
    nlp: Language, text: str, statement: bool
):
    cues = [s.cue_lemma for s in statements(nlp, text)]
    assert ("unleash" in cues) is statement
    assert statement or cues == []


@pytest.mark.parametrize(
    "text",
    [
        "The rebels concluded the ceremony with a parade.",
        "The president concluded the video message with a call for unity.",
        "The two sides concluded a cease-fire on Friday.",
    ],
)
def test_concluding_an_event_or_an_agreement_is_no_statement(nlp: Language, text: str):
    # "conclude" with a plain thing or act as its object ends or makes it: no proposition
    assert acts(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Investigators concluded that the fire was arson.", "that the fire was arson"),
        ("The fire was arson, the panel concluded.", "The fire was arson"),
        # closing words with no object: PolNeAR marks "concluded with" as a report, "with" in
        # the cue (frames.take_content_prepositions)
        ("The mayor concluded with a story about the harbor.", "a story about the harbor"),
    ],
)
def test_concluding_a_proposition_is_a_statement(nlp: Language, text: str, content: str):
    assert [(s.cue_lemma, [c.text for c in s.content]) for s in statements(nlp, text)] == [
        ("conclude", [content])
    ]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The senator attacked the plan as reckless.", "attacked"),
        ("Critics see the ceasefire as a surrender.", "see"),
        ("The minister saw that the talks had failed.", "saw"),
    ],
)
def test_the_same_verbs_in_their_speech_or_cognition_sense_do(nlp: Language, text: str, cue: str):
    assert [c for c, _ in acts(nlp, text)] == [cue]


# --------------------------------------------------------------------------- silence


@pytest.mark.parametrize(
    "text",
    [
        "The ministry has not commented on the report.",
        "Hamas did not immediately respond to a request for comment on the strike.",
        "The army declined to comment.",
        "A police spokesman refused to comment on the arrests.",
        "The army did not say whether the strike had hit the depot.",
        "The ministry has yet to comment on the incident.",
        "The army is yet to respond to the report.",
    ],
)
def test_silence_is_no_claim(nlp: Language, text: str):
    assert {act for _, act in acts(nlp, text)} <= {"no comment"}


def test_a_negated_denial_is_still_a_claim(nlp: Language):
    assert acts(nlp, "He did not deny that he had met the envoy.") == [("did not deny", "claim")]


# --------------------------------------------------------------------------- the act


@pytest.mark.parametrize(
    ("text", "act"),
    [
        # no harm, no armed force: a capability is no threat
        ("The minister said the trains can reach as far as Vienna.", "claim"),
        ("He said there would be no stone left unturned in the inquiry.", "claim"),
        ("The police said the fire took the lives of 12 people.", "claim"),
        # a future harm by the speaker's side
        ("The commander said his forces would strike the port if the siege went on.", "threat"),
        ("Our jets can reach any target in the region, the defence minister said.", "threat"),
        ("They will pay a heavy price, the minister said.", "threat"),
        # a future harm by someone else is a warning, a past price paid a claim
        ("Hamas could attack Israel at any time, the minister warned.", "warning"),
        ("Rebel fighters could reach the capital within days, the governor warned.", "warning"),
        ("Civilians paid a heavy price in the war, the report said.", "claim"),
        # the cue's class
        ("The ministry accused the rebels of shelling the market.", "accusation"),
        ("The government denied that its troops had fired on protesters.", "denial"),
        ("The UN called on both sides to protect civilians.", "demand"),
        ("The army announced that the road would reopen on Monday.", "announcement"),
    ],
)
def test_act_from_cue_class_and_content_modality(nlp: Language, text: str, act: str):
    assert [a for _, a in acts(nlp, text)] == [act]


# --------------------------------------------------------------------------- split quotes


def test_a_quote_opening_the_paragraph_and_the_next_sentence_are_one_statement(nlp: Language):
    text = "“Who will pay for the bridge?” the mayor asked. “Not the city.”\n"
    (statement,) = statements(nlp, text)
    assert [c.text for c in statement.content] == [
        "Who will pay for the bridge?",
        "Not the city.",
    ]


def test_a_participial_aside_with_its_own_object_does_not_start_a_new_statement(nlp: Language):
    text = (
        "“The roads are closed. The schools are closed,” said Amina Bello, speaking of her "
        "district. “Nobody can leave.”\n"
    )
    (statement,) = statements(nlp, text)
    assert [c.text for c in statement.content][-1] == "Nobody can leave."
