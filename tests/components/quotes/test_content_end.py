"""The learned content end (``content_end``): a content the parse stopped early runs on to its
sentence end when the model says so, never over another statement. Sentences written for these
tests."""

from __future__ import annotations

from spacy.language import Language

from newsgraph.components.quotes.component import extract_statements
from newsgraph.components.quotes.content_end import EndModel, extend_content_ends
from newsgraph.components.quotes.draft import Draft
from newsgraph.components.quotes.lexicon import load_knowledge
from newsgraph.model import Article

ALWAYS = EndModel(weights={}, bias=5.0, threshold=0.5)
NEVER = EndModel(weights={}, bias=-5.0, threshold=0.5)


def _draft(text: str, cue: str, content: str) -> Draft:
    cue_at, content_at = text.index(cue), text.index(content)
    return Draft(
        (cue_at, cue_at + len(cue)),
        None,
        None,
        None,
        content=[(content_at, content_at + len(content))],
    )


def test_a_content_runs_on_to_its_sentence_end_when_the_model_says_so(nlp: Language):
    text = "Voters said they had doubts about the plan, but could not bear to vote against it."
    doc = nlp(text)
    draft = _draft(text, "said", "they had doubts about the plan")
    extend_content_ends(doc, [draft], NEVER, {})
    assert text[slice(*draft.content[0])] == "they had doubts about the plan"
    extend_content_ends(doc, [draft], ALWAYS, {})
    assert text[slice(*draft.content[0])] == (
        "they had doubts about the plan, but could not bear to vote against it"
    )


def test_a_content_never_runs_over_another_statements_cue(nlp: Language):
    text = "The minister said the talks would resume, the diplomat added."
    doc = nlp(text)
    said = _draft(text, "said", "the talks would resume")
    added = _draft(text, "added", "The minister said the talks would resume")
    added.content = [(0, text.index(","))]
    extend_content_ends(doc, [said, added], ALWAYS, {})
    assert text[slice(*said.content[0])] == "the talks would resume"


def test_a_content_before_its_cue_keeps_its_end(nlp: Language):
    text = "The talks will resume in May, the minister said on Tuesday in the capital."
    doc = nlp(text)
    draft = _draft(text, "said", "The talks will resume in May")
    extend_content_ends(doc, [draft], ALWAYS, {})
    assert text[slice(*draft.content[0])] == "The talks will resume in May"


def test_the_shipped_model_keeps_a_coordinated_clause(nlp: Language):
    text = (
        "Several voters said they had doubts about the plan, but could not bear to vote "
        "against the mayor."
    )
    doc = nlp.make_doc(text)
    doc._.ng_article = Article(id="t", text=text)
    doc = nlp(doc)
    knowledge = load_knowledge()
    on = extract_statements(doc, knowledge, learned_content_end=True)
    assert [c.text for c in on[0].content] == [
        "they had doubts about the plan, but could not bear to vote against the mayor"
    ]
    # off by default (docs/quotes.md, "Content ends")
    assert [c.text for c in doc._.ng_statements[0].content] == ["they had doubts about the plan"]


def test_a_run_on_content_stops_before_a_closing_aside(nlp: Language):
    text = (
        "The ministry said five people were wounded, many of them children, which came hours "
        "after the strike."
    )
    doc = nlp(text)
    draft = _draft(text, "said", "five people were wounded")
    extend_content_ends(doc, [draft], ALWAYS, {})
    assert text[slice(*draft.content[0])] == "five people were wounded, many of them children"
