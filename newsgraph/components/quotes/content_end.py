"""Where a content ends when the rules stop before its sentence does: a learned decision.

The content rules follow the parse, and the parse often stops a content early ("cited X | as
examples of Y", "noted that A | , and B", "the high cost of childcare | , mounting student
debt and unpaid family leave"). For a content that follows its cue and ends before its
sentence, with no other statement's cue or content in the rest of the sentence, a logistic
regression decides whether the content runs on to the sentence end. Its features describe the
rest of the sentence (its first words, its length, the relations that tie it to the content,
whether it is a clause of its own, a date, a quote) and the cue's frame. It is trained on
PolNeAR's train split by ``tools/train_content_end.py`` (weights in ``data/en/content_end.json``,
applied with plain Python); on the train split the rules' end and the sentence end are each
right about half the time for these contents (docs/quotes.md, "Content ends").
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ...datafiles import data_file
from ...extensions import doc_text, sentence_of
from .draft import Draft, Range
from .scan import trim_range
from .spans import is_closing_aside

MODEL_FILE = "content_end.json"

# words whose identity matters at the start of the rest of the sentence; others by their
# dependency label
_FUNCTION_WORDS = frozenset(
    {
        ",",
        ";",
        ":",
        "—",
        "–",
        "-",
        "(",
        "”",
        "’",
        "''",
        '"',
        "and",
        "but",
        "or",
        "as",
        "for",
        "to",
        "in",
        "on",
        "at",
        "of",
        "with",
        "after",
        "before",
        "during",
        "since",
        "when",
        "while",
        "because",
        "though",
        "although",
        "which",
        "who",
        "whose",
        "where",
        "that",
        "the",
        "a",
        "including",
        "even",
        "not",
    }
)
_QUOTE_MARKS = frozenset('"“”‘’«»')
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})
_RELATIVE_WORDS = frozenset({"which", "who", "whom"})


@dataclass(frozen=True, slots=True)
class EndModel:
    """A logistic regression over named binary features."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: list[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-score))


@lru_cache(maxsize=1)
def load_end_model() -> EndModel | None:
    path = data_file(__package__, MODEL_FILE)
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    return EndModel(dict(raw["weights"]), float(raw["bias"]), float(raw["threshold"]))


def sentence_rest(
    doc: Doc,
    cue: Range,
    content: list[Range],
    others: list[tuple[Range | None, list[Range]]],
) -> tuple[list[Token], int] | None:
    """The tokens from a content's end to its sentence's end, and that end (a character
    offset), when the content follows its cue and no other statement's cue or content lies in
    that rest. The rest stops before a closing aside (", which ...")."""
    if not content or cue[1] > content[-1][0]:
        return None
    text = doc_text(doc)
    end = content[-1][1]
    span = doc.char_span(max(end - 1, 0), end, alignment_mode="expand")
    if span is None:
        return None
    sentence = sentence_of(span[-1])
    rest = _before_closing_aside([t for t in sentence if t.idx >= end and not t.is_space])
    while rest and rest[-1].is_punct and rest[-1].text not in _QUOTE_MARKS:
        rest.pop()
    while rest and rest[-1].text in _QUOTE_MARKS | {".", "?", "!"}:
        rest.pop()
    if not rest or all(t.is_punct for t in rest):
        return None
    sentence_end = rest[-1].idx + len(rest[-1])
    if "\n" in text[end:sentence_end]:
        return None
    for other_cue, other_content in others:
        if other_cue is not None and end <= other_cue[0] < sentence_end:
            return None
        if any(end <= start < sentence_end for start, _ in other_content):
            return None
    return rest, sentence_end


def _before_closing_aside(rest: list[Token]) -> list[Token]:
    """The rest up to a closing aside the content rules leave to the outlet (", which came hours
    after ...", ", an assertion the group disputes"): a run-on content stops there too."""
    for k, token in enumerate(rest):
        if token.text == "," and k + 1 < len(rest):
            heads = [t for t in rest[k + 1 :] if t.dep_ in ("relcl", "appos")]
            if any(t.left_edge.i == token.i + 1 and is_closing_aside(t) for t in heads):
                return rest[:k]
    return rest


def rest_features(
    doc: Doc, content: list[Range], rest: list[Token], frame: str, verbs: dict
) -> list[str]:
    """What the rest of the sentence looks like, and how it hangs on the content: its first
    words, length, the relations that tie it to the content, a clause with its own subject, a
    speech verb (", and called it a common ailment"), a closing relative clause (", which
    forced her to leave"), a date, a quote mark."""
    first, second = rest[0], rest[1] if len(rest) > 1 else None
    features = [f"frame={frame}", f"first={_word(first)}", f"len={_length_bucket(len(rest))}"]
    if second is not None:
        features.append(f"second={_word(second)}")
        features.append(f"first2={_word(first)}|{_word(second)}")
    inside = {
        t.i for start, end in content for t in doc.char_span(start, end, alignment_mode="expand")
    }
    positions = {t.i for t in rest}
    for token in rest:
        if token.head.i not in positions:
            where = "content" if token.head.i in inside else "outside"
            features.append(f"top={token.dep_}/{where}")
        if token.dep_ in _SUBJECTS and token.head.i in positions:
            features.append("own_subject")
        if token.ent_type_ in ("DATE", "TIME"):
            features.append("date")
        if token.text in _QUOTE_MARKS:
            features.append("quote_mark")
        if token.pos_ == "VERB" and token.lemma_.lower() in verbs:
            features.append("speech_verb")
        if token.dep_ == "relcl" and token.left_edge.lower_ in _RELATIVE_WORDS:
            features.append("relative_clause")
    last = doc_text(doc)[content[-1][1] : content[-1][1] + 1]
    if last in _QUOTE_MARKS:
        features.append("ends_at_quote")
    return features


def extend_content_ends(doc: Doc, drafts: list[Draft], model: EndModel | None, verbs: dict) -> None:
    """Run each draft's content on to its sentence end where the model finds it likely."""
    if model is None:
        return
    text = doc_text(doc)
    for draft in drafts:
        if draft.cue is None or not draft.content:
            continue
        others = [(d.cue, d.content) for d in drafts if d is not draft]
        found = sentence_rest(doc, draft.cue, draft.content, others)
        if found is None:
            continue
        rest, sentence_end = found
        frame = draft.entry.frame if draft.entry is not None else "none"
        features = rest_features(doc, draft.content, rest, frame, verbs)
        if model.probability(features) < model.threshold:
            continue
        piece = trim_range(text, draft.content[-1][0], sentence_end)
        if piece is not None:
            draft.content[-1] = piece


def _word(token: Token) -> str:
    lower = token.lower_
    return lower if lower in _FUNCTION_WORDS else f"{token.dep_}:{token.tag_}"


def _length_bucket(n: int) -> str:
    for bound in (1, 2, 4, 8, 16):
        if n <= bound:
            return str(bound)
    return "more"
