"""What a statement is about, read from the parse: the target a CAMEO coder gives a sentence
that codes a statement (01, make a public statement) and no act.

ConfliBERT's coders give such a sentence a target: the one a statement is addressed to or is
about ("expressed condolences to the Government of Turkey", "is pessimistic about the
possibility of a deal"), else the subject of what is said ("said they hoped Bolton would ...").
The statement record has no such span (its addressee is an actor id), so the ConfliBERT scorer
reads it here, from the statement's cue.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..components.events.roles import NOMINAL_POS
from ..model import Statement

# prepositions that name what a statement is about or whom it is addressed to
_ABOUT_PREPS = ("about", "over", "on", "regarding", "to", "for", "of")
_NOT_ABOUT = frozenset({"behalf"})  # "on behalf of": for whom one speaks, not about whom
_WHEN = frozenset({"DATE", "TIME"})  # "on Saturday"
_DEPTH = 2  # clauses to descend: "said it is skeptical of X", "said they hoped X would"


def _phrase(head: Token) -> tuple[int, int]:
    """A noun phrase's characters, without a "that" clause or what follows a comma after it
    ("a Russian announcement that it had opened corridors": the announcement)."""
    tokens = [head]
    first_conjunct_end = _first_conjunct_end(head)
    for token in head.subtree:
        if token.i <= head.i:
            tokens.append(token)
            continue
        if token.i >= first_conjunct_end:
            break  # one addressee: "condolences to the people *and the government*"
        if token.text == "," or (token.dep_ == "acl" and token.head.i == head.i and any(
            c.dep_ == "mark" or c.lower_ == "that" for c in token.children
        )):  # fmt: skip
            break
        if token.lower_ == "that" and token.head.head.i == head.i:
            break
        tokens.append(token)
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens)
    return head.doc[start].idx, head.doc[end].idx + len(head.doc[end].text)


def _first_conjunct_end(head: Token) -> int:
    """Where the head's first conjunct ends: CAMEO codes one target per event, and the coders
    mark the first of coordinated addressees ("condolences to the people *and the government
    of X*"; ConfliBERT CAMEO fit targets: a conjunct of the top word left out 22 times, kept 4,
    docs/events.md). Not where the two make one name."""
    starts = [
        c.left_edge.i
        for c in head.children
        if c.dep_ == "conj" and c.pos_ in NOMINAL_POS and not _one_name(head, c)
    ]
    if not starts:
        return head.right_edge.i + 1
    end = min(starts)
    while end - 1 > head.i and (
        head.doc[end - 1].dep_ in ("cc", "preconj") or head.doc[end - 1].is_punct
    ):
        end -= 1
    return end


def _one_name(head: Token, conj: Token) -> bool:
    """The head and its conjunct lie in one named entity ("Bosnia and Herzegovina")."""
    words = head.doc[head.i : conj.i + 1]
    return words[0].ent_iob_ != "O" and all(t.ent_iob_ == "I" for t in words[1:])


def _about(head: Token, preps: tuple[str, ...]) -> tuple[int, int] | None:
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps:
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.ent_type_ not in _WHEN and obj.lower_ not in _NOT_ABOUT:
            return _phrase(obj)
    return None


def _clause_target(verb: Token, depth: int = 0) -> tuple[int, int] | None:
    # the cue's object names the topic ("condolences to X"), then the cue or its adjective
    # ("skeptical of X"); a thing said "of" ("a slate of petitions") is no topic
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    adjectives = [c for c in verb.children if c.dep_ == "acomp"]
    heads = [(h, _ABOUT_PREPS[:-1]) for h in objects] + [(h, _ABOUT_PREPS) for h in adjectives]
    for head, preps in [*heads, (verb, _ABOUT_PREPS)]:
        found = _about(head, preps)
        if found:
            return found
    # what is said: the cue's clause, or a clause its object holds ("expressed hopes the
    # council will ...", "issued a statement calling on X")
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    clauses += [
        c for o in objects for c in o.children if c.dep_ in ("acl", "ccomp") and c.pos_ == "VERB"
    ]
    for clause in clauses:
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ != "PRON":
            return _phrase(subject)
        if depth < _DEPTH and (found := _clause_target(clause, depth + 1)):
            return found  # "said it is skeptical of X": the speaker's own clause
    return None


def statement_target(doc: Doc, statement: Statement) -> tuple[int, int] | None:
    """The characters of what ``statement`` is about or addressed to, when its cue says."""
    if statement.cue is None:
        return None
    cue = doc.char_span(statement.cue.start, statement.cue.end, alignment_mode="expand")
    return _clause_target(cue.root) if cue is not None else None
