"""Names the article has placed once, read again where NER tags them otherwise.

One sense per discourse: a town the article names as a place ("police in Mansfield said")
is that town when it opens an organisation's name later ("the Mansfield Police Department",
an *embedded* toponym in GeoWebNews and LGL) or when the small model tags it a people ("in
Shiloh", NORP). The echo takes the entry the first reading resolved, so it needs no lookup.

Support on the fit parts of GeoWebNews and LGL (docs/places.md): a name the article places
elsewhere is the gold toponym inside an organisation's name in 103 of 145 cases (read here only
where it opens the name: GeoWebNews/LGL fit recognition 0.849 / 0.710 -> 0.854 / 0.730), and as
a whole NORP entity in 10 of 11 (not an acronym); not as a PERSON (3 of 48) nor as a whole ORG
(36 of 82: clubs and firms named after their town).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ...extensions import entities
from .gazetteer import Entry
from .toponyms import LEADING_WORDS, Toponym, toponym_role, trimmed_name

# entities a placed name may open: the name is embedded in them ("the Dublin City Council")
EMBEDDING_LABELS = frozenset({"ORG", "WORK_OF_ART"})
# entities that may wholly be a placed name misread ("a church in Shiloh", NORP)
MISREAD_WHOLE_LABELS = frozenset({"NORP"})
MAX_NAME_TOKENS = 3  # "North Las Vegas", "Madison County"


def placed_names_again(doc: Doc, toponyms: list[Toponym]) -> list[Toponym]:
    """``toponyms`` with the echoes of their resolved place names added (text order)."""
    placed: dict[str, Entry] = {
        t.text: t.entry
        for t in toponyms
        if t.entry is not None and t.role == "place" and t.source != "local"
    }
    if not placed:
        return toponyms
    taken = {i for t in toponyms for i in range(t.start, t.end)}
    added = []
    for ent in entities(doc):
        if ent.label_ in EMBEDDING_LABELS:
            name, role = _leading_name(ent, placed), "embedded"
        elif ent.label_ in MISREAD_WHOLE_LABELS:
            name = trimmed_name(ent)
            if name is None or name.text not in placed or name.text.isupper():
                continue
            role = toponym_role(name)
        else:
            continue
        if name is None or any(i in taken for i in range(name.start_char, name.end_char)):
            continue
        source = "embedded" if role == "embedded" else "ner"
        added.append(
            Toponym(name.start_char, name.end_char, name.text, source, role, placed[name.text])
        )
    if not added:
        return toponyms
    return sorted([*toponyms, *added], key=lambda t: t.start)


def _leading_name(ent: Span, placed: dict[str, Entry]) -> Span | None:
    """The longest placed name that opens ``ent`` (after "the") and leaves words of the
    entity's own after it ("Mansfield" in "the Mansfield Police Department"; not "Dublin" as
    the whole of an ORG)."""
    first = 1 if ent[0].text in LEADING_WORDS else 0
    for size in range(MAX_NAME_TOKENS, 0, -1):
        if first + size >= len(ent):
            continue
        name = ent[first : first + size]
        if name.text in placed:
            return name
    return None
