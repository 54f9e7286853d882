"""What the events component reads from earlier components, once per document: statements
(an event inside one is attributed to it), place mentions and times (an event's place and time
are found in its clause)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from ... import extensions
from ...model import ActorRef, Span, Statement
from .lexicon import Lexicon
from .mention import Mention
from .place_choice import (
    Roles,
    candidate_features,
    load_place_model,
    narrowest,
    sentence_candidates,
)
from .roles import clause_tokens


def token_span(doc: Doc, token: Token) -> Span:
    return Span(token.idx, token.idx + len(token.text), token.text)


def statement_holding(statements: list[Statement], offset: int) -> Statement | None:
    for statement in statements:
        if any(piece.start <= offset < piece.end for piece in statement.content):
            return statement
    return None


def _disputed_ids(statements: list[Statement]) -> set[str]:
    return {s.disputes for s in statements if s.disputes}


def free_adjunct_head(mention: Mention) -> Token | None:
    """The verb whose clause a free participle adjunct of the mention hangs on ("struck the
    town on Friday, killing five": "killing" → "struck"), or None. A participle with a
    subordinator of its own ("while fleeing", "after killing") tells its own time."""
    tok = mention.anchor  # the event's own word: "announcing the arrest" dates no arrest
    if (
        tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and tok.head.i < tok.i
        and tok.head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("mark", "aux", "auxpass") for c in tok.children)
    ):
        return tok.head
    return None


def _nearest(items: list[tuple[int, str]], anchor: int) -> str | None:
    if not items:
        return None
    return min(items, key=lambda item: abs(item[0] - anchor))[1]


@dataclass(slots=True)
class Context:
    """What other components wrote, read once per document."""

    doc: Doc
    lexicon: Lexicon
    statements: list[Statement] = field(default_factory=list)
    place_mentions: list[tuple[int, int, str]] = field(default_factory=list)
    times: list[Any] = field(default_factory=list)
    disputed: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, doc: Doc, lexicon: Lexicon) -> Context:
        statements = extensions.get_list(doc, "ng_statements")
        return cls(
            doc,
            lexicon,
            statements,
            list(extensions.get_list(doc, "ng_place_mentions")),
            list(extensions.get_list(doc, "ng_times")),
            _disputed_ids(statements),
        )

    def place_for(
        self,
        mention: Mention,
        target: Span | None,
        attributed: Statement | None,
        verbal: bool = False,
        source: ActorRef | None = None,
    ) -> str | None:
        """Where it happened: the place the learned chooser (``place_choice``) picks among
        those of the sentence; without its model, the target when it is a place ("the strike
        on Rafah"), else a place in the event's clause. A verbal act ("threatened Lebanon")
        does not happen at its target."""

        def in_target(start: int, end: int) -> bool:
            return target is not None and start < target.end and target.start < end

        model = load_place_model()
        if model is not None:
            candidates = [
                m
                for m in sentence_candidates(self.doc, mention.anchor, self.place_mentions)
                if not (verbal and in_target(m[0], m[1]))
            ]
            roles = Roles(target, source.span if source else None, self._country_of(source))
            features = candidate_features(
                self.doc, mention.anchor, candidates, self._places(), roles
            )
            index = model.choose_index(features)
            if index is None:
                return self._said_here(mention, attributed)
            return narrowest(self.doc, candidates[index], candidates, self._places())[2]
        if not verbal:
            for start, end, place_id in self.place_mentions:
                if in_target(start, end):
                    return place_id
        ranges = [(t.idx, t.idx + len(t.text)) for t in mention.clause()]
        found = [
            (start, end, place_id)
            for start, end, place_id in self.place_mentions
            if any(a <= start < b for a, b in ranges) and not (verbal and in_target(start, end))
        ]
        # "the southernmost city of the Gaza Strip, Rafah": the apposition names the spot
        specific = [
            place_id
            for start, end, place_id in found
            if (tok := self._token_at(start, end)) is not None and tok.dep_ == "appos"
        ]
        place = specific[0] if specific else self._outermost(found, mention.anchor.idx)
        return place or self._said_here(mention, attributed)

    @staticmethod
    def _said_here(mention: Mention, attributed: Statement | None) -> str | None:
        """ "launched a rocket here": where the speaker stood."""
        if attributed is None or not any(t.lower_ == "here" for t in mention.clause()):
            return None
        return attributed.place

    def _places(self) -> dict[str, Any]:
        return {p.id: p for p in extensions.get_list(self.doc, "ng_places")}

    def _country_of(self, ref: ActorRef | None) -> str | None:
        if ref is None or not ref.actor:
            return None
        actors = extensions.get_list(self.doc, "ng_actors")
        return next((a.country for a in actors if a.id == ref.actor), None)

    def _outermost(self, found: list[tuple[int, int, str]], anchor: int) -> str | None:
        """Of several places, the one highest in the parse: "Majdal Shams in the Golan" is
        Majdal Shams; ties go to the first named (the wider area usually follows)."""

        def rank(item: tuple[int, int, str]) -> tuple[int, int]:
            tok = self._token_at(item[0], item[1])
            depth = sum(1 for _ in tok.ancestors) if tok is not None else 99
            return depth, item[0]

        return min(found, key=rank)[2] if found else None

    def _token_at(self, start: int, end: int) -> Token | None:
        """The head token of a character range."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span.root if span is not None else None

    def time_for(self, mention: Mention) -> str | None:
        found = self._time_in(mention.clause(), mention.anchor.idx)
        if (
            found is None
            and mention.anchor.lemma_.lower() not in self.lexicon.speech_verbs
            and (head := free_adjunct_head(mention)) is not None
        ):
            # "Russia dropped a bomb on the city late on March 14, killing two people": a
            # participle adjunct has no tense of its own; it happens when its clause does (not
            # "announcing the arrest": a report's time is not its event's)
            found = self._time_in(clause_tokens(head), mention.anchor.idx)
        return found

    def _time_in(self, clause: list[Token], anchor: int) -> str | None:
        # the clause's tokens as sorted character ranges, which never overlap
        ranges = sorted((t.idx, t.idx + len(t.text)) for t in clause)
        starts = [a for a, _ in ranges]

        def in_clause(offset: int) -> bool:
            k = bisect_right(starts, offset) - 1
            return k >= 0 and offset < ranges[k][1]

        found = [
            (time.span.start, time.id)
            for time in self.times
            if time.span is not None and in_clause(time.span.start)
        ]
        return _nearest(found, anchor)
