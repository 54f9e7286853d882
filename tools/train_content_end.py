"""Train the content-end decision (quotes' ``data/en/content_end.json``) on PolNeAR's train split.

    python tools/train_content_end.py [--data ../shared/eval/polnear] [--limit 420]
        [--cache /tmp/content_end.pkl] [--folds 5]

Runs the whole pipeline, with the decision switched off, over the first ``--limit`` train
articles (``--cache`` keeps its output: each article's text, gold, statements and parse). For
every statement whose cue matches a gold cue exactly and whose content stops before its
sentence (``content_end.sentence_rest``), the example is labelled 1 when the gold content is
the content run on to the sentence end, 0 when it is the rules' content; other statements are
left out (neither end is right). A logistic regression (scikit-learn, only here) is fitted on
``content_end.rest_features``; the threshold is the one that gains most exact contents out of
fold on the train articles. Reads nothing of the dev split.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from newsgraph.components.quotes import content_end
from newsgraph.components.quotes.lexicon import load_knowledge
from newsgraph.components.quotes.scan import trim_range
from newsgraph.datafiles import data_file
from newsgraph.eval.polnear import normalise, normalised_attribution, pair_on_cues

sys.path.insert(0, str(Path(__file__).resolve().parent))

from polnear_content_misses import parsed_articles

MODEL_PATH = data_file("newsgraph.components.quotes", content_end.MODEL_FILE)


def pipeline_output(split: str, limit: int | None, cache: Path | None) -> list[tuple]:
    """(id, text, gold, [attribution], [(cue lemma, kind)], tokens, sentence starts) per article
    of PolNeAR's train split or the fit part of dev, with the rules' content ends (the decision
    switched off). ``cache`` keeps the rows."""
    if cache is not None and cache.exists():
        return pickle.loads(cache.read_bytes())
    from newsgraph.components.quotes.component import extract_statements
    from newsgraph.eval.polnear import statement_attribution

    knowledge = load_knowledge()
    rows = []
    for article_id, text, gold, doc in parsed_articles(split, limit):
        statements = extract_statements(doc, knowledge, learned_content_end=False)
        predicted = [statement_attribution(s) for s in statements]
        lemmas = [(s.cue_lemma, s.kind) for s in statements]
        rows.append((article_id, text, gold, predicted, lemmas, *token_table(doc)))
    if cache is not None:
        cache.write_bytes(pickle.dumps(rows))
    return rows


def token_table(doc) -> tuple[list[tuple], list[tuple]]:
    """A parsed article as plain tuples (kept in the cache): its tokens and sentences."""
    tokens = [(t.idx, t.text, t.dep_, t.tag_, t.pos_, t.head.i, t.ent_type_, t.lemma_) for t in doc]
    return tokens, [(s.start, s.end) for s in doc.sents]


def doc_from_tokens(vocab, text: str, tokens: list[tuple], sentences: list[tuple]):
    """The parsed article again, from the cached token table."""
    from spacy.tokens import Doc

    words = [t[1] for t in tokens]
    spaces = [
        (tokens[i + 1][0] if i + 1 < len(tokens) else len(text)) > t[0] + len(t[1])
        for i, t in enumerate(tokens)
    ]
    ents, previous = [], ""
    for t in tokens:
        ents.append("O" if not t[6] else ("I-" if t[6] == previous else "B-") + t[6])
        previous = t[6]
    starts = {start for start, _ in sentences}
    doc = Doc(
        vocab,
        words=words,
        spaces=spaces,
        tags=[t[3] for t in tokens],
        pos=[t[4] for t in tokens],
        deps=[t[2] for t in tokens],
        heads=[t[5] for t in tokens],
        lemmas=[t[7] for t in tokens],
        ents=ents,
        sent_starts=[i in starts for i in range(len(tokens))],
    )
    return doc


class MatchedContent(NamedTuple):
    """A statement whose cue matches a gold cue exactly, with its article's parse."""

    article_id: str
    text: str
    doc: Any  # spacy.tokens.Doc
    predicted: list  # the article's attributions
    index: int  # this statement's place in ``predicted``
    target: str  # the gold content, normalised
    ours: str  # our content, normalised
    lemma: str  # the cue's lemma
    frame: str  # its lexicon frame ("none" where the lexicon lacks it)

    @property
    def raw(self) -> Any:
        return self.predicted[self.index]


def matched_contents(rows: list[tuple]) -> Iterator[MatchedContent]:
    """Every statement with a cue and a content whose cue matches a gold cue exactly."""
    import spacy

    knowledge = load_knowledge()
    vocab = spacy.blank("en").vocab
    for article_id, text, gold, predicted, lemmas, tokens, sentences in rows:
        doc = doc_from_tokens(vocab, text, tokens, sentences)
        norm_gold = [normalised_attribution(text, a) for a in gold]
        norm_pred = [normalised_attribution(text, a) for a in predicted]
        for g, p in pair_on_cues(norm_gold, norm_pred, "strict"):
            raw = predicted[p]
            if not raw.cue or not raw.content:
                continue
            lemma = lemmas[p][0] or ""
            entry = knowledge.verbs.get(lemma) or knowledge.nouns.get(lemma)
            frame = entry.frame if entry is not None else "none"
            yield MatchedContent(article_id, text, doc, predicted, p, norm_gold[g].content,
                                 norm_pred[p].content, lemma, frame)  # fmt: skip


def examples(rows: list[tuple]) -> tuple[list[list[str]], list[int], list[str]]:
    """Features, labels and article ids of the statements where one of the two ends is right."""
    verbs = load_knowledge().verbs
    features, labels, groups = [], [], []
    for m in matched_contents(rows):
        doc, text, raw = m.doc, m.text, m.raw
        others = [
            (a.cue[0] if a.cue else None, list(a.content)) for a in m.predicted if a is not raw
        ]
        found = content_end.sentence_rest(doc, raw.cue[0], list(raw.content), others)
        if found is None:
            continue
        rest, sentence_end = found
        longer = trim_range(text, raw.content[-1][0], sentence_end)
        if longer is None:
            continue
        if m.target == normalise(text, (*raw.content[:-1], longer)):
            label = 1
        elif m.target == m.ours:
            label = 0
        else:
            continue
        features.append(content_end.rest_features(doc, list(raw.content), rest, m.frame, verbs))
        labels.append(label)
        groups.append(m.article_id)
    return features, labels, groups


def vectorised(features: list[list[str]], min_count: int):
    """A DictVectorizer over the features seen at least ``min_count`` times, and the matrix."""
    from sklearn.feature_extraction import DictVectorizer

    counts: dict[str, int] = {}
    for row in features:
        for name in set(row):
            counts[name] = counts.get(name, 0) + 1
    kept = [{f: 1 for f in set(row) if counts[f] >= min_count} for row in features]
    vectorizer = DictVectorizer()
    return vectorizer, vectorizer.fit_transform(kept)


def net_gain(probabilities: np.ndarray, labels: np.ndarray, threshold: float) -> int:
    """Exact contents gained by running on where the probability reaches the threshold: each
    example has exactly one right end, so a right run-on gains one and a wrong one loses one."""
    taken = probabilities >= threshold
    return int((taken & (labels == 1)).sum() - (taken & (labels == 0)).sum())


def cross_validate_on_fit(
    fit: tuple[list, list, list], train: tuple[list, list, list], args: argparse.Namespace
) -> None:
    """Per fold of the fit part's articles, the model fitted on the train rows (if any) and the
    other folds, scored on the fold, for every C and threshold of the grid; and the shipped
    model on the whole fit part."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    features, labels, groups = fit
    y = np.array(labels)
    shipped = content_end.load_end_model()
    if shipped is not None:
        p = np.array([shipped.probability(f) for f in features])
        print(f"shipped model on the fit part: net {net_gain(p, y, shipped.threshold):+d}")
    print(f"fit part: {len(y)} examples, {int(y.sum())} run to the sentence end")
    folds = list(GroupKFold(args.folds).split(features, y, groups))
    for c in args.grid_c:
        scores = {t: [] for t in args.grid_threshold}
        for inside, outside in folds:
            rows = train[0] + [features[k] for k in inside]
            target = np.array(train[1] + [labels[k] for k in inside])
            vectorizer, x = vectorised(rows, args.min_count)
            model = LogisticRegression(C=c, max_iter=2000).fit(x, target)
            held = vectorizer.transform([dict.fromkeys(features[k], 1) for k in outside])
            p = model.predict_proba(held)[:, 1]
            for t in args.grid_threshold:
                scores[t].append(net_gain(p, y[outside], t))
        for t, per_fold in scores.items():
            print(f"C={c} threshold={t}: net {sum(per_fold):+d} per fold {per_fold}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--splits",
        nargs="+",
        choices=("train", "fit"),
        default=["train"],
        help="train on PolNeAR train, the fit part of dev, or both",
    )
    parser.add_argument("--limit", type=int, default=420, help="first N train articles")
    parser.add_argument("--cache-dir", type=Path, default=None, help="keeps each split's rows")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=0.3, help="inverse L2 strength")
    parser.add_argument("--threshold", type=float, default=None, help="fixed; else out of fold")
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--cv", action="store_true", help="cross-validate inside the fit part")
    parser.add_argument("--grid-c", type=float, nargs="+", default=[0.1, 0.3, 1.0])
    parser.add_argument("--grid-threshold", type=float, nargs="+", default=[0.45, 0.55, 0.65, 0.75])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()

    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    data = {}
    for split in set(args.splits) | ({"fit"} if args.cv else set()):
        cache = args.cache_dir / f"content_end_{split}.pkl" if args.cache_dir else None
        limit = args.limit if split == "train" else None
        data[split] = examples(pipeline_output(split, limit, cache))
    if args.cv:
        train = data["train"] if "train" in args.splits else ([], [], [])
        cross_validate_on_fit(data["fit"], train, args)
        return
    features = [f for split in args.splits for f in data[split][0]]
    labels = [label for split in args.splits for label in data[split][1]]
    groups = [g for split in args.splits for g in data[split][2]]
    vectorizer, x = vectorised(features, args.min_count)
    y = np.array(labels)
    print(f"{len(y)} examples, {int(y.sum())} run to the sentence end, {x.shape[1]} features")
    out_of_fold = np.zeros(len(y))
    for inside, outside in GroupKFold(args.folds).split(x, y, groups):
        model = LogisticRegression(C=args.c, max_iter=2000).fit(x[inside], y[inside])
        out_of_fold[outside] = model.predict_proba(x[outside])[:, 1]
    if args.threshold is None:
        grid = np.arange(0.3, 0.96, 0.05)
        best = max((net_gain(out_of_fold, y, t), t) for t in grid)
        threshold = round(float(best[1]), 2)
    else:
        threshold = args.threshold
    gain = net_gain(out_of_fold, y, threshold)
    print(f"out of fold: threshold {threshold}, net exact contents gained {gain:+d}")
    model = LogisticRegression(C=args.c, max_iter=2000).fit(x, y)
    names = vectorizer.get_feature_names_out()
    weights = {name: round(float(w), 4) for name, w in zip(names, model.coef_[0], strict=True)}
    payload = {
        "about": f"tools/train_content_end.py, PolNeAR {'+'.join(args.splits)}; content_end.py",
        "articles": len(set(groups)),
        "examples": len(y),
        "threshold": threshold,
        "bias": round(float(model.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
