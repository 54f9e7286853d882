"""Who did it and to whom: parse repairs for doers, targets of things given or lifted, an
appeal's addressee and the argument model's candidates inside a statement (``roles``,
``targets``, ``component``, ``arguments``)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.components.events.arguments import ArgumentContext, candidates
from newsgraph.components.events.component import extract_events
from newsgraph.components.events.mention import Mention
from newsgraph.components.events.options import EventOptions
from newsgraph.components.events.roles import (
    is_passive,
    misparsed_subject,
    names_a_proposition,
    passive_patient,
    subject_of,
)
from newsgraph.components.events.spans import full_phrase_bounds
from newsgraph.model import Event
from newsgraph.nlp import load_spacy_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def _parsed(
    nlp: Language,
    words: list[str],
    heads: list[int],
    deps: list[str],
    tags: list[str],
    pos: list[str],
    ents: list[str] | None = None,
) -> Doc:
    """A doc with a parse given by hand (the parse a model sometimes produces)."""
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos,
               ents=ents or ["O"] * len(words))  # fmt: skip


def _first(nlp: Language, text: str) -> tuple[str, str | None, str | None]:
    event = extract_events(nlp(text))[0]
    return event.type, _text(event, "source"), _text(event, "target")


def _text(event: Event, role: str) -> str | None:
    span = getattr(event, role).span
    return span.text if span else None


def test_a_main_verb_read_as_a_participle_of_its_subject_is_active(nlp: Language) -> None:
    # "The air force carried out strikes" with the verb hung on "force" as a participle
    doc = _parsed(
        nlp,
        ["The", "air", "force", "carried", "out", "strikes"],
        [2, 2, 2, 2, 3, 3],
        ["det", "compound", "ROOT", "acl", "prt", "dobj"],
        ["DT", "NN", "NN", "VBN", "RP", "NNS"],
        ["DET", "NOUN", "NOUN", "VERB", "ADP", "NOUN"],
    )
    carried = doc[3]
    assert not is_passive(carried)
    assert subject_of(carried).text == "force"


def test_a_main_verb_read_as_a_participle_ends_its_subject_phrase(nlp: Language) -> None:
    doc = _parsed(
        nlp,
        ["President", "Lee", "called", "the", "premier"],
        [1, 1, 1, 4, 2],
        ["compound", "ROOT", "acl", "det", "dobj"],
        ["NNP", "NNP", "VBN", "DT", "NN"],
        ["PROPN", "PROPN", "VERB", "DET", "NOUN"],
    )
    assert full_phrase_bounds(doc[1]) == (0, 2)


def test_a_participle_without_an_object_stays_passive(nlp: Language) -> None:
    doc = _parsed(
        nlp,
        ["The", "town", "shelled", "by", "troops"],
        [1, 1, 1, 2, 3],
        ["det", "ROOT", "acl", "agent", "pobj"],
        ["DT", "NN", "VBN", "IN", "NNS"],
        ["DET", "NOUN", "VERB", "ADP", "NOUN"],
    )
    assert is_passive(doc[2])
    assert subject_of(doc[2]).text == "troops"


def test_a_participle_tagged_as_a_past_tense_on_a_noun_is_passive(nlp: Language) -> None:
    # "a guard gunned down by the gang": the tagger read the participle as a past tense (VBD)
    doc = _parsed(
        nlp,
        ["They", "mourned", "a", "guard", "gunned", "down", "by", "the", "gang"],
        [1, 1, 3, 1, 3, 4, 4, 8, 6],
        ["nsubj", "ROOT", "det", "dobj", "acl", "prt", "agent", "det", "pobj"],
        ["PRP", "VBD", "DT", "NN", "VBD", "RP", "IN", "DT", "NN"],
        ["PRON", "VERB", "DET", "NOUN", "VERB", "ADP", "ADP", "DET", "NOUN"],
    )
    assert is_passive(doc[4])
    assert subject_of(doc[4]).text == "gang"
    assert passive_patient(doc[4]).text == "guard"


def test_a_past_tense_modifier_without_an_agent_is_passive(nlp: Language) -> None:
    # "the families of the soldiers killed": the soldiers were killed, they did not kill
    doc = _parsed(
        nlp,
        ["the", "families", "of", "the", "soldiers", "killed"],
        [1, 1, 1, 4, 2, 4],
        ["det", "ROOT", "prep", "det", "pobj", "acl"],
        ["DT", "NNS", "IN", "DT", "NNS", "VBD"],
        ["DET", "NOUN", "ADP", "DET", "NOUN", "VERB"],
    )
    assert is_passive(doc[5])
    assert subject_of(doc[5]) is None
    assert passive_patient(doc[5]).text == "soldiers"
    # with an object of its own, a past tense hung on a noun is the noun's act
    active = _parsed(
        nlp,
        ["the", "soldiers", "killed", "a", "man"],
        [1, 1, 1, 4, 2],
        ["det", "ROOT", "acl", "det", "dobj"],
        ["DT", "NNS", "VBD", "DT", "NN"],
        ["DET", "NOUN", "VERB", "DET", "NOUN"],
    )
    assert not is_passive(active[2])


def test_a_bare_that_names_no_party(nlp: Language) -> None:
    doc = _parsed(
        nlp,
        ["and", "that", "means", "asking", "for", "help"],
        [2, 2, 2, 2, 3, 4],
        ["cc", "nsubj", "ROOT", "xcomp", "prep", "pobj"],
        ["CC", "DT", "VBZ", "VBG", "IN", "NN"],
        ["CCONJ", "PRON", "VERB", "VERB", "ADP", "NOUN"],
    )
    assert names_a_proposition(doc[1])
    relative = _parsed(
        nlp,
        ["rebels", "that", "attacked", "towns"],
        [0, 2, 0, 2],
        ["ROOT", "nsubj", "relcl", "dobj"],
        ["NNS", "WDT", "VBD", "NNS"],
        ["NOUN", "PRON", "VERB", "NOUN"],
    )
    assert not names_a_proposition(relative[1])
    assert subject_of(relative[2]).text == "rebels"


def test_an_acronym_read_as_an_adverb_is_the_subject(nlp: Language) -> None:
    doc = _parsed(
        nlp,
        ["USAID", "provided", "tents"],
        [1, 1, 1],
        ["advmod", "ROOT", "dobj"],
        ["RB", "VBD", "NNS"],
        ["ADV", "VERB", "NOUN"],
    )
    assert misparsed_subject(doc[1], set()).text == "USAID"
    lower = _parsed(nlp, ["Yesterday", "troops", "left"], [2, 2, 2],
                    ["npadvmod", "nsubj", "ROOT"], ["NN", "NNS", "VBD"],
                    ["NOUN", "NOUN", "VERB"])  # fmt: skip
    assert misparsed_subject(lower[2], set()) is None  # it has a subject


def test_an_adverb_is_no_subject_unless_an_actor_covers_it(nlp: Language) -> None:
    doc = _parsed(nlp, ["Later", "provided", "tents"], [1, 1, 1],
                  ["advmod", "ROOT", "dobj"], ["RB", "VBD", "NNS"],
                  ["ADV", "VERB", "NOUN"])  # fmt: skip
    assert misparsed_subject(doc[1], set()) is None
    assert misparsed_subject(doc[1], {0}) is not None


def test_restrictions_imposed_on_someone_are_lifted_for_them(nlp: Language) -> None:
    text = "The court lifted parole restrictions imposed on the former minister Alan Reed."
    assert _first(nlp, text) == ("CONCEDE", "The court", "the former minister Alan Reed")


@pytest.fixture(scope="module")
def pipeline() -> Language:
    from newsgraph.nlp import get_pipeline

    return get_pipeline()


def test_an_appeal_is_aimed_at_whom_it_calls_on(pipeline: Language) -> None:
    doc = pipeline("The two governments called on Eastland to lift its sanctions against Westland.")
    appeals = [e for e in doc._.ng_events if e.type == "REQUEST"]
    assert appeals and appeals[0].target.span is not None
    assert appeals[0].target.span.text == "Eastland"


def test_inside_a_statement_the_model_chooses_among_the_reported_clause(nlp: Language) -> None:
    doc = nlp("The ministry said rebels shelled the town.")
    shelled = doc[4]
    mention = Mention(shelled, [shelled], "ASSAULT", None, None)
    sent = next(doc.sents)
    everyone = {t.text for t in candidates(sent, mention)}
    assert "ministry" in everyone
    reported = ArgumentContext(quoted=set(range(3, 7)))
    assert {t.text for t in candidates(sent, mention, reported)} == {"rebels", "town"}


def test_a_concession_by_no_actor_has_no_source(nlp: Language) -> None:
    """The party filter judges every event's source: a truce allows nothing by itself."""
    doc = nlp("The truce allowed aid convoys to enter the city.")
    unfiltered = extract_events(doc)[0]
    filtered = extract_events(doc, options=EventOptions(party_filter=True))[0]
    assert unfiltered.type == filtered.type == "RETREAT"  # aid let in: CAMEO 0863
    assert _text(unfiltered, "source") == "The truce"
    assert filtered.source.span is None
