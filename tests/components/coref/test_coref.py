"""newsgraph_coref: pronouns and descriptions resolved to the actors named before them, once per
article, for every consumer (quote speakers, event participants).

The sentences below are written for these tests.
"""

from __future__ import annotations

import pytest
from helpers import annotate_article as annotate
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.components.coref.component import CorefComponent
from newsgraph.components.coref.resolver import Coreference, coref_of
from newsgraph.model import Actor, ActorMention, Article
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def pipeline() -> Language:
    return get_pipeline()


def chains(doc: Doc) -> list[tuple[str, str]]:
    return [(doc.text[s:e], actor) for s, e, actor in doc._.ng_coref.chains]


def test_runs_after_actors_and_before_its_consumers(pipeline: Language) -> None:
    names = pipeline.pipe_names
    assert names.index("newsgraph_actors") < names.index("newsgraph_coref")
    assert names.index("newsgraph_coref") < names.index("newsgraph_quotes")
    assert names.index("newsgraph_coref") < names.index("newsgraph_events")


def test_pronoun_is_the_person_who_spoke_last(pipeline: Language) -> None:
    text = (
        "“The bridge will reopen in May,” Mayor Maria Ortega said on Tuesday after meeting "
        "Governor Luis Vega. She said the repairs would cost $2 million."
    )
    doc = annotate(pipeline, text)
    speakers = [(s.speaker.span.text, s.speaker.actor) for s in doc._.ng_statements]
    ortega = speakers[0][1]
    assert ortega is not None and "ortega" in ortega
    # "She" goes on with the speaker, not with Vega, the person named last
    assert speakers[1] == ("She", ortega)
    assert chains(doc) == [("She", ortega)]


def test_pronoun_chain_is_recorded_once(pipeline: Language) -> None:
    text = "Mayor Maria Ortega met engineers on Tuesday. She said the bridge would reopen in May."
    doc = annotate(pipeline, text)
    coref = doc._.ng_coref
    she = text.index("She")
    token = doc.char_span(she, she + 3)[0]
    first = coref.resolve((she, she + 3), token)
    assert first is not None and "ortega" in first
    assert coref.resolve((she, she + 3), token) == first  # asked again (events, say)
    assert chains(doc) == [("She", first)]


def army_doc(nlp: Language) -> tuple[Doc, str]:
    """A doc as newsgraph_actors leaves it when it names the state and its army but not the
    description "The army" (mentions set by hand: this tests coref alone)."""
    text = (
        "The Israel Defense Forces entered Jenin on Monday, Israel said. "
        "The army said two soldiers were hurt."
    )
    doc = nlp(text)
    doc._.ng_article = Article(id="t", text=text)
    idf, israel = text.index("Israel Defense Forces"), text.index("Israel said")
    doc._.ng_actor_mentions = [
        ActorMention(idf, idf + 21, "Israel Defense Forces", "idf"),
        ActorMention(israel, israel + 6, "Israel", "israel"),
    ]
    doc._.ng_actors = [
        Actor("idf", "Israel Defense Forces", "military"),
        Actor("israel", "Israel", "state"),
    ]
    return doc, text


def test_the_army_is_the_states_military_not_the_state_named_last(nlp: Language) -> None:
    doc, text = army_doc(nlp)
    doc = CorefComponent()(doc)
    army = text.index("The army")
    head = doc.char_span(army, army + 8).root
    assert doc._.ng_coref.resolve((army, army + 8), head) == "idf"
    assert chains(doc) == [("The army", "idf")]


def test_built_on_demand_when_the_component_did_not_run(nlp: Language) -> None:
    doc, text = army_doc(nlp)
    assert doc._.ng_coref is None
    coref = coref_of(doc)
    assert isinstance(coref, Coreference)
    assert coref_of(doc) is coref  # built once: every consumer shares it
    army = text.index("The army")
    assert coref.resolve((army, army + 8), doc.char_span(army, army + 8).root) == "idf"


def test_a_name_is_not_a_chain(nlp: Language) -> None:
    doc, text = army_doc(nlp)
    idf = text.index("Israel Defense Forces")
    token = doc.char_span(idf, idf + 21).root
    assert coref_of(doc).resolve((idf, idf + 21), token) == "idf"
    assert chains(doc) == []


def test_a_description_named_later_is_that_person_and_recorded(pipeline: Language) -> None:
    text = "A man was shot on Elm Street. Police later identified the man as Ray Stone."
    doc = annotate(pipeline, text)
    (stone,) = [a.id for a in doc._.ng_actors if "stone" in a.id]
    assert ("A man", stone) in chains(doc)


@pytest.mark.parametrize(
    ("actor", "kind", "named"),
    [
        ("unresolved:noah-ferris", "organisation", True),  # NER called the name an ORG
        ("unresolved:noah-ferris", "person", True),
        ("ferris-holdings", "company", False),  # a known organisation is no person
    ],
)
def test_a_description_identified_as_a_name_ner_mistyped_is_that_name(
    nlp: Language, actor: str, kind: str, named: bool
) -> None:
    text = "The suspect, later identified as Noah Ferris, was arrested on Monday."
    doc = nlp(text)
    doc._.ng_article = Article(id="t", text=text)
    start = text.index("Noah Ferris")
    doc._.ng_actor_mentions = [ActorMention(start, start + 11, "Noah Ferris", actor)]
    doc._.ng_actors = [Actor(actor, "Noah Ferris", kind)]
    suspect = doc.char_span(0, 11)
    found = coref_of(doc).named_as((0, 11), suspect.root)
    assert found == (actor if named else None)


@pytest.mark.parametrize(
    ("text", "army"),
    [
        # "the army" is a state's force: not the armed group (whose kinds include military)
        # named before it
        (
            "The Rapid Support Forces shelled a market on Monday. The army said the "
            "paramilitary group fired the drones.\n",
            None,
        ),
        (
            "The Sudanese army shelled a market on Monday. The army said the paramilitary "
            "group fired the drones.\n",
            "sudanese-armed-forces",
        ),
    ],
)
def test_the_army_refers_back_to_a_state_force_only(
    pipeline: Language, text: str, army: str | None
) -> None:
    doc = annotate(pipeline, text)
    (statement,) = doc._.ng_statements
    assert statement.speaker.span.text == "The army"
    assert statement.speaker.actor == army


def _resolved(doc: Doc, word: str, occurrence: int = 0) -> str | None:
    """What the ``occurrence``-th token ``word`` of ``doc`` resolves to."""
    token = [t for t in doc if t.text == word][occurrence]
    return coref_of(doc).resolve((token.idx, token.idx + len(token)), token)


def test_a_relative_pronoun_is_its_own_noun_even_without_an_actor(pipeline: Language) -> None:
    # "which" stands for "the 5th Brigade" (no actor known), never for Hamas named before it
    text = "Hamas fired rockets. The army fought the 5th Brigade, which Hamas had armed."
    assert _resolved(annotate(pipeline, text), "which") is None
    # the control: a relative pronoun whose noun is known
    text = "The army fought Hezbollah, which had fired rockets."
    assert _resolved(annotate(pipeline, text), "which") == "hezbollah"


@pytest.mark.parametrize(
    ("text", "pronoun", "actor"),
    [
        # the sentence's own subject, a party with no actor, is whom "its" stands for
        (
            "Hezbollah withdrew from the hill. The rebel command denied the report, saying "
            "its units had stayed.",
            "its",
            None,
        ),
        # a subject of another number is not whom the pronoun stands for
        (
            "Hezbollah fired rockets. The suspects, it said, had been trained abroad.",
            "it",
            "hezbollah",
        ),
        # a known subject, and a subject's possessor, as before
        (
            "Hamas fired rockets. Hezbollah denied the report, saying its units had stayed.",
            "its",
            "hezbollah",
        ),
        (
            "Hamas fired rockets. Hezbollah said its fighters were fighting the brigade its "
            "leaders had armed.",
            "its",
            "hezbollah",
        ),
        # a person subject speaks for a group: the group's pronoun is not the person
        ("Hamas fired rockets. The spokesman said it would respond.", "it", "hamas"),
    ],
)
def test_a_groups_pronoun_after_an_unknown_subject_stays_unknown(
    pipeline: Language, text: str, pronoun: str, actor: str | None
) -> None:
    assert _resolved(annotate(pipeline, text), pronoun, -1) == actor


def test_a_pronoun_object_is_not_its_own_clauses_subject(pipeline: Language) -> None:
    # binding principle B (session 21, within21): "accused it" is not the accuser
    text = (
        "Hezbollah denied firing the rocket on Sunday, a day after the Israeli army accused it "
        "of killing 12 children in the town.\n"
    )
    doc = annotate(pipeline, text)
    it = text.index("accused it") + len("accused ")
    assert (text[it : it + 2], "hezbollah") in chains(doc)
