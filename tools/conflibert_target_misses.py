"""The ConfliBERT CAMEO fit sentences' main-event target misses, sorted by kind.

    python tools/conflibert_target_misses.py            # counts by kind
    python tools/conflibert_target_misses.py --list     # and one line per miss

Fit part only (held-out sentences are never read here). Each fit sentence with token tags is
scored as ``newsgraph eval conflibert-cameo`` scores its target (``eval.conflibert.role_span``,
exact as the scorer compares: case, a leading article and edge punctuation aside) and put in
one class:

- (a) **boundary**: our span overlaps the gold span but is not the same; the words one side
  has and the other lacks, at each end, are named by ``boundary_kind`` (determiner, title,
  apposition, "of" phrase, another preposition's phrase, conjunct, relative clause,
  possessive, participle, infinitive, a left modifier, the head noun, trailing punctuation);
- (b) **wrong phrase**: our span does not overlap any gold span;
- (c) **none given**: gold has a target, we give none;
- (d) **target where gold has none**: a sentence whose tags mark a source but no target gets
  one from us (the scorer does not count these; listed for the record).
"""

from __future__ import annotations

import argparse
import gc
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newsgraph.eval.annotate import annotate, overlaps
from newsgraph.eval.base import FIT, by_part, shared_eval_dir
from newsgraph.eval.conflibert import (
    DEFAULT_DATA,
    GoldSentence,
    _words,
    main_event,
    main_statement,
    read_gold,
    role_span,
    statement_about,
)
from newsgraph.nlp import get_pipeline

BATCH = 40  # the pipeline's memory grows over long runs; annotate a batch at a time
Range = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Tok:
    """What the kinds read of a parsed token."""

    start: int
    text: str
    tag: str  # Penn tag
    dep: str
    ent: str  # entity type, "" outside one

    @property
    def lower(self) -> str:
        return self.text.lower()


DETERMINER_TAGS = frozenset({"DT", "PDT", "PRP$", "WDT"})
RELATIVE_WORDS = frozenset({"who", "whom", "whose", "which", "that", "where"})
PREPOSITION_TAGS = frozenset({"IN", "TO", "RP"})
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
QUANTITY_TAGS = frozenset({"CD", "DT", "$", "JJ", "JJS"})
MODIFIER_TAGS = frozenset({"JJ", "JJR", "JJS", "CD", "VBN", "VBG", "RB", "RBR"}) | NOUN_TAGS


def _words_only(tokens: list[Tok]) -> list[Tok]:
    return [t for t in tokens if t.tag not in {",", ".", ":", "``", "''", "-LRB-", "-RRB-", "HYPH"}]


def right_kind(tokens: list[Tok]) -> str:
    """The kind of the words after the shorter span's end that the longer one has."""
    words = _words_only(tokens)
    if not words:
        return "trailing punctuation"
    first, opening = words[0], tokens[0]
    if first.tag == "POS":
        return "possessive"
    if first.lower in RELATIVE_WORDS and first.tag in {"WDT", "WP", "WP$", "WRB"}:
        return "relative clause"
    if any(t.dep == "relcl" for t in words) and first.tag.startswith("W"):
        return "relative clause"
    if first.tag == "CC" or first.dep in {"cc", "conj"}:
        return "conjunct"
    if first.tag in {"VBN", "VBG"}:
        return "participle"
    if first.tag == "TO" and len(words) > 1 and words[1].tag == "VB":
        return "infinitive"
    if opening.text in {",", "(", "-", "--", "—"}:
        return "apposition"
    if first.tag in PREPOSITION_TAGS:
        return '"of" phrase' if first.lower == "of" else f'"{first.lower}" phrase'
    if first.dep == "appos":
        return "apposition"
    if first.tag in NOUN_TAGS:
        return "head noun"
    return "other"


def left_kind(tokens: list[Tok], inner_first: Tok | None) -> str:
    """The kind of the words before the shorter span's start that the longer one has."""
    words = _words_only(tokens)
    if not words:
        return "trailing punctuation"
    if any(t.text == "," for t in tokens):
        return "apposition"
    if words[-1].tag == "POS":
        return "possessive"
    if all(t.tag in DETERMINER_TAGS or t.lower in {"any", "more", "all", "some"} for t in words):
        return "determiner"
    if words[0].tag in PREPOSITION_TAGS:
        return "leading preposition"
    if words[-1].lower == "of" and words[0].tag in QUANTITY_TAGS:
        return 'quantity "of"'
    if words[-1].tag in PREPOSITION_TAGS:
        return "another head (the shorter is a prepositional object in the longer)"
    if (
        inner_first is not None
        and inner_first.ent == "PERSON"
        and all(t.ent != "PERSON" for t in words)
        and all(t.tag in NOUN_TAGS | DETERMINER_TAGS | {"JJ"} for t in words)
    ):
        return "title"
    if all(t.tag in MODIFIER_TAGS | DETERMINER_TAGS | {"HYPH"} for t in words):
        return "left modifier"
    return "other"


def boundary_kind(tokens: list[Tok], ours: Range, gold: Range) -> str:
    """``direction: kind`` (and ``+ kind`` for a second end) of an overlapping, inexact span:
    "we add" where ours holds gold, "gold adds" where gold holds ours, else "partial"."""
    if ours[0] <= gold[0] and gold[1] <= ours[1]:
        direction, outer, inner = "we add", ours, gold
    elif gold[0] <= ours[0] and ours[1] <= gold[1]:
        direction, outer, inner = "gold adds", gold, ours
    else:
        return "partial"
    kinds = []
    left = [t for t in tokens if outer[0] <= t.start < inner[0]]
    right = [t for t in tokens if inner[1] <= t.start < outer[1]]
    inside = [t for t in tokens if inner[0] <= t.start < inner[1]]
    if _words_only(left):
        kinds.append(left_kind(left, inside[0] if inside else None))
    if _words_only(right):
        kinds.append(right_kind(right))
    return f"{direction}: {' + '.join(kinds) or 'trailing punctuation'}"


def miss_class(text: str, tokens: list[Tok], ours: Range | None, golds: list[Range]) -> str | None:
    """The class of a sentence's target; None where it is right (or neither side has one)."""
    if not golds:
        return "(d) target where gold has none" if ours else None
    if ours is None:
        return "(c) none given"
    if any(_words(text[ours[0] : ours[1]]) == _words(text[s:e]) for s, e in golds):
        return None
    touching = [g for g in golds if overlaps(ours, g)]
    if not touching:
        return "(b) wrong phrase"
    if len(touching) > 1:
        return "(a) we add: conjunct (gold splits the conjuncts)"
    gold = max(touching, key=lambda g: min(g[1], ours[1]) - max(g[0], ours[0]))
    return f"(a) {boundary_kind(tokens, ours, gold)}"


def misses(golds: list[GoldSentence], nlp: Any) -> Iterator[dict[str, Any]]:
    """One row per fit sentence whose target is missed."""
    parses: dict[str, list[Tok]] = {}

    def keep_parse(doc: Any) -> None:
        parses[doc.text] = [Tok(t.idx, t.text, t.tag_, t.dep_, t.ent_type_) for t in doc]

    for first in range(0, len(golds), BATCH):
        batch = golds[first : first + BATCH]
        annotations = annotate([g.text for g in batch], nlp, on_doc=keep_parse)
        for gold, annotation in zip(batch, annotations, strict=True):
            statement = main_statement(annotation)
            found = role_span(
                main_event(annotation), statement, "target", statement_about(annotation, statement)
            )
            ours = (found.start, found.end) if found else None
            spans = gold.roles.get("target", [])
            kind = miss_class(gold.text, parses[gold.text], ours, spans)
            if kind:
                yield {
                    "kind": kind,
                    "ours": found.text if found else None,
                    "gold": [gold.text[s:e] for s, e in spans],
                    "text": gold.text,
                }
        parses.clear()
        gc.collect()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print each miss")
    args = parser.parse_args()
    sentences = read_gold(shared_eval_dir() / DEFAULT_DATA)
    golds = [s for s in by_part(sentences, lambda s: s.key)[FIT] if s.roles]
    scored = sum(bool(s.roles.get("target")) for s in golds)
    kinds: Counter[str] = Counter()
    for row in misses(golds, get_pipeline()):
        kinds[row["kind"]] += 1
        if args.list:
            print(row)
    print(f"fit sentences with a gold target: {scored}; misses by kind:")
    for name, count in sorted(kinds.items(), key=lambda kv: (kv[0][:3], -kv[1], kv[0])):
        print(f"  {count:3d}  {name}")
    for letter in "abcd":
        total = sum(n for k, n in kinds.items() if k.startswith(f"({letter})"))
        print(f"  ({letter}) total {total}")


if __name__ == "__main__":
    main()
