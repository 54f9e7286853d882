"""The learned ECB+ mention-pair scorer as evidence for ``link``'s event clustering.

``mention_pairs.py`` scores pairs of event mentions with boosted trees fitted on ECB+ (trigger
families and their priors, the words and names near each trigger, the two sentences' overlap,
the articles' similarity, ...). Here each stored event is one mention: its evidence spans, its
trigger word (``triggers.evidence_trigger``) and the sentences of its article that hold event
evidence (``event_sentences``, kept in the store's ``event_sentences`` table so that linking
never reads article text). An article is rebuilt for the scorer from those sentences alone, at
their offsets, with its events, places and times: the same pseudo-article whether the records
come from memory (``link_records``) or from the store (``link_store``), so both link alike.

``PairEvidence.cluster_probability`` compares one event with the first ``CONTEXT_MEMBERS``
members of each candidate cluster in one small collection (the event's and those members'
articles), through the scorer's public functions only (``topic_mentions``, ``pair_features``,
the model's trees): its cost is bounded by the candidates, never by the store.
``PairEvidence.merge_probability`` asks the link-shaped merge model (``link_pairs.json``,
``tools/train_link_pairs.py``: a logistic regression over the two articles' similarity and the
two sentences' word overlap, fitted on same-worded pairs of newsgraph's own events in ECB+'s
train topics) about the event and one member of each of a few clusters, each pair in a
collection of its two articles, as it was fitted. ``PairEvidence.collection_cluster`` is the
mention linker's own clustering (``cluster_mentions_learned``, average link over the scorer's
probabilities) of every event of a collection of the batch's articles (at least
``COLLECTION_MIN_ARTICLES``, at most ``COLLECTION_ARTICLES``, in visit order), each event one
mention: the story-level evidence (document clusters, which words co-occur across articles)
that two-article comparisons lack.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

from ..datafiles import data_file
from .event_items import EventItem
from .mention_pairs import (
    PairModel,
    ReadingCache,
    cluster_mentions_learned,
    load_model,
    pair_features,
    topic_mentions,
)
from .mentions import Mention, sentence_spans
from .triggers import evidence_trigger

# Members of a cluster an event is compared with (the first ones, in visit order): a cluster's
# first reports stand for it, and the cost of a comparison stays bounded.
CONTEXT_MEMBERS = 3
Sentence = tuple[int, str]  # (start offset in the article, text)
# The link-shaped merge model (``tools/train_link_pairs.py``), beside the pair scorer's.
MERGE_MODEL_FILE = "link_pairs.json"
# Articles of one collection the mention linker clusters as a whole (``collection_cluster``):
# its evidence is the story around each event (which articles tell it, in which words), read
# from document similarities and word co-occurrence across the collection. It was fitted on
# ECB+ topics of 14-39 articles: fewer say nothing of the story (in two articles it rates any
# two uses of one word alike), so smaller batches get no collection evidence; larger ones are
# cut, in visit order, into near-equal collections of at most COLLECTION_ARTICLES (the cost
# grows with the square of a collection's events).
COLLECTION_MIN_ARTICLES = 14
COLLECTION_ARTICLES = 40


def event_sentences(record: Mapping[str, Any], text: str | None = None) -> list[Sentence]:
    """The sentences of an article that hold the start of some event's evidence span."""
    text = text if text is not None else (record.get("article") or {}).get("text") or ""
    if not text:
        return []
    starts = [s["start"] for e in record.get("events") or [] for s in evidence_spans(e)]
    return [
        (a, text[a:b]) for a, b in sentence_spans(text) if any(a <= start < b for start in starts)
    ]


def sentence_rows(record: Mapping[str, Any], article_id: str, text: str) -> list[dict[str, Any]]:
    """Rows of the store's ``event_sentences`` table for one record."""
    return [
        {"article_id": article_id, "ord": n, "start": start, "text": sentence}
        for n, (start, sentence) in enumerate(event_sentences(record, text))
    ]


def evidence_spans(event: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The event's evidence spans that have offsets."""
    return [s for s in event.get("evidence") or [] if s.get("start") is not None and s.get("end")]


def pseudo_text(sentences: Iterable[Sentence]) -> str:
    """An article's text holding only ``sentences``, at their offsets (newlines between: each
    stays a sentence of its own, and every stored span keeps its offsets)."""
    chars: list[str] = []
    for start, sentence in sorted(sentences):
        if start > len(chars):
            chars.extend("\n" * (start - len(chars)))
        chars[start : start + len(sentence)] = sentence
    return "".join(chars)


def _pseudo_record(record: Mapping[str, Any], sentences: Iterable[Sentence]) -> dict[str, Any]:
    """What the scorer reads of an article: the event sentences, events, places and times
    (actors and mentions are left out: the store's link reads do not carry them)."""
    article = record.get("article") or {}
    return {
        "article": {"id": article.get("id"), "text": pseudo_text(sentences)},
        "events": list(record.get("events") or []),
        "places": [
            {k: v for k, v in p.items() if k != "mentions"} for p in record.get("places") or []
        ],
        "times": list(record.get("times") or []),
        "actors": [],
    }


@cache
def load_merge_model() -> PairModel | None:
    """The link-shaped merge model (``tools/train_link_pairs.py``); None where not shipped."""
    file = data_file(__package__, MERGE_MODEL_FILE)
    return load_model(str(file)) if file.is_file() else None


@dataclass(slots=True)
class PairEvidence:
    """Pair probabilities of events, from their articles' stored sentences."""

    model: PairModel
    parents: Mapping[str, str]
    merge_model: PairModel | None = None  # merges alone at its threshold (None: never)
    sources: dict[str, tuple[Mapping[str, Any], Sequence[Sentence]]] = field(
        default_factory=dict
    )  # article id → its record and event sentences, rebuilt for the scorer when compared
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # article id → pseudo
    mentions: dict[tuple[str, str], Mention] = field(default_factory=dict)
    # event key → (collection, the mention linker's cluster in it); built on first use
    collections: dict[tuple[str, str], tuple[int, int]] | None = None
    use_collections: bool = True  # False: no collection evidence (``collection_cluster`` None)
    # each rebuilt article's and event's reading, shared by all the collections built of them
    readings: ReadingCache = field(default_factory=ReadingCache)

    @classmethod
    def for_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        parents: Mapping[str, str],
        sentences: Mapping[str, Sequence[Sentence]] | None = None,
        model: PairModel | None = None,
        merge_model: PairModel | None = None,
        collections: bool = True,
    ) -> PairEvidence | None:
        """From contract records; ``sentences`` (article id → its event sentences, from the
        store) stands in for the article text. None where no pair model is shipped;
        ``merge_model`` defaults to the shipped link-shaped one; ``collections=False`` leaves
        the mention linker's collection clusters out (``collection_cluster``)."""
        merge_model = merge_model or load_merge_model()
        model = model or load_model()
        if model is None:
            return None
        evidence = cls(model, parents, merge_model, use_collections=collections)
        for record in records:
            article_id = (record.get("article") or {}).get("id") or ""
            own = sentences.get(article_id) if sentences is not None else None
            evidence.add(record, event_sentences(record) if own is None else own)
        return evidence

    def add(self, record: Mapping[str, Any], sentences: Sequence[Sentence]) -> None:
        article_id = (record.get("article") or {}).get("id") or ""
        self.sources[article_id] = (record, sentences)
        self.records.pop(article_id, None)

    def mention(self, key: tuple[str, str]) -> Mention | None:
        """The event's mention (its article rebuilt on first use: most events of a store are
        never compared); None without an evidence span."""
        if key[0] not in self.records and key[0] in self.sources:
            self._build(*self.sources[key[0]])
        return self.mentions.get(key)

    def _build(self, record: Mapping[str, Any], sentences: Sequence[Sentence]) -> None:
        pseudo = _pseudo_record(record, sentences)
        article_id = pseudo["article"]["id"] or ""
        self.records[article_id] = pseudo
        for ord_, event in enumerate(pseudo["events"]):
            evidence = evidence_spans(event)
            spans = tuple((s["start"], s["end"]) for s in evidence)
            if not spans:
                continue
            word = evidence_trigger(evidence) or str(evidence[0].get("text"))
            event_id = event.get("id") or f"e{ord_ + 1}"
            self.mentions[(article_id, event_id)] = Mention(article_id, event_id, spans, word)

    def collection_cluster(self, key: tuple[str, str]) -> tuple[int, int] | None:
        """The mention linker's cluster of the event (``cluster_mentions_learned`` over its
        collection: the articles in visit order, ``COLLECTION_ARTICLES`` at a time, each event
        one mention); None without an evidence span, or with ``use_collections`` off."""
        if not self.use_collections:
            return None
        if self.collections is None:
            self.collections = self._cluster_collections()
        return self.collections.get(key)

    def _cluster_collections(self) -> dict[tuple[str, str], tuple[int, int]]:
        ordered = sorted(self.sources, key=lambda a: (_published(self.sources[a][0]), a))
        found: dict[tuple[str, str], tuple[int, int]] = {}
        if len(ordered) < COLLECTION_MIN_ARTICLES:
            return found
        for article_id in ordered:
            if article_id not in self.records:
                self._build(*self.sources[article_id])
        of_article: dict[str, list[Mention]] = {}  # once: a scan per collection is quadratic
        for key, mention in self.mentions.items():
            of_article.setdefault(key[0], []).append(mention)
        parts = -(-len(ordered) // COLLECTION_ARTICLES)
        for n in range(parts):
            articles = ordered[n * len(ordered) // parts : (n + 1) * len(ordered) // parts]
            by_article = {a: of_article.get(a, []) for a in articles}
            labels = cluster_mentions_learned([self.records[a] for a in articles], by_article,
                                              self.model, self.readings)  # fmt: skip
            found.update({key: (n, label) for key, label in labels.items()})  # type: ignore[misc]
        return found

    @property
    def merge_threshold(self) -> float | None:
        return self.merge_model.threshold if self.merge_model is not None else None

    def cluster_probability(
        self, item: EventItem, clusters: Sequence[Sequence[EventItem]]
    ) -> list[float | None]:
        """For each candidate cluster (its members in visit order), the average probability
        that ``item`` and those of its first ``CONTEXT_MEMBERS`` members worded like it (the
        same trigger family) are one event; None where none is (across families the scorer
        mostly knows ECB+'s family priors, and rates "struck" against "attack" at 0.03 in a
        two-article collection) or the item has no evidence span."""
        return self._probabilities(self.model, item, clusters)

    def merge_probability(
        self, item: EventItem, clusters: Sequence[Sequence[EventItem]]
    ) -> list[float | None]:
        """The probability of the link-shaped merge model that ``item`` and each cluster's
        first member worded like it are one event, the two compared in a collection of their
        two articles alone, as the model was fitted (``tools/train_link_pairs.py``; one member
        per cluster bounds the cost); None where no member is, or there is no such model."""
        model = self.merge_model
        groups = self._worded_groups(item, clusters) if model is not None else []
        if model is None or not any(groups):
            return [None] * len(clusters)
        return [
            float(np.mean(probabilities(model, self.pair_rows(item.key, [group[0].key]))))
            if group else None
            for group in groups
        ]  # fmt: skip

    def _worded_groups(
        self, item: EventItem, clusters: Sequence[Sequence[EventItem]]
    ) -> list[list[EventItem]]:
        """Per cluster, those of its first ``CONTEXT_MEMBERS`` members worded like ``item``
        (all empty where ``item`` has no wording or evidence span)."""
        if self.mention(item.key) is None or not item.wording:
            return [[] for _ in clusters]
        return [
            [m for m in members[:CONTEXT_MEMBERS]
             if m.wording == item.wording and self.mention(m.key) is not None]
            for members in clusters
        ]  # fmt: skip

    def _probabilities(
        self, model: PairModel, item: EventItem, clusters: Sequence[Sequence[EventItem]]
    ) -> list[float | None]:
        groups = self._worded_groups(item, clusters)
        if not any(groups):
            return [None] * len(clusters)
        others = list(dict.fromkeys(m.key for group in groups for m in group))
        pairs = self.pair_rows(item.key, others)
        scores = probabilities(model, pairs)
        half = len(others)
        symmetric = dict(zip(others, ((scores[:half] + scores[half:]) / 2).tolist(),
                             strict=True))  # fmt: skip
        return [float(np.mean([symmetric[m.key] for m in g])) if g else None for g in groups]

    @property
    def _features_read(self) -> tuple[str, ...]:
        """The feature columns the pair model and the merge model read (the word-meaning
        columns cost a lexicon look-up per pair of trigger lemmas: not when unread)."""
        merge = self.merge_model.features if self.merge_model is not None else ()
        return tuple(dict.fromkeys([*self.model.features, *merge]))

    def pair_rows(
        self,
        key: tuple[str, str],
        others: Sequence[tuple[str, str]],
        wanted: Sequence[str] | None = None,
    ) -> np.ndarray:
        """The ``FEATURES`` rows of (event, other) for each of ``others``, then of (other,
        event), computed in one small collection of just their articles (events without an
        evidence span must be left out by the caller: ``mention``). Only the columns
        ``wanted`` names are sure to be filled (``pair_features``); by default those the
        pair and merge models read."""
        keys = [key, *others]
        by_article: dict[str, list[Mention]] = {}
        for k in keys:
            by_article.setdefault(k[0], []).append(self.mentions[k])
        topic = topic_mentions([self.records[a] for a in by_article], by_article, self.readings)
        row = {k: n for n, k in enumerate(topic.keys)}
        x = pair_features(topic, self.parents, self.model.priors, wanted or self._features_read)
        first, rest = row[key], [row[k] for k in others]
        return np.concatenate([x[first, rest], x[rest, first]])


def _published(record: Mapping[str, Any]) -> str:
    return str((record.get("article") or {}).get("published") or "")


def probabilities(model: PairModel, x: np.ndarray) -> np.ndarray:
    """``model.probabilities(x)`` for the rows of a 2-D ``x``, walking every tree at once
    (``BoostedTrees.scores_stepping_together``: the link stage scores a few pairs at a time,
    where the per-call cost dominates)."""
    trees = model.trees
    if trees is None or len(x) == 0:
        return model.probabilities(x)
    return 1.0 / (1.0 + np.exp(-trees.scores_stepping_together(model.own_columns(x))))
