"""newsgraph_coref: one resolver of pronouns and descriptions per article, for every consumer.

Writes ``doc._.ng_coref`` (a ``resolver.Coreference``): quotes ask it who "he" or "the ministry"
is when it speaks, events who "they" or "the army" is when it acts. Each chain it resolves is
recorded on it (``Coreference.chains``). Consumers reach it through ``resolver.coref_of``, which
builds it when this component did not run, so quotes and events still run alone.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .resolver import Coreference


@Language.factory(
    "newsgraph_coref",
    assigns=["doc._.ng_coref"],
    requires=["doc._.ng_actor_mentions"],
)
def make_component(nlp: Language, name: str) -> CorefComponent:
    return CorefComponent()


class CorefComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_coref = Coreference(doc)
        return doc
