"""Train the event factuality classifier (``newsgraph/components/events/factuality.py``).

Reads the FIT part of ``../shared/eval/factuality`` (every train sentence, and the dev
sentences ``split_of`` puts in the fit part; never the held-out ones) with the scorer's own
reader, parses each sentence with spaCy, takes the features of each gold predicate's token and
fits a logistic regression (scikit-learn, the ``train`` extra). Picks the regularisation and
class weighting by 5-fold cross-validation grouped by sentence, prints the rules' and the
model's cross-validated accuracy and macro-F1 next to "always asserted", and writes the weights
to ``newsgraph/components/events/data/en/factuality.npz``.

    python tools/train_factuality.py [--data DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GroupKFold

from newsgraph.components.events.factuality import CLASSES, MODEL_FILE, features, save_model
from newsgraph.components.events.lexicon import load_lexicon
from newsgraph.eval.base import FIT, shared_eval_dir
from newsgraph.eval.factuality import DEFAULT_DATA, read_gold
from newsgraph.nlp import load_spacy_model

OUT = Path(__file__).resolve().parents[1] / "newsgraph/components/events/data/en" / MODEL_FILE
SETTINGS = [(c, w) for c in (0.1, 0.3, 1.0) for w in (None, "balanced")]


def rule_class(named: dict[str, float]) -> str:
    if named.get("rule_negated"):
        return "negated"
    return "uncertain" if named.get("rule_hypothetical") else "asserted"


def examples(data: Path) -> tuple[list[dict[str, float]], list[str], list[int]]:
    """Features, gold classes and sentence numbers of every fit-part predicate."""
    sentences = [s for s in read_gold(data) if s.part == FIT]
    nlp, lex = load_spacy_model(), load_lexicon()
    rows, labels, groups = [], [], []
    for number, (gold, doc) in enumerate(
        zip(sentences, nlp.pipe(s.text for s in sentences), strict=True)
    ):
        for (start, end), label in gold.predicates:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            rows.append(features(span.root, lex))
            labels.append(label)
            groups.append(number)
    return rows, labels, groups


def scores(gold: list[str], guess: list[str]) -> tuple[float, float]:
    macro = f1_score(gold, guess, labels=list(CLASSES), average="macro", zero_division=0)
    return round(accuracy_score(gold, guess), 4), round(float(macro), 4)


def cross_validate(x, y: np.ndarray, groups: list[int], c: float, weight: str | None) -> list[str]:
    guess = np.empty(len(y), dtype=object)
    for train, test in GroupKFold(n_splits=5).split(x, y, groups):
        model = LogisticRegression(C=c, class_weight=weight, max_iter=2000)
        model.fit(x[train], y[train])
        guess[test] = model.predict(x[test])
    return list(guess)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_eval_dir() / DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows, labels, groups = examples(args.data)
    y = np.array(labels)
    print(f"{len(y)} fit predicates in {len(set(groups))} sentences:",
          {c: int((y == c).sum()) for c in CLASSES})  # fmt: skip
    print("always asserted  acc/macro-F1", scores(labels, ["asserted"] * len(labels)))
    print("rules            acc/macro-F1", scores(labels, [rule_class(r) for r in rows]))
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    best = None
    for c, weight in SETTINGS:
        acc, macro = scores(labels, cross_validate(x, y, groups, c, weight))
        print(f"model C={c} weight={weight}  cv acc/macro-F1 {acc} {macro}")
        key = macro + acc  # both rows of the scorer count
        if best is None or key > best[0]:
            best = (key, c, weight)
    assert best is not None
    _, c, weight = best
    model = LogisticRegression(C=c, class_weight=weight, max_iter=2000).fit(x, y)
    order = [list(model.classes_).index(k) for k in CLASSES]
    save_model(args.out, list(vectorizer.get_feature_names_out()), model.coef_[order],
               model.intercept_[order], list(CLASSES))  # fmt: skip
    print(f"chose C={c} weight={weight}; wrote {args.out}")


if __name__ == "__main__":
    main()
