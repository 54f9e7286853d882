"""The statements the whole pipeline finds in a text, for the quotes tests."""

from __future__ import annotations

from spacy.language import Language

from newsgraph.model import Article, Statement


def statements(nlp: Language, text: str) -> list[Statement]:
    doc = nlp.make_doc(text)
    doc._.ng_article = Article(id="t", text=text)
    return nlp(doc)._.ng_statements
