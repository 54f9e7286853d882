"""Issue 13's kinds of failure on news, each on sentences written for it (full pipeline: the
statements of the quotes component decide attribution)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.events import component as events_component
from newsgraph.components.events.accused import AccusationFrames, accused_doer
from newsgraph.components.events.summary import main_events
from newsgraph.model import Event
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def pipeline() -> Language:
    return get_pipeline()


def _events(pipeline: Language, text: str) -> list[Event]:
    return list(pipeline(text)._.ng_events)


def _source(event: Event) -> str | None:
    return event.source.span.text if event.source.span else None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The rocket was fired by the army at the village.", "the army"),
        ("The massacre was committed by government forces.", "government forces"),
        ("The village was shelled by Northland forces on Monday.", "Northland forces"),
    ],
)
def test_the_agent_of_a_passive_is_the_source(pipeline: Language, text: str, source: str) -> None:
    (event,) = [e for e in _events(pipeline, text) if e.type == "ASSAULT"]
    assert _source(event) == source


def test_a_weapons_maker_is_not_its_user(pipeline: Language) -> None:
    (event,) = _events(pipeline, "An Iranian-made rocket hit the town on Sunday.")
    assert event.type == "ASSAULT" and event.source.actor is None and event.source.span is None
    (fired,) = _events(pipeline, "Hezbollah fired an Iranian-made rocket at the town.")
    assert fired.source.actor == "hezbollah"


def test_the_countrys_troops_are_never_the_wrong_country(pipeline: Language) -> None:
    text = (
        "Israeli jets struck Beirut on Monday. "
        "The country's troops also shelled a village in southern Lebanon."
    )
    shelled = [e for e in _events(pipeline, text) if any(s.text == "shelled" for s in e.evidence)]
    assert shelled and shelled[0].source.actor not in ("lebanon", "hezbollah")


def test_a_reported_attack_is_attributed_not_missed_nor_an_accusation(
    pipeline: Language,
) -> None:
    doc = pipeline("Israeli forces shelled the village, the Lebanese ministry said.")
    events = list(doc._.ng_events)
    (statement,) = doc._.ng_statements
    assert [(e.type, e.attributed_to, e.negated) for e in events] == [
        ("ASSAULT", statement.id, False)
    ]
    assert events[0].source.actor == "idf"


@pytest.mark.parametrize(
    "text",
    [
        "We are not responsible for firing the rocket, Hezbollah said.",
        "Hezbollah denied firing the rocket.",
        "Hezbollah is not responsible for the attack, its spokesman said.",
    ],
)
def test_a_denial_is_the_accused_event_negated_and_attributed(
    pipeline: Language, text: str
) -> None:
    doc = pipeline(text)
    (attack,) = [e for e in doc._.ng_events if e.type == "ASSAULT"]
    assert attack.negated and attack.source.actor == "hezbollah"
    assert attack.factuality == "negated"  # the learned reading settles on the denial's flag
    assert attack.attributed_to in {s.id for s in doc._.ng_statements}
    assert not [e for e in doc._.ng_events if e.type == "ACCUSE"]


@pytest.mark.parametrize(
    "text",
    [
        "Rebels attacked the town on Monday, the ministry said.",
        "Troops invaded the province overnight, officials said on Tuesday.",
    ],
)
def test_a_reported_attack_is_a_stated_attributed_event(pipeline: Language, text: str) -> None:
    doc = pipeline(text)
    (statement,) = doc._.ng_statements
    (attack,) = doc._.ng_events
    assert attack.type == "ASSAULT" and attack.attributed_to == statement.id
    assert not (attack.negated or attack.hypothetical or attack.future)
    assert attack.factuality == "asserted"


@pytest.mark.parametrize(
    "text",
    [
        "A column of fighters marched into the city on Monday.",
        "Rebel fighters marched on the capital.",
    ],
)
def test_armed_men_marching_do_not_protest(pipeline: Language, text: str) -> None:
    assert {e.type for e in _events(pipeline, text)} <= {"MOBILIZE"}


def test_armed_men_entering_a_city_make_an_incursion_not_a_protest(pipeline: Language) -> None:
    # CAMEO 19 (192 occupy territory): the verb `enter` with armed forces and a place
    events = _events(pipeline, "A column of fighters entered the city on Monday.")
    assert [(e.type, e.mode) for e in events] == [("ASSAULT", "ground-assault")]


def test_protesters_marching_still_protest(pipeline: Language) -> None:
    assert [e.type for e in _events(pipeline, "Protesters marched to parliament.")] == ["PROTEST"]


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the talks were useful.",
        "The army said two soldiers were on leave.",
        "The ministry declined to comment on the report.",
    ],
)
def test_a_neutral_statement_is_no_event(pipeline: Language, text: str) -> None:
    assert _events(pipeline, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a checkpoint near the border on Sunday.",
        "Armed men were seen near the border crossing on Tuesday.",
        "Drones were seen over the harbour before dawn.",
    ],
)
def test_a_non_speech_verb_makes_no_statement_nor_verbal_event(
    pipeline: Language, text: str
) -> None:
    doc = pipeline(text)
    assert doc._.ng_statements == []
    assert [e.type for e in doc._.ng_events if (e.quad or "").startswith("verbal")] == []


@pytest.mark.parametrize(
    "text",
    [
        "The Israeli army has not commented on the strike.",
        "Hezbollah has not commented on the report.",
    ],
)
def test_not_commenting_is_no_claim_and_no_event(pipeline: Language, text: str) -> None:
    doc = pipeline(text)
    assert {s.act for s in doc._.ng_statements} <= {"no comment"}
    assert list(doc._.ng_events) == []


def _assault(pipeline: Language, text: str) -> Event:
    (event,) = [e for e in _events(pipeline, text) if e.type == "ASSAULT"]
    return event


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("Jane Roe, 30, died Sunday after being shot in Springfield.", "jane-roe"),
        ("John Doe was found shot in the chest in a house on Elm Drive.", "john-doe"),
    ],
)
def test_a_subjectless_passive_hurts_the_subject_it_completes(
    pipeline: Language, text: str, victim: str
) -> None:
    """ "X died after being shot", "X was found shot": X was shot, and no one shot X."""
    event = _assault(pipeline, text)
    assert event.target.actor is not None and victim in event.target.actor
    assert event.source.span is None


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("One suspect, identified as Carl Finch, was shot by the homeowner.", "carl-finch"),
        ("Police say a 30-year-old man, who was later identified as Dan Gold, was shot.",
         "dan-gold"),
        ("The bullet hit his passenger, Leo Marsh.", "leo-marsh"),
        ("A man was shot on Elm Street on Sunday. Police identified the man as Ray Stone, 32.",
         "ray-stone"),
        ("A man was shot on Elm Street on Sunday. Police identified the victim as Ray Stone.",
         "ray-stone"),
    ],
)  # fmt: skip
def test_a_described_victim_is_the_person_the_article_names(
    pipeline: Language, text: str, victim: str
) -> None:
    """Issue 13: the victim reported as "a man" and named later ("identified as", an
    apposition, "the victim" identified) is that named person."""
    event = _assault(pipeline, text)
    assert event.target.actor is not None and victim in event.target.actor


def test_a_description_the_article_does_not_name_stays_unnamed(pipeline: Language) -> None:
    # Ray Stone is arrested, not equated with the man shot
    event = _assault(pipeline, "A man was shot on Elm Street. Police arrested Ray Stone, 32.")
    assert event.target.span is not None and event.target.actor is None


def test_the_victim_named_names_no_party_of_another_kind_of_event(pipeline: Language) -> None:
    text = "Police arrested a man on Sunday. The victim was identified as Ray Stone."
    arrests = [e for e in _events(pipeline, text) if e.type != "ASSAULT"]
    assert arrests and all(e.target.actor is None for e in arrests)


@pytest.mark.parametrize(
    "text",
    [
        "Officers found Dale Ferris shot to death inside the home.",
        "She ran outside to find Dale Ferris shot in the head.",
    ],
)
def test_a_person_found_shot_is_the_one_shot(pipeline: Language, text: str) -> None:
    """ "found X shot": the parser reads a clause "X shot"; X was shot, and shot no one."""
    event = _assault(pipeline, text)
    assert event.target.actor == "unresolved:dale-ferris"
    assert event.source.span is None


def test_a_person_found_to_have_shot_someone_still_shot(pipeline: Language) -> None:
    event = _assault(pipeline, "Investigators found that Dale Ferris shot his neighbor.")
    assert event.source.actor == "unresolved:dale-ferris"


CHARGE_FRAMES = AccusationFrames({"charge": frozenset({"with", "in"})}, frozenset({"ASSAULT"}))


@pytest.mark.parametrize(
    "text",
    [
        "Keon Marsh, 31, was charged with murder in the shooting of Tomas Brandel.",
        "Tomas Brandel was shot on Friday. Keon Marsh was charged with murder in the shooting.",
    ],
)
def test_with_a_charge_frame_the_person_charged_is_the_alleged_doer(
    pipeline: Language, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user's ``accused_doers.yaml`` entry: the doer of the act a charge names is the
    person charged, and the event is the charge's claim (attributed to its statement), never
    the outlet's fact."""
    monkeypatch.setattr(events_component, "load_frames", lambda: CHARGE_FRAMES)
    doc = pipeline(text)
    charged = [e for e in doc._.ng_events if e.type == "ASSAULT" and e.source.actor]
    assert [e.source.actor for e in charged] == ["unresolved:keon-marsh"]
    accusations = {s.id for s in doc._.ng_statements if s.act == "accusation"}
    assert charged[0].attributed_to in accusations


def test_the_charge_frame_reads_the_object_of_an_active_charge(pipeline: Language) -> None:
    doc = pipeline("Prosecutors charged Keon Marsh with assault in the shooting.")
    shooting = next(t for t in doc if t.lower_ == "shooting")
    assert accused_doer(shooting, CHARGE_FRAMES).text == "Marsh"
    assert accused_doer(shooting, AccusationFrames({}, frozenset({"ASSAULT"}))) is None


@pytest.mark.parametrize(
    "text",
    [
        "Keon Marsh was charged with murder in the shooting of Tomas Brandel.",  # off by default
        "Keon Marsh was arrested in connection with the shooting of Tomas Brandel.",
    ],
)
def test_a_person_charged_or_arrested_is_no_doer_by_default(pipeline: Language, text: str) -> None:
    assert all(e.source.actor is None for e in _events(pipeline, text) if e.type == "ASSAULT")


def test_the_accused_of_a_blamed_attack_is_its_doer_as_the_accuser_says(
    pipeline: Language,
) -> None:
    """ "blamed X for the bombing" (``accused_doers.yaml``, ``blame: [for]``): the bombing is an
    event of its own whose doer is X, attributed to the accusation, never the outlet's fact;
    the accusation stays, aimed at X."""
    doc = pipeline("The governor blamed the Northland rebels for the bombing of the bridge.")
    (attack,) = [e for e in doc._.ng_events if e.type == "ASSAULT"]
    (accusation,) = [e for e in doc._.ng_events if e.type == "ACCUSE"]
    (statement,) = doc._.ng_statements
    assert _source(attack) == "the Northland rebels"
    assert attack.attributed_to == statement.id and statement.act == "accusation"
    assert _source(accusation) == "The governor"
    assert accusation.target.span is not None
    assert accusation.target.span.text == "the Northland rebels"
    # the sentence's main event is the blame (PLOVER codes the accusation, not the act alleged)
    assert [e.type for e in main_events(doc, doc._.ng_events)] == ["ACCUSE"]


@pytest.mark.parametrize(
    "text",
    [
        "The army accused the Northland rebels of firing the rocket at the village.",
        "The governor accused the Northland rebels of shelling the village.",
    ],
)
def test_the_act_an_accusation_charges_is_the_accused_s_as_the_accuser_says(
    pipeline: Language, text: str
) -> None:
    """ "accused X of firing" (``accused_doers.yaml``, ``accuse: [of]``): the act is X's
    ASSAULT, attributed to the accusation, whichever word the parser hangs "of" on; the
    accusation stays the sentence's main event."""
    doc = pipeline(text)
    (attack,) = [e for e in doc._.ng_events if e.type == "ASSAULT"]
    (statement,) = doc._.ng_statements
    assert _source(attack) == "the Northland rebels"
    assert attack.attributed_to == statement.id
    assert [e.type for e in main_events(doc, doc._.ng_events)] == ["ACCUSE"]


def test_blaming_someone_for_no_attack_makes_no_attack(pipeline: Language) -> None:
    types = [e.type for e in _events(pipeline, "The mayor blamed the storm for the blackout.")]
    assert types == ["ACCUSE"]


@pytest.mark.parametrize(
    "text",
    [
        "The bombing of the bridge was blamed on the Northland rebels.",
        "The bombing was blamed on the Northland rebels, the governor said.",
    ],
)
def test_an_attack_blamed_on_someone_is_their_act_as_the_accuser_says(
    pipeline: Language, text: str
) -> None:
    """ "the attack was blamed on X" (``accused_doers.yaml``, ``act_objects: blame: [on]``):
    X is the attack's alleged doer, the attack attributed to the statement that blames X;
    the sentence's main event stays the blame."""
    doc = pipeline(text)
    (attack,) = [e for e in doc._.ng_events if e.type == "ASSAULT"]
    assert _source(attack) is not None and _source(attack).endswith("Northland rebels")
    assert attack.attributed_to in {s.id for s in doc._.ng_statements}
    assert [e.type for e in main_events(doc, doc._.ng_events)] == ["ACCUSE"]


def test_an_attack_blamed_on_a_cause_has_no_doer(pipeline: Language) -> None:
    doc = pipeline("The attack on the embassy was blamed on the storm.")
    (attack,) = [e for e in doc._.ng_events if e.type == "ASSAULT"]
    assert attack.source.span is None


def test_the_person_blamed_for_an_attack_in_a_passive_is_its_doer(pipeline: Language) -> None:
    doc = pipeline("The Northland rebels were blamed for the bombing of the bridge.")
    (attack,) = [e for e in doc._.ng_events if e.type == "ASSAULT"]
    (statement,) = doc._.ng_statements
    assert _source(attack) == "The Northland rebels" and attack.attributed_to == statement.id


def test_the_act_object_frame_reads_the_on_phrase_of_the_blame(pipeline: Language) -> None:
    doc = pipeline("The bombing was blamed on the militia.")
    frames = AccusationFrames({}, frozenset({"ASSAULT"}), {"blame": frozenset({"on"})})
    assert accused_doer(doc[1], frames).text == "militia"
    assert accused_doer(doc[1], AccusationFrames({}, frozenset({"ASSAULT"}))) is None


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("The cartel boss ordered the assassination of the judge in Northtown.", "The cartel boss",
         "the judge"),
        ("The killing of the mayor was ordered by the militia chief.", "the militia chief",
         "the mayor"),
    ],
)  # fmt: skip
def test_who_orders_a_killing_is_its_doer(
    pipeline: Language, text: str, source: str, target: str
) -> None:
    """ "ordered the assassination of X" (``folds.COMMAND_LEMMAS``): one ASSAULT whose source is who
    ordered it and whose target its victim, no demand aimed at a place."""
    (attack,) = [e for e in _events(pipeline, text) if e.type == "ASSAULT"]
    assert _source(attack) == source
    assert attack.target.span is not None and target in attack.target.span.text
    assert not [e for e in _events(pipeline, text) if e.type == "REQUEST"]


def test_ordering_no_violent_act_stays_a_demand(pipeline: Language) -> None:
    types = [e.type for e in _events(pipeline, "The minister ordered a review of the budget.")]
    assert "ASSAULT" not in types


@pytest.mark.parametrize(
    "text",
    [
        "The army said it intercepted a drone launched from Northland.",
        "Rebels fired rockets from Northland at the town of Eastville.",
    ],
)
def test_where_an_attack_comes_from_is_not_whom_it_hits(pipeline: Language, text: str) -> None:
    for event in _events(pipeline, text):
        if event.type == "ASSAULT" and event.target.span is not None:
            assert "Northland" not in event.target.span.text, text


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("Man shot in leg outside Elmwood bakery | WXYZ News.", "Man"),
        ("Farmington teen shot in chest while walking home | Daily Star.", "Farmington teen"),
        ("Woman shot to death at Harbor Street bus stop.", "Woman"),
    ],
)
def test_a_headline_passive_names_the_one_shot(pipeline: Language, text: str, victim: str) -> None:
    """ "Man shot in leg": a headline drops the auxiliary; the man was shot, and shot no one."""
    event = _assault(pipeline, text)
    assert event.target.span is not None and event.target.span.text == victim
    assert event.source.span is None


@pytest.mark.parametrize(
    ("text", "shooter"),
    [
        ("Suspect shot victim twice in robbery on Elm Street.", "Suspect"),
        ("Man shot at deputies during chase on Route 9.", "Man"),
        ("Nurse shoots intruder at her home in Elmwood.", "Nurse"),
        ("The man shot twice and ran toward the river.", "The man"),
    ],
)
def test_a_headline_with_an_object_or_an_article_keeps_its_doer(
    pipeline: Language, text: str, shooter: str
) -> None:
    assert _source(_assault(pipeline, text)) == shooter


@pytest.mark.parametrize(
    ("text", "shooter"),
    [
        ("Dale Ferris was arrested on Friday. Police say he shot his neighbor.", "he"),
        ("Witnesses said she fired at the car before driving off.", "she"),
        ("The rebel commander says he will attack the base.", "The rebel commander"),
        ("The rebels say they will attack the base.", "The rebels"),
    ],
)
def test_he_or_she_is_no_plural_speaker(pipeline: Language, text: str, shooter: str) -> None:
    """ "police say he shot": "he" is not the police; a singular speaker's "he" still is."""
    assert _source(_assault(pipeline, text)) == shooter
