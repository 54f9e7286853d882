"""Generic parties ("Security forces", "troops", "the army") take the one state their context
names (``generic_parties.py``), and stay unresolved when the context names two or none."""

from __future__ import annotations

import pytest

import newsgraph
from newsgraph.model import CONTEXT_LABEL
from newsgraph.nlp import add_components, load_spacy_model


@pytest.fixture(scope="module")
def nlp():
    return add_components(load_spacy_model(), ("newsgraph_actors",))


def context_mentions(nlp, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.actor_id) for m in nlp(text)._.ng_actor_mentions if m.label == CONTEXT_LABEL]


RESOLVED = {
    # a dateline's state; the military the KB has for it
    "MOGADISHU, Somalia — Security forces arrested four men near the port on Friday.": [
        ("Security forces", "somali-national-army")
    ],
    # the state itself where the KB has no military for it
    "NAIROBI, Kenya — Security forces arrested four men near the border on Friday.": [
        ("Security forces", "kenya")
    ],
    # the party's own "in <place>" wins over another state named in its sentence
    "Ugandan officials said soldiers in Nairobi had detained a driver.": [("soldiers", "kenya")],
    # the one state named so far, in an earlier sentence
    "Chad closed a crossing on Monday. Later, troops fired shots at smugglers near it.": [
        ("troops", "chad")
    ],
    # an "of" phrase of the verb, not of the party
    "Chad's opposition accused the army of torturing prisoners.": [("army", "chad")],
    # a service: the state's own air force or navy where the KB has one ...
    "ABUJA, Nigeria — The air force bombed a camp near the lake on Friday.": [
        ("air force", "nigerian-air-force")
    ],
    "Washington sent two more ships. Later the navy said a drone had hit one.": [
        ("navy", "us-navy")
    ],
    # ... else its military, else the state
    "MOGADISHU, Somalia — The air force struck a base near the coast.": [
        ("air force", "somali-national-army")
    ],
    "Chad closed its border. The navy seized a boat on the lake.": [("navy", "chad")],
    # a loaded word for a state's government keeps the state, its neutral actor
    "Chad closed its border. The regime said the crossing would stay shut.": [("regime", "chad")],
    # its troops are the state's military, as "Somalia's troops" are
    "MOGADISHU, Somalia — The regime's troops fired on a convoy.": [
        ("regime's troops", "somali-national-army")
    ],
    # with no military in the KB, the regime itself
    "Chad closed its border. The regime's troops fired on a convoy.": [("regime", "chad")],
    # an allowed modifier joins the phrase (the sentence the parties below fail in)
    "Chad closed its border. Government troops opened fire on a convoy near the crossing.": [
        ("Government troops", "chad")
    ],
    # a spokesman's title leaves the service the party he speaks for, as "a Somali army
    # spokesman" is the Somali army's (the tagger's adjective "military" included)
    "MOGADISHU, Somalia — An army spokesman said the road was open.": [
        ("army", "somali-national-army")
    ],
    "MOGADISHU, Somalia — Army spokeswoman Amina Yusuf said the road was open.": [
        ("Army", "somali-national-army")
    ],
    "Chad closed its border. A military spokesman said the crossing would stay shut.": [
        ("military", "chad")
    ],
}

UNRESOLVED = [
    # two states in context
    "Kenyan and Ugandan ministers met on Monday. Soldiers later blocked the road.",
    # a KB person who serves a state names it: two states
    "President Obama said troops would reach Chad next month.",
    # no state named before the party (a later one does not count)
    "Soldiers arrested a man after the robbery. Chad's government said he was armed.",
    # an adjective's conjunct is no party, even where the parser tags it a noun (as a
    # modifier, "political, military and economic ties", it is an adjective anyway)
    "Chad closed its border. The threat is both political and military.",
    # a weapon's maker is no state of the context ("Chadian-made": the maker, not a party)
    "Rebels shot down two Chadian-made drones. Soldiers later blocked the road.",
    # police: in local news a town's, and the state the text names is often not theirs
    "Chad closed a crossing. Police detained a driver.",
    # parties someone else owns, or a head inside a longer phrase
    *(
        f"Chad closed its border. {phrase} opened fire on a convoy near the crossing."
        for phrase in (
            "Rebel troops",
            "UN troops",
            "Its soldiers",
            "Peacekeeping troops",
            "Army officers",
            "Troops of the 5th brigade",
            "Rebel air force",
            "Air force troops",
        )
    ),
    # a service heading a longer phrase names a place or a person, not a party
    "Chad closed its border. A bomb hit the air force base near the crossing.",
    "Chad closed its border. A navy officer said the crossing was calm.",
    # someone else's regime, and a regime that is no party
    "Chad closed its border. The Hamas regime fired rockets at the crossing.",
    "Chad closed its border. Its allies called for regime change.",
    # a title that is no speaker's keeps the head a modifier; a spokesman of two states' army
    "Chad closed its border. An army commander said the crossing would stay shut.",
    "Kenyan and Ugandan ministers met on Monday. An army spokesman later said the road was shut.",
    # a service of two states in context
    "Kenyan and Ugandan ministers met on Monday. The air force later bombed the road.",
]


@pytest.mark.parametrize(("text", "expected"), RESOLVED.items())
def test_a_generic_party_takes_the_state_its_context_names(nlp, text, expected):
    assert context_mentions(nlp, text) == expected


@pytest.mark.parametrize("text", UNRESOLVED)
def test_a_generic_party_without_one_state_in_context_stays_unresolved(nlp, text):
    assert context_mentions(nlp, text) == []


def test_an_event_party_from_context_is_marked_inferred():
    record = newsgraph.annotate(
        "ACCRA, Ghana — Soldiers shot two protesters on Tuesday.", published="2024-05-07"
    )
    source = record["events"][0]["source"]
    assert source["actor"] == "ghana" and source["actor_inferred"] is True
    assert "ghana" in {actor["id"] for actor in record["actors"]}


def test_a_named_party_is_not_marked_inferred():
    record = newsgraph.annotate("Ghanaian soldiers shot two protesters.", published="2024-05-07")
    source = record["events"][0]["source"]
    # the same party and state as the inferred one above, named by its demonym this time
    assert source["actor"] == "ghana" and "actor_inferred" not in source


def test_an_appeals_addressee_from_context_is_marked_inferred():
    # the statement's addressee path (events component, _speech_target) keeps the mark too
    record = newsgraph.annotate(
        "Uganda's president urged soldiers in Kampala to stay calm.", published="2024-05-07"
    )
    [appeal] = [e for e in record["events"] if e["type"] == "REQUEST"]
    assert appeal["target"]["actor"] == "uganda" and appeal["target"]["actor_inferred"] is True


@pytest.mark.parametrize(
    "text",
    [
        "The rebels shot down three Turkish-made drones belonging to the army.",
        "Police seized 40 Soviet-made rifles from the gang.",
        "The militia fired Iranian-built rockets at the base.",
    ],
)
def test_a_weapons_maker_is_no_party(nlp, text):
    # "Turkish-made" names who made the drones, not a party of the text (actor_descriptions.yaml
    # ``maker_participles``), neither a KB demonym nor an unresolved NER name
    maker = text.split("-")[0].split()[-1]
    assert not [m for m in nlp(text)._.ng_actor_mentions if maker in m.text]


def test_a_demonym_without_a_makers_participle_still_names_its_state(nlp):
    # the control: the same demonym as a party ("Turkish troops", "Iranian-backed" a backer)
    found = {
        m.actor_id
        for m in nlp("Iranian-backed militias attacked Turkish troops.")._.ng_actor_mentions
    }
    assert {"iran", "turkish-armed-forces"} <= found


@pytest.mark.parametrize(
    ("text", "state_named"),
    [
        ("A drone struck the Saudi Hospital on Sunday.", False),
        ("The crash of American Airlines Flight 587 killed everyone aboard.", False),
        # the controls: a demonym before a state body, or before a lower-case noun
        ("A drone struck the Saudi embassy on Sunday.", True),
        ("A drone struck a Saudi hospital on Sunday.", True),
    ],
)
def test_a_demonym_opening_an_institutions_name_is_no_state(nlp, text, state_named):
    # ``institution_heads``: "the Saudi Hospital" is a hospital's name, not Saudi Arabia
    found = {m.actor_id for m in nlp(text)._.ng_actor_mentions}
    assert bool(found & {"saudi-arabia", "united-states"}) is state_named


@pytest.mark.parametrize(
    ("text", "phrase", "actor"),
    [
        (
            "Kenya's Ministry of Foreign Affairs rejected the report.",
            "Kenya's Ministry of Foreign Affairs",
            "kenya",
        ),
        (
            "Chad's Defence Ministry denied that its jets had struck the market.",
            "Chad's Defence Ministry",
            "chad",
        ),
    ],
)
def test_a_states_ministry_the_kb_does_not_know_is_the_state(nlp, text, phrase, actor):
    # ``state_body_heads``: the state speaks through it, as "Chad's government" is Chad; no
    # unresolved organisation is left for the ministry
    found = [(m.text, m.actor_id) for m in nlp(text)._.ng_actor_mentions]
    assert found[0] == (phrase, actor)
    assert not [a for _, a in found if a and a.startswith("unresolved:")]


def test_a_possessed_body_that_is_no_ministry_stays_its_own(nlp):
    # the control: another named body after "<state>'s" is no ministry of the state's
    found = [
        (m.text, m.actor_id)
        for m in nlp("Kenya's Safaricom Foundation gave money.")._.ng_actor_mentions
    ]
    assert ("Kenya", "kenya") in found
