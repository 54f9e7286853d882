"""The learned ECB+ pair scorer inside ``link``'s event clustering (link/event_pairs.py): it
ranks and vetoes the clusters hand-set evidence lets an event join; the link-shaped merge model
joins same-worded reports alone only at its threshold; the store keeps the event sentences it
reads (an older store's articles are read once and backfilled)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from test_link import GAZA_STRIP, RAFAH
from test_link_evidence import report
from test_link_incremental import link_tables, write

from newsgraph.link import LinkOptions, link_records, link_store
from newsgraph.link.event_pairs import (
    COLLECTION_MIN_ARTICLES,
    PairEvidence,
    event_sentences,
    load_merge_model,
    probabilities,
    pseudo_text,
)
from newsgraph.link.events import EventItem, cluster_events, event_items
from newsgraph.link.flat_trees import BoostedTrees
from newsgraph.link.mention_pairs import FEATURES, PairModel, load_model
from newsgraph.store import open_store

needs_model = pytest.mark.skipif(load_model() is None, reason="no mention_pairs.json")


class FixedScorer:
    """A pair scorer answering one probability per (item article, cluster's first article),
    and the mention linker's collection cluster per article (none unless given)."""

    merge_threshold = None  # ranks and vetoes only

    def __init__(
        self,
        table: dict[tuple[str, str], float | None],
        collection: dict[str, tuple[int, int]] | None = None,
    ) -> None:
        self.table = table
        self.collection = collection or {}

    def cluster_probability(
        self, item: EventItem, clusters: Sequence[Sequence[EventItem]]
    ) -> list[float | None]:
        return [self.table.get((item.article_id, c[0].article_id)) for c in clusters]

    def merge_probability(
        self, item: EventItem, clusters: Sequence[Sequence[EventItem]]
    ) -> list[float | None]:
        return [None] * len(clusters)

    def collection_cluster(self, key: tuple[str, str]) -> tuple[int, int] | None:
        return self.collection.get(key[0])  # the mention linker's cluster, by article


def items_of(records: list[dict]) -> list[EventItem]:
    return [i for r in records for i in event_items(r)]


def groups(clusters: list) -> list[list[str]]:
    return sorted(sorted(m.article_id for m in c.members) for c in clusters)


# a region and the same wording: exactly the evidence needed (0.5 + 0.5)
REGION = [
    report("g1", "An Israeli strike on Rafah killed five people on Monday.", "strike", None,
           RAFAH, ("israel", "Israeli")),
    report("g2", "A strike in the Gaza Strip hit a market on Monday.", "strike", None,
           GAZA_STRIP),
]  # fmt: skip


def test_the_scorer_vetoes_a_bare_merge_and_keeps_it_when_it_agrees() -> None:
    assert groups(cluster_events(items_of(REGION))) == [["g1", "g2"]]
    unlike = FixedScorer({("g2", "g1"): 0.2})
    assert groups(cluster_events(items_of(REGION), pairs=unlike)) == [["g1"], ["g2"]]
    alike = FixedScorer({("g2", "g1"): 0.8})
    assert groups(cluster_events(items_of(REGION), pairs=alike)) == [["g1", "g2"]]
    # no opinion (other wording, no span): the hand-set evidence decides
    assert groups(cluster_events(items_of(REGION), pairs=FixedScorer({}))) == [["g1", "g2"]]


def test_the_scorer_never_merges_what_the_evidence_keeps_apart() -> None:
    records = [
        report("n1", "An Israeli strike on Rafah killed five people on Monday.", "strike", 5,
               RAFAH, ("israel", "Israeli")),
        report("n2", "A strike was reported on Monday.", "strike"),  # wording and date only
    ]  # fmt: skip
    sure = FixedScorer({("n2", "n1"): 1.0})
    assert groups(cluster_events(items_of(records), pairs=sure)) == [["n1"], ["n2"]]


def test_the_scorer_ranks_two_clusters_with_equal_evidence() -> None:
    records = [
        report("k1", "A strike on Rafah killed five people on Monday.", "strike", 5, RAFAH),
        report("k2", "A strike on Rafah killed 20 people on Monday.", "strike", 20, RAFAH),
        report("k3", "A strike on Rafah on Monday.", "strike", None, RAFAH),  # either toll
    ]
    # equal evidence (place and wording) for both: the older cluster
    assert groups(cluster_events(items_of(records))) == [["k1", "k3"], ["k2"]]
    prefer_k2 = FixedScorer({("k3", "k1"): 0.55, ("k3", "k2"): 0.95})
    assert groups(cluster_events(items_of(records), pairs=prefer_k2)) == [["k1"], ["k2", "k3"]]


# the same wording, no place, toll or attacker in common: half the evidence needed
WORDED = [
    report("c1", "Gunmen opened fire on a wedding party on Monday, killing seven guests.",
           "fire", 7),
    report("c2", "Gunmen opened fire on a wedding in the hills on Monday, witnesses said.",
           "fire"),
]  # fmt: skip


def test_the_mention_linkers_collection_cluster_joins_reports_the_evidence_leaves_apart() -> None:
    assert groups(cluster_events(items_of(WORDED), pairs=FixedScorer({}))) == [["c1"], ["c2"]]
    together = FixedScorer({}, {"c1": (0, 4), "c2": (0, 4)})
    assert groups(cluster_events(items_of(WORDED), pairs=together)) == [["c1", "c2"]]
    apart = FixedScorer({}, {"c1": (0, 4), "c2": (0, 5)})
    assert groups(cluster_events(items_of(WORDED), pairs=apart)) == [["c1"], ["c2"]]


def test_the_collection_cluster_never_joins_other_tolls_or_other_sides() -> None:
    records = [
        report("t1", "An Israeli strike on Rafah killed five people on Monday.", "strike", 5,
               RAFAH, ("israel", "Israeli")),
        report("t2", "An Israeli strike on Rafah killed 20 people on Monday.", "strike", 20,
               RAFAH, ("israel", "Israeli")),
        report("t3", "Hamas fired a rocket strike from Rafah on Monday.", "strike", None, RAFAH,
               ("hamas", "Hamas")),
    ]  # fmt: skip
    one = FixedScorer({}, {"t1": (0, 1), "t2": (0, 1), "t3": (0, 1)})
    assert groups(cluster_events(items_of(records), pairs=one)) == [["t1"], ["t2"], ["t3"]]


def test_a_same_worded_report_the_linker_puts_apart_needs_more_than_place_and_wording() -> None:
    records = [
        report("p1", "A strike on Rafah killed five people on Monday.", "strike", None, RAFAH),
        report("p2", "A strike on Rafah hit a market on Monday.", "strike", None, RAFAH),
    ]
    assert groups(cluster_events(items_of(records), pairs=FixedScorer({}))) == [["p1", "p2"]]
    apart = FixedScorer({}, {"p1": (0, 1), "p2": (0, 2)})
    assert groups(cluster_events(items_of(records), pairs=apart)) == [["p1"], ["p2"]]
    # another collection says nothing about it
    elsewhere = FixedScorer({}, {"p1": (0, 1), "p2": (1, 2)})
    assert groups(cluster_events(items_of(records), pairs=elsewhere)) == [["p1", "p2"]]


@needs_model
def test_collection_clusters_need_a_batch_the_linker_can_read_a_story_from() -> None:
    towns = ["Arlen", "Bexley", "Corran", "Dunmore", "Elgin", "Fenwick", "Garvey", "Holt",
             "Ivers", "Jarrow", "Kellen", "Lorne"]  # fmt: skip
    batch = WORDED + [
        report(f"b{n}", f"Protesters marched through {town} on Monday, police said.", "marched")
        for n, town in enumerate(towns)
    ]
    assert len(batch) == COLLECTION_MIN_ARTICLES
    small = PairEvidence.for_records(batch[:-1], {})
    assert small is not None and small.collection_cluster(("c1", "e1")) is None
    evidence = PairEvidence.for_records(batch, {})
    assert evidence is not None
    labels = [evidence.collection_cluster((r["article"]["id"], "e1")) for r in batch]
    assert all(label is not None and label[0] == 0 for label in labels)  # one collection
    off = PairEvidence.for_records(batch, {}, collections=False)
    assert off is not None and off.collection_cluster(("c1", "e1")) is None


def test_fast_tree_walk_gives_the_models_probabilities() -> None:
    model = load_model()
    if model is None or model.trees is None:
        pytest.skip("no trees shipped")
    rng = np.random.default_rng(7)
    x = rng.random((300, len(FEATURES)))
    x[:, :4] = x[:, :4] > 0.5
    assert np.allclose(probabilities(model, x), model.probabilities(x))


def test_fast_tree_walk_reads_the_columns_of_a_model_of_fewer_features() -> None:
    # one stump on the model's only feature, the last of FEATURES: the walk must read that
    # column of full FEATURES rows, not the rows' first column
    stump = BoostedTrees(baseline=0.0, start=np.array([0]), feature=np.array([0, 0, 0]),
                         threshold=np.array([0.5, 0.0, 0.0]), left=np.array([1, 0, 0]),
                         right=np.array([2, 0, 0]), is_leaf=np.array([False, True, True]),
                         value=np.array([0.0, -2.0, 2.0]), depth=1)  # fmt: skip
    model = PairModel(np.zeros(1), 0.0, 0.5, features=(FEATURES[-1],), trees=stump)
    x = np.zeros((2, len(FEATURES)))
    x[0, -1] = 1.0  # the model's feature: right leaf
    x[1, 0] = 1.0  # a column the model does not read
    expected = 1 / (1 + np.exp(-np.array([2.0, -2.0])))
    assert np.allclose(probabilities(model, x), expected)
    assert np.allclose(model.probabilities(x), expected)


def test_the_pseudo_article_keeps_the_event_sentences_at_their_offsets() -> None:
    text = "Residents gathered.\nAn Israeli strike on Rafah killed five people on Monday. Fine."
    rec = report("p1", text, "strike")
    sentences = event_sentences(rec)
    assert [s for _, s in sentences] == ["An Israeli strike on Rafah killed five people on Monday."]
    rebuilt = pseudo_text(sentences)
    start = text.index("strike")
    assert rebuilt[start : start + 6] == "strike"
    assert "Residents" not in rebuilt and "Fine" not in rebuilt


@needs_model
def test_memory_and_store_link_alike_and_an_old_store_falls_back_to_text(tmp_path) -> None:
    records = [
        report("s1", "An Israeli strike on Rafah killed five people on Monday.", "strike", 5,
               RAFAH, ("israel", "Israeli")),
        report("s2", "A strike in the Gaza Strip killed five people on Monday.", "strike", 5,
               GAZA_STRIP),
        report("s3", "Israeli jets struck Rafah again on Monday, killing 20.", "struck", 20,
               RAFAH, ("israel", "Israeli")),
    ]  # fmt: skip
    in_memory = groups(link_records(records).clusters)
    with open_store(tmp_path / "new.duckdb") as store:
        write(store, records)
        stored = store.event_sentences_of(["s1", "s2", "s3"])
        assert stored["s1"] == [(0, records[0]["article"]["text"])]
        link_store(store, full=True)
        expected = link_tables(store)
        # an article written before the store kept its sentences: link reads its text instead
        store._execute("DELETE FROM event_sentences WHERE article_id = ?", ["s2"])
        link_store(store, full=True)
        assert link_tables(store) == expected
    by_cluster: dict[str, list[str]] = {}
    for cluster_id, article_id, _ in expected["members"]:
        by_cluster.setdefault(cluster_id, []).append(article_id)
    assert sorted(sorted(v) for v in by_cluster.values()) == in_memory


@needs_model
def test_the_scorer_reads_only_the_event_and_its_candidates() -> None:
    records = [
        report("c1", "An Israeli strike on Rafah killed five people on Monday.", "strike", 5,
               RAFAH, ("israel", "Israeli")),
        report("c2", "A strike in the Gaza Strip killed five people on Monday.", "strike", 5,
               GAZA_STRIP),
    ]  # fmt: skip
    items = {i.article_id: i for i in items_of(records)}
    evidence = PairEvidence.for_records(records, {})
    assert evidence is not None
    (p,) = evidence.cluster_probability(items["c2"], [[items["c1"]]])
    assert p is not None and 0.0 <= p <= 1.0
    # another wording: the scorer has no opinion
    other = report("c3", "Israeli jets bombed Rafah on Monday.", "bombed", None, RAFAH)
    evidence.add(other, event_sentences(other))
    (none,) = evidence.cluster_probability(items_of([other])[0], [[items["c1"]]])
    assert none is None


@needs_model
def test_link_backfills_the_sentences_of_a_store_written_without_them(tmp_path) -> None:
    records = [
        report("o1", "Residents fled. An Israeli strike on Rafah killed five people on Monday.",
               "strike", 5, RAFAH, ("israel", "Israeli")),
        report("o2", "A strike in the Gaza Strip killed five people on Monday.", "strike", 5,
               GAZA_STRIP),
    ]  # fmt: skip
    with open_store(tmp_path / "old.duckdb") as store:
        write(store, records)
        written = store.event_sentences_of(["o1", "o2"])
        link_store(store, full=True)
        expected = link_tables(store)
        store._execute("DELETE FROM event_sentences")  # a store from before the table
        texts_read: list[list[str]] = []
        read_texts = store.article_texts

        def spy(ids: Sequence[str]) -> dict[str, str]:
            texts_read.append(list(ids))
            return read_texts(ids)

        store.article_texts = spy
        link_store(store, full=True)
        assert texts_read == [["o1", "o2"]]
        assert link_tables(store) == expected
        # the rows written back are those a fresh write keeps: the next run reads no text
        assert store.event_sentences_of(["o1", "o2"]) == written
        assert [t.strip() for _, t in written["o1"]] == [
            "An Israeli strike on Rafah killed five people on Monday."
        ]
        link_store(store, full=True)
        assert texts_read == [["o1", "o2"], []]
        assert link_tables(store) == expected


@pytest.mark.skipif(load_merge_model() is None, reason="no link_pairs.json")
def test_the_merge_model_joins_alike_reports_that_share_only_their_wording() -> None:
    records = [
        report("m1", "Gunmen opened fire on a wedding party in a mountain village on Monday, "
               "killing seven guests.", "fire", 7),
        # no place, no attacker, no toll: only the wording and the telling tie it to m1
        report("m2", "Gunmen opened fire on a wedding party in the mountain village on Monday, "
               "witnesses said.", "fire"),
        # the same wording and day, another scene
        report("m3", "Soldiers opened fire on stone-throwing youths at a checkpoint in the city "
               "on Monday, medics said.", "fire"),
    ]  # fmt: skip
    hand_set = link_records(records, options=LinkOptions(learned=False))
    assert groups(hand_set.clusters) == [["m1"], ["m2"], ["m3"]]
    assert groups(link_records(records).clusters) == [["m1", "m2"], ["m3"]]
    items = {i.article_id: i for i in items_of(records)}
    evidence = PairEvidence.for_records(records, {})
    assert evidence is not None and evidence.merge_threshold is not None
    (alike,) = evidence.merge_probability(items["m2"], [[items["m1"]]])
    unlike = evidence.merge_probability(items["m3"], [[items["m1"]], [items["m2"]]])
    assert alike is not None and alike >= evidence.merge_threshold
    assert all(p is not None and p < evidence.merge_threshold for p in unlike)


@needs_model
def test_pair_rows_fill_the_columns_the_models_read_and_skip_word_meaning() -> None:
    records = [
        report("w1", "An Israeli strike on Rafah killed five people on Monday.", "strike", 5,
               RAFAH, ("israel", "Israeli")),
        report("w2", "A strike in the Gaza Strip killed five people on Monday.", "strike", 5,
               GAZA_STRIP),
    ]  # fmt: skip
    evidence = PairEvidence.for_records(records, {})
    assert evidence is not None
    first, second = (i.key for i in items_of(records))
    assert evidence.mention(first) is not None and evidence.mention(second) is not None
    every = evidence.pair_rows(first, [second], FEATURES)
    read = evidence.pair_rows(first, [second])
    model_columns = [FEATURES.index(name) for name in evidence.model.features]
    assert read[:, model_columns].tolist() == every[:, model_columns].tolist()
    known = FEATURES.index("wordnet_known")  # "strike" is in the lexicon: 1 when computed
    assert every[:, known].tolist() == [1.0, 1.0]
    if "wordnet_known" not in evidence.model.features:  # unread: not computed
        assert read[:, known].tolist() == [0.0, 0.0]
