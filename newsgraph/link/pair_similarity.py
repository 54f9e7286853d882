"""Similarities between every pair of event mentions, from plain word lists: the Jaccard
overlap of word sets, the TF-IDF cosine of word bags, and the WordNet-lexicon relations of
trigger lemmas (``wordnet_lexicon.py``). ``mention_pairs.pair_features`` makes its columns
from them."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from .wordnet_lexicon import load_lexicon


def jaccard(sets: Sequence[frozenset[str]]) -> np.ndarray:
    vocabulary = {w: k for k, w in enumerate(sorted(set().union(*sets)))} if sets else {}
    matrix = np.zeros((len(sets), max(1, len(vocabulary))))
    for row, words in enumerate(sets):
        matrix[row, [vocabulary[w] for w in words]] = 1
    inter = matrix @ matrix.T
    sizes = matrix.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def tfidf_cosine(bags: Sequence[Sequence[str]]) -> np.ndarray:
    """The cosine of TF-IDF vectors of word bags (IDF over the bags themselves)."""
    frequency = Counter(w for bag in bags for w in set(bag))
    vocabulary = {w: k for k, w in enumerate(sorted(frequency))}
    matrix = np.zeros((len(bags), max(1, len(vocabulary))))
    for row, bag in enumerate(bags):
        for word, count in Counter(bag).items():
            idf = math.log((1 + len(bags)) / (1 + frequency[word]))
            matrix[row, vocabulary[word]] = (1 + math.log(count)) * idf
    norms = np.linalg.norm(matrix, axis=1)
    matrix /= np.where(norms > 0, norms, 1.0)[:, None]
    return matrix @ matrix.T


def word_meaning(lemmas: Sequence[str]) -> dict[str, np.ndarray]:
    """The WordNet-lexicon features of every pair of trigger lemmas (zero without the
    lexicon)."""
    n = len(lemmas)
    names = ("wordnet_known", "wordnet_same_synset", "wordnet_derivation",
             "wordnet_first_sense_similarity", "wordnet_similarity")  # fmt: skip
    lexicon = load_lexicon()
    if lexicon is None or n == 0:
        return {name: np.zeros((n, n)) for name in names}
    kinds = list(dict.fromkeys(lemmas))
    table = np.zeros((len(names), len(kinds), len(kinds)))
    for a, x in enumerate(kinds):
        for b in range(a, len(kinds)):
            r = lexicon.relation(x, kinds[b])
            values = (r.known, r.same_synset, r.derivation,
                      closeness(r.first_sense_steps), closeness(r.any_sense_steps))  # fmt: skip
            table[:, a, b] = table[:, b, a] = values
    of_kind = {lemma: k for k, lemma in enumerate(kinds)}
    code = np.asarray([of_kind[lemma] for lemma in lemmas])
    return {name: table[k][code[:, None], code[None, :]] for k, name in enumerate(names)}


def closeness(steps: int | None) -> float:
    return 0.0 if steps is None else 1.0 / (1.0 + steps)


def pooled_cosine(
    groups: Sequence[str], blocks: np.ndarray, bags: Sequence[Sequence[str]]
) -> np.ndarray:
    """For two mentions of one block (document cluster): the TF-IDF cosine of the words
    (``bags``, one a mention) pooled over every mention of each one's group (trigger family) in
    that block; zero across blocks. Pooled over a story, "checked into rehab" and "entered
    rehab" meet in "rehab" and the names around them although no one pair of sentences need
    share much; IDF over the block's groups, so the story's own words weigh little."""
    n = len(groups)
    out = np.zeros((n, n))
    for block in np.unique(blocks):
        members = np.flatnonzero(blocks == block)
        kinds = list(dict.fromkeys(groups[m] for m in members))
        pooled: dict[str, list[str]] = {kind: [] for kind in kinds}
        for m in members:
            pooled[groups[m]] += bags[m]
        cosine = tfidf_cosine([pooled[kind] for kind in kinds])
        code = np.asarray([kinds.index(groups[m]) for m in members])
        out[np.ix_(members, members)] = cosine[code[:, None], code[None, :]]
    return out
