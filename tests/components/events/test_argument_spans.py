"""The phrase an event records for its source and target (``events/spans.py``), the target
chosen among an object and prepositional phrases, and who controls "is willing to"."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.events.component import extract_events
from newsgraph.model import ActorMention, Event
from newsgraph.nlp import load_spacy_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def _roles(nlp: Language, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.type, _text(e, "source"), _text(e, "target")) for e in extract_events(nlp(text))]


def _text(event: Event, role: str) -> str | None:
    span = getattr(event, role).span
    return span.text if span else None


def _first(nlp: Language, text: str) -> tuple[str, str | None, str | None]:
    return _roles(nlp, text)[0]


def test_an_apposition_belongs_to_the_phrase(nlp: Language) -> None:
    text = "Maria Lopez, a spokeswoman for the ministry, welcomed the decision."
    assert _first(nlp, text)[1] == "Maria Lopez, a spokeswoman for the ministry"


def test_a_bracketed_abbreviation_belongs_to_the_phrase(nlp: Language) -> None:
    text = "The Northland Air Force (NAF) bombed a fuel depot near the border."
    assert _first(nlp, text)[1] == "The Northland Air Force (NAF)"


def test_a_place_phrase_after_the_noun_belongs_to_it(nlp: Language) -> None:
    text = "A court in Eastville has freed a journalist."
    assert _first(nlp, text)[1] == "A court in Eastville"


def test_a_relative_clause_does_not(nlp: Language) -> None:
    text = "Police deported a businessman who lived in Boston for years."
    assert _first(nlp, text)[2] == "a businessman"


def test_a_bracket_the_phrase_opens_is_closed(nlp: Language) -> None:
    text = (
        "The government expelled twenty workers employed by the Northland Commission for"
        " Refugees (NCR) last week."
    )
    assert _first(nlp, text)[2].endswith("(NCR)")


def test_a_date_phrase_does_not(nlp: Language) -> None:
    text = "The ministry on Monday rejected the proposal."
    assert _first(nlp, text)[1] == "The ministry"


def test_an_owner_records_the_phrase_it_owns_without_its_content(nlp: Language) -> None:
    text = "The council rejected the mayor's proposal to close the port."
    assert _first(nlp, text)[2] == "the mayor's proposal"


def test_a_part_of_a_group_records_the_part(nlp: Language) -> None:
    text = "The army freed dozens of political prisoners."
    assert _first(nlp, text)[2] == "dozens of political prisoners"


def test_the_patient_of_an_event_noun_stays_alone(nlp: Language) -> None:
    text = "The kingdom lifted its blockade of Qatar."
    assert _first(nlp, text)[2] == "Qatar"


def test_a_phrase_never_holds_the_trigger(nlp: Language) -> None:
    text = "Hezbollah's rocket fire on Kiryat Shmona injured two soldiers."
    assert _first(nlp, text)[1] == "Hezbollah's"


def test_the_actor_is_read_from_the_narrow_phrase(nlp: Language) -> None:
    """A longer recorded phrase never changes who acts: the militiamen are no government."""
    text = "Militiamen backed by the Northland government attacked a village."
    doc = nlp(text)
    start = text.index("the Northland government")
    doc._.ng_actor_mentions = [
        ActorMention(start, start + 24, "the Northland government", "northland", "KB")
    ]
    (attack,) = [e for e in extract_events(doc) if e.type == "ASSAULT"]
    assert attack.source.span.text == "Militiamen backed by the Northland government"
    assert attack.source.actor is None


def test_the_target_is_whom_a_thing_is_sent_to_not_the_thing(nlp: Language) -> None:
    text = "The government suspended military aid to Mali."
    assert _first(nlp, text)[2] == "Mali"


def test_a_thing_stays_the_target_when_no_one_is_named(nlp: Language) -> None:
    text = "The government suspended military aid last week."
    assert _first(nlp, text)[2] == "military aid"


def test_the_subject_of_is_willing_to_acts(nlp: Language) -> None:
    text = "Norway is willing to withdraw its troops from Mali."
    assert _first(nlp, text)[1] == "Norway"


def test_coordinated_actors_are_coded_apart(nlp: Language) -> None:
    text = "Germany and the agency sent emergency aid to Nepal."
    assert [r[1] for r in _roles(nlp, text)] == ["Germany", "the agency"]


def test_whom_the_thing_asked_for_is_aimed_at(nlp: Language) -> None:
    text = "The council imposed sanctions in relation to Northland last year."
    assert _first(nlp, text)[2] == "Northland"


def test_coordinated_things_stay_one_phrase(nlp: Language) -> None:
    text = "Russian drones and missiles struck the city overnight."
    assert _first(nlp, text)[1] == "Russian drones and missiles"


def test_a_bare_place_does_not_outrank_the_object(nlp: Language) -> None:
    text = "Settlers attacked shepherds in the Jordan Valley."
    # the shepherds are the target; the place after them, hung on the verb, is in the phrase
    assert _first(nlp, text)[2] == "shepherds in the Jordan Valley"


def test_a_named_place_an_attack_happened_in_is_not_its_target(nlp: Language) -> None:
    # an adjunct of the verb names no target; one of the object stands for the object (probe K)
    assert _first(nlp, "Two bombs went off in Kassala on Sunday.")[2] is None
    assert "two guards" in (_first(nlp, "Gunmen shot dead two guards in Malakal.")[2] or "")
    # a restriction's place is still its target (PLOVER: "ban voting in East Jerusalem")
    assert _first(nlp, "Police banned protests in Kassala on Monday.")[2] == "Kassala"


def test_whom_people_are_sent_or_deployed_to_is_the_target(nlp: Language) -> None:
    assert _first(nlp, "The government sent officials to Qatar.")[2] == "Qatar"
    assert _first(nlp, "Norway deployed soldiers to Mali last year.")[2] == "Mali"


def test_a_call_for_sanctions_targets_whom_they_are_against() -> None:
    """The call is a statement (quotes component), so the whole pipeline reads it."""
    from newsgraph.nlp import get_pipeline

    doc = get_pipeline()("The foreign minister called for sanctions against Northland on Monday.")
    (call,) = [e for e in doc._.ng_events if e.type == "REQUEST"]
    assert call.target.span.text == "Northland"


@pytest.mark.parametrize(
    "text",
    [
        "\nThe army blamed the militia for the shelling of the depot.",
        "Critics say the candidate, a rampant xenophobe,\n threatened the reporters.",
        "A group of parents with kids in charter schools\u00a0sued the district.",
    ],
)
def test_a_recorded_phrase_starts_and_ends_on_words(nlp: Language, text: str) -> None:
    for _type, *spans in _roles(nlp, text):
        for span in filter(None, spans):
            assert span == span.strip() and not span.endswith(","), span


def test_a_placed_target_leaves_a_further_place_out(nlp: Language) -> None:
    # a nationality or an owner already says whose the target is; the "in" place is left out
    assert _first(nlp, "Westland expelled the Chinese ambassador in Eastville.")[2] == (
        "the Chinese ambassador"
    )
    text = "Rebels kidnapped Northland's consul in Eastville."
    assert _first(nlp, text)[2] == "Northland's consul"


def test_a_bare_target_keeps_its_place(nlp: Language) -> None:
    text = "The army shelled a police station in eastern Northland."
    assert _first(nlp, text)[2] == "a police station in eastern Northland"


def test_a_relative_clause_inside_an_of_phrase_does_not_belong(nlp: Language) -> None:
    text = (
        "Westland lifted sanctions against a unit of the Northland shipping company that was"
        " accused of smuggling oil."
    )
    assert _first(nlp, text)[2] == "a unit of the Northland shipping company"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("The president declared a state of siege in Northland province.", "Northland province"),
        ("The army lifted the state of emergency in the Westland region.",
         "the Westland region"),
    ],
)  # fmt: skip
def test_a_state_of_emergency_is_a_measure_aimed_at_a_place(
    nlp: Language, text: str, target: str
) -> None:
    # "state" names the measure here, no actor (CAMEO 1724): the place is the target
    assert _first(nlp, text)[2] == target


def test_a_state_that_is_a_country_stays_an_actor(nlp: Language) -> None:
    assert _first(nlp, "Rebels attacked the state of Northland.")[2] == "the state of Northland"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # the killing heads the clause the attack hangs below: whom it killed is the target
        ("A suicide attack on a convoy of the Westland mission killed eight people.",
         "eight people"),
        ("The Northland air force killed several rebels after an air strike on a building.",
         "several rebels"),
        # the attack names a place or the killing hangs on the attack: the attack's target
        ("A Westland air strike on Eastville killed eight people.", "Eastville"),
        ("Northland forces attacked the town, killing dozens of people.", "the town"),
    ],
)  # fmt: skip
def test_whom_a_heading_killing_killed_is_the_target(nlp: Language, text: str, target: str) -> None:
    assert _first(nlp, text)[2] == target


def test_passive_dead_and_an_as_clause_attack_keep_their_own_targets(nlp: Language) -> None:
    # session 24 (events24): the killing and the clause's attack are two records
    text = (
        "Twelve people were killed as Northland forces launched air strikes against the"
        " Eastland enclave."
    )
    targets = {e.target.span.text for e in extract_events(nlp(text)) if e.target.span}
    assert targets == {"Twelve people", "the Eastland enclave"}


def test_what_a_request_is_for_is_left_out_of_the_phrase(nlp: Language) -> None:
    text = "The court rejected the Northland government's request for a review of the ruling."
    assert _first(nlp, text)[2] == "the Northland government's request"
    # a body's name keeps its "for" ("the Commission for Refugees")
    text = "The minister rejected the Commission for Refugees in Eastland."
    assert _first(nlp, text)[2] == "the Commission for Refugees in Eastland"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # an agentless participle is what was done to the target, not part of its name
        ("Police deported a Northland man held in jail for a year.", "a Northland man"),
        ("The army rejected the offer proposed in March.", "the offer"),
        # with its agent it says whose the thing is; a naming or placing participle stays
        ("The army rejected the offer proposed by Westland in March.",
         "the offer proposed by Westland in March"),
        ("Rebels attacked the group known as the White Guard.",
         "the group known as the White Guard"),
        ("Rebels attacked forces based in the city of Eastville.",
         "forces based in the city of Eastville"),
        ("The rebels attacked ships linked to Westland.", "ships linked to Westland"),
        # after a number the participle is the noun: "56 wounded"
        ("The hospital received 56 wounded from the front.", "56 wounded from the front"),
        # an "in" place right after the target, which the parser hung on the verb
        ("Gunmen stormed a regional police headquarters in eastern Kenya today, killing five "
         "officers.", "a regional police headquarters in eastern Kenya"),
        ("Rebels surrendered to the army in Kenya on Monday.", "the army in Kenya"),
        # not where one meets, nor where a person is
        ("The president received the delegation in Nairobi today, discussing trade.",
         "the delegation"),
        ("Police arrested Maria Lopez in Nairobi today, officials said.", "Maria Lopez"),
        # an "in" phrase hung on the verb that says where or which a group of people is
        ("Rebels surrendered to the police in the north of the country on Monday.",
         "the police in the north of the country"),
        ("The government accepted the demands of protesters in the south of the country.",
         "protesters in the south of the country"),
        ("The agency launched an appeal to help people in need of food.",
         "people in need of food"),
        # not a time, an act or an indefinite occasion; not after a body or a thing
        ("Police arrested the protesters in recent weeks.", "the protesters"),
        ("Police detained the villagers in the march on Monday.", "the villagers"),
        ("The court convicted 45 Northland members in a mass trial.", "45 Northland members"),
        ("Police detained the protesters in a statement on Monday.", "the protesters"),
        ("Rebels attacked the convoy in the north of the country on Monday.", "the convoy"),
    ],
)  # fmt: skip
def test_what_follows_the_target_in_its_phrase(nlp: Language, text: str, target: str) -> None:
    assert _first(nlp, text)[2] == target


def _recorded(nlp: Language, text: str, word: str, anchor: str) -> str:
    """The phrase recorded for the target ``word`` of the event at ``anchor``."""
    from newsgraph.components.events.spans import recorded_bounds

    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    trigger = next(t for t in doc if t.text == anchor)
    return doc[slice(*recorded_bounds(token, anchor=trigger, target=True))].text


@pytest.mark.parametrize(
    ("text", "word", "anchor", "phrase"),
    [
        # a nationality on a possessor: the phrase runs on to the noun the possessor owns
        (
            "The rebels rejected the Kenyan government's dialogue offer.",
            "Kenyan",
            "rejected",
            "the Kenyan government's dialogue offer",
        ),
        (
            "The union condemned the Nigerian government's decision on Monday.",
            "Nigerian",
            "condemned",
            "the Nigerian government's decision",
        ),
        # the owned noun is the event itself: the possessor's phrase stays
        (
            "The Kenyan army's shelling killed four villagers.",
            "Kenyan",
            "shelling",
            "The Kenyan army's",
        ),
    ],
)
def test_a_possessor_phrase_runs_on_to_what_it_owns(
    nlp: Language, text: str, word: str, anchor: str, phrase: str
) -> None:
    assert _recorded(nlp, text, word, anchor) == phrase


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # each conjunct read alone leaves out the coordination's "both"
        (
            "Washington eased its trade embargo against both Cuba and Venezuela last year.",
            [("RETREAT", "Washington", "Cuba"), ("RETREAT", "Washington", "Venezuela")],
        ),
        (
            "Both Egypt and Jordan condemned the raid on the camp.",
            [("ACCUSE", "Egypt", "the raid"), ("ACCUSE", "Jordan", "the raid")],
        ),
        # "both" with no coordination is the phrase's own determiner
        ("The army shelled both villages on Sunday.", [("ASSAULT", "The army", "both villages")]),
    ],
)
def test_a_conjunct_alone_leaves_out_both(
    nlp: Language, text: str, roles: list[tuple[str, str, str]]
) -> None:
    assert _roles(nlp, text)[: len(roles)] == roles


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # an "including" list hung deep inside the phrase
        (
            "The council rejected several plans drawn up by the ministry as part of a new budget,"
            " including cuts to pensions for retired teachers.",
            "several plans drawn up by the ministry as part of a new budget",
        ),
        # a speech participle after the target
        (
            "The minister defended Kenya's policy saying the camps are a threat to national"
            " security.",
            "Kenya's policy",
        ),
        # the speaker of a following "said", misread as the place's apposition
        (
            "Kenya has started withdrawing some of its troops from Somalia, Defence Secretary"
            " Aden Duale said on Monday.",
            "Somalia",
        ),
        # the speaker with the title set before the name, after a list of places
        (
            "Jets bombed the town of Kadugli and the villages of Talodi, Heiban and Dilling, the"
            " spokesman of the army, Brigadier General Nabil Abdallah, said.",
            "the town of Kadugli and the villages of Talodi, Heiban and Dilling",
        ),
    ],
)
def test_an_aside_after_the_target_is_left_out(nlp: Language, text: str, target: str) -> None:
    assert _first(nlp, text)[2] == target


def test_a_name_in_apposition_stays_without_a_following_speech_verb(nlp: Language) -> None:
    text = "Police arrested Daniel Moyo, a local trader, on Friday."
    assert _first(nlp, text)[2] == "Daniel Moyo, a local trader"
