"""Comparing spaCy tokens by position, never by Python identity.

``doc[i]``, ``token.head``, ``token.children`` and every other accessor build a new ``Token``
object on each call, so ``a is b`` is false for the same word unless both names hold the very
object one call handed out ("opened fire on the crowd": the verb's object read twice is two
objects). ``==`` compares positions too, but says nothing about ``None``; these helpers say
what is meant.
"""

from __future__ import annotations

from spacy.tokens import Token


def same_token(a: Token | None, b: Token | None) -> bool:
    """``a`` and ``b`` are the same word of the same doc (false where either is None)."""
    return a is not None and b is not None and a.i == b.i and a.doc is b.doc


def has_head(token: Token) -> bool:
    """``token`` hangs from another word: false for a sentence's root (its own head)."""
    return token.head.i != token.i
