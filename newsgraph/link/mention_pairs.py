"""Learned mention-pair scoring for cross-document event coreference.

The rule linker of ``mentions.py`` decides in three hard steps (document clusters, trigger
families, argument checks). This module turns the same evidence into features of each pair of
mentions of one story collection and scores them with gradient-boosted trees fitted on ECB+'s
train topics (``tools/train_mention_pairs.py``; the trees are plain arrays in
``link/data/en/mention_pairs.json``, applied with numpy by ``BoostedTrees``; a file with
logistic-regression weights and no trees still loads). The mentions are then grouped by
average-link agglomeration on the pair probabilities, merging while the best pair of groups
averages at least the fitted ``threshold``. Mentions of two articles published more than
``PUBLISHED_APART_DAYS`` apart never join (ECB+ gives no dates, so the scorer never learned it).

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
in every article, often in different words; and the TF-IDF cosine of the near words pooled
over each family's mentions in the document cluster (``family_window_cosine``). Word meaning
(``wordnet_lexicon.py``, a lexicon derived from WordNet 3.0): both trigger lemmas known, a
shared synset, a derivational link ("shooting"/"shoot"), and 1 / (1 + the fewest hypernym
steps to a common ancestor) over the first senses and over the first few senses ("murder" is
a kind of "kill"). Arguments (where
the caller parsed the mentions, ``Mention.arguments`` from ``trigger_arguments``): the overlap
of the two mentions' argument words, and whether their agents, patients and settings
(``ARGUMENT_SLOTS``) share a word or, both filled, share none.

A model may use a subset of ``FEATURES`` (its json's ``features``, in ``FEATURES`` order):
``pair_features`` always computes them all and ``PairModel.probabilities`` picks its columns.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from ..datafiles import data_file
from .event_items import MAX_TIME_SPAN_DAYS, published_date
from .events import Compatibility, affiliations
from .flat_trees import BoostedTrees
from .mentions import (
    DOC_SIMILARITY,
    NAME_PATTERN,
    STORY_STOP_WORDS,
    WORD_PATTERN,
    Mention,
    MentionItem,
    average_link_stops,
    doc_features,
    document_clusters_at,
    document_similarity,
    mention_items,
    sentence_spans,
    stem,
    times_agree,
)
from .pair_similarity import jaccard, pooled_cosine, tfidf_cosine, word_meaning
from .repeated_reports import repeated_reports

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
    "settings_match", "settings_differ", "family_window_cosine",
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
# Reports published further apart than link's longest cluster span tell other events: on
# MEANTIME's fit part the scorer joined 38 mention pairs of articles over a month apart, none
# coreferent (docs/link.md; 7 days and 31 give the same fit figure).
PUBLISHED_APART_DAYS = MAX_TIME_SPAN_DAYS
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


@dataclass(slots=True)
class MentionReading:
    """What ``topic_mentions`` reads of one mention in its article (whatever the collection)."""

    item: MentionItem
    sentence: int
    context: frozenset[str]
    names: frozenset[str]
    window: frozenset[str]
    window_names: frozenset[str]
    sentence_words: list[str]


@dataclass(slots=True)
class ReadingCache:
    """``topic_mentions``'s per-article work, kept across the collections one caller builds of
    the same records (the link stage compares each event in many two-article collections and
    once in its large one). Keyed by article id: one cache serves one set of records."""

    readings: dict[tuple[str, Hashable], MentionReading] = field(default_factory=dict)
    doc_features: dict[str, Counter[str]] = field(default_factory=dict)


def topic_mentions(
    records: Sequence[Mapping[str, Any]],
    mentions: Mapping[str, Sequence[Mention]],
    cache: ReadingCache | None = None,
) -> TopicMentions:
    records = [r for r in records if r.get("article")]
    bags = [_doc_features_of(r, cache) for r in records]
    similarity = document_similarity(records, bags) if records else []
    readings: list[MentionReading] = []
    doc: list[int] = []
    for index, record in enumerate(records):
        article_id = (record.get("article") or {}).get("id") or ""
        found = _readings(record, mentions.get(article_id, ()), cache)
        readings += found
        doc += [index] * len(found)
    items = [r.item for r in readings]

    thresholds = (DOC_SIMILARITY, LOOSE_DOC_SIMILARITY, TIGHT_DOC_SIMILARITY)
    stories = document_clusters_at(records, thresholds, similarity) if records else [[]] * 3
    doc_cluster, loose, tight = (_cluster_of(groups, len(records)) for groups in stories)

    return TopicMentions(
        items=items,
        doc=np.asarray(doc, dtype=int),
        sentence=np.asarray([r.sentence for r in readings], dtype=int),
        context=[r.context for r in readings],
        names=[r.names for r in readings],
        window=[r.window for r in readings],
        window_names=[r.window_names for r in readings],
        sentence_words=[r.sentence_words for r in readings],
        doc_similarity=np.asarray(similarity, dtype=float).reshape(len(records), -1),
        doc_cluster=doc_cluster,
        doc_cluster_loose=loose,
        doc_cluster_tight=tight,
        arguments=[argument_slots(item.mention.arguments) for item in items],
    )


def _doc_features_of(record: Mapping[str, Any], cache: ReadingCache | None) -> Counter[str]:
    article_id = (record.get("article") or {}).get("id")
    if cache is None or not article_id:
        return doc_features(record)
    if article_id not in cache.doc_features:
        cache.doc_features[article_id] = doc_features(record)
    return cache.doc_features[article_id]


def _readings(
    record: Mapping[str, Any], mentions: Sequence[Mention], cache: ReadingCache | None
) -> list[MentionReading]:
    """``read_mentions``, each mention read once per ``cache`` (mentions read alone read as
    they do together: nothing of one mention's reading depends on the others)."""
    article_id = (record.get("article") or {}).get("id")
    if cache is None or not article_id:
        return read_mentions(record, mentions)
    keys = [(article_id, m.key) for m in mentions]
    missing = [m for m, key in zip(mentions, keys, strict=True) if key not in cache.readings]
    if missing:
        for mention, reading in zip(missing, read_mentions(record, missing), strict=True):
            cache.readings[(article_id, mention.key)] = reading
    return [cache.readings[key] for key in keys]


def read_mentions(record: Mapping[str, Any], mentions: Sequence[Mention]) -> list[MentionReading]:
    """Each mention's item (``mention_items``), sentence and the words around it."""
    text = (record.get("article") or {}).get("text") or ""
    sentences = sentence_spans(text)
    readings = []
    for item in mention_items(record, mentions):
        start = item.mention.spans[0][0]
        n = next((k for k, (a, b) in enumerate(sentences) if a <= start < b), 0)
        a, b = sentences[n] if sentences else (0, len(text))
        trigger = stem(item.mention.lemma)
        stems = [
            stem(w) for w in WORD_PATTERN.findall(text[a:b]) if w.lower() not in STORY_STOP_WORDS
        ]
        end = item.mention.spans[-1][1]
        near = " ".join(
            WORD_PATTERN.findall(text[a : max(a, start)])[-WINDOW_WORDS:]
            + WORD_PATTERN.findall(text[min(end, b) : b])[:WINDOW_WORDS]
        )
        readings.append(
            MentionReading(
                item=item,
                sentence=n,
                context=frozenset(stems) - {trigger},
                names=frozenset(w.lower() for w in NAME_PATTERN.findall(text[a:b])),
                window=frozenset(
                    stem(w) for w in WORD_PATTERN.findall(near) if w.lower() not in STORY_STOP_WORDS
                )
                - {trigger},
                window_names=frozenset(w.lower() for w in NAME_PATTERN.findall(near)),
                sentence_words=[w for w in stems if w != trigger],
            )
        )
    return readings


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

    family = _same_codes([i.family for i in topic.items]).astype(float)
    out[..., col["same_family"]] = family
    out[..., col["same_lemma"]] = _same_codes([i.mention.lemma for i in topic.items])
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
    overlap = jaccard(topic.context)
    out[..., col["context_overlap"]] = overlap
    out[..., col["family_x_doc_similarity"]] = family * doc_sim
    out[..., col["family_x_same_doc_cluster"]] = family * same_cluster
    out[..., col["family_x_context_overlap"]] = family * overlap
    out[..., col["name_overlap"]] = jaccard(topic.names)
    for name, clusters in (("loose", topic.doc_cluster_loose), ("tight", topic.doc_cluster_tight)):
        of_mention = clusters[topic.doc]
        out[..., col[f"same_doc_cluster_{name}"]] = of_mention[:, None] == of_mention[None, :]
    if priors is not None:
        set_priors(out, topic, priors)
    out[..., col["window_overlap"]] = jaccard(topic.window)
    out[..., col["window_name_overlap"]] = jaccard(topic.window_names)
    out[..., col["sentence_cosine"]] = tfidf_cosine(topic.sentence_words)
    if "family_window_cosine" in wanted:  # a model fitted without it need not pay for it
        families, windows = [i.family for i in topic.items], [sorted(w) for w in topic.window]
        out[..., col["family_window_cosine"]] = pooled_cosine(families, doc_cluster, windows)
    for name, values in _family_cooccurrence(topic).items():
        out[..., col[name]] = values
    if any(name.startswith("wordnet_") for name in wanted):
        for name, values in word_meaning([i.mention.lemma for i in topic.items]).items():
            out[..., col[name]] = values
    for name, values in _argument_agreement(topic.arguments, n).items():
        out[..., col[name]] = values
    with_event = [k for k, i in enumerate(topic.items) if i.event is not None or i.times]
    if with_event:
        agreement = _event_agreement([topic.items[k] for k in with_event], Compatibility(parents))
        columns = [col[name] for name in EVENT_AGREEMENT]
        out[np.ix_(with_event, with_event, columns)] = agreement
    return out


# ``pair_features`` columns of two mentions' events (their times, actors and PLOVER types)
EVENT_AGREEMENT = ("times_agree", "times_contradict", "actors_agree", "actors_contradict",
                   "same_event_type")  # fmt: skip


def _event_agreement(items: Sequence[MentionItem], check: Compatibility) -> np.ndarray:
    """The ``EVENT_AGREEMENT`` columns of every ordered pair of ``items``: times agreeing (some
    date of one agrees with some date of the other) or contradicting (both dated, none
    agreeing), source or target actors agreeing or contradicting, the same PLOVER type. Each
    verdict is taken once per pair of distinct values (a collection's pairs grow with the
    square of its events; its dates and actors do not)."""
    n = len(items)
    out = np.zeros((n, n, len(EVENT_AGREEMENT)))
    values = list(dict.fromkeys(v for i in items for v in i.times))
    if values:
        agree = np.asarray([[times_agree(a, b) for b in values] for a in values], dtype=int)
        column = {v: k for k, v in enumerate(values)}
        holds = np.zeros((n, len(values)), dtype=int)
        for row, item in enumerate(items):
            holds[row, [column[v] for v in item.times]] = 1
        dated = holds.any(axis=1)
        both = dated[:, None] & dated[None, :]
        agreeing = (holds @ agree @ holds.T) > 0
        out[..., 0] = both & agreeing
        out[..., 1] = both & ~agreeing
    verdicts = [_actor_verdicts([getattr(i, role) for i in items], check)
                for role in ("source", "target")]  # fmt: skip
    out[..., 2] = (verdicts[0] == 1) | (verdicts[1] == 1)
    out[..., 3] = (verdicts[0] == 0) | (verdicts[1] == 0)
    types = [i.type for i in items]
    out[..., 4] = _same_codes(types) & np.asarray([bool(t) for t in types])[:, None]
    return out


def _actor_verdicts(actors: Sequence[str | None], check: Compatibility) -> np.ndarray:
    """``check.actors`` of every ordered pair: 1 agree, 0 contradict, -1 nothing to compare."""
    kinds = list(dict.fromkeys(actors))
    code = {True: 1, False: 0, None: -1}
    table = np.asarray([[code[check.actors(a, b)] for b in kinds] for a in kinds], dtype=int)
    index = {a: k for k, a in enumerate(kinds)}
    of_item = np.asarray([index[a] for a in actors])
    return table[of_item[:, None], of_item[None, :]]


def _same_codes(values: Sequence[Hashable]) -> np.ndarray:
    codes = {v: k for k, v in enumerate(dict.fromkeys(values))}
    index = np.asarray([codes[v] for v in values])
    return index[:, None] == index[None, :]


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
    out = {"arguments_overlap": jaccard([a["all"] for a in arguments])}
    for slot in ARGUMENT_SLOTS:
        sets = [a[slot] for a in arguments]
        filled = np.asarray([bool(s) for s in sets], dtype=float)
        both = filled[:, None] * filled[None, :]
        shared = jaccard(sets) > 0
        out[f"{slot}_match"] = both * shared
        out[f"{slot}_differ"] = both * ~shared
    return out


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


# ---------------------------------------------------------------- clustering


def mirrored_probabilities(model: PairModel, x: np.ndarray) -> np.ndarray:
    """``model.probabilities`` of an (n, n, features) ``x``, each row below the diagonal that
    equals its mirror above it (in the model's columns) taken from the mirror: the features
    are symmetric but for a few, so most pairs need scoring in one order only (the scoring is
    the costliest step for a large collection)."""
    own = model.own_columns(x)
    mirrored = np.tril((own == own.transpose(1, 0, 2)).all(axis=-1), k=-1)
    probability = np.empty(own.shape[:2])
    probability[~mirrored] = model.probabilities(own[~mirrored])
    probability[mirrored] = probability.T[mirrored]
    return probability


def average_link(probability: np.ndarray, threshold: float) -> np.ndarray:
    """Cluster labels (each group's first member) from average-link agglomeration on a
    symmetric pair-probability matrix, merging while the best pair of groups averages at least
    ``threshold`` (``mentions.average_link_stops``, which document clusters use too)."""
    (groups,) = average_link_stops(np.asarray(probability, dtype=float), (threshold,))
    labels = np.arange(len(probability))
    for first, members in groups.items():
        labels[members] = first
    return labels


def cluster_mentions_learned(
    records: Sequence[Mapping[str, Any]],
    mentions: Mapping[str, Sequence[Mention]],
    model: PairModel | None = None,
    cache: ReadingCache | None = None,
) -> dict[Hashable, int]:
    """Mention key → cluster number, from the learned pair scorer and average-link clustering
    (``cache``: see ``topic_mentions``)."""
    model = model or load_model()
    if model is None:
        raise FileNotFoundError(f"no {MODEL_FILE}: run tools/train_mention_pairs.py")
    topic = topic_mentions(records, mentions, cache)
    x = pair_features(topic, affiliations(records), model.priors, model.features)
    probability = mirrored_probabilities(model, x)
    probability = (probability + probability.T) / 2
    articles = [item.mention.article_id for item in topic.items]
    probability[published_apart(records, articles)] = 0.0
    probability[repeated_reports([item.mention.lemma for item in topic.items], articles)] = 0.0
    labels = average_link(probability, model.threshold)
    order = {label: n for n, label in enumerate(dict.fromkeys(labels.tolist()))}
    return {key: order[label] for key, label in zip(topic.keys, labels.tolist(), strict=True)}


def published_apart(records: Sequence[Mapping[str, Any]], article_ids: Sequence[str]
                    ) -> np.ndarray:  # fmt: skip
    """(n, n) True where two mentions' articles (``article_ids``, one a mention) are both dated
    and published more than ``PUBLISHED_APART_DAYS`` apart."""
    published = {}
    for record in records:
        article = record.get("article") or {}
        day = published_date(article.get("published"))
        published[article.get("id")] = day.toordinal() if day else np.nan
    days = np.array([published.get(a, np.nan) for a in article_ids], dtype=float)
    with np.errstate(invalid="ignore"):
        return np.abs(days[:, None] - days[None, :]) > PUBLISHED_APART_DAYS
