"""Who speaks: a statement's speaker mention resolved to an actor id.

The article's coreference (``newsgraph_coref``) resolves names, pronouns and descriptions; quotes
add one habit of news copy: a "he" or "she" right after a person's statement goes on with that
speaker ("“…,” Syrskyi told Zelensky. He said …" is Syrskyi, not the last person named).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ..coref.resolver import PERSON, Range, coref_of

# how far (characters) after a statement's end a personal pronoun still means its speaker
_GOES_ON = 400


class Speakers:
    def __init__(self, doc: Doc) -> None:
        self.coref = coref_of(doc)
        # the last statement's speaker (a person) and where its frame ended
        self.last_speaker: tuple[str, int] | None = None

    def spoke(self, actor: str | None, end: int) -> None:
        """Record a resolved statement (in text order) for the pronouns that follow it."""
        if actor is not None and self.coref.types.get(actor) == PERSON:
            self.last_speaker = (actor, end)

    def resolve(
        self, source: Range | None, token: Token | None, content: Sequence[Range] = ()
    ) -> str | None:
        """The speaker's actor id, or None when none is known (``Coreference.resolve``)."""
        if (
            source is not None
            and self.last_speaker is not None
            and 0 <= source[0] - self.last_speaker[1] < _GOES_ON
            and self.coref.pronoun_class(source) == PERSON
        ):
            return self.coref.link(source, self.last_speaker[0])
        return self.coref.resolve(source, token, content)

    def addressee(self, span: Range | None) -> str | None:
        return self.coref.actor_at(span)
