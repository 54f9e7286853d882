"""Towns conjoined with a place the recogniser found: "shelling hit Kherson and Zaporizhzhia",
"drones struck targets in Kursk and Belgorod". The small model tags such names PERSON, ORG or
PRODUCT one by one, but a name listed with a place is a place of the same kind when the
gazetteer holds it as a town of some size (``org_towns.names_a_sized_town``, the test a town
the small model tags as an organisation passes): the coordination says what it is.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...extensions import entities
from .org_towns import names_a_sized_town
from .recognizer import Recognizer
from .toponyms import Toponym, toponym_role, trimmed_name


def with_conjoined_towns(
    doc: Doc, toponyms: list[Toponym], recognizer: Recognizer
) -> list[Toponym]:
    """``toponyms`` with the towns conjoined with one of their places added (text order)."""
    taken = [(t.start, t.end) for t in toponyms]
    added: list[Toponym] = []
    for toponym in toponyms:
        if toponym.role != "place":
            continue
        span = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
        if span is None:
            continue
        for partner in _partners(span):
            name = _name_at(doc, partner)
            if name is None or any(s < name.end_char and name.start_char < e for s, e in taken):
                continue
            if names_a_sized_town(name, recognizer):
                added.append(Toponym(name.start_char, name.end_char, name.text, "ner",
                                     toponym_role(name)))  # fmt: skip
                taken.append((name.start_char, name.end_char))
    return sorted([*toponyms, *added], key=lambda t: t.start) if added else toponyms


def _partners(span: Span) -> list[Token]:
    """The heads of the names conjoined with ``span``: its conjuncts and the word it is a
    conjunct of ("Kherson and Zaporizhzhia": each is the other's partner)."""
    root = span.root
    partners = [c for c in root.children if c.dep_ == "conj" and c.i >= span.end]
    if root.dep_ == "conj" and root.head.i < span.start:
        partners.append(root.head)
    return [p for p in partners if p.pos_ == "PROPN"]


def _name_at(doc: Doc, token: Token) -> Span | None:
    """The proper name ``token`` heads: the entity holding it, else its compound run."""
    for ent in entities(doc):
        if ent.start <= token.i < ent.end:
            return trimmed_name(ent)
    start = token.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == token.i:
        start -= 1
    return doc[start : token.i + 1]
