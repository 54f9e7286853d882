"""The ConfliBERT CAMEO fit sentences' main-event target misses, sorted by kind.

    python tools/conflibert_target_misses.py            # counts by kind
    python tools/conflibert_target_misses.py --list     # and one line per miss
    python tools/conflibert_target_misses.py --paths    # and the dependency paths of (b), (c)
    python tools/conflibert_target_misses.py --extent   # the extent alone, every gold target

Fit part only (held-out sentences are never read here). ``--extent`` asks what the phrase
would be if the choice were right: for every gold target span, the phrase the events record for
the span's top word in our parse (``spans.recorded_bounds``, the main event's trigger as anchor)
against the span, exact or by ``boundary_kind``. It separates the coders' extent from the
choice among candidates (docs/events.md, session 16).

Each fit sentence with token tags is
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

Classes (b) and (c) are then counted by how the gold target's top word hangs off the main
event's trigger (or, with no main event, the statement cue the scorer reads the target from):
the dependency path up from the trigger to the lowest word holding both and down to the gold
word, named by ``relation_group`` (the trigger's object, subject or passive subject, the object
of an aimed preposition, of a place preposition or of another one, a complement clause's
subject, a clause the object holds, a purpose clause, a place phrase deeper down, a verb the
nominal trigger is object of, another clause; a target inside a quote or with no trigger).
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from checkout import ROOT  # noqa: F401  first: this checkout's newsgraph, not an installed one
from conflibert_fit import annotated, fit_sentences

from newsgraph.components.events.spans import recorded_bounds
from newsgraph.eval.annotate import overlaps
from newsgraph.eval.conflibert import (
    GoldSentence,
    bare_phrase,
    main_event,
    main_statement,
    role_span,
    statement_about,
)
from newsgraph.nlp import get_pipeline

Range = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Tok:
    """What the kinds read of a parsed token."""

    start: int
    text: str
    tag: str  # Penn tag
    dep: str
    ent: str  # entity type, "" outside one
    head: int = -1  # index of the syntactic head in the sentence's token list (itself at a root)
    lemma: str = ""

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
    if any(bare_phrase(text[ours[0] : ours[1]]) == bare_phrase(text[s:e]) for s, e in golds):
        return None
    touching = [g for g in golds if overlaps(ours, g)]
    if not touching:
        return "(b) wrong phrase"
    if len(touching) > 1:
        return "(a) we add: conjunct (gold splits the conjuncts)"
    gold = max(touching, key=lambda g: min(g[1], ours[1]) - max(g[0], ours[0]))
    return f"(a) {boundary_kind(tokens, ours, gold)}"


QUOTES = frozenset({'"', "``", "''", "“", "”"})
PLACE_PREPS = frozenset(
    {"in", "at", "near", "around", "across", "throughout", "inside", "into", "outside"}
)
CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "conj"})


def _span_head(tokens: list[Tok], span: Range) -> int | None:
    """The first token of ``span`` whose head lies outside it (the span's top word)."""
    inside = [i for i, t in enumerate(tokens) if span[0] <= t.start < span[1]]
    return next((i for i in inside if tokens[i].head not in inside or tokens[i].head == i), None)


def _ancestors(tokens: list[Tok], i: int) -> list[int]:
    chain = [i]
    while tokens[chain[-1]].head != chain[-1] and len(chain) < len(tokens):
        chain.append(tokens[chain[-1]].head)
    return chain


def _step(tokens: list[Tok], i: int) -> str:
    tok = tokens[i]
    return f"prep:{tok.lower}" if tok.dep in {"prep", "agent"} else tok.dep


def dependency_path(tokens: list[Tok], trigger: int, gold: int) -> tuple[list[str], list[str]]:
    """(up, down): the relations climbed from the trigger to the lowest word that holds both,
    and those descended from there to the gold span's top word (prepositions named)."""
    ups, downs = _ancestors(tokens, trigger), _ancestors(tokens, gold)
    common = next((a for a in ups if a in downs), ups[-1])
    up = [tokens[i].dep for i in ups[: ups.index(common)]]
    down = (
        [_step(tokens, i) for i in reversed(downs[: downs.index(common)])]
        if common in downs
        else ["(another sentence)"]
    )
    return up, down


def _inside_quote(tokens: list[Tok], gold: Range) -> bool:
    return sum(t.text in QUOTES for t in tokens if t.start < gold[0]) % 2 == 1


AIMED_PREPS = frozenset({"against", "on", "with", "to"})


def relation_group(up: list[str], down: list[str], nominal: bool) -> str:
    """The kind of path from the trigger (``up`` to the lowest word holding both, then
    ``down``) to the gold target's top word."""
    if not down:
        return "the trigger's own word" if not up else "a word above the trigger"
    if up:
        if up[0] in {"dobj", "pobj"} and len(up) <= 2:
            return "below the verb the nominal trigger is object of (a light verb)"
        return "outside the trigger's phrase (another clause)"
    simple = {
        ("dobj",): "direct object of the trigger",
        ("nsubjpass",): "subject of a passive trigger",
        ("nsubj",): "subject of the trigger (the source's side)",
        ("dative",): "dative of the trigger",
    }
    if tuple(down) in simple:
        return simple[tuple(down)]
    prep = down[0][5:] if down[0].startswith("prep:") else ""
    if prep and down[1:] == ["pobj"]:
        kind = (
            "an aimed" if prep in AIMED_PREPS else "a place" if prep in PLACE_PREPS else "another"
        )
        owner = "a nominal trigger" if nominal else "the trigger"
        return f"object of {kind} preposition of {owner}"
    if down[0] in {"xcomp", "ccomp"} and down[1:] in (["nsubj"], ["nsubjpass"]):
        return "subject of a complement clause (urged X to, said X would)"
    if down[0] == "dobj" and len(down) > 1 and down[1] in {"acl", "ccomp", "relcl"}:
        return "inside a clause the trigger's object holds (hopes X will, an appeal to help X)"
    if down[0] == "dobj" and len(down) == 3 and down[1].startswith("prep:"):
        return "object of a preposition of the trigger's object"
    if down[-1] == "pobj" and len(down) > 2 and down[-2][5:] in PLACE_PREPS:
        return "a place phrase deeper below the trigger"
    if down[0] in CLAUSE_DEPS:
        return "inside a purpose or complement clause of the trigger (to help X, killing X)"
    return "deeper below the trigger (other paths)"


def relation_of_miss(
    tokens: list[Tok], trigger: Range | None, golds: list[Range]
) -> tuple[str, str]:
    """(kind, path) of how the first gold target hangs off the trigger (or statement cue)."""
    if trigger is None:
        return "no main event and no statement", ""
    gold = golds[0]
    if _inside_quote(tokens, gold):
        return "inside a quote", ""
    t, g = _span_head(tokens, trigger), _span_head(tokens, gold)
    if t is None or g is None:
        return "unaligned", ""
    up, down = dependency_path(tokens, t, g)
    path = f"up {' '.join(up) or '-'} / down {' '.join(down) or '-'}"
    return relation_group(up, down, tokens[t].tag in NOUN_TAGS), path


def _trigger(annotation: Any, event: Any, statement: Any) -> tuple[Range | None, str]:
    """The main event's trigger and type, else the statement cue the target is read from."""
    if event is not None:
        return annotation.triggers.get(event[1].id), event[1].type
    if statement is not None and statement.cue is not None:
        return (statement.cue.start, statement.cue.end), "statement"
    return None, "-"


def _parse(doc: Any) -> list[Tok]:
    return [
        Tok(t.idx, t.text, t.tag_, t.dep_, t.ent_type_, t.head.i, t.lemma_.lower()) for t in doc
    ]


def misses(golds: list[GoldSentence], nlp: Any) -> Iterator[dict[str, Any]]:
    """One row per fit sentence whose target is missed."""
    for gold, annotation, tokens in annotated(golds, nlp, _parse):
        statement = main_statement(annotation)
        event = main_event(annotation)
        found = role_span(event, statement, "target", statement_about(annotation, statement))
        ours = (found.start, found.end) if found else None
        spans = gold.roles.get("target", [])
        kind = miss_class(gold.text, tokens, ours, spans)
        if kind:
            trigger, by = _trigger(annotation, event, statement)
            relation, path = relation_of_miss(tokens, trigger, spans) if spans else ("", "")
            yield {
                "kind": kind,
                "ours": found.text if found else None,
                "gold": [gold.text[s:e] for s, e in spans],
                "text": gold.text,
                "trigger": gold.text[trigger[0] : trigger[1]] if trigger else None,
                "by": by,
                "relation": relation,
                "path": path,
            }


def extent_kind(doc: Any, gold: Range, anchor: Any) -> str | None:
    """None where the phrase recorded for the gold span's top word is the gold span as the
    scorer compares them, else its ``boundary_kind``; a leading preposition's object stands
    for it ("on Basra")."""
    tokens = _parse(doc)
    top = _span_head(tokens, gold)
    if top is None:
        return "unaligned"
    head = doc[top]
    if head.pos_ == "ADP":
        head = next((c for c in head.children if c.dep_ == "pobj"), head)
    start, end = recorded_bounds(head, False, anchor, target=True)
    ours = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
    if bare_phrase(doc.text[ours[0] : ours[1]]) == bare_phrase(doc.text[gold[0] : gold[1]]):
        return None
    return boundary_kind(tokens, ours, gold)


def extent_kinds(golds: list[GoldSentence], nlp: Any) -> Counter[str]:
    """``extent_kind`` counted over every gold target span ("exact" where it is None)."""
    kinds: Counter[str] = Counter()
    for gold, annotation, doc in annotated(golds, nlp, lambda doc: doc):
        event = main_event(annotation)
        trigger = annotation.triggers.get(event[1].id) if event is not None else None
        anchor = next((t for t in doc if trigger and t.idx == trigger[0]), None)
        for span in gold.roles.get("target", []):
            kinds[extent_kind(doc, span, anchor) or "exact"] += 1
    return kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print each miss")
    parser.add_argument("--paths", action="store_true", help="count the dependency paths too")
    parser.add_argument(
        "--extent", action="store_true",
        help="the phrase recorded for every gold target's top word, against the gold span",
    )  # fmt: skip
    args = parser.parse_args()
    golds = fit_sentences(lambda s: bool(s.roles))
    if args.extent:
        for name, count in extent_kinds(golds, get_pipeline()).most_common():
            print(f"  {count:3d}  {name}")
        return
    scored = sum(bool(s.roles.get("target")) for s in golds)
    kinds: Counter[str] = Counter()
    relations: Counter[tuple[str, str]] = Counter()
    paths: Counter[str] = Counter()
    for row in misses(golds, get_pipeline()):
        kinds[row["kind"]] += 1
        if row["kind"][:3] in ("(b)", "(c)"):
            statement = "statement cue: " if row["by"] == "statement" else ""
            relations[row["kind"][:3], statement + row["relation"]] += 1
            paths[row["path"]] += 1
        if args.list:
            print(row)
    print(f"fit sentences with a gold target: {scored}; misses by kind:")
    for name, count in sorted(kinds.items(), key=lambda kv: (kv[0][:3], -kv[1], kv[0])):
        print(f"  {count:3d}  {name}")
    for letter in "abcd":
        total = sum(n for k, n in kinds.items() if k.startswith(f"({letter})"))
        print(f"  ({letter}) total {total}")
    print("(b) and (c) by how the gold target hangs off the main event's trigger:")
    for (letter, relation), count in sorted(
        relations.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1])
    ):
        print(f"  {letter} {count:3d}  {relation}")
    if args.paths:
        print("(b) and (c) by dependency path (trigger up to the common word, down to gold):")
        for path, count in sorted(paths.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {count:3d}  {path or '(none)'}")


if __name__ == "__main__":
    main()
