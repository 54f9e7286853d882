"""Resolve a statement's speaker mention to an actor id, cheaply, within one article.

Names go through ``extensions.actor_mention_at`` (the actor resolver's mentions). Pronouns
("he", "it", "they"), relative words ("who") and descriptions ("the faction", "the Israeli PM")
that the resolver left unresolved take the most recent compatible actor mention before them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ... import extensions
from ...model import ActorMention
from ..actors.kb import KnowledgeBase, load_description_rules
from .lexicon import QuoteKnowledge

Range = tuple[int, int]
PERSON = "person"


class SpeakerResolver:
    def __init__(self, doc: Doc, knowledge: QuoteKnowledge, text: str | None = None) -> None:
        self.doc = doc
        self.text = extensions.doc_text(doc) if text is None else text
        self.knowledge = knowledge
        mentions = [m for m in extensions.get_list(doc, "ng_actor_mentions") if m.actor_id]
        self.mentions: list[ActorMention] = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.types = {a.id: a.type for a in extensions.get_list(doc, "ng_actors")}
        self.kb = KnowledgeBase.load()
        self.heads = load_description_rules().heads
        # the last statement's speaker and where its frame ended: "“…,” Syrskyi told Zelensky.
        # He said …" goes on with Syrskyi, not with the last person named
        self.last_speaker: tuple[str, int] | None = None

    def spoke(self, actor: str | None, end: int) -> None:
        """Record a resolved statement (in text order) for the pronouns that follow it."""
        if actor is not None and self.types.get(actor) == PERSON:
            self.last_speaker = (actor, end)

    def resolve(
        self, source: Range | None, token: Token | None, content: Sequence[Range] = ()
    ) -> str | None:
        """The actor id of a speaker mention, or None when none is known. A pronoun or
        description never points into the statement's own ``content`` ("“No Pakistani
        military sites were hit,” the ministry said" is not the military speaking)."""
        if source is None:
            return None
        words = self.text[source[0] : source[1]].lower().split()
        if len(words) == 1 and words[0] in self.knowledge.pronoun_class:
            return self._pronoun(words[0], source, token, content)
        # the mention at the phrase's head speaks: "the Russian private military group Wagner"
        # is Wagner, though "Russian" is the longer name in it
        if token is not None and source[0] <= token.idx < source[1]:
            mention = extensions.actor_mention_at(self.doc, token.idx, token.idx + len(token))
            if mention is not None and mention.actor_id:
                return mention.actor_id
        mention = extensions.actor_mention_at(self.doc, *source)
        if mention is not None and mention.actor_id and not self._named_after(mention, token):
            return mention.actor_id
        head = token.lemma_.lower() if token is not None else words[-1] if words else ""
        description = self.knowledge.description_class.get(head)
        # a capitalised head is a name ("the Sudanese Doctors Network"), not a description
        if description is not None and (
            token is None or (_definite(token) and token.pos_ != "PROPN")
        ):
            # "the military" points back to a military, not to the ambulance service named last
            rule = self.heads.get((head,))
            types = rule.types if rule is not None and not rule.is_person else None
            return self._antecedent(source[0], description == PERSON, content, types)
        return None

    def _named_after(self, mention: ActorMention, token: Token | None) -> bool:
        """An organisation's name that holds another actor's name as a compound ("The Kenya
        Medical Association"): the named actor is not the speaker. "Lebanon's health ministry"
        and "the Lebanese health ministry" still speak for Lebanon."""
        if token is None or token.pos_ != "PROPN":
            return False
        inner = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return inner is not None and inner.root.dep_ == "compound" and inner.root.pos_ == "PROPN"

    def addressee(self, span: Range | None) -> str | None:
        if span is None:
            return None
        mention = extensions.actor_mention_at(self.doc, *span)
        return mention.actor_id if mention is not None else None

    def _pronoun(
        self, word: str, source: Range, token: Token | None, content: Sequence[Range]
    ) -> str | None:
        pronoun_class = self.knowledge.pronoun_class[word]
        if pronoun_class == "relative" and token is not None:
            # "Nasrallah, who said ...": the noun the relative clause hangs on
            clause = token.head
            noun = clause.head if clause.dep_ in ("relcl", "acl") else None
            if noun is not None and noun is not clause:
                mention = extensions.actor_mention_at(
                    self.doc, noun.left_edge.idx, noun.idx + len(noun)
                )
                if mention is not None and mention.actor_id:
                    return mention.actor_id
            return self._antecedent(source[0], None, content)
        if pronoun_class == "person":
            if self.last_speaker is not None and 0 <= source[0] - self.last_speaker[1] < 400:
                return self.last_speaker[0]
            return self._subject_antecedent(source[0], True, content) or self._antecedent(
                source[0], True, content
            )
        return self._subject_antecedent(source[0], False, content) or self._antecedent(
            source[0], False, content
        )

    def _subject_antecedent(
        self, before: int, person: bool, content: Sequence[Range]
    ) -> str | None:
        """The most recent compatible actor that was a clause's subject in the sentence before
        the pronoun or its own: "The RSF, at war with the army, did not respond. It said ..."
        is the RSF, not the army named last."""
        first = self.doc.char_span(before, before + 1, alignment_mode="expand")
        if first is None:
            return None
        sentence = first[0].sent
        since = self.doc[sentence.start - 1].sent.start_char if sentence.start else 0
        return self._antecedent(before, person, content, since=since, subjects_only=True)

    def _antecedent(
        self,
        before: int,
        person: bool | None,
        content: Sequence[Range] = (),
        types: frozenset[str] | None = None,
        since: int = 0,
        subjects_only: bool = False,
    ) -> str | None:
        """The most recent actor mention between ``since`` and ``before`` of the right kind
        (person or not, one of ``types`` for a known actor, a clause subject when
        ``subjects_only``), outside ``content``."""
        index = bisect_left(self.starts, before) - 1
        while index >= 0 and self.mentions[index].start >= since:
            mention = self.mentions[index]
            index -= 1
            if mention.end > before or any(s <= mention.start < e for s, e in content):
                continue
            kind = self.types.get(mention.actor_id or "")
            if not (person is None or kind is None or (kind == PERSON) == person):
                continue
            if types is not None and not self._fits(mention.actor_id or "", types):
                continue
            if subjects_only and not self._is_subject(mention):
                continue
            return mention.actor_id
        return None

    def _is_subject(self, mention: ActorMention) -> bool:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")

    def _fits(self, actor_id: str, types: frozenset[str]) -> bool:
        """A known actor of one of ``types``; an unresolved name fits any (its type is a guess)."""
        entry = self.kb.get(actor_id)
        return entry is None or bool(entry.types & types)


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _definite(token: Token) -> bool:
    """ "the group", "its spokesman": a description that points back; "aid groups" and "a
    spokesman" point at someone not named before."""
    return any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in token.children
    )
