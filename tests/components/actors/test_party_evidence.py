"""Evidence of whose a party is (issue 13, probes J and K): a state named as a neighbour or a
sponsor owns no generic party of its context; a KB person not known by surname is that person
only where the article fits them; a bare body name many states share ("Foreign Office") is
the KB's body only where the article names that body's state or no state at all."""

from __future__ import annotations

import pytest

from newsgraph.model import CONTEXT_LABEL
from newsgraph.nlp import add_components, load_spacy_model


@pytest.fixture(scope="module")
def nlp():
    return add_components(load_spacy_model(), ("newsgraph_actors",))


def mentions(nlp, text: str) -> dict[str, str | None]:
    return {m.text: m.actor_id for m in nlp(text)._.ng_actor_mentions}


def context_mentions(nlp, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.actor_id) for m in nlp(text)._.ng_actor_mentions if m.label == CONTEXT_LABEL]


# Sentences written for these tests.
@pytest.mark.parametrize(
    "text",
    [
        # the only state named is the neighbour of the place ("near the border with X")
        "The air force struck a fuel depot near the border with Chad, killing 20 fighters.",
        "Troops closed the crossing on the frontier with Chad on Monday.",
        # a sponsor hyphenated to its participle
        "The army said it had killed 40 fighters of a Chad-backed group.",
    ],
)
def test_a_neighbour_or_sponsor_owns_no_generic_party(nlp, text):
    assert context_mentions(nlp, text) == []


def test_the_state_itself_still_owns_its_generic_party(nlp):
    # the control: the same state named as a place of its own, not as a neighbour
    found = context_mentions(nlp, "Chad closed a crossing. The air force struck a fuel depot.")
    assert found == [("air force", "chad")]
    # the owner of the border, with two neighbours in a conjunct: the owner's alone
    text = "Niger's soldiers closed its borders with Chad and Mali. Troops then blocked a road."
    assert context_mentions(nlp, text) == [("Troops", "niger")]


def test_a_person_whose_state_the_article_never_names_is_someone_else(nlp):
    # Colombia's defence minister Pedro Sánchez is not Spain's prime minister: the article
    # names Colombia's ELN and no Spain, so the name stays unresolved and "the army" no Spain's
    text = (
        "The ELN attacked a police station in Cauca on Monday. Defence Minister Pedro Sánchez "
        "said the army had bombed the group's camp."
    )
    found = mentions(nlp, text)
    assert found["Pedro Sánchez"] != "pedro-sanchez"
    assert "spain" not in found.values() and "spanish-armed-forces" not in found.values()


def test_a_person_whose_state_the_article_names_stays_the_kb_person(nlp):
    text = "Spain's Prime Minister Pedro Sánchez met Moroccan officials in Rabat on Monday."
    assert mentions(nlp, text)["Pedro Sánchez"] == "pedro-sanchez"
    # and a name alone, with no state named at all, is still the KB's person
    assert mentions(nlp, "Pedro Sánchez called the vote on Monday.")["Pedro Sánchez"] == (
        "pedro-sanchez"
    )


def test_a_bare_body_name_is_no_evidence_for_a_person_of_its_kb_state(nlp):
    # "The Foreign Office in Islamabad" is read as Britain's body by name only: it does not make
    # a provincial police chief Karim Khan the ICC's British prosecutor (probe K)
    text = (
        "The Foreign Office in Islamabad summoned Afghanistan's envoy on Tuesday. The provincial "
        "police chief, Karim Khan, said gunmen had attacked a checkpoint in Bannu."
    )
    assert mentions(nlp, text)["Karim Khan"] != "karim-khan"
    # the control: the state itself named
    text = "Britain's Foreign Office said on Monday that Karim Khan would visit Kabul."
    assert mentions(nlp, text)["Karim Khan"] == "karim-khan"


def test_a_bare_body_name_of_a_story_that_never_names_its_state_is_unresolved(nlp):
    # Islamabad's Foreign Office is not the British one
    text = (
        "Indian troops fired across the Line of Control in Kashmir, Pakistan said. "
        "The Foreign Office summoned the Indian envoy."
    )
    assert mentions(nlp, text).get("Foreign Office") != "uk-foreign-office"


def test_a_bare_body_name_of_a_story_that_names_its_state_stays_the_kb_body(nlp):
    text = "British nationals should leave Lebanon, the Foreign Office said on Monday."
    assert mentions(nlp, text)["Foreign Office"] == "uk-foreign-office"


def test_the_army_of_a_story_of_two_states_forces_is_unresolved(nlp):
    # "the army" looks back to the military named last, unless two states' forces are named
    text = (
        "Congolese troops pulled back from Kavumu on Thursday. Rwandan troops were seen near "
        "the town, a resident said. The army denied shelling the camp."
    )
    assert mentions(nlp, text).get("The army") != "rwanda-defence-force"
    # the control: one state's forces named before it
    one = "Congolese troops pulled back from Kavumu on Thursday. The army denied shelling a camp."
    assert mentions(nlp, one).get("The army") == "fardc"


# Sentences written for this test.
@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a person serving a state, named after another state: the person's state
        (
            "Chad closed its border on Monday. Sudan's army chief, General Abdel Fattah "
            "al-Burhan, told soldiers in Omdurman that the country's troops would defend Darfur.",
            "sudan",
        ),
        # a person serving an international body is no state's: the state named last stays
        (
            "Chad closed its border on Monday. UN Secretary-General Antonio Guterres said the "
            "country's leaders must protect civilians.",
            "chad",
        ),
    ],
)
def test_the_country_is_the_state_a_person_named_after_it_serves(nlp, text, country):
    assert mentions(nlp, text)["the country"] == country
