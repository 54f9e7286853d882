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
from pathlib import Path

import numpy as np

from newsgraph.components.quotes import content_end
from newsgraph.components.quotes.lexicon import load_knowledge
from newsgraph.components.quotes.scan import trim_range
from newsgraph.datafiles import data_file
from newsgraph.eval.base import shared_eval_dir
from newsgraph.eval.polnear import articles, normalise, normalised_attribution, pair_on_cues

MODEL_PATH = data_file("newsgraph.components.quotes", content_end.MODEL_FILE)


def pipeline_output(data: Path, limit: int, cache: Path | None) -> list[tuple]:
    """(id, text, gold, [(cue, content, lemma)], tokens, sentence starts) per train article."""
    if cache is not None and cache.exists():
        return pickle.loads(cache.read_bytes())
    from newsgraph.eval.polnear import statement_attribution
    from newsgraph.nlp import article_docs, get_pipeline

    content_end.load_end_model.cache_clear()
    original = content_end.load_end_model
    content_end.load_end_model = lambda: None  # the rules' ends, as the decision sees them
    try:
        items = list(articles(data, "train"))[:limit]
        nlp = get_pipeline()
        docs = article_docs(nlp, (article for article, _ in items))
        rows = []
        for (article, gold), doc in zip(items, nlp.pipe(docs, batch_size=16), strict=True):
            statements = doc._.ng_statements or []
            predicted = [statement_attribution(s) for s in statements]
            tokens = [
                (t.idx, t.text, t.dep_, t.tag_, t.pos_, t.head.i, t.ent_type_, t.lemma_)
                for t in doc
            ]
            sentences = [(s.start, s.end) for s in doc.sents]
            lemmas = [(s.cue_lemma, s.kind) for s in statements]
            rows.append((article.id, article.text, gold, predicted, lemmas, tokens, sentences))
    finally:
        content_end.load_end_model = original
    if cache is not None:
        cache.write_bytes(pickle.dumps(rows))
    return rows


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


def examples(rows: list[tuple]) -> tuple[list[list[str]], list[int], list[str]]:
    """Features, labels and article ids of the statements where one of the two ends is right."""
    import spacy

    knowledge = load_knowledge()
    vocab = spacy.blank("en").vocab
    features, labels, groups = [], [], []
    for article_id, text, gold, predicted, lemmas, tokens, sentences in rows:
        doc = doc_from_tokens(vocab, text, tokens, sentences)
        norm_gold = [normalised_attribution(text, a) for a in gold]
        norm_pred = [normalised_attribution(text, a) for a in predicted]
        for g, p in pair_on_cues(norm_gold, norm_pred, "strict"):
            raw = predicted[p]
            if not raw.cue or not raw.content:
                continue
            others = [
                (a.cue[0] if a.cue else None, list(a.content)) for a in predicted if a is not raw
            ]
            found = content_end.sentence_rest(doc, raw.cue[0], list(raw.content), others)
            if found is None:
                continue
            rest, sentence_end = found
            longer = trim_range(text, raw.content[-1][0], sentence_end)
            if longer is None:
                continue
            target = norm_gold[g].content
            if target == normalise(text, (*raw.content[:-1], longer)):
                label = 1
            elif target == norm_pred[p].content:
                label = 0
            else:
                continue
            lemma = lemmas[p][0] or ""
            entry = knowledge.verbs.get(lemma) or knowledge.nouns.get(lemma)
            frame = entry.frame if entry is not None else "none"
            features.append(
                content_end.rest_features(doc, list(raw.content), rest, frame, knowledge.verbs)
            )
            labels.append(label)
            groups.append(article_id)
    return features, labels, groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=shared_eval_dir() / "polnear")
    parser.add_argument("--limit", type=int, default=420)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=0.3, help="inverse L2 strength")
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    rows = pipeline_output(args.data, args.limit, args.cache)
    features, labels, groups = examples(rows)
    counts: dict[str, int] = {}
    for row in features:
        for name in set(row):
            counts[name] = counts.get(name, 0) + 1
    kept = [[f for f in set(row) if counts[f] >= args.min_count] for row in features]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(row, 1) for row in kept])
    y = np.array(labels)
    print(f"{len(y)} examples, {int(y.sum())} run to the sentence end, {x.shape[1]} features")
    out_of_fold = np.zeros(len(y))
    for fit, test in GroupKFold(args.folds).split(x, y, groups):
        model = LogisticRegression(C=args.c, max_iter=2000).fit(x[fit], y[fit])
        out_of_fold[test] = model.predict_proba(x[test])[:, 1]
    best = max(
        (float(((out_of_fold >= t) & (y == 1)).sum() - ((out_of_fold >= t) & (y == 0)).sum()), t)
        for t in np.arange(0.3, 0.96, 0.05)
    )
    threshold = round(float(best[1]), 2)
    print(f"out of fold: threshold {threshold}, net exact contents gained {best[0]:+.0f}")
    model = LogisticRegression(C=args.c, max_iter=2000).fit(x, y)
    names = vectorizer.get_feature_names_out()
    weights = {name: round(float(w), 4) for name, w in zip(names, model.coef_[0], strict=True)}
    payload = {
        "about": "tools/train_content_end.py on PolNeAR train; see content_end.py",
        "articles": len(rows),
        "examples": len(y),
        "threshold": threshold,
        "bias": round(float(model.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
