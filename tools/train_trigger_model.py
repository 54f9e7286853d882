"""Train the learned trigger detector (``newsgraph/components/events/trigger_model.py``).

Reads the FIT parts only (``newsgraph.eval.base.split_of``) of RAMS dev, every document
(those whose trigger maps onto PLOVER and those whose trigger does not: a movement or a
transaction trigger is a useful "none"), and of WikiEvents (all train documents, the fit half
of dev). Runs the whole pipeline once (trigger model off, cached as JSON under ``--cache``) and
takes every candidate token (``trigger_model.is_candidate``) that no lexicon mention uses: in
RAMS only in the gold trigger's sentence (RAMS marks one trigger per document), in WikiEvents in
every sentence (every event is marked). Its label is the first PLOVER type of the gold trigger
it lies in (``maps/rams.yaml``, ``maps/wikievents.yaml``), else ``NONE``. An unmarked attack in
a RAMS trigger sentence is labelled ``NONE``, so the cross-validated precision below is a
lower bound.

The lexicon's nominal mentions with no party (which ``component.has_arguments`` drops) are
candidates too, marked ``bare_nominal``: the model also decides whether such a mention stays an
event, with its own per-type thresholds chosen the same way.

``analyse`` prints the classes of missed mappable triggers (what the lexicon did at the gold
token; those missed exactly, then those missed in the same sentence too), and the misses by
RAMS type, part of speech and light verb, and the triggers of types the map leaves out.
``train`` fits a multinomial L2 logistic regression (scikit-learn, lbfgs), chooses ``C``
and, per type, the least probability threshold whose out-of-fold precision is at least
``--precision`` on at least ``--min-support`` proposals, by 5-fold cross-validation
grouped by document; ``C`` maximises the out-of-fold gold triggers recovered at those
thresholds. Writes ``newsgraph/components/events/data/en/trigger_model.npz`` (or ``--out``).

    python tools/train_trigger_model.py analyse|train [--data ../shared/eval] [--cache DIR]
        [--precision 0.8] [--c C] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsgraph.components.events.lexicon import load_lexicon  # noqa: E402
from newsgraph.components.events.trigger_model import (  # noqa: E402
    BARE_NOMINAL,
    MODEL_PATH,
    NONE,
    is_candidate,
    token_features,
)
from newsgraph.components.events.triggers import noun_sense, verb_keys  # noqa: E402
from newsgraph.eval.annotate import detokenize  # noqa: E402
from newsgraph.eval.arguments import load_map, plover_types  # noqa: E402
from newsgraph.eval.base import split_of  # noqa: E402

C_GRID = (0.3, 1.0, 3.0, 10.0)
MAX_TRIGGER_TOKENS = 3
# precision floors printed beside the chosen one, to show what a looser floor would add
LOWER_FLOORS = (0.5, 0.6, 0.7)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.3, 0.96, 0.05))


def wikievents_documents(data: Path) -> list[dict]:
    """The fit WikiEvents documents (all train, the fit half of dev): every event is marked,
    so every sentence's candidates are labelled."""
    mapping = load_map("wikievents")
    out = []
    for name, official in (("train-text-args.jsonl", "train"), ("dev.jsonl", "dev")):
        for line in (data / "wikievents" / name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            doc_id = str(record.get("doc_id") or record.get("docid"))
            if official == "dev" and split_of(doc_id) != "fit":
                continue
            text, offsets = detokenize(record["tokens"])
            triggers = []
            for mention in record["event_mentions"]:
                trigger = mention["trigger"]
                start = trigger.get("start", trigger.get("start_idx"))
                end = trigger.get("end", trigger.get("end_idx"))
                span = (offsets[start][0], offsets[end - 1][1])
                kind = mention["event_type"]
                triggers.append((span, kind, plover_types(kind, mapping["types"])))
            out.append({"id": doc_id, "set": "wikievents", "text": text, "triggers": triggers})
    return out


def fit_documents(data: Path, with_wikievents: bool = True) -> list[dict]:
    """Text, trigger char spans, source types and PLOVER types of each fit document."""
    mapping = load_map("rams")
    out = []
    for line in (data / "rams" / "dev.jsonlines").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if split_of(record["doc_key"]) != "fit":
            continue
        tokens = [t for sentence in record["sentences"] for t in sentence]
        text, offsets = detokenize(tokens)
        triggers = []
        for start, end, labels in record["evt_triggers"]:
            rams_type = labels[0][0]
            span = (offsets[start][0], offsets[end][1])
            triggers.append((span, rams_type, plover_types(rams_type, mapping["types"])))
        out.append({"id": record["doc_key"], "set": "rams", "text": text, "triggers": triggers})
    return out + (wikievents_documents(data) if with_wikievents else [])


def _owned(sent, lex, actor_tokens) -> tuple[dict[int, str | None], list]:
    from newsgraph.components.events.detect import SentenceDetector

    detector = SentenceDetector(sent, lex, actor_tokens)
    mentions = detector.run()
    owner = {i: m.type for i, m in detector.owner.items()}
    owner.update({i: "consumed" for i in detector.consumed if i not in owner})
    return owner, mentions


def _miss_class(doc, token, types, owner, mentions, events, lex) -> str:
    """Why the lexicon found no event of the gold types at this gold trigger token."""
    at_token = [e for e in events if e["anchor"] == token.i]
    if any(e["type"] in types for e in at_token):
        return "found"
    if at_token:
        return f"event of another type ({at_token[0]['type']})"
    mention = next((m for m in mentions if m.anchor.i == token.i), None)
    if mention is not None and mention.type in types:
        if token.pos_ == "NOUN" and not (mention.source or mention.target or mention.magnitude):
            return "nominal found but bare (no source, target or count): dropped"
        return "mention found, dropped later (background, merge)"
    if mention is not None:
        return f"mention of another type ({mention.type})"
    if token.i in owner:
        return f"token folded into another mention ({owner[token.i]})"
    in_verbs = any(k in lex.verbs for k in verb_keys(token))
    in_nouns = noun_sense(token, lex) is not None
    if (token.pos_ == "VERB" and in_verbs) or (token.pos_ == "NOUN" and in_nouns):
        return f"lexicon has it ({token.pos_}), context rejected"
    if in_verbs or in_nouns:
        return f"lexicon has it as another part of speech (parsed {token.pos_})"
    return f"absent from lexicon ({token.pos_})"


def _light_verb_role(token, lex) -> str | None:
    """Whether the gold trigger is a light (support) verb itself ("made a deal") or the noun a
    light verb governs ("held talks"), or neither."""
    if any(k in lex.support_verbs for k in verb_keys(token)):
        return "light verb"
    governed = token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass")
    if governed and any(k in lex.support_verbs for k in verb_keys(token.head)):
        return "noun under a light verb"
    return None


def _bare_candidates(mentions, gold_tokens: dict[int, str], lex, actor_tokens) -> list[dict]:
    """The lexicon's nominal mentions with no party (``component.has_arguments`` drops them),
    labelled like the other candidates; ``bare`` is the mention's type."""
    from newsgraph.components.events.component import has_arguments

    out = []
    for mention in mentions:
        anchor = mention.anchor
        if mention.type is None or mention.negated or mention.hypothetical:
            continue
        if anchor.dep_ == "compound" or anchor.ent_type_ or has_arguments(mention, lex):
            continue
        names = [*token_features(anchor, lex, actor_tokens), BARE_NOMINAL]
        label = gold_tokens.get(anchor.i, NONE)
        out.append({"label": label, "token": anchor.i, "names": names, "bare": mention.type})
    return out


def annotated(data: Path, cache: Path) -> list[dict]:
    """Per fit document: the miss analysis of its mappable triggers and the labelled
    candidate tokens of the trigger sentences (cached)."""
    path = cache / "trigger_fit.json"
    documents = fit_documents(data)
    if path.exists():
        rows = json.loads(path.read_text())
        if len(rows) == len(documents):
            return rows
    from newsgraph.components.events.component import actor_token_indices
    from newsgraph.components.events.summary import anchor_token
    from newsgraph.nlp import get_pipeline

    nlp, lex = get_pipeline(), load_lexicon()
    out = []
    texts = (d["text"] for d in documents)
    for document, doc in zip(documents, nlp.pipe(texts, batch_size=16), strict=True):
        events = []
        for event in doc._.ng_events or []:
            anchor = anchor_token(doc, event)
            if anchor is not None:
                events.append({"anchor": anchor.i, "type": event.type})
        actor_tokens = actor_token_indices(doc)
        misses, candidates, unmapped = [], [], []
        gold_tokens: dict[int, str] = {}  # token -> label
        sentences = []
        for (start, end), rams_type, types in document["triggers"]:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) > MAX_TRIGGER_TOKENS:
                continue  # a few WikiEvents trigger offsets run over whole sentences
            token = span.root
            sentences.append(token.sent)
            for i in range(span.start, span.end):
                if types or i not in gold_tokens:
                    gold_tokens[i] = types[0] if types else NONE
            if not types and document["set"] == "rams":
                unmapped.append(rams_type)
            if types and document["set"] == "rams":
                owner, mentions = _owned(token.sent, lex, actor_tokens)
                sent = token.sent
                sentence_found = any(
                    e["type"] in types and sent.start <= e["anchor"] < sent.end for e in events
                )
                misses.append(
                    {
                        "rams_type": rams_type,
                        "types": types,
                        "lemma": token.lemma_.lower(),
                        "pos": token.pos_,
                        "class": _miss_class(doc, token, types, owner, mentions, events, lex),
                        "sentence_found": sentence_found,
                        "light": _light_verb_role(token, lex),
                    }
                )
        # RAMS marks one trigger a document: only its sentence is labelled; WikiEvents all
        if document["set"] != "rams":
            sentences = list(doc.sents)
        seen: set[int] = set()
        for sent in sentences:
            if sent.start in seen:
                continue
            seen.add(sent.start)
            owner, mentions = _owned(sent, lex, actor_tokens)
            candidates += _bare_candidates(mentions, gold_tokens, lex, actor_tokens)
            for tok in sent:
                if not is_candidate(tok) or tok.i in owner:
                    continue
                candidates.append(
                    {
                        "label": gold_tokens.get(tok.i, NONE),
                        "token": tok.i,
                        "names": token_features(tok, lex, actor_tokens),
                    }
                )
        out.append(
            {
                "id": document["id"],
                "set": document["set"],
                "misses": misses,
                "unmapped": unmapped,
                "candidates": candidates,
            }
        )
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out))
    return out


def _breakdown(title: str, misses: list[dict], key: str) -> None:
    """Per value of ``key``: mappable triggers, found exactly, found in the same sentence."""
    print(title)
    for value, count in Counter(str(m[key]) for m in misses).most_common():
        group = [m for m in misses if str(m[key]) == value]
        exact = sum(m["class"] == "found" for m in group)
        same = sum(m["sentence_found"] for m in group)
        print(f"  {count:4d}  {value}: exact {exact}, same sentence {same}")


def analyse(rows: list[dict]) -> None:
    misses = [m for r in rows for m in r["misses"]]
    unmapped = Counter(t for r in rows for t in r.get("unmapped", ()))
    print(f"RAMS fit triggers of unmapped types: {sum(unmapped.values())}")
    print("  " + ", ".join(f"{t} {n}" for t, n in unmapped.most_common()))
    print(f"mappable fit triggers: {len(misses)}")
    print(f"found exact: {sum(m['class'] == 'found' for m in misses)}")
    print(f"found in the same sentence: {sum(m['sentence_found'] for m in misses)}")
    _breakdown("by RAMS type:", misses, "rams_type")
    _breakdown("by the trigger's part of speech:", misses, "pos")
    _breakdown("light verbs:", misses, "light")
    print("missed exactly, by what the lexicon did at the gold token:")
    _classes(m for m in misses if m["class"] != "found")
    print("missed in the same sentence too (the scored measure), by the same classes:")
    _classes(m for m in misses if not m["sentence_found"])


def _classes(misses) -> None:
    """Each miss class with its count and its commonest lemmas."""
    misses = list(misses)
    for name, count in Counter(m["class"] for m in misses).most_common():
        print(f"  {count:4d}  {name}")
        lemmas = Counter(
            f"{m['lemma']}({m['types'][0]})" for m in misses if m["class"] == name
        ).most_common(25)
        print("        " + ", ".join(f"{lemma} {n}" for lemma, n in lemmas))


def design(rows: list[dict], names: list[str], classes: list[str]) -> tuple:
    from scipy import sparse

    index = {n: i for i, n in enumerate(names)}
    rr, cc, labels, groups = [], [], [], []
    for group, row in enumerate(rows):
        for cand in row["candidates"]:
            r = len(labels)
            for n in set(cand["names"]):
                if n in index:
                    rr.append(r)
                    cc.append(index[n])
            labels.append(classes.index(cand["label"]))
            groups.append(group)
    x = sparse.csr_matrix((np.ones(len(rr)), (rr, cc)), shape=(len(labels), len(names)))
    return x, np.array(labels), np.array(groups)


def bare_types(rows: list[dict]) -> np.ndarray:
    """Per candidate (in ``design``'s order): the type of the bare lexicon nominal it is, or
    the empty string for a token no lexicon mention uses."""
    return np.array([c.get("bare") or "" for r in rows for c in r["candidates"]])


def choose_bare_thresholds(
    proba: np.ndarray, y: np.ndarray, bare: np.ndarray, classes: list[str], args
) -> tuple[dict[str, float], int]:
    """Per type, the least threshold on ``P(type)`` at which the bare nominals of that type
    kept out of fold are at least ``--precision`` right (on at least ``--min-support``)."""
    chosen, recovered = {}, 0
    for kind in sorted(set(bare) - {""}):
        k = classes.index(kind) if kind in classes else None
        if k is None:
            continue
        of_kind = bare == kind
        for t in THRESHOLDS:
            kept = of_kind & (proba[:, k] >= t)
            if kept.sum() < args.min_support:
                break
            right = int((y[kept] == k).sum())
            if right / kept.sum() >= args.precision:
                chosen[kind] = float(t)
                recovered += right
                break
    return chosen, recovered


def choose_thresholds(
    proba: np.ndarray, y: np.ndarray, classes: list[str], precision: float, min_support: int
) -> tuple[dict[str, float], int]:
    """Per type, the least threshold with out-of-fold precision ≥ ``precision`` (on at least
    ``min_support`` proposals), and the gold candidates recovered with them."""
    best = proba.argmax(axis=1)
    top = proba.max(axis=1)
    chosen, recovered = {}, 0
    for k, kind in enumerate(classes):
        if kind == NONE:
            continue
        for t in THRESHOLDS:
            proposed = (best == k) & (top >= t)
            if proposed.sum() < min_support:
                break
            right = int((y[proposed] == k).sum())
            if right / proposed.sum() >= precision:
                chosen[kind] = float(t)
                recovered += right
                break
    return chosen, recovered


def _recovered_by_set(
    proba: np.ndarray, y: np.ndarray, classes: list[str], chosen: dict[str, float], sets
) -> str:
    """Out-of-fold proposals at ``chosen`` thresholds, right / made, per gold set: RAMS is the
    set the proposals are for, WikiEvents the larger share of the training labels."""
    best, top = proba.argmax(axis=1), proba.max(axis=1)
    proposed = np.zeros(len(y), dtype=bool)
    for kind, threshold in chosen.items():
        proposed |= (best == classes.index(kind)) & (top >= threshold)
    right = proposed & (y == best)
    parts = [
        f"{name} {int(right[sets == name].sum())}/{int(proposed[sets == name].sum())}"
        for name in ("rams", "wikievents")
    ]
    return f"{chosen} -> " + ", ".join(parts)


def _bare_curve(proba: np.ndarray, y: np.ndarray, bare: np.ndarray, classes: list[str]) -> str:
    """Per type of bare nominal: gold / all, and right / kept at ``P(type)`` ≥ 0.5."""
    parts = []
    for kind in sorted(set(bare) - {""}):
        if kind not in classes:
            continue
        k, of_kind = classes.index(kind), bare == kind
        kept = of_kind & (proba[:, k] >= 0.5)
        gold = int((y[of_kind] == k).sum())
        parts.append(
            f"{kind} {gold}/{int(of_kind.sum())} ({int((y[kept] == k).sum())}/{int(kept.sum())})"
        )
    return ", ".join(parts)


def print_curve(proba: np.ndarray, y: np.ndarray, classes: list[str]) -> None:
    """Out-of-fold proposals of each type, right / made, by threshold (the chosen ``C``)."""
    best, top = proba.argmax(axis=1), proba.max(axis=1)
    for k, kind in enumerate(classes):
        if kind == NONE:
            continue
        steps = []
        for t in THRESHOLDS[::2]:
            proposed = (best == k) & (top >= t)
            if proposed.any():
                steps.append(f"{t}: {int((y[proposed] == k).sum())}/{int(proposed.sum())}")
        print(f"  {kind} ({int((y == k).sum())} gold): " + ", ".join(steps))


def train(rows: list[dict], args: argparse.Namespace) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    counts = Counter(n for r in rows for c in r["candidates"] for n in set(c["names"]))
    names = sorted(n for n, k in counts.items() if k >= args.min_count)
    classes = [NONE, *sorted({c["label"] for r in rows for c in r["candidates"]} - {NONE})]
    x, y, groups = design(rows, names, classes)
    sets = np.array([rows[g]["set"] for g in groups])
    bare = bare_types(rows)
    print(f"{x.shape[0]} candidates, {len(names)} features, labels {Counter(y.tolist())}")
    results = []
    for c_value in (args.c,) if args.c else C_GRID:
        proba = np.zeros((x.shape[0], len(classes)))
        for train_idx, test_idx in GroupKFold(n_splits=5).split(x, y, groups):
            model = LogisticRegression(C=c_value, max_iter=2000)
            model.fit(x[train_idx], y[train_idx])
            proba[np.ix_(test_idx, model.classes_)] = model.predict_proba(x[test_idx])
        free = bare == ""
        chosen, recovered = choose_thresholds(
            proba[free], y[free], classes, args.precision, args.min_support
        )
        print(f"C={c_value}: recovered {recovered} of {int((y > 0).sum())}, thresholds {chosen}")
        for floor in LOWER_FLOORS:
            lower, _ = choose_thresholds(proba[free], y[free], classes, floor, args.min_support)
            counts = _recovered_by_set(proba[free], y[free], classes, lower, sets[free])
            print(f"  precision {floor}: {counts}")
        kept, kept_right = choose_bare_thresholds(proba, y, bare, classes, args)
        gold_bare = int(((y > 0) & ~free).sum())
        print(f"  bare nominals: {int((~free).sum())}, gold {gold_bare}; kept right {kept_right}")
        curve = _bare_curve(proba, y, bare, classes)
        print(f"  bare thresholds {kept}; by type, gold/all (right/kept at 0.5): {curve}")
        recovered += kept_right
        results.append((recovered, -c_value, c_value, chosen, kept, proba))
    recovered, _, c_value, chosen, kept, proba = max(results, key=lambda r: r[:2])
    print_curve(proba[bare == ""], y[bare == ""], classes)
    model = LogisticRegression(C=c_value, max_iter=2000).fit(x, y)
    weights = np.zeros((len(names), len(classes)))
    bias = np.full(len(classes), -30.0)  # a class never seen is never the argmax
    weights[:, model.classes_] = model.coef_.T
    bias[model.classes_] = model.intercept_
    kinds = sorted(chosen)
    np.savez_compressed(
        args.out,
        names=np.array(names),
        classes=np.array(classes),
        weights=weights.astype(np.float32),
        bias=bias,
        threshold_types=np.array(kinds, dtype=str),
        thresholds=np.array([chosen[k] for k in kinds]),
        bare_types=np.array(sorted(kept), dtype=str),
        bare_thresholds=np.array([kept[k] for k in sorted(kept)]),
        C=c_value,
        precision_floor=args.precision,
        fit_documents=len(rows),
    )
    print(f"wrote {args.out} (C={c_value}, thresholds {chosen})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("analyse", "train"))
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/trigger_model"))
    parser.add_argument("--precision", type=float, default=0.8)
    parser.add_argument("--min-support", type=int, default=5)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--c", type=float, default=None, help="one C instead of the grid")
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="the weights file")
    args = parser.parse_args()
    rows = annotated(args.data, args.cache)
    if args.command == "analyse":
        analyse(rows)
    else:
        train(rows, args)


if __name__ == "__main__":
    main()
