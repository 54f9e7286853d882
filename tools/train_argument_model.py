"""Train the events argument model (``newsgraph/components/events/arguments.py``).

Reads the FIT parts (``newsgraph.eval.base.split_of``) of RAMS dev and ConfliBERT CAMEO (the
NER file's source/target spans; ``--wikievents`` adds WikiEvents' train and fit dev
documents), parses them once with the whole pipeline (cached as DocBins plus a JSON of what the
other components found, under ``--cache``), runs the event rules on every sentence and, for
each gold event our rules found, asks the model to pick the gold source and target among the
candidates (or none). Training is a per-role conditional logit (softmax over the candidates)
with an L2 penalty, fitted by L-BFGS: deterministic, no random state. Writes
``newsgraph/components/events/data/en/argument_model.npz`` with the weights and the ids of the
fit documents it used (``fit_documents``); prints a two-fold check inside the fit part.

    python tools/train_argument_model.py [--data ../shared/eval] [--cache /tmp/args] [--l2 3.0]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from checkout import ROOT  # first: the newsgraph beside it, not an installed one
from scipy import sparse
from scipy.optimize import minimize

from newsgraph.components.events.arguments import (
    MODEL_PATH,
    ROLES,
    ArgumentContext,
    candidates,
    features,
    reranked,
)
from newsgraph.components.events.detect import SentenceDetector
from newsgraph.components.events.lexicon import load_lexicon
from newsgraph.eval import conflibert, rams, wikievents
from newsgraph.eval.base import by_part, split_of

Range = tuple[int, int]


@dataclass(slots=True)
class Item:
    """One fit text and its gold events: (trigger span or None for "the sentence's main
    event", role -> spans)."""

    id: str
    text: str
    golds: list[tuple[Range | None, tuple[str, ...], dict[str, list[Range]]]]


def fit_items(data: Path, with_wikievents: bool = False) -> dict[str, list[Item]]:
    docs, _ = rams.read_gold(data / "rams" / rams.DEV_FILE)
    rams_items = [
        Item(d.id, d.text, [(e.trigger, e.types, e.arguments) for e in d.events])
        for d in by_part(docs, lambda d: d.id, "fit")["fit"]
    ]
    sentences = conflibert.read_gold(data / "conflibert-cameo")
    cameo_items = [
        Item(s.key, s.text, [(None, (), s.roles)])
        for s in by_part(sentences, lambda s: s.key, "fit")["fit"]
        if s.roles
    ]
    sets = {"rams": rams_items, "conflibert-cameo": cameo_items}
    if with_wikievents:  # off by default: its map leaves most roles unmapped (see docs)
        sets["wikievents"] = [
            Item(d.id, d.text, [(e.trigger, e.types, e.arguments) for e in d.events])
            for d in wikievents.read_gold(data / "wikievents")
            if d.part == "fit"
        ]
    return sets


def parsed(name: str, items: list[Item], cache: Path) -> list[tuple[object, ArgumentContext]]:
    """Docs and their argument contexts, parsed once and cached."""
    from spacy.tokens import DocBin

    from newsgraph.nlp import get_pipeline

    nlp = get_pipeline()
    bin_path, ctx_path = cache / f"{name}.spacy", cache / f"{name}.json"
    if bin_path.exists() and ctx_path.exists():
        docs = list(DocBin().from_disk(bin_path).get_docs(nlp.vocab))
        contexts = json.loads(ctx_path.read_text())
        if len(docs) == len(items):
            return [(d, ArgumentContext.from_json(c)) for d, c in zip(docs, contexts, strict=True)]
    out, contexts, store = [], [], DocBin(store_user_data=False)
    for doc in nlp.pipe((i.text for i in items), batch_size=32):
        ctx = ArgumentContext.of(doc)
        data = ctx.to_json()
        data["actor_tokens"] = sorted(_actor_tokens(doc))
        store.add(doc)
        contexts.append(data)
        out.append((doc, ctx))
    cache.mkdir(parents=True, exist_ok=True)
    store.to_disk(bin_path)
    ctx_path.write_text(json.dumps(contexts))
    return out


def _actor_tokens(doc: object) -> set[int]:
    from newsgraph.components.events.component import actor_token_indices

    return actor_token_indices(doc)


def _inside(token: object, spans: list[Range]) -> bool:
    start, end = token.idx, token.idx + len(token.text)
    return any(start < e and s < end for s, e in spans)


def groups(item: Item, doc: object, ctx: ArgumentContext, actor_tokens: set[int]) -> Iterator:
    """(role, feature lists of the options, index of the right option) per matched event."""
    lex = load_lexicon()
    by_sentence = []
    for sent in doc.sents:
        found = [m for m in SentenceDetector(sent, lex, actor_tokens).run() if reranked(m)]
        by_sentence.append((sent, found))
    for trigger, types, roles in item.golds:
        match = _match(by_sentence, trigger, types)
        if match is None:
            continue
        sent, mention = match
        rules = {"source": mention.source, "target": mention.target}
        options = [None, *candidates(sent, mention, ctx)]
        for role in ROLES:
            gold = roles.get(role, [])
            right = next(
                (n for n, c in enumerate(options) if c is not None and _inside(c, gold)), 0
            )
            ruled = rules[role]
            rule_pick = next((n for n, c in enumerate(options) if c is ruled), 0)
            opts = [features(mention, c, role, rules, ctx, actor_tokens) for c in options]
            yield role, opts, right, rule_pick


def _match(by_sentence: list, trigger: Range | None, types: tuple[str, ...]):
    if trigger is None:  # a sentence's main event: its first mention
        firsts = [(m.anchor.i, s, m) for s, ms in by_sentence for m in ms]
        return min(firsts, key=lambda x: x[0])[1:] if firsts else None
    for sent, mentions in by_sentence:
        if not sent.start_char <= trigger[0] < sent.end_char:
            continue
        typed = [m for m in mentions if m.type in types]
        if not typed:
            return None
        best = min(
            typed, key=lambda m: (not _inside(m.anchor, [trigger]), abs(m.anchor.idx - trigger[0]))
        )
        return sent, best
    return None


def set_weights(doc_ids: list[str]) -> list[float]:
    """Each gold set weighs the same in all (ConfliBERT's many short sentences would otherwise
    teach its own convention to the news of RAMS)."""
    sets = [d.split(":")[0] for d in doc_ids]
    counts = {name: sets.count(name) for name in set(sets)}
    return [len(sets) / (len(counts) * counts[name]) for name in sets]


def train(data: list, l2: float, group_weights: list[float]) -> tuple[list[str], np.ndarray]:
    """Conditional logit over each group's options, weighted, L2-penalised, by L-BFGS."""
    vocab: dict[str, int] = {}
    for options, _ in data:
        for names in options:
            for n in names:
                vocab.setdefault(n, len(vocab))
    rows, cols, group_of, gold_rows = [], [], [], []
    r = 0
    for g, (options, right) in enumerate(data):
        for k, names in enumerate(options):
            for n in set(names):
                rows.append(r)
                cols.append(vocab[n])
            group_of.append(g)
            if k == right:
                gold_rows.append(r)
            r += 1
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(r, len(vocab)))
    group_of = np.array(group_of)
    gold_rows = np.array(gold_rows)
    n_groups = len(data)
    gw = np.asarray(group_weights, dtype=float)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w
        top = np.full(n_groups, -np.inf)
        np.maximum.at(top, group_of, s)
        e = np.exp(s - top[group_of])
        z = np.bincount(group_of, weights=e, minlength=n_groups)
        p = e / z[group_of]
        value = -(gw * (s[gold_rows] - top - np.log(z))).sum() + 0.5 * l2 * w @ w
        grad = x.T @ (p * gw[group_of]) - x[gold_rows].T @ gw + l2 * w
        return value, grad

    result = minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B",
                      options={"maxiter": 500})  # fmt: skip
    names = sorted(vocab, key=vocab.get)
    return names, result.x


def accuracy(data: list, names: list[str], weights: np.ndarray) -> float:
    table = dict(zip(names, weights, strict=True))
    right = 0
    for options, gold in data:
        scores = [sum(table.get(n, 0.0) for n in o) for o in options]
        right += int(int(np.argmax(scores)) == gold)
    return right / max(len(data), 1)


MARGINS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)


def cross_check(role: str, data: list, rule_picks: list, l2: float) -> float:
    """Two-fold check inside the fit part (folds by text id): accuracy and the precision of
    what is named (a wrong party costs most) for the rules, and for the model overriding the
    rules' pick when its score beats the rules' by a margin. Returns the margin with the best
    accuracy among those whose precision is not below the rules' on any set."""
    fold = [split_of("cv:" + doc_id) for _, _, doc_id in rule_picks]
    tallies: dict[tuple[str, str], list[int]] = {}  # (set, who) -> right, n, named right, named
    for held in ("fit", "heldout"):
        train_part = [d for d, f in zip(data, fold, strict=True) if f != held]
        ids = [doc_id for (_, _, doc_id), f in zip(rule_picks, fold, strict=True) if f != held]
        names, weights = train(train_part, l2, set_weights(ids))
        table = dict(zip(names, weights, strict=True))
        for (options, gold), (rule, _, doc_id), f in zip(data, rule_picks, fold, strict=True):
            if f != held:
                continue
            scores = np.array([sum(table.get(n, 0.0) for n in o) for o in options])
            best = int(np.argmax(scores))
            picks = {"rules": rule}
            for margin in MARGINS:
                override = scores[best] - scores[rule] > margin
                picks[f"margin {margin}"] = best if override else rule
            for who, pick in picks.items():
                for group in ("all", doc_id.split(":")[0]):
                    t = tallies.setdefault((group, who), [0, 0, 0, 0])
                    t[0] += int(pick == gold)
                    t[1] += 1
                    t[2] += int(pick == gold and pick != 0)
                    t[3] += int(pick != 0)
    for (group, who), (right, n, named_right, named) in sorted(tallies.items()):
        print(
            f"  {role} 2-fold in fit, {group}, {who}: accuracy {right / n:.3f}, precision of "
            f"named {named_right / max(named, 1):.3f} ({named} named of {n})",
            file=sys.stderr,
        )

    def precision(group: str, who: str) -> float:
        t = tallies[(group, who)]
        return t[2] / max(t[3], 1)

    groups_seen = {group for group, _ in tallies}
    fine = [
        m
        for m in MARGINS
        if all(precision(g, f"margin {m}") >= precision(g, "rules") for g in groups_seen)
    ] or [max(MARGINS)]
    return max(fine, key=lambda m: (tallies[("all", f"margin {m}")][0], m))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/args"))
    parser.add_argument("--l2", type=float, default=3.0)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--wikievents", action="store_true", help="train on WikiEvents too")
    args = parser.parse_args()
    per_role: dict[str, list] = {role: [] for role in ROLES}
    used: list[str] = []
    rule_picks: dict[str, list] = {role: [] for role in ROLES}
    for name, items in fit_items(args.data, args.wikievents).items():
        docs = parsed(name, items, args.cache)
        contexts = json.loads((args.cache / f"{name}.json").read_text())
        for item, (doc, ctx), raw in zip(items, docs, contexts, strict=True):
            used.append(f"{name}:{item.id}")
            tokens = set(raw["actor_tokens"])
            for role, options, right, rule_pick in groups(item, doc, ctx, tokens):
                per_role[role].append((options, right))
                rule_picks[role].append((rule_pick, right, f"{name}:{item.id}"))
        print(f"{name}: {len(items)} fit texts", file=sys.stderr)
    arrays: dict[str, np.ndarray] = {"fit_documents": np.array(sorted(used))}
    for role in ROLES:
        data = per_role[role]
        margin = cross_check(role, data, rule_picks[role], args.l2)
        print(f"{role}: the model overrides the rules by a margin over {margin}", file=sys.stderr)
        arrays[f"{role}_margin"] = np.array(margin, dtype=np.float32)
        names, weights = train(data, args.l2, set_weights([d for _, _, d in rule_picks[role]]))
        base = sum(g == 0 for _, g in data) / max(len(data), 1)
        fitted = accuracy(data, names, weights)
        print(
            f"{role}: {len(data)} groups, {len(names)} features, "
            f"accuracy on what it was fit on {fitted:.3f} (always none {base:.3f})",
            file=sys.stderr,
        )
        keep = np.abs(weights) > 1e-4
        arrays[f"{role}_names"] = np.array(names)[keep]
        arrays[f"{role}_weights"] = weights[keep].astype(np.float32)
    np.savez_compressed(args.out, **arrays)
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
