"""Answers the event rules ask many times of one token, kept for one run of the component.

The detection passes, the doer corrections and the factuality features ask the same token the
same question several times (``roles.is_passive`` about twice per verb it is asked of,
``roles.subject_of`` up to four times per trigger, ``roles.negated`` and ``roles.hypothetical``
once by the rules' flags and again by the factuality features). ``extract_events`` opens a memo
on its doc (``remembering``) and drops it when it returns, so nothing outlives the run or grows
across documents; outside a run (tests, tools) every question is computed as before.

A token-valued answer is kept as the token's index and handed back as a fresh ``Token``, as the
computation does: callers compare tokens with ``is``, and a shared object would change that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from spacy.tokens import Doc, Token

_KEY = ("newsgraph", "event_token_memo")
_ABSENT = -1  # a remembered None among token indices
T = TypeVar("T")


@contextmanager
def remembering(doc: Doc) -> Iterator[None]:
    """Keep the answers asked about ``doc``'s tokens until the block ends."""
    doc.user_data[_KEY] = {}
    try:
        yield
    finally:
        doc.user_data.pop(_KEY, None)


def remembered(compute: Callable[..., T], token: Token, *context: object) -> T:
    """``compute(token, *context)``, computed once per token while a memo is open; ``context``
    (a lexicon) is told apart by identity."""
    memo = token.doc.user_data.get(_KEY)
    if memo is None:
        return compute(token, *context)
    key = (compute, token.i, *map(id, context))
    if key in memo:
        return memo[key]
    found = memo[key] = compute(token, *context)
    return found


def remembered_token(compute: Callable[[Token], Token | None], token: Token) -> Token | None:
    """``remembered`` for a question whose answer is a token of the same doc (or None)."""
    doc = token.doc
    memo = doc.user_data.get(_KEY)
    if memo is None:
        return compute(token)
    key = (compute, token.i)
    index = memo.get(key)
    if index is None:
        found = compute(token)
        memo[key] = _ABSENT if found is None else found.i
        return found
    return None if index == _ABSENT else doc[index]
