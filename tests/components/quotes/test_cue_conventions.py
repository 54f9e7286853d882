"""PolNeAR's conventions for cue boundaries and nested reports, as counted on its fit parts
(docs/quotes.md, "Cue recall"). Sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.quotes.frames import cue_range
from newsgraph.model import Article, Statement
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_pipeline()


def statements(nlp: Language, text: str) -> list[Statement]:
    doc = nlp.make_doc(text)
    doc._.ng_article = Article(id="t", text=text)
    return nlp(doc)._.ng_statements


def summary(statement: Statement) -> tuple:
    return (
        statement.cue.text if statement.cue else None,
        tuple(c.text for c in statement.content),
        statement.speaker.span.text if statement.speaker.span else None,
        statement.act,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A spokesman for the ministry declined to comment on the report.",
            ("declined", ("to comment on the report",), "A spokesman for the ministry"),
        ),
        (
            "The governor refused to answer questions from reporters on Tuesday.",
            ("refused", ("to answer questions from reporters",), "The governor"),
        ),
    ],
)
def test_a_refused_report_is_the_refusals_cue(nlp: Language, text: str, expected: tuple):
    # the refusal is the cue, the infinitive the content; nothing was said (CAMEO 011)
    (statement,) = statements(nlp, text)
    assert summary(statement) == (*expected, "no comment")


def test_a_refused_stance_keeps_the_joint_cue(nlp: Language):
    (statement,) = statements(nlp, "The senator refused to endorse the plan on Monday.")
    assert statement.cue is not None and statement.cue.text == "refused to endorse"


def test_a_clauses_when_is_not_part_of_the_cue(nlp: Language):
    doc = nlp("The minister smiled when asked about the strike.")
    asked = next(t for t in doc if t.text == "asked")
    start, end = cue_range(asked)
    assert doc.text[start:end] == "asked about"


def test_the_outer_statement_keeps_a_report_nested_in_its_content(nlp: Language):
    # "it said" inside what the statement referenced is no second statement (before: the
    # nested "said" won, with "it" as speaker and half a clause as content)
    text = (
        "The army's statement also referenced the damage it said the rockets had caused in "
        "the north."
    )
    assert [summary(s) for s in statements(nlp, text)] == [
        (
            "also referenced",
            ("the damage it said the rockets had caused in the north",),
            "The army's statement",
            "claim",
        )
    ]


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
