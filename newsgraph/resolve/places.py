"""STUB: replaced by the real newsgraph_places component."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401


@Language.factory("newsgraph_places", assigns=["doc._.ng_places", "doc._.ng_place_mentions"])
def make_component(nlp: Language, name: str) -> "Component":
    return Component()


class Component:
    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_places = []
        doc._.ng_place_mentions = []
        return doc
