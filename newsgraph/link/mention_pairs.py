"""Learned mention-pair scoring for cross-document event coreference.

The rule linker of ``mentions.py`` decides in three hard steps (document clusters, trigger
families, argument checks). This module turns the same evidence into features of each pair of
mentions of one story collection and scores them with gradient-boosted trees fitted on ECB+'s
train topics (``tools/train_mention_pairs.py``; the trees are plain arrays in
``link/data/en/mention_pairs.json``, applied with numpy by ``BoostedTrees``; a file with
logistic-regression weights and no trees still loads). The mentions are then grouped by
average-link agglomeration on the pair probabilities, merging while the best pair of groups
averages at least the fitted ``threshold``.

Features (``FEATURES``): the same trigger family / lemma, the same document, the same document
cluster and the TF-IDF cosine of the two articles, the same sentence and the sentence distance
inside one document, the overlap of the two sentences' content words, the covering newsgraph
events' dates and actors agreeing or contradicting, the same PLOVER type, and the family match
crossed with the document evidence (a shared verb means more in two articles about one story).
Near context: the overlap of the content words and of the names within ``WINDOW_WORDS`` words
either side of each trigger (the mention's arguments, mostly) and the TF-IDF cosine of the two
sentences. Story-level: how the two trigger families co-occur over the articles of their
document cluster (the Jaccard of the sets of articles holding each, the smaller share of
articles holding one, both repeated in two articles or more): the story's main event is told
in every article, often in different words. Word meaning (``wordnet_lexicon.py``, a lexicon
derived from WordNet 3.0): both trigger lemmas known, a shared synset, a derivational link
("shooting"/"shoot"), and 1 / (1 + the fewest hypernym steps to a common ancestor) over the
first senses and over the first few senses ("murder" is a kind of "kill"). Arguments (where
the caller parsed the mentions, ``Mention.arguments`` from ``trigger_arguments``): the overlap
of the two mentions' argument words, and whether their agents, patients and settings
(``ARGUMENT_SLOTS``) share a word or, both filled, share none.

A model may use a subset of ``FEATURES`` (its json's ``features``, in ``FEATURES`` order):
``pair_features`` always computes them all and ``PairModel.probabilities`` picks its columns.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from ..datafiles import data_file
from .events import Compatibility, affiliations
from .flat_trees import BoostedTrees
from .mentions import (
    _NAME,
    _STOP,
    _WORD,
    DOC_SIMILARITY,
    Mention,
    MentionItem,
    _sentences,
    document_clusters_at,
    document_similarity,
    mention_items,
    stem,
    times_agree,
)
from .wordnet_lexicon import load_lexicon

FEATURES = (
    "same_family", "same_lemma", "same_doc", "same_doc_cluster", "doc_similarity",
    "same_sentence", "sentence_distance", "context_overlap", "times_agree", "times_contradict",
    "actors_agree", "actors_contradict", "same_event_type", "family_x_doc_similarity",
    "family_x_same_doc_cluster", "family_x_context_overlap", "family_pair_prior",
    "name_overlap", "same_doc_cluster_loose", "same_doc_cluster_tight",
    "prior_x_same_doc_cluster", "window_overlap", "window_name_overlap", "sentence_cosine",
    "family_doc_jaccard", "family_min_share", "families_repeat",
    "wordnet_known", "wordnet_same_synset", "wordnet_derivation",
    "wordnet_first_sense_similarity", "wordnet_similarity",
    "arguments_overlap", "agents_match", "agents_differ", "patients_match", "patients_differ",
    "settings_match", "settings_differ",
)  # fmt: skip
# Argument roles (``trigger_arguments`` labels) pooled into the three slots the pair features
# compare: who acts, what is acted on, where and when.
ARGUMENT_SLOTS = {
    "agents": ("nsubj", "prep:by", "poss", "compound"),
    "patients": ("dobj", "nsubjpass", "prep:of", "gov"),
    "settings": ("prep:in", "prep:at", "prep:on", "npadvmod", "prep:during", "prep:near"),
}
# Content words either side of a trigger that count as its near context (its arguments).
WINDOW_WORDS = 5
# Document clusters at other thresholds than the rule linker's (DOC_SIMILARITY).
LOOSE_DOC_SIMILARITY = 0.08
TIGHT_DOC_SIMILARITY = 0.25
# Shrinks a family pair's coreference rate towards the base rate (pseudo-pairs).
PRIOR_WEIGHT = 5.0
MODEL_FILE = "mention_pairs.json"


@dataclass(slots=True)
class PairModel:
    """Logistic-regression weights over ``FEATURES`` or boosted trees (where ``trees`` is
    set), and the clustering threshold."""

    weights: np.ndarray
    intercept: float
    threshold: float
    priors: FamilyPriors | None = None
    features: tuple[str, ...] = FEATURES
    trees: BoostedTrees | None = None

    def own_columns(self, x: np.ndarray) -> np.ndarray:
        """The model's ``features`` columns of rows of all ``FEATURES`` (rows already of the
        model's own columns pass through)."""
        if x.shape[-1] == len(self.features):
            return x
        return x[..., [FEATURES.index(name) for name in self.features]]

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Pair probabilities from rows of all ``FEATURES`` (or of the model's own)."""
        x = self.own_columns(x)
        score = self.trees.scores(x) if self.trees else x @ self.weights + self.intercept
        return 1.0 / (1.0 + np.exp(-score))

    def to_json(self, **info: Any) -> dict[str, Any]:
        return {"features": list(self.features), "weights": [round(float(w), 6) for w in
                self.weights], "intercept": round(self.intercept, 6),
                "threshold": self.threshold, **info,
                "trees": self.trees.to_json() if self.trees else None,
                "priors": self.priors.to_json() if self.priors else None}  # fmt: skip


@dataclass(slots=True)
class FamilyPriors:
    """How often mentions of two trigger families corefer in the fitted topics (pairs whose
    articles share a document cluster: across stories they almost never do, and counting those
    would blur the rate), shrunk towards the base rate of same-family or different-family
    pairs."""

    rates: dict[str, float]  # "family|family" (sorted) → shrunk rate
    base_same: float
    base_different: float

    def rate(self, a: str, b: str) -> float:
        key = f"{a}|{b}" if a <= b else f"{b}|{a}"
        return self.rates.get(key, self.base_same if a == b else self.base_different)

    @classmethod
    def count(cls, pairs: Sequence[tuple[str, str, bool]]) -> FamilyPriors:
        """From (family, family, coreferent) examples; only informative pairs are kept."""
        counts: dict[str, list[int]] = {}
        totals = {True: [0, 0], False: [0, 0]}  # same family? → [coreferent, all]
        for a, b, positive in pairs:
            key = f"{a}|{b}" if a <= b else f"{b}|{a}"
            entry = counts.setdefault(key, [0, 0])
            entry[0] += positive
            entry[1] += 1
            totals[a == b][0] += positive
            totals[a == b][1] += 1
        base = {same: pos / all_ if all_ else 0.0 for same, (pos, all_) in totals.items()}
        rates = {}
        for key, (pos, all_) in counts.items():
            a, _, b = key.partition("|")
            if pos or all_ >= 3:
                prior = base[a == b]
                rates[key] = round((pos + PRIOR_WEIGHT * prior) / (all_ + PRIOR_WEIGHT), 4)
        return cls(rates, round(base[True], 4), round(base[False], 4))

    def to_json(self) -> dict[str, Any]:
        return {"base_same": self.base_same, "base_different": self.base_different,
                "rates": dict(sorted(self.rates.items()))}  # fmt: skip


@cache
def load_model(path: str | None = None) -> PairModel | None:
    """The shipped model (None where it has not been trained)."""
    file = Path(path) if path else data_file(__package__, MODEL_FILE)
    if not file.is_file():
        return None
    data = json.loads(file.read_text(encoding="utf-8"))
    features = tuple(data["features"])
    if features != tuple(f for f in FEATURES if f in features) or len(set(features)) < len(
        features
    ):
        raise ValueError(f"{file}: features {data['features']} are not among {FEATURES}")
    priors = data.get("priors")
    trees = data.get("trees")
    return PairModel(np.asarray(data["weights"], dtype=float), float(data["intercept"]),
                     float(data["threshold"]),
                     FamilyPriors(priors["rates"], priors["base_same"], priors["base_different"])
                     if priors else None,
                     features=features,
                     trees=BoostedTrees.from_json(trees) if trees else None)  # fmt: skip


# ---------------------------------------------------------------- features


@dataclass(slots=True)
class TopicMentions:
    """The mentions of one collection with what the pair features need."""

    items: list[MentionItem]
    doc: np.ndarray  # index of each mention's article
    sentence: np.ndarray  # index of its sentence within the article
    context: list[frozenset[str]]  # its sentence's content-word stems, the trigger left out
    names: list[frozenset[str]]  # the capitalised names and numbers of its sentence
    window: list[frozenset[str]]  # content-word stems within WINDOW_WORDS of the trigger
    window_names: list[frozenset[str]]  # names and numbers within WINDOW_WORDS of it
    sentence_words: list[list[str]]  # its sentence's content-word stems (repeats kept)
    doc_similarity: np.ndarray  # article × article cosine
    doc_cluster: np.ndarray  # each article's document cluster
    doc_cluster_loose: np.ndarray  # ... merging down to LOOSE_DOC_SIMILARITY
    doc_cluster_tight: np.ndarray  # ... merging down to TIGHT_DOC_SIMILARITY only
    # each mention's argument words, all roles ("all") and per ARGUMENT_SLOTS slot
    arguments: list[dict[str, frozenset[str]]] = field(default_factory=list)

    @property
    def keys(self) -> list[Hashable]:
        return [item.mention.key for item in self.items]


def topic_mentions(
    records: Sequence[Mapping[str, Any]], mentions: Mapping[str, Sequence[Mention]]
) -> TopicMentions:
    records = [r for r in records if r.get("article")]
    similarity = document_similarity(records) if records else []
    items: list[MentionItem] = []
    doc, sentence, context, names = [], [], [], []
    window, window_names, sentence_words = [], [], []
    for index, record in enumerate(records):
        article_id = (record.get("article") or {}).get("id") or ""
        text = (record.get("article") or {}).get("text") or ""
        sentences = _sentences(text)
        for item in mention_items(record, mentions.get(article_id, ())):
            start = item.mention.spans[0][0]
            n = next((k for k, (a, b) in enumerate(sentences) if a <= start < b), 0)
            a, b = sentences[n] if sentences else (0, len(text))
            trigger = stem(item.mention.lemma)
            stems = [stem(w) for w in _WORD.findall(text[a:b]) if w.lower() not in _STOP]
            items.append(item)
            doc.append(index)
            sentence.append(n)
            context.append(frozenset(stems) - {trigger})
            names.append(frozenset(w.lower() for w in _NAME.findall(text[a:b])))
            end = item.mention.spans[-1][1]
            near = " ".join(
                _WORD.findall(text[a : max(a, start)])[-WINDOW_WORDS:]
                + _WORD.findall(text[min(end, b) : b])[:WINDOW_WORDS]
            )
            window.append(
                frozenset(stem(w) for w in _WORD.findall(near) if w.lower() not in _STOP)
                - {trigger}
            )
            window_names.append(frozenset(w.lower() for w in _NAME.findall(near)))
            sentence_words.append([w for w in stems if w != trigger])

    thresholds = (DOC_SIMILARITY, LOOSE_DOC_SIMILARITY, TIGHT_DOC_SIMILARITY)
    stories = document_clusters_at(records, thresholds, similarity) if records else [[]] * 3
    doc_cluster, loose, tight = (_cluster_of(groups, len(records)) for groups in stories)

    return TopicMentions(
        items=items,
        doc=np.asarray(doc, dtype=int),
        sentence=np.asarray(sentence, dtype=int),
        context=context,
        names=names,
        window=window,
        window_names=window_names,
        sentence_words=sentence_words,
        doc_similarity=np.asarray(similarity, dtype=float).reshape(len(records), -1),
        doc_cluster=doc_cluster,
        doc_cluster_loose=loose,
        doc_cluster_tight=tight,
        arguments=[argument_slots(item.mention.arguments) for item in items],
    )


def _cluster_of(groups: Sequence[Sequence[int]], n: int) -> np.ndarray:
    """Each of ``n`` articles' group number (its own index where no group holds it)."""
    cluster_of = {index: k for k, group in enumerate(groups) for index in group}
    return np.asarray([cluster_of.get(i, i) for i in range(n)], dtype=int)


def argument_slots(arguments: Sequence[tuple[str, Sequence[str]]]) -> dict[str, frozenset[str]]:
    """A mention's argument words: every role's ("all") and each ``ARGUMENT_SLOTS`` slot's."""
    roles = dict(arguments)
    slots = {slot: frozenset(w for role in labels for w in roles.get(role, ()))
             for slot, labels in ARGUMENT_SLOTS.items()}  # fmt: skip
    return {"all": frozenset(w for words in roles.values() for w in words), **slots}


def pair_features(
    topic: TopicMentions,
    parents: Mapping[str, str],
    priors: FamilyPriors | None = None,
    wanted: Sequence[str] = FEATURES,
) -> np.ndarray:
    """An (n, n, len(FEATURES)) array of the features of every ordered pair of mentions (the
    word-meaning columns stay zero unless ``wanted`` names one: they cost a lexicon look-up per
    pair of trigger lemmas)."""
    n = len(topic.items)
    out = np.zeros((n, n, len(FEATURES)))
    if n == 0:
        return out
    col = {name: k for k, name in enumerate(FEATURES)}

    def same(values: Sequence[Hashable]) -> np.ndarray:
        ids = {v: k for k, v in enumerate(dict.fromkeys(values))}
        codes = np.asarray([ids[v] for v in values])
        return (codes[:, None] == codes[None, :]).astype(float)

    family = same([i.family for i in topic.items])
    out[..., col["same_family"]] = family
    out[..., col["same_lemma"]] = same([i.mention.lemma for i in topic.items])
    same_doc = (topic.doc[:, None] == topic.doc[None, :]).astype(float)
    out[..., col["same_doc"]] = same_doc
    doc_cluster = topic.doc_cluster[topic.doc]
    same_cluster = (doc_cluster[:, None] == doc_cluster[None, :]).astype(float)
    out[..., col["same_doc_cluster"]] = same_cluster
    doc_sim = topic.doc_similarity[topic.doc[:, None], topic.doc[None, :]]
    out[..., col["doc_similarity"]] = doc_sim
    distance = np.abs(topic.sentence[:, None] - topic.sentence[None, :])
    out[..., col["same_sentence"]] = same_doc * (distance == 0)
    out[..., col["sentence_distance"]] = same_doc * np.minimum(distance, 10) / 10
    overlap = _jaccard(topic.context)
    out[..., col["context_overlap"]] = overlap
    out[..., col["family_x_doc_similarity"]] = family * doc_sim
    out[..., col["family_x_same_doc_cluster"]] = family * same_cluster
    out[..., col["family_x_context_overlap"]] = family * overlap
    out[..., col["name_overlap"]] = _jaccard(topic.names)
    for name, clusters in (("loose", topic.doc_cluster_loose), ("tight", topic.doc_cluster_tight)):
        of_mention = clusters[topic.doc]
        out[..., col[f"same_doc_cluster_{name}"]] = of_mention[:, None] == of_mention[None, :]
    if priors is not None:
        set_priors(out, topic, priors)
    out[..., col["window_overlap"]] = _jaccard(topic.window)
    out[..., col["window_name_overlap"]] = _jaccard(topic.window_names)
    out[..., col["sentence_cosine"]] = _tfidf_cosine(topic.sentence_words)
    for name, values in _family_cooccurrence(topic).items():
        out[..., col[name]] = values
    if any(name.startswith("wordnet_") for name in wanted):
        for name, values in _word_meaning([i.mention.lemma for i in topic.items]).items():
            out[..., col[name]] = values
    for name, values in _argument_agreement(topic.arguments, n).items():
        out[..., col[name]] = values
    with_event = [k for k, i in enumerate(topic.items) if i.event is not None or i.times]
    if with_event:
        signatures = [_event_signature(topic.items[k]) for k in with_event]
        kinds = {s: k for k, s in enumerate(dict.fromkeys(signatures))}
        code = np.asarray([kinds[s] for s in signatures])
        table = _event_agreement(list(kinds), Compatibility(parents))
        columns = [col[name] for name in EVENT_AGREEMENT]
        out[np.ix_(with_event, with_event, columns)] = table[code[:, None], code[None, :]]
    return out


# ``pair_features`` columns of two mentions' events (their times, actors and PLOVER types)
EVENT_AGREEMENT = ("times_agree", "times_contradict", "actors_agree", "actors_contradict",
                   "same_event_type")  # fmt: skip
EventSignature = tuple[tuple[str, ...], str | None, str | None, str | None]


def _event_signature(item: MentionItem) -> EventSignature:
    return (item.times, item.source, item.target, item.type)


def _event_agreement(kinds: Sequence[EventSignature], check: Compatibility) -> np.ndarray:
    """The ``EVENT_AGREEMENT`` columns of every ordered pair of distinct event signatures
    (times, source, target, type), computed once per pair of signatures: a collection's
    events share few (its pairs grow with the square of its events)."""
    table = np.zeros((len(kinds), len(kinds), len(EVENT_AGREEMENT)))
    for a, (times_a, source_a, target_a, type_a) in enumerate(kinds):
        for b, (times_b, source_b, target_b, type_b) in enumerate(kinds):
            if times_a and times_b:
                agree = any(times_agree(s, t) for s in times_a for t in times_b)
                table[a, b, 0 if agree else 1] = 1
            verdicts = (check.actors(source_a, source_b), check.actors(target_a, target_b))
            table[a, b, 2] = any(v is True for v in verdicts)
            table[a, b, 3] = any(v is False for v in verdicts)
            table[a, b, 4] = bool(type_a) and type_a == type_b
    return table


def set_priors(x: np.ndarray, topic: TopicMentions, priors: FamilyPriors) -> None:
    """Fill the family-pair prior columns of ``pair_features``'s ``x`` in place (the training
    script refills them fold by fold without recomputing the rest)."""
    kinds = list(dict.fromkeys(i.family for i in topic.items))
    table = np.asarray([[priors.rate(a, b) for b in kinds] for a in kinds])
    codes = np.asarray([kinds.index(i.family) for i in topic.items])
    prior = table[codes[:, None], codes[None, :]]
    x[..., FEATURES.index("family_pair_prior")] = prior
    same_cluster = x[..., FEATURES.index("same_doc_cluster")]
    x[..., FEATURES.index("prior_x_same_doc_cluster")] = prior * same_cluster


def _argument_agreement(
    arguments: Sequence[Mapping[str, frozenset[str]]], n: int
) -> dict[str, np.ndarray]:
    """The overlap of two mentions' argument words, and for each slot both filled with a word
    in common ("_match") or with none ("_differ": "police arrested *Dubois*" / "police arrested
    *Martin*"); zero for mentions without arguments."""
    if len(arguments) != n or not any(a["all"] for a in arguments):
        return {}  # a caller that parsed nothing, or no mention with arguments (link's): all zero
    out = {"arguments_overlap": _jaccard([a["all"] for a in arguments])}
    for slot in ARGUMENT_SLOTS:
        sets = [a[slot] for a in arguments]
        filled = np.asarray([bool(s) for s in sets], dtype=float)
        both = filled[:, None] * filled[None, :]
        shared = _jaccard(sets) > 0
        out[f"{slot}_match"] = both * shared
        out[f"{slot}_differ"] = both * ~shared
    return out


def _jaccard(sets: Sequence[frozenset[str]]) -> np.ndarray:
    vocabulary = {w: k for k, w in enumerate(sorted(set().union(*sets)))} if sets else {}
    matrix = np.zeros((len(sets), max(1, len(vocabulary))))
    for row, words in enumerate(sets):
        matrix[row, [vocabulary[w] for w in words]] = 1
    inter = matrix @ matrix.T
    sizes = matrix.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def _tfidf_cosine(bags: Sequence[Sequence[str]]) -> np.ndarray:
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


def _family_cooccurrence(topic: TopicMentions) -> dict[str, np.ndarray]:
    """For pairs of one document cluster: the Jaccard of the sets of its articles that hold
    each trigger family, the smaller share of its articles holding one of the two, and whether
    both families occur in two articles or more (zero across clusters)."""
    n = len(topic.items)
    out = {k: np.zeros((n, n)) for k in ("family_doc_jaccard", "family_min_share",
                                         "families_repeat")}  # fmt: skip
    if n == 0:
        return out
    kinds = {f: k for k, f in enumerate(dict.fromkeys(i.family for i in topic.items))}
    code = np.asarray([kinds[i.family] for i in topic.items])
    holds = np.zeros((len(kinds), len(topic.doc_cluster)))
    holds[code, topic.doc] = 1
    cluster_of_mention = topic.doc_cluster[topic.doc]
    for cluster in np.unique(topic.doc_cluster):
        in_cluster = holds[:, topic.doc_cluster == cluster]
        both = in_cluster @ in_cluster.T
        counts = in_cluster.sum(axis=1)
        union = counts[:, None] + counts[None, :] - both
        jaccard = np.divide(both, union, out=np.zeros_like(both), where=union > 0)
        share = counts / in_cluster.shape[1]
        members = np.flatnonzero(cluster_of_mention == cluster)
        block = np.ix_(members, members)
        a, b = code[members][:, None], code[members][None, :]
        out["family_doc_jaccard"][block] = jaccard[a, b]
        out["family_min_share"][block] = np.minimum(share[a], share[b])
        out["families_repeat"][block] = np.minimum(counts[a], counts[b]) >= 2
    return out


def _word_meaning(lemmas: Sequence[str]) -> dict[str, np.ndarray]:
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
                      _closeness(r.first_sense_steps), _closeness(r.any_sense_steps))  # fmt: skip
            table[:, a, b] = table[:, b, a] = values
    of_kind = {lemma: k for k, lemma in enumerate(kinds)}
    code = np.asarray([of_kind[lemma] for lemma in lemmas])
    return {name: table[k][code[:, None], code[None, :]] for k, name in enumerate(names)}


def _closeness(steps: int | None) -> float:
    return 0.0 if steps is None else 1.0 / (1.0 + steps)


# ---------------------------------------------------------------- clustering


def average_link(probability: np.ndarray, threshold: float) -> np.ndarray:
    """Cluster labels from average-link agglomeration on a symmetric pair-probability matrix,
    merging while the best pair of groups averages at least ``threshold``."""
    n = len(probability)
    labels = np.arange(n)
    if n < 2:
        return labels
    sums = probability.astype(float).copy()
    sizes = np.ones(n)
    active = np.ones(n, dtype=bool)
    while active.sum() > 1:
        average = sums / np.outer(sizes, sizes)
        average[~active, :] = -np.inf
        average[:, ~active] = -np.inf
        np.fill_diagonal(average, -np.inf)
        i, j = np.unravel_index(int(np.argmax(average)), average.shape)
        if average[i, j] < threshold:
            break
        i, j = min(i, j), max(i, j)
        sums[i, :] += sums[j, :]
        sums[:, i] = sums[i, :]
        sizes[i] += sizes[j]
        active[j] = False
        labels[labels == j] = i
    return labels


def cluster_mentions_learned(
    records: Sequence[Mapping[str, Any]],
    mentions: Mapping[str, Sequence[Mention]],
    model: PairModel | None = None,
) -> dict[Hashable, int]:
    """Mention key → cluster number, from the learned pair scorer and average-link clustering."""
    model = model or load_model()
    if model is None:
        raise FileNotFoundError(f"no {MODEL_FILE}: run tools/train_mention_pairs.py")
    topic = topic_mentions(records, mentions)
    x = pair_features(topic, affiliations(records), model.priors, model.features)
    probability = model.probabilities(x)
    probability = (probability + probability.T) / 2
    labels = average_link(probability, model.threshold)
    order = {label: n for n, label in enumerate(dict.fromkeys(labels.tolist()))}
    return {key: order[label] for key, label in zip(topic.keys, labels.tolist(), strict=True)}
