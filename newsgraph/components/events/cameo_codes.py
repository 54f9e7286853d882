"""CAMEO codes of events the text frames as a statement about an act (rules after merging).

PLOVER has no neutral statements, so the event keeps its PLOVER type; its ``cameo`` becomes the
sub-code of CAMEO 01 ("make public statement") the codebook gives the frame, so a CAMEO coder
reading the record sees a statement, not the act (``data/en/cameo_statements.yaml``):

- 012 comment: "expressed pessimism over holding negotiations";
- 013 hope: "said it hoped for more talks";
- 014 consider: "is considering sending aid";
- 015 claim responsibility: "claimed responsibility for the attack", "X claimed that they had
  attacked" (the act stays X's, attributed to the claim);
- 016 deny responsibility: "rejected accusations of genocide";
- 018 empathise: "offered his condolences";
- 019 express accord: "said they agree with the NCAA that ..." (not "agreed to").

A call for a conflict act ("called for sanctions against Turkey") is a demand (CAMEO 10,
verbal conflict), not an appeal for cooperation (02).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml
from spacy.tokens import Doc, Token

from ...model import Event
from .lexicon import DATA_DIR, load_lexicon
from .summary import anchor_token
from .triggers import lemma_candidates

PERSONAL_PRONOUNS = frozenset({"they", "we", "it", "he", "she", "i"})
OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "attr"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pcomp"})


@dataclass(frozen=True, slots=True)
class StatementFrames:
    """The word lists of ``cameo_statements.yaml``."""

    neutral: dict[str, dict[str, Any]]
    hostile_appeal: dict[str, Any]

    def words(self, frame: str, key: str) -> frozenset[str]:
        return frozenset(self.neutral.get(frame, {}).get(key) or ())

    def code(self, frame: str) -> str:
        return str(self.neutral[frame]["cameo"])


@lru_cache(maxsize=1)
def load_frames() -> StatementFrames:
    data = yaml.safe_load((DATA_DIR / "cameo_statements.yaml").read_text(encoding="utf-8"))
    return StatementFrames(data.get("neutral") or {}, data.get("hostile_appeal") or {})


def hostile_appeal_mode(act_type: str | None) -> str | None:
    """The mode of a call for ``act_type`` when that act is a conflict act (a demand, CAMEO 10:
    "called on supporters to join the rally"); the folded act is no event of its own, so
    ``refine_cameo`` cannot see it."""
    hostile = load_frames().hostile_appeal
    return str(hostile["mode"]) if hostile and act_type in (hostile.get("acts") or ()) else None


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _objects(token: Token) -> list[Token]:
    found = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    return found + [c for o in found for c in o.conjuncts]


def _considered(anchor: Token, frames: StatementFrames) -> bool:
    """ "is considering sending aid", "is considering the possibility of providing experts":
    the act is a complement of a verb of considering (through an option noun)."""
    governors = frames.words("consider", "governors")
    options = frames.words("consider", "options")
    token = anchor
    for _ in range(4):
        head = token.head
        if head.i == token.i:
            return False
        if _lemma(head) in governors and token.dep_ in COMPLEMENT_DEPS:
            return True
        passes = token.dep_ in ("pobj", "pcomp", "prep") or _lemma(token) in options
        if token.i != anchor.i and not passes:
            return False  # only through "the possibility of": no other word between
        token = head
    return False


def _claimed(anchor: Token, frames: StatementFrames) -> bool:
    """ "claimed responsibility for the attack", or an actor claiming its own act ("they
    claimed that they had attacked")."""
    claims = frames.words("claim_responsibility", "governors")
    nouns = frames.words("claim_responsibility", "nouns")
    for ancestor in anchor.ancestors:
        if _lemma(ancestor) in nouns and _lemma(ancestor.head) in claims:
            return True
    if anchor.dep_ == "ccomp" and _lemma(anchor.head) in claims:
        subject = next((c for c in anchor.children if c.dep_ == "nsubj"), None)
        return subject is not None and subject.lower_ in PERSONAL_PRONOUNS
    return False


def _commented(anchor: Token, frames: StatementFrames) -> bool:
    """ "expressed pessimism over holding negotiations", "is skeptical about Iranian motives in
    providing payments": the act is what a comment is about; "expressed pessimism after talks
    were suspended", "... even as the regime touted UN support": the act in the comment's
    adverbial clause is its occasion, and the sentence codes the comment."""
    governors = frames.words("comment", "governors")
    nouns = frames.words("comment", "nouns")
    adjectives = frames.words("comment", "adjectives")
    below = anchor  # the child of ``a`` on the path up from the act
    for a in anchor.ancestors:
        if (_lemma(a) in nouns and _lemma(a.head) in governors) or _lemma(a) in adjectives:
            return True
        # "it is skeptical ... in providing": the parser hangs the act on the copula
        if any(c.dep_ == "acomp" and _lemma(c) in adjectives for c in a.children):
            return True
        occasion = below.dep_ == "advcl" and _lemma(a) in governors
        if occasion and any(_lemma(o) in nouns for o in _objects(a)):
            return True
        below = a
    return False


def _hoped_for(anchor: Token, frames: StatementFrames) -> bool:
    """ "said it hoped for more talks", "hoped that X would secure the release of ...": a hope
    about an act (an optimistic comment); "hopes to sign a deal" is the hoper's own intent."""
    hopes = frames.words("hope", "governors")
    token = anchor
    for ancestor in anchor.ancestors:
        # the small model lemmatises "hoped" to "hop": the word's own guesses too
        if ancestor.pos_ in ("VERB", "AUX") and hopes & set(lemma_candidates(ancestor)):
            return token.dep_ != "xcomp"
        token = ancestor
    return False


def _denies_accusation(anchor: Token, frames: StatementFrames) -> bool:
    """ "rejected accusations of genocide", "denied charges that ...": CAMEO 016."""
    return _lemma(anchor) in frames.words("deny_responsibility", "triggers") and any(
        _lemma(o) in frames.words("deny_responsibility", "objects") for o in _objects(anchor)
    )


def _empathizes(anchor: Token, frames: StatementFrames) -> bool:
    """ "offered his condolences", "condolences to the families of those who perished"."""
    words = frames.words("empathize", "objects")
    return (
        _lemma(anchor) in words
        or any(_lemma(o) in words for o in _objects(anchor))
        or any(
            _lemma(a) in words or any(_lemma(o) in words for o in _objects(a))
            for a in anchor.ancestors
        )
    )


def _shares_opinion(anchor: Token, frames: StatementFrames) -> bool:
    """ "agree with X (that ...)": an opinion shared; "agreed to / on" is a commitment."""
    if _lemma(anchor) not in frames.words("express_accord", "triggers"):
        return False
    preps = {c.lower_ for c in anchor.children if c.dep_ == "prep" and c.i > anchor.i}
    if any(c.dep_ == "xcomp" for c in anchor.children):
        return False
    return bool(preps & frames.words("express_accord", "preps")) and not (
        preps & frames.words("express_accord", "not_preps")
    )


NEUTRAL_TESTS = (
    ("deny_responsibility", _denies_accusation),
    ("claim_responsibility", _claimed),
    ("consider", _considered),
    ("comment", _commented),
    ("hope", _hoped_for),
    ("empathize", _empathizes),
    ("express_accord", _shares_opinion),
)


def neutral_code(anchor: Token, frames: StatementFrames) -> str | None:
    """The CAMEO 01 sub-code of the statement frame around ``anchor``, if any."""
    for frame, test in NEUTRAL_TESTS:
        if frame in frames.neutral and test(anchor, frames):
            return frames.code(frame)
    return None


def _requested_acts(anchor: Token, anchors: dict[int, Event]) -> list[Event]:
    """Events the request asks for: its complement's trigger, reached through prepositions
    ("called for sanctions") and support verbs ("to join a rally") only, not through another
    act ("asked NATO to help patrol": the help is asked for)."""
    support = load_lexicon().support_verbs
    found = []
    for token_index, event in anchors.items():
        token = anchor.doc[token_index]
        head = token.head
        while head.i != token.i and head.i != anchor.i and head.i not in anchors:
            if head.pos_ != "ADP" and _lemma(head) not in support:
                break
            token, head = head, head.head
        if head.i == anchor.i and token.i != anchor.i:
            found.append(event)
    return found


def refine_cameo(doc: Doc, events: list[Event]) -> None:
    """Recode, in place, events framed as neutral statements (CAMEO 01) and appeals for a
    conflict act (CAMEO 10)."""
    frames = load_frames()
    tokens = {event.id: anchor_token(doc, event) for event in events}
    anchors = {t.i: e for e in events if (t := tokens[e.id]) is not None}
    hostile = frames.hostile_appeal
    appeal_code = load_lexicon().types["REQUEST"].codes("appeal")[0] if hostile else None
    for event in events:
        anchor = tokens[event.id]
        if anchor is None:
            continue
        code = neutral_code(anchor, frames)
        if code is not None:
            event.cameo = code
            continue
        if hostile and event.type == "REQUEST" and event.cameo == appeal_code:
            acts = {e.type for e in _requested_acts(anchor, anchors) if e is not event}
            if acts & set(hostile.get("acts") or ()):
                event.cameo = str(hostile["cameo"])
                event.mode = str(hostile["mode"])
                event.quad = str(hostile["quad"])
