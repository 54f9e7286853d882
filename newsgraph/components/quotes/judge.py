"""A learned judge of whole statement drafts: is this an attribution as annotators mark them?

The rules and the token model propose statements generously (every speech verb, every run of
likely cue tokens); many are not attributions in context ("knows", "saw", "made"). This model
scores each draft from what the rules know about it: where it came from, its cue word and
parse, the token model's probability, what kind of source and content it has. It is a logistic
regression over hashed features, trained on drafts the pipeline proposes on the PolNeAR train
split (out of fold, ``tools/train_quote_model.py``), and ``quotes.py`` keeps drafts scoring
above its threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.strings import hash_string
from spacy.tokens import Doc

from .draft import Draft
from .lexicon import SPEAKING_ENTITIES
from .scan import Quote

_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"})


@dataclass(frozen=True, slots=True)
class DraftModel:
    """Logistic-regression weights over ``2**bits`` hashed draft-feature buckets."""

    weights: np.ndarray
    bias: float
    bits: int
    threshold: float

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        if features.size == 0:
            return np.zeros(len(features), dtype=np.float32)
        buckets = (features & np.uint64((1 << self.bits) - 1)).astype(np.int64)
        scores = self.weights[buckets].sum(axis=1, dtype=np.float32) + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(scores, -30, 30)))


def draft_features(
    doc: Doc, text: str, quotes: list[Quote], drafts: list[Draft], probs: np.ndarray
) -> np.ndarray:
    """A (n_drafts, n_templates) uint64 array of feature hashes."""
    rows = [_hashes(_features(doc, text, quotes, d, probs)) for d in drafts]
    if not rows:
        return np.zeros((0, 0), dtype=np.uint64)
    return np.array(rows, dtype=np.uint64)


def _hashes(features: list[str]) -> list[int]:
    return [hash_string(f"{k}:{f}") for k, f in enumerate(features)]


def _features(
    doc: Doc, text: str, quotes: list[Quote], draft: Draft, probs: np.ndarray
) -> list[str]:
    token = draft.token
    origin = draft.origin
    lemma = draft.lemma or "-"
    cue_text = " ".join(text[draft.cue[0] : draft.cue[1]].lower().split()) if draft.cue else "-"
    if token is not None:
        pos, dep, tag, head = token.pos_, token.dep_, token.tag_, token.head.lemma_.lower()
        negated = any(c.dep_ == "neg" for c in token.children)
        prob = float(probs[token.i]) if token.i < len(probs) else 0.0
    else:
        pos = dep = tag = head = "-"
        negated, prob = False, 0.0
    cue_prob = _max_probability(doc, draft, probs)
    source = _source_kind(doc, text, draft)
    kind = _content_kind(quotes, draft)
    words = sum(len(text[s:e].split()) for s, e in draft.content)
    first = text[draft.content[0][0] : draft.content[0][1]].split()[:1] if draft.content else []
    entry = draft.entry
    frame = f"{entry.frame}|{entry.act}" if entry is not None else "-"
    cue_in_quote = draft.cue is not None and any(
        q.inner_start <= draft.cue[0] and draft.cue[1] <= q.inner_end for q in quotes
    )
    paragraph = "head" if draft.cue is not None and "\n" not in text[: draft.cue[0]] else "body"
    return [
        "bias",
        origin,
        lemma,
        f"{lemma}|{origin}",
        cue_text,
        f"{pos}|{dep}",
        f"{lemma}|{dep}",
        tag,
        head,
        f"{lemma}|{head}",
        _bucket(prob),
        _bucket(cue_prob),
        f"{_bucket(cue_prob)}|{origin}",
        source,
        f"{source}|{lemma}",
        f"{source}|{origin}",
        kind,
        f"{kind}|{lemma}",
        f"{kind}|{origin}",
        _length(words),
        f"{_length(words)}|{origin}",
        str(min(len(draft.content), 3)),
        (first[0].lower() if first else "-"),
        frame,
        f"neg={negated}|{lemma}",
        str(min(len(cue_text.split()), 5)),
        f"inq={cue_in_quote}|{origin}",
        paragraph,
        f"{kind}|{source}",
        f"{pos}|{source}|{kind}",
    ]


def _bucket(probability: float) -> str:
    return f"p{min(int(probability * 10), 9)}"


def _length(words: int) -> str:
    for limit in (2, 5, 10, 20, 40, 80):
        if words <= limit:
            return f"w{limit}"
    return "w+"


def _max_probability(doc: Doc, draft: Draft, probs: np.ndarray) -> float:
    if draft.cue is None or len(probs) == 0:
        return 0.0
    span = doc.char_span(draft.cue[0], draft.cue[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return 0.0
    return float(probs[span.start : span.end].max())


def _source_kind(doc: Doc, text: str, draft: Draft) -> str:
    if draft.source is None:
        return "none"
    words = text[draft.source[0] : draft.source[1]].lower().split()
    if len(words) == 1 and words[0] in _PRONOUNS:
        return f"pron:{words[0]}"
    span = doc.char_span(draft.source[0], draft.source[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return "other"
    entities = {t.ent_type_ for t in span} & SPEAKING_ENTITIES
    if entities:
        return f"ent:{sorted(entities)[0]}"
    return f"noun:{span.root.pos_}"


def _content_kind(quotes: list[Quote], draft: Draft) -> str:
    inside = sum(
        any(q.inner_start <= s + 1 and e - 1 <= q.inner_end for q in quotes)
        for s, e in draft.content
    )
    if draft.content and inside == len(draft.content):
        return "direct"
    touching = any(q.start < e and s < q.end for q in quotes for s, e in draft.content)
    return "mixed" if inside or touching else "indirect"
