"""Who speaks when the parse hides the subject: a cue word tagged as a noun, a subject parsed
across a paragraph break, and a source that holds another report. Sentences written for these
tests."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.components.quotes.spans import phrase_run

from .pipeline_statements import statements


def sources(nlp: Language, text: str) -> dict[str, str | None]:
    return {
        s.cue.text: (s.speaker.span.text if s.speaker.span else None)
        for s in statements(nlp, text)
        if s.cue
    }


def test_a_cue_tagged_as_a_noun_with_a_subject_takes_the_subject(nlp: Language):
    found = sources(nlp, "But Trump claims that he should be the exception.")
    assert found.get("claims") == "Trump"


def test_a_source_ends_before_a_modifier_holding_another_report(nlp: Language):
    found = sources(
        nlp,
        "House Speaker Paul Ryan, R-Wis., despite admitting that he did have his concerns about "
        "the bill, said it would pass.",
    )
    assert found.get("said") == "House Speaker Paul Ryan, R-Wis."


def test_a_source_keeps_a_modifier_without_a_report(nlp: Language):
    found = sources(
        nlp, "“Now is the time,” said Don Fowler, who helmed the party from 1995 to 1997."
    )
    assert found.get("said") == "Don Fowler, who helmed the party from 1995 to 1997"


def test_a_subject_parsed_across_a_paragraph_break_speaks_by_its_name(nlp: Language):
    text = (
        "WASHINGTON (AP) — The Latest on the presidential race (all times EDT):\n\n7 p.m.\n\n"
        "Donald Trump is once again questioning the integrity of the voting system."
    )
    found = sources(nlp, text)
    assert found.get("is once again questioning") == "Donald Trump"


def test_a_source_ends_where_the_parse_skips_the_verb(nlp: Language):
    # the parse hangs the relative clause on "President", across "has called": the subtree's
    # edges would make the whole sentence the speaker
    found = sources(
        nlp,
        "The Northland President has called for reform in Northland that will protect workers "
        "against unfair practices, provide affordable care to every citizen.",
    )
    assert found.get("has called for") == "The Northland President"


def test_a_phrase_run_stops_at_the_first_word_outside_the_subtree(nlp: Language):
    words = ["The", "chief", "has", "asked", "for", "talks", "that", "end", "war"]
    heads = [1, 3, 3, 3, 3, 4, 7, 1, 7]  # "end" (a relative clause) hung on "chief"
    deps = ["det", "nsubj", "aux", "ROOT", "prep", "pobj", "nsubj", "relcl", "dobj"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    assert phrase_run(doc[1]) == (0, 1)
    assert phrase_run(doc[7]) == (6, 8)
    assert phrase_run(doc[3]) == (0, 8)
