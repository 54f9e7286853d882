"""Each target rule's support on the ConfliBERT CAMEO fit part: the sentences it makes right and
wrong (docs/events.md, session 27).

    python tools/conflibert_rule_support.py                  # every rule, one line each
    python tools/conflibert_rule_support.py --show aside     # and each changed sentence
    python tools/conflibert_rule_support.py --only desc,relcl

Each rule (``ABLATIONS``) is switched off in a process of its own (a patch of the module that
holds it) and the fit part's main-event targets are scored as ``newsgraph eval
conflibert-cameo`` scores them (``eval.conflibert.role_span``, exact). A rule's **support** is
the sentences right with it and wrong without it; its **cost** those wrong with it and right
without it; both are split by a hash of the sentence into halves A and B, so that a rule whose
support lies in one half only shows it. A rule with a support of one or two sentences and no
cost was likely written for those sentences: on the held-out part, 11 such rules together won
6 sentences where they won 23 on fit (session 27). Fit part only (held-out sentences are never
read here).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from checkout import ROOT  # first: the newsgraph beside it, not an installed one

from newsgraph.eval.annotate import annotate
from newsgraph.eval.base import FIT, by_part, shared_eval_dir
from newsgraph.eval.conflibert import (
    DEFAULT_DATA,
    bare_phrase,
    main_event,
    main_statement,
    read_gold,
    role_span,
    statement_about,
)


def _off(module: str, name: str, value: object) -> Callable[[], None]:
    def patch() -> None:
        import importlib

        setattr(importlib.import_module(f"newsgraph.components.events.{module}"), name, value)

    return patch


def _no(*_args: object) -> bool:
    return False


def _none(*_args: object) -> None:
    return None


def _same_end(_token: object, end: int) -> int:
    return end


# rule name -> the patch that switches it off
ABLATIONS: dict[str, Callable[[], None]] = {
    "taken": _off("targets", "TAKEN_VERBS", frozenset()),
    "measure": _off("targets", "_names_a_measure", _no),
    "denied": _off("targets", "_denied_charge", _no),
    "beneficiary": _off("targets", "beneficiaries", lambda _h, _lex: []),
    "transfer": _off("targets", "_transfer_target", _none),
    "aimed": _off("targets", "AIMED_PREPS", ()),
    "destination": _off("detect", "destination_place", _none),
    "covered": _off("detect", "covered_place", _none),
    "choice": lambda: _choice_off(),
    "desc": _off("spans", "_target_description", _no),
    "placetail": _off("spans", "_target_place_tail", _no),
    "agentless": _off("spans", "_agentless_participle", _no),
    "describing": _off("spans", "DESCRIBING_PARTICIPLES", frozenset()),
    "msgcontent": _off("spans", "_message_content", _no),
    "aside": _off("spans", "_before_aside", _same_end),
    "relcl": _off("spans", "_before_relative_clause", _same_end),
    "placeafter": _off("spans", "_with_place_after", _same_end),
    "locgroup": _off("spans", "_locates_group", _no),
    "owners": _off("spans", "_owners", lambda _t: []),
}


def _choice_off() -> None:
    """The learned target choice keeps the rules' choice."""
    from newsgraph.components.events import target_choice

    target_choice.TargetChoice.choose = lambda _self, _a, _c, rule, *_x: rule


def half(key: str) -> str:
    return "A" if int(hashlib.sha1(f"half:{key}".encode()).hexdigest()[:8], 16) % 2 else "B"


def targets(data: Path) -> dict[str, dict]:
    """Per fit sentence with a gold target: its text, half, our target and whether it is
    exact."""
    from newsgraph.nlp import get_pipeline

    nlp = get_pipeline()
    sentences = read_gold(data / DEFAULT_DATA)
    fit = [s for s in by_part(sentences, lambda s: s.key)[FIT] if s.roles.get("target")]
    out: dict[str, dict] = {}
    for first in range(0, len(fit), 40):
        batch = fit[first : first + 40]
        for gold, ann in zip(batch, annotate([g.text for g in batch], nlp), strict=True):
            statement = main_statement(ann)
            ours = role_span(main_event(ann), statement, "target", statement_about(ann, statement))
            golds = [bare_phrase(gold.text[s:e]) for s, e in gold.roles["target"]]
            out[gold.key] = {
                "text": gold.text,
                "half": half(gold.key),
                "ours": ours.text if ours else None,
                "exact": bool(ours) and bare_phrase(ours.text) in golds,
            }
    return out


def support(base: dict[str, dict], off: dict[str, dict]) -> tuple[dict, list[str]]:
    """Support and cost by half, and a line per changed sentence."""
    counts = {"support": {"A": 0, "B": 0}, "cost": {"A": 0, "B": 0}, "changed": 0}
    lines = []
    for key, row in base.items():
        other = off[key]
        if other["ours"] == row["ours"]:
            continue
        counts["changed"] += 1
        kind = "same"
        if row["exact"] != other["exact"]:
            kind = "support" if row["exact"] else "cost"
            counts[kind][row["half"]] += 1
        lines.append(
            f"  {kind} [{row['half']}] with {row['ours']!r} / without {other['ours']!r} :: "
            f"{row['text'][:120]}"
        )
    return counts, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_eval_dir())
    parser.add_argument("--only", default="", help="comma-separated rule names")
    parser.add_argument("--show", default="", help="rules whose changed sentences to list")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a child process: one rule off
    args = parser.parse_args()
    if args.one is not None:
        if args.one != "base":
            ABLATIONS[args.one]()
        json.dump(targets(args.data), sys.stdout)
        return
    names = [n for n in args.only.split(",") if n] or list(ABLATIONS)
    shown = set(args.show.split(","))

    def run(name: str) -> dict[str, dict]:
        command = [sys.executable, __file__, "--one", name, "--data", str(args.data)]
        found = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
        return json.loads(found.stdout)

    base = run("base")
    print(f"fit targets exact: {sum(r['exact'] for r in base.values())} of {len(base)}")
    for name in names:
        counts, lines = support(base, run(name))
        s, c = counts["support"], counts["cost"]
        print(
            f"{name:12s} changed {counts['changed']:3d}  support A {s['A']} B {s['B']}  "
            f"cost A {c['A']} B {c['B']}"
        )
        if name in shown:
            print("\n".join(lines))


if __name__ == "__main__":
    main()
