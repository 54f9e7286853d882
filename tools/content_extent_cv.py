"""Would a learned content cut or a learned content start gain exact PolNeAR contents? Measured
out of fold inside the fit part.

    python tools/content_extent_cv.py --cache-dir /tmp/cache [--limit 250] [--folds 5]

Reads the rows ``tools/train_content_end.py`` caches (``content_end_train.pkl`` for the first
``--limit`` train articles, ``content_end_fit.pkl`` for the fit part of dev; built here the same
way when missing): each article's text, gold, our attributions with the rules' content ends and
its parse. For every statement whose cue matches a gold cue exactly (the strict pairing of
``newsgraph eval polnear``), it lists the alternatives to the rules' content:

- **a cut**: the content ended before a separator (a comma, semicolon, dash, bracket) of its
  last piece, when every word after the separator hangs on the content before it ("...
  hotels, | amounting to what the senators said was ...", "the bill, | such as senator X");
- **a start**: a leading "and"/"but" dropped, a fronted phrase before a comma dropped ("However,
  | ...", "In addition, | ..."), the object before an infinitive dropped ("encouraged Americans
  | to ..."), the cue's object added before a content that starts at "to" ("called on | police
  to release ..."), a leading date dropped.

Each alternative is labelled +1 when the gold content equals it, -1 when the gold content equals
ours (taking it loses an exact content), 0 when neither. A logistic regression over
description features (the separator, the first words, the dependency that ties the phrase to
the content, its length, a quote around it, a subject of its own, the cue's frame ...) is
fitted on the train rows plus four fifths of the fit articles and scored on the fifth
(``GroupKFold`` by article), for a grid of C and thresholds; per statement the earliest
alternative at or over the threshold is taken. The net is exact contents gained. It also
prints how often each kind of alternative is right. Reads nothing of the held-out part.
scikit-learn is imported only inside functions (the ``train`` extra).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_content_end import matched_contents, pipeline_output, vectorised

from newsgraph.components.quotes.content_end import _length_bucket, _word
from newsgraph.eval.polnear import normalise

Range = tuple[int, int]
SEPARATORS = frozenset({",", ";", "—", "–", "--", "-", "(", "―"})
_QUOTE_MARKS = frozenset('"“”‘’«»') | {"''", "``"}
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})


def inside_quote(text: str, position: int) -> bool:
    """Whether ``position`` lies inside a quotation opened earlier in its paragraph."""
    paragraph = text[text.rfind("\n", 0, position) + 1 : position]
    opened, closed = paragraph.count("“"), paragraph.count("”")
    if opened or closed:
        return opened > closed
    return paragraph.count('"') % 2 == 1


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return [t for t in span if t.idx < end] if span is not None else []


def cut_candidates(doc: Doc, content: list[Range]) -> list[tuple[Token, list[Token], list[Token]]]:
    """(separator, the words after it, their top tokens) for each separator of the content's last
    piece after which every word hangs on the content before it (a closing phrase or clause). A
    hyphen counts only between spaces; words of punctuation alone do not make a phrase."""
    tokens = _tokens(doc, *content[-1])
    found = []
    for k, token in enumerate(tokens[:-1]):
        if token.text not in SEPARATORS:
            continue
        if token.text == "-" and not (token.whitespace_ and k and tokens[k - 1].whitespace_):
            continue
        after = tokens[k + 1 :]
        if not any(any(ch.isalnum() for ch in t.text) for t in after):
            continue
        positions = {t.i for t in after}
        tops = [t for t in after if t.head.i not in positions]
        if tops and all(t.head.i < token.i for t in tops):
            found.append((token, after, tops))
    return found


def start_candidates(doc: Doc, cue: Range, content: list[Range]) -> list[tuple[str, int, list]]:
    """(kind, the new start, the words dropped or added) for the content's first piece."""
    tokens = _tokens(doc, *content[0])
    if len(tokens) < 2:
        return []
    first = tokens[0]
    found: list[tuple[str, int, list]] = []
    if first.pos_ == "CCONJ":
        found.append(("drop conjunction", tokens[1].idx, tokens[:1]))
    comma = next((k for k, t in enumerate(tokens[:10]) if t.text == "," and k), None)
    if comma is not None and comma + 1 < len(tokens):
        found.append(("drop fronted phrase", tokens[comma + 1].idx, tokens[:comma]))
    for k, token in enumerate(tokens[:12]):
        if k and token.lower_ == "to" and token.head.tag_ == "VB":
            if token.head.dep_ in ("xcomp", "ccomp", "advcl"):
                found.append(("drop object", token.idx, tokens[:k]))
            break
    if first.lower_ == "to" and first.i > 0:
        before = doc[first.i - 1]
        left = before.left_edge
        if before.pos_ in ("NOUN", "PROPN", "PRON") and left.idx >= cue[1]:
            found.append(("add object", left.idx, list(doc[left.i : first.i])))
    if first.ent_type_ in ("DATE", "TIME"):
        k = next((k for k, t in enumerate(tokens) if t.ent_type_ not in ("DATE", "TIME")), None)
        if k:
            found.append(("drop date", tokens[k].idx, tokens[:k]))
    return found


def cut_features(text: str, separator: Token, after: list[Token], tops: list[Token]) -> list[str]:
    first = next((t for t in after if not t.is_punct), after[0])
    top = tops[0]
    positions = {t.i for t in after}
    features = [
        f"sep={separator.text}",
        f"first={_word(first)}",
        f"top={top.dep_}",
        f"top_tag={top.tag_}",
        f"sep|top={separator.text}|{top.dep_}",
        f"first|top={_word(first)}|{top.dep_}",
        f"len={_length_bucket(len(after))}",
        f"head={top.head.dep_}/{top.head.pos_}",
    ]
    if len(tops) > 1:
        features.append("several_tops")
    if inside_quote(text, separator.idx):
        features.append("in_quote")
    if any(t.text in _QUOTE_MARKS for t in after):
        features.append("quote_mark")
    if any(t.dep_ in _SUBJECTS and t.head.i in positions for t in after):
        features.append("own_subject")
    if any(t.ent_type_ in ("DATE", "TIME") for t in after):
        features.append("date")
    if first.tag_ in ("VBG", "VBN"):
        features.append(f"participle={first.tag_}")
    return features


def start_features(text: str, kind: str, words: list, start: int, lemma: str) -> list[str]:
    features = [f"kind={kind}", f"lemma={kind}|{lemma}", f"n={min(len(words), 6)}"]
    if words:
        first = words[0]
        features += [f"first={kind}|{_word(first)}", f"dep={kind}|{first.dep_}"]
        if any(t.pos_ == "PROPN" or t.ent_type_ == "PERSON" for t in words):
            features.append(f"{kind}|names")
        if any(t.pos_ == "PRON" for t in words):
            features.append(f"{kind}|pronoun")
    if inside_quote(text, start):
        features.append("in_quote")
    return features


def examples(rows: list[tuple], which: str) -> tuple[list[list[str]], np.ndarray, list, list]:
    """Features, labels (+1 / -1 / 0), article ids and (article, statement, position) of every
    alternative ``which`` ("cut" or "start") of a content on an exactly matched cue."""
    features, labels, groups, keys = [], [], [], []
    for m in matched_contents(rows):
        article_id, text, doc, raw, p = m.article_id, m.text, m.doc, m.raw, m.index
        target, ours, lemma = m.target, m.ours, m.lemma
        content = list(raw.content)
        frame = f"frame={m.frame}"
        if which == "cut":
            options = [
                (
                    sep.idx,
                    (*content[:-1], (content[-1][0], sep.idx)),
                    cut_features(text, sep, a, t),
                )
                for sep, a, t in cut_candidates(doc, content)
            ]
        else:
            options = [
                (
                    pos,
                    ((pos, content[0][1]), *content[1:]),
                    start_features(text, k, w, pos, lemma),
                )
                for k, pos, w in start_candidates(doc, raw.cue[0], content)
            ]
        for position, pieces, row in options:
            other = normalise(text, pieces)
            if not other or other == ours:
                continue
            labels.append(1 if target == other else -1 if target == ours else 0)
            features.append([*row, frame])
            groups.append(article_id)
            keys.append((article_id, p, position))
    return features, np.array(labels), groups, keys


def net_gain(probabilities: np.ndarray, labels: np.ndarray, keys: list, threshold: float) -> int:
    """Exact contents gained when, per statement, the earliest alternative at or over the
    threshold is taken."""
    chosen: dict[tuple, int] = {}
    for k, (article, statement, position) in enumerate(keys):
        if probabilities[k] >= threshold:
            old = chosen.get((article, statement))
            if old is None or position < keys[old][2]:
                chosen[(article, statement)] = k
    return int(sum(labels[k] for k in chosen.values()))


def cross_validate(fit: tuple, train: tuple, args: argparse.Namespace) -> dict[str, list[int]]:
    """Net gain per fold of fit articles, per (C, threshold), each fold scored by a model fitted
    on the train rows and the other folds."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    features, labels, groups, keys = fit
    results: dict[str, list[int]] = {}
    for inside, outside in GroupKFold(args.folds).split(features, labels, groups):
        rows = train[0] + [features[k] for k in inside]
        target = np.concatenate([train[1], labels[inside]]) == 1
        vectorizer, x = vectorised(rows, args.min_count)
        for c in args.grid_c:
            model = LogisticRegression(C=c, max_iter=3000).fit(x, target.astype(int))
            held = vectorizer.transform([dict.fromkeys(features[k], 1) for k in outside])
            p = model.predict_proba(held)[:, 1]
            for t in args.grid_threshold:
                gain = net_gain(p, labels[outside], [keys[k] for k in outside], t)
                results.setdefault(f"C={c} threshold={t}", []).append(gain)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=250, help="first N train articles")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--grid-c", type=float, nargs="+", default=[0.1, 0.3, 1.0])
    parser.add_argument("--grid-threshold", type=float, nargs="+", default=[0.3, 0.4, 0.5, 0.6])
    args = parser.parse_args()
    rows = {}
    for split in ("train", "fit"):
        cache = args.cache_dir / f"content_end_{split}.pkl"
        limit = args.limit if split == "train" else None
        rows[split] = (
            pickle.loads(cache.read_bytes())
            if cache.exists()
            else pipeline_output(split, limit, cache)
        )
    for which in ("cut", "start"):
        train, fit = examples(rows["train"], which), examples(rows["fit"], which)
        for name, part in (("train", train), ("fit", fit)):
            counts = Counter(part[1].tolist())
            print(f"{which} alternatives, {name}: right {counts[1]}, ours right {counts[-1]}, "
                  f"neither {counts[0]}")  # fmt: skip
        for setting, per_fold in cross_validate(fit, train, args).items():
            print(f"  {which} {setting}: net {sum(per_fold):+d} per fold {per_fold}")


if __name__ == "__main__":
    main()
