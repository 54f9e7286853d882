"""The ConfliBERT CAMEO fit sentences with a gold target that get no target from newsgraph.

    python tools/conflibert_no_target.py            # one line per sentence, then counts by kind

Fit part only (held-out sentences are never read here). For each sentence the scorer gives no
target (``eval.conflibert.role_span`` is empty) it prints the main event (scored type, CAMEO
code, trigger), the statement the scorer falls back on, the gold target, and the dependency
path from the gold target's head up to the root, so that the misses can be sorted by why no
candidate reached them (docs/events.md, session 9 "cbnotarget"). The kind counted at the end is
a coarse reading of that path; the finer hand tally is in the docs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from checkout import ROOT  # noqa: F401  first: this checkout's newsgraph, not an installed one
from conflibert_fit import annotated, fit_sentences

from newsgraph.eval.conflibert import (
    GoldSentence,
    main_event,
    main_statement,
    role_span,
    statement_about,
)
from newsgraph.nlp import get_pipeline

CLAUSE_LABELS = {"advcl", "xcomp", "acl", "ccomp", "relcl", "pcomp"}
Token = tuple[int, str, str, int]  # char offset, text, dependency label, head index


def gold_path(tokens: list[Token], start: int, end: int) -> list[str]:
    """``label:word`` from the head of the gold span [start, end) up to the root."""
    inside = {i for i, token in enumerate(tokens) if start <= token[0] < end}
    head = next(
        (i for i in sorted(inside) if tokens[i][3] not in inside or tokens[i][3] == i), None
    )
    path: list[str] = []
    while head is not None:
        _, text, label, parent = tokens[head]
        path.append(f"{label}:{text}")
        head = None if parent == head else parent
    return path


def kind(has_event: bool, has_statement: bool, path: list[str]) -> str:
    labels = [step.split(":", 1)[0] for step in path]
    if not has_event and not has_statement:
        return "no main event or statement"
    if CLAUSE_LABELS & set(labels):
        return "inside a clause below the trigger (purpose, complement, relative)"
    if "prep" in labels:
        return "prepositional phrase the rules do not take"
    return "other (parse, a party also the source)"


def _parse(doc: Any) -> list[Token]:
    return [(t.idx, t.text, t.dep_, t.head.i) for t in doc]


def rows(golds: list[GoldSentence], nlp: Any) -> Iterator[dict[str, Any]]:
    for gold, annotation, tokens in annotated(golds, nlp, _parse):
        statement = main_statement(annotation)
        found = main_event(annotation)
        about = statement_about(annotation, statement)
        if role_span(found, statement, "target", about):
            continue
        start, end = gold.roles["target"][0]
        path = gold_path(tokens, start, end)
        yield {
            "text": gold.text,
            "gold": [gold.text[s:e] for s, e in gold.roles["target"]],
            "event": [found[0], found[1].cameo] if found else None,
            "statement": statement.cue.text if statement and statement.cue else None,
            "path": " < ".join(path),
            "kind": kind(found is not None, statement is not None, path),
        }


def main() -> None:
    golds = fit_sentences(lambda s: bool(s.roles.get("target")))
    kinds: Counter[str] = Counter()
    for row in rows(golds, get_pipeline()):
        kinds[row["kind"]] += 1
        print(row)
    print(f"{sum(kinds.values())} of {len(golds)} fit sentences with a gold target get none:")
    for name, count in kinds.most_common():
        print(f"  {count:3d}  {name}")


if __name__ == "__main__":
    main()
