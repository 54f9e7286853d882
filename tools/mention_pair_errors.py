"""Where the mention-pair scorer errs on ECB+'s train topics, out of fold (docs/link.md,
*Session 16: ecb16*).

    PYTHONPATH=. python tools/mention_pair_errors.py [--cache /tmp/ecb_train.pkl] [--limit N]
        [--threshold 0.45]

Each topic is scored by trees fitted on the other folds' topics (``train_mention_pairs``'s
seeded folds of whole topics and features); as in ``cluster_mentions_learned``, the
repeated-reporting-verb veto zeroes its pairs (ECB+ has no dates for the date veto) and average
link clusters them. Every wrongly joined and every wrongly split pair of gold mentions is
counted by kind (same lemma; same trigger family, other lemma; other family in one document
cluster or across), by whether its own probability was on the right side of the threshold (then
the clustering step made the error) and by the pair features that flag a time, actor or
argument mismatch. Prints the out-of-fold CoNLL F1, the table and each topic's CoNLL F1, worst
first. Train topics only (the fit part).
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from train_mention_pairs import fold_models, load, topic_examples, with_features

from newsgraph.eval.coref_scores import CorefScore, conll_f1, coref_scores
from newsgraph.link.mention_pairs import FEATURES, average_link
from newsgraph.link.repeated_reports import repeated_reports

# pair features that say the two mentions' times, actors or arguments disagree
MISMATCHES = ("times_contradict", "actors_contradict", "agents_differ", "patients_differ",
              "settings_differ")  # fmt: skip
KINDS = ("same lemma", "same family, other lemma", "other family, one document cluster",
         "other family, across document clusters")  # fmt: skip


def pair_kinds(
    lemmas: Sequence[str], families: Sequence[str], doc_clusters: np.ndarray
) -> dict[str, np.ndarray]:
    """(n, n) masks, one per ``KINDS`` entry (they partition the pairs)."""
    lemma, family = np.asarray(lemmas), np.asarray(families)
    same_lemma = lemma[:, None] == lemma[None, :]
    same_family = family[:, None] == family[None, :]
    same_cluster = doc_clusters[:, None] == doc_clusters[None, :]
    return dict(zip(KINDS, (same_lemma, same_family & ~same_lemma,
                            ~same_family & same_cluster, ~same_family & ~same_cluster),
                    strict=True))  # fmt: skip


def error_counts(
    probability: np.ndarray,
    threshold: float,
    chains: np.ndarray,
    kinds: dict[str, np.ndarray],
    flags: dict[str, np.ndarray],
) -> Counter[tuple[str, str]]:
    """(outcome, what) → pairs: ``outcome`` "wrongly joined" or "wrongly split" by average link
    at ``threshold``; ``what`` "all", a kind of ``kinds``, "clustering" (the pair's own
    probability was right) or a flag of ``flags`` (bool (n, n) masks) set on the pair."""
    labels = average_link(probability, threshold)
    joined = labels[:, None] == labels[None, :]
    gold = chains[:, None] == chains[None, :]
    upper = np.triu(np.ones_like(gold), k=1)
    counts: Counter[tuple[str, str]] = Counter()
    for outcome, wrong in (("wrongly joined", joined & ~gold), ("wrongly split", ~joined & gold)):
        wrong &= upper
        counts[outcome, "all"] = int(wrong.sum())
        counts[outcome, "clustering"] = int((wrong & ((probability >= threshold) == gold)).sum())
        for what, mask in (kinds | flags).items():
            counts[outcome, what] = int((wrong & mask).sum())
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, help="pickle of the pipeline's train records")
    parser.add_argument("--limit", type=int, help="the first N train topics only")
    parser.add_argument("--threshold", type=float, default=0.45)
    args = parser.parse_args(argv)
    topics, by_doc = load(args.cache, args.limit)
    examples = {t: topic_examples(docs, by_doc) for t, docs in topics.items()}
    totals: Counter[tuple[str, str]] = Counter()
    overall = {m: CorefScore() for m in ("muc", "b3", "ceafe")}
    per_topic = []
    for model, fold in fold_models(examples, sorted(examples)):
        for name in fold:
            keys, x, chains, _ = with_features(examples[name], model.priors)
            topic = examples[name][1][0]
            p = model.probabilities(x)
            p = (p + p.T) / 2
            lemmas = [item.mention.lemma for item in topic.items]
            p[repeated_reports(lemmas, [item.mention.article_id for item in topic.items])] = 0.0
            kinds = pair_kinds(lemmas, [item.family for item in topic.items],
                               topic.doc_cluster[topic.doc])  # fmt: skip
            flags = {f: x[..., FEATURES.index(f)] > 0 for f in MISMATCHES}
            totals += error_counts(p, args.threshold, chains, kinds, flags)
            labels = average_link(p, args.threshold).tolist()
            scores = coref_scores(dict(zip(keys, chains.tolist(), strict=True)),
                                  dict(zip(keys, labels, strict=True)))  # fmt: skip
            measures = {m: CorefScore() for m in ("muc", "b3", "ceafe")}
            for m, score in measures.items():
                score.add(scores[m])
                overall[m].add(scores[m])
            per_topic.append((conll_f1(measures), name, len(keys)))
    print(f"out-of-fold CoNLL F1 {conll_f1(overall):.4f} at threshold {args.threshold}")
    print(f"{'pairs':45s} {'wrongly joined':>15s} {'wrongly split':>15s}")
    for what in ("all", *KINDS, "clustering", *MISMATCHES):
        joined, split = totals["wrongly joined", what], totals["wrongly split", what]
        print(f"{what:45s} {joined:15d} {split:15d}")
    for conll, name, n in sorted(per_topic):
        print(f"topic {name}: {n} mentions, out-of-fold CoNLL F1 {conll:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
