"""A statement under construction, shared by every pass of newsgraph_quotes (drafts, content,
frames, the learned tagger and judge, acts): its own module, so no pass imports another's."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .lexicon import Cue

Range = tuple[int, int]


@dataclass(slots=True)
class Draft:
    """A statement under construction (character ranges, before resolution)."""

    cue: Range | None
    lemma: str | None
    entry: Cue | None
    token: Token | None
    source: Range | None = None
    source_token: Token | None = None
    content: list[Range] = field(default_factory=list)
    addressee: Range | None = None
    # verb | noun | according | orphan | announced | layout | model (read by the draft judge)
    origin: str = "verb"


def draft_position(draft: Draft) -> int:
    starts = [r[0] for r in draft.content]
    if draft.cue:
        starts.append(draft.cue[0])
    return min(starts)
