"""PolNeAR's conventions for cue boundaries and nested reports, as counted on its fit parts
(docs/quotes.md, "Cue recall: where the misses are"). Sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.quotes.draft import Draft
from newsgraph.components.quotes.frames import cue_range, take_content_prepositions
from newsgraph.components.quotes.learned import _extend_cue_with_auxiliaries, _without_partial_dates
from newsgraph.components.quotes.lexicon import load_knowledge
from newsgraph.model import Statement

from .pipeline_statements import statements


def summary(statement: Statement) -> tuple:
    return (
        statement.cue.text if statement.cue else None,
        tuple(c.text for c in statement.content),
        statement.speaker.span.text if statement.speaker.span else None,
        statement.act,
    )


def test_a_clauses_when_is_not_part_of_the_cue(nlp: Language):
    doc = nlp("The minister smiled when asked about the strike.")
    asked = next(t for t in doc if t.text == "asked")
    start, end = cue_range(asked)
    assert doc.text[start:end] == "asked about"


def test_according_to_beats_a_stance_verb_around_it(nlp: Language):
    text = (
        "The top earners would see their taxes fall by 20 percent, according to the Tax Foundation."
    )
    assert [summary(s)[:3] for s in statements(nlp, text)] == [
        (
            "according to",
            ("The top earners would see their taxes fall by 20 percent",),
            "the Tax Foundation",
        )
    ]


def test_when_stays_out_of_a_statements_cue(nlp: Language):
    text = "The minister smiled when asked about the strike on the depot."
    cues = [s.cue.text for s in statements(nlp, text) if s.cue]
    assert not any(cue.lower().startswith("when") for cue in cues)


def test_a_report_in_a_closing_relative_clause_stands_beside_the_stance(nlp: Language):
    # the closing ", who said ..." is no part of what is criticized, so both are statements
    # (session 10: PolNeAR marks both, fit +2 and train sample +4 cues matched)
    text = "The ministry criticized the governor, who said the curfew would stay in place."
    assert [summary(s)[:3] for s in statements(nlp, text)] == [
        ("criticized", ("the governor",), "The ministry"),
        ("said", ("the curfew would stay in place",), "who"),
    ]


def cue_of(nlp: Language, text: str, word: str) -> str:
    """The cue grown from the draft on ``word`` by the learned pass's boundary rules."""
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    draft = Draft((token.idx, token.idx + len(token)), token.lemma_, None, token)
    _extend_cue_with_auxiliaries(doc, draft, set())
    assert draft.cue is not None
    return text[draft.cue[0] : draft.cue[1]]


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # the copula and the adverbs before a predicate that is the cue
        ("Republicans were not fond of the plan.", "fond", "were not fond"),
        ("The voters are specifically focused on jobs.", "focused", "are specifically focused"),
        # auxiliaries with an adverb between them and the verb
        ("Trump is once again questioning the vote.", "questioning", "is once again questioning"),
        # the verb whose object or particle the cue word is, with its auxiliary
        ("Trump has raised questions about the debate.", "questions", "has raised questions"),
        ("Cruz is doubling down on his attacks.", "down", "is doubling down"),
    ],
)
def test_a_cue_grows_over_its_copula_auxiliaries_and_verb(
    nlp: Language, text: str, word: str, expected: str
):
    assert cue_of(nlp, text, word) == expected


def test_a_cue_does_not_grow_over_another_clause(nlp: Language):
    # "when" and a subject stop the walk
    assert cue_of(nlp, "The minister smiled when asked about it.", "asked") == "asked"
    assert cue_of(nlp, "The minister said it was false.", "said") == "said"


@pytest.mark.parametrize(
    ("text", "run", "word", "expected"),
    [
        # a grown cue that cut a date in two leaves the part out
        (
            "The company last month announced a deal.",
            ("month", "announced"),
            "announced",
            "announced",
        ),
        ("Smith said last week that it was over.", ("said", "last"), "said", "said"),
        # a whole date stays
        ("Smith said last week that it was over.", ("said", "week"), "said", "said last week"),
    ],
)
def test_a_grown_cue_takes_a_date_whole_or_not_at_all(
    nlp: Language, text: str, run: tuple[str, str], word: str, expected: str
):
    doc = nlp(text)
    index = {t.text: t.i for t in doc}
    first, last = _without_partial_dates(doc, index[run[0]], index[run[1]], index[word])
    assert doc[first : last + 1].text == expected


def moved_cue_and_content(nlp: Language, text: str, cue: str, content: str) -> tuple[str, str]:
    """The cue and first content piece after ``take_content_prepositions`` on a draft drawn
    with the given cue and content words."""
    doc = nlp(text)
    cue_start, content_start = text.index(cue), text.index(content)
    draft = Draft((cue_start, cue_start + len(cue)), None, None, None)
    draft.content = [(content_start, content_start + len(content))]
    take_content_prepositions(doc, [draft], load_knowledge().cue_prepositions)
    assert draft.cue is not None
    (start, end), (first, last) = draft.cue, draft.content[0]
    return text[start:end], text[first:last]


@pytest.mark.parametrize(
    ("text", "cue", "content", "expected"),
    [
        # "of", "with", "for", "on" opening the content belong to the cue
        (
            "The governor is a longtime supporter of the new border treaty.",
            "supporter",
            "of the new border treaty",
            ("supporter of", "the new border treaty"),
        ),
        (
            "The envoy sympathized with the farmers who lost their land.",
            "sympathized",
            "with the farmers who lost their land",
            ("sympathized with", "the farmers who lost their land"),
        ),
        # "about" and "against" too (PolNeAR train: in the cue 472 / 25 and 108 / 0 times)
        (
            "The mayor was optimistic about the harbor plan.",
            "optimistic",
            "about the harbor plan",
            ("optimistic about", "the harbor plan"),
        ),
        (
            "The bishop spoke out against the new mining law.",
            "spoke out",
            "against the new mining law",
            ("spoke out against", "the new mining law"),
        ),
        # "to" goes both ways in PolNeAR: left in the content
        (
            "The envoy complained to the farmers about the delays.",
            "complained",
            "to the farmers about the delays",
            ("complained", "to the farmers about the delays"),
        ),
        # a date is no content, and its preposition is not the cue's
        (
            "The police said on Monday.",
            "said",
            "on Monday",
            ("said", "on Monday"),
        ),
        # not right after the cue: nothing moves
        (
            "The governor is a supporter, as of today, of the treaty.",
            "supporter",
            "of the treaty",
            ("supporter", "of the treaty"),
        ),
    ],
)
def test_a_preposition_opening_the_content_joins_the_cue(
    nlp: Language, text: str, cue: str, content: str, expected: tuple[str, str]
):
    assert moved_cue_and_content(nlp, text, cue, content) == expected


def test_a_speech_verb_inside_a_content_is_a_report_of_its_own(nlp: Language):
    text = "The minister said the governor told reporters that the road would reopen on Monday.\n"
    assert [(s.cue.text, s.speaker.span.text) for s in statements(nlp, text)] == [
        ("said", "The minister"),
        ("told", "the governor"),
    ]
    (_, inner) = statements(nlp, text)
    assert [c.text for c in inner.content] == ["that the road would reopen on Monday"]


def test_a_belief_inside_a_content_stays_part_of_it(nlp: Language):
    text = "The mayor said the rebels believe the bridge was never damaged.\n"
    assert [s.cue.text for s in statements(nlp, text)] == ["said"]


def test_an_infinitive_after_an_object_is_the_objects_report(nlp: Language):
    # the object is made to say it: the infinitive is the cue, the object its source
    # ("prompted NATO | to order"), not one cue from the governing verb across the object
    text = "Russia's moves prompted NATO at its summit in Warsaw to order the deployment of troops."
    assert [summary(s)[:3] for s in statements(nlp, text)] == [
        ("to order", ("the deployment of troops",), "NATO")
    ]
    text = "The senator forced the chief executive Tom Stumpf to admit that nobody was punished."
    assert [summary(s)[:3] for s in statements(nlp, text)] == [
        ("to admit", ("that nobody was punished",), "the chief executive Tom Stumpf")
    ]


def test_an_infinitive_right_after_its_governing_verb_joins_its_cue(nlp: Language):
    text = "The minister appeared to suggest that the talks would resume."
    assert [summary(s)[:3] for s in statements(nlp, text)] == [
        ("appeared to suggest", ("that the talks would resume",), "The minister")
    ]


def test_a_listed_verb_with_an_object_and_an_infinitive_is_the_cue(nlp: Language):
    # "encouraging his voters ... to ask": encouraging is the report; the object, the scene
    # phrases between and the infinitive are its content, the asking no report of its own
    text = (
        "The senator is also encouraging his voters at a rally Friday evening in Ohio to ask"
        " why the governor had issues."
    )
    assert [summary(s)[:3] for s in statements(nlp, text)] == [
        (
            "is also encouraging",
            ("his voters at a rally Friday evening in Ohio to ask why the governor had issues",),
            "The senator",
        )
    ]


def test_an_infinitive_after_an_object_that_names_nobody_joins_its_cue(nlp: Language):
    # the object is the subject's means ("used his speech to call for"), not a speaker
    text = "The governor used his speech to call for new elections."
    assert [summary(s)[:3] for s in statements(nlp, text)] == [
        ("used his speech to call for", ("new elections",), "The governor")
    ]


def test_an_infinitive_after_its_adjective_takes_the_adjective_and_its_subject(nlp: Language):
    # "was able to tout", "were more likely to say": the cue starts at the adjective's
    # copula, and the copula's subject speaks
    text = "Voters were slightly more likely to say that the economy was improving."
    assert [summary(s)[:3] for s in statements(nlp, text)] == [
        ("were slightly more likely to say", ("that the economy was improving",), "Voters")
    ]
