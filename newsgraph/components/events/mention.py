"""``Mention``: one event as the sentence detector finds it, before linking."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from .lexicon import Sense
from .roles import clause_tokens


@dataclass(slots=True)
class Mention:
    """One event as found in a sentence (before linking to actors, places, statements)."""

    anchor: Token
    tokens: list[Token]
    type: str | None
    mode: str | None
    sense: Sense
    source: Token | None = None
    target: Token | None = None
    magnitude: dict[str, dict[str, Any]] = field(default_factory=dict)
    magnitude_tokens: list[tuple[int, int]] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False  # conditional or uncertain (the contract's flag)
    future: bool = False  # planned, promised or threatened (the contract's flag)
    factuality: str = "asserted"  # the learned reading (events/factuality.py)
    folded: bool = False
    # the casualties and the act of a "when" clause told apart (folds.is_moment_clause_act):
    # they never merge with each other
    apart: bool = False
    extra_clause: list[Token] = field(default_factory=list)
    reciprocal_split: bool = False
    parties_filtered: bool = False  # a party named no actor and was emptied (party_filter)
    flag_anchor: Token | None = None  # where negation/modality are read, when not the anchor

    def clause(self) -> list[Token]:
        seen: dict[int, Token] = {}
        for tok in [*clause_tokens(self.anchor), *self.extra_clause]:
            seen[tok.i] = tok
        for tok in self.tokens:
            for t in clause_tokens(tok, limit=40):
                seen[t.i] = t
        return list(seen.values())
