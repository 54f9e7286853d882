"""Our wrong source and target candidates on RAMS and WikiEvents, sorted by parse relation
(fit parts only).

    python tools/wrong_candidate_relations.py            # counts per set
    python tools/wrong_candidate_relations.py --show     # also each case

Held-out documents are never read here. For every ``wrong candidate`` unit of
``rams_argument_misses.py`` (we name another phrase of the sentence than the gold one), ours and
the gold span get a relation to the trigger word: the dependency label of the span's head, and
whether that head hangs in the trigger's own clause (``same clause``: the nearest clause head
above it, a verb or the root, is the trigger's) or another one. The pair says which parse rule
chose wrong: a subject of another clause taken for the trigger's, a control subject missed, ...
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling tools it reuses

from gvdb_party_misses import Word, parse_words
from rams_argument_misses import kind_of, rams_fit, wikievents_fit

from newsgraph.eval.arguments import Range, find, predicted_roles
from newsgraph.eval.rams import GoldDocument

# labels that open a clause of their own: the nearest one above a word is its clause head
CLAUSE_DEPS = frozenset(
    {"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "pcomp"}
)


def head_word(words: list[Word], span: Range) -> Word | None:
    """The word of ``span`` whose head lies outside it (the first, if several)."""
    inside = [w for w in words if span[0] <= w.start < span[1]]
    return next((w for w in inside if not span[0] <= w.head_start < span[1]), None)


def clause_head(words: list[Word], word: Word) -> int:
    """The start of the nearest clause head at or above ``word`` (a clause's own verb)."""
    by_start = {w.start: w for w in words}
    current, seen = word, set()
    while current.dep not in CLAUSE_DEPS and current.start not in seen:
        seen.add(current.start)
        current = by_start.get(current.head_start, current)
    return current.start


def relation(words: list[Word], span: Range, trigger: Word) -> str:
    """``dep, same clause`` or ``dep, other clause`` of the span's head to the trigger."""
    head = head_word(words, span)
    if head is None:
        return "none"
    same = clause_head(words, head) == clause_head(words, trigger)
    return f"{head.dep}, {'same clause' if same else 'other clause'}"


def cases(name: str, loader) -> Iterator[tuple[str, str, str, str, str]]:  # type: ignore[no-untyped-def]
    """(role, how the event was found, our relation, the gold relation, a line) per wrong
    candidate unit; found ``exact`` (our event's anchor is the trigger) or ``near`` (another
    event of the sentence: its parties are another word's)."""
    parses: list[list[Word]] = []
    documents, annotations = loader(on_doc=lambda doc: parses.append(parse_words(doc)))
    for document, annotation, words in zip(documents, annotations, parses, strict=True):
        for gold in document.events:
            exact, event = find(gold, annotation)
            trigger = head_word(words, gold.trigger)
            if event is None or trigger is None:
                continue
            predicted = predicted_roles(event, annotation)
            for role in ("source", "target"):
                kind = kind_of(role, document, gold, event, predicted, annotation)
                if kind is None or not kind.startswith("wrong candidate"):
                    continue
                ours = predicted[role][0]
                theirs = gold.arguments[role][0]
                found = "exact" if exact is not None else "near"
                yield (role, found, relation(words, ours, trigger),
                       relation(words, theirs, trigger),
                       line(document, gold.trigger, ours, theirs))  # fmt: skip


def line(document: GoldDocument, trigger: Range, ours: Range, theirs: Range) -> str:
    text = document.text
    said = f"ours {text[slice(*ours)]!r} gold {text[slice(*theirs)]!r}"
    return f"{document.id} {text[slice(*trigger)]!r}: {said}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print each case")
    options = parser.parse_args()
    for name, loader in (("rams", rams_fit), ("wikievents", wikievents_fit)):
        counts: Counter[tuple[str, str, str, str]] = Counter()
        for role, found, ours, theirs, text in cases(name, loader):
            counts[role, found, ours, theirs] += 1
            if options.show:
                print(f"[{name} {role} {found}] ours {ours} / gold {theirs}: {text}")
        print(f"{name}: role, event found, ours, gold")
        for (role, found, ours, theirs), n in counts.most_common():
            print(f"  {n:3d}  {role:6s}  {found:5s}  ours {ours:28s} gold {theirs}")


if __name__ == "__main__":
    main()
