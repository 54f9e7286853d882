"""The learned mention-pair scorer's parts: boosted trees applied with numpy, near-context and
story-level pair features."""

from __future__ import annotations

import numpy as np
from test_link import _mentions, record

from newsgraph.link.compatibility import Compatibility
from newsgraph.link.mention_pairs import (
    EVENT_AGREEMENT,
    FEATURES,
    BoostedTrees,
    PairModel,
    _event_agreement,
    mirrored_probabilities,
    pair_features,
    topic_mentions,
)
from newsgraph.link.mentions import Mention, MentionItem, document_clusters, document_clusters_at

COL = {name: k for k, name in enumerate(FEATURES)}


def stump() -> BoostedTrees:
    """One tree: feature 1 at most 0.5 → −1, else +2 (baseline 0.5); a second tree adds 0.25
    to every row."""
    return BoostedTrees(
        baseline=0.5,
        start=np.array([0, 3]),
        feature=np.array([1, 0, 0, 0]),
        threshold=np.array([0.5, 0.0, 0.0, 0.0]),
        left=np.array([1, 0, 0, 0]),
        right=np.array([2, 0, 0, 0]),
        is_leaf=np.array([False, True, True, True]),
        value=np.array([0.0, -1.0, 2.0, 0.25]),
        depth=1,
    )


def test_boosted_trees_score_each_row_and_keep_its_shape() -> None:
    x = np.array([[[9.0, 0.2], [9.0, 0.9]], [[0.0, 0.5], [0.0, 0.51]]])
    scores = stump().scores(x)
    assert scores.shape == (2, 2)
    assert scores.tolist() == [[-0.25, 2.75], [-0.25, 2.75]]  # at the threshold goes left
    again = BoostedTrees.from_json(stump().to_json())
    assert again.scores(x).tolist() == scores.tolist()


def two_levels() -> BoostedTrees:
    """One tree of two levels: feature 0 at most 1.0 → (feature 1 at most 0.5 → 1, else 2),
    else 4; a second splits feature 0 at 3.0 (→ 10, else 20)."""
    return BoostedTrees(
        baseline=0.0,
        start=np.array([0, 5]),
        feature=np.array([0, 1, 0, 0, 0, 0, 0, 0]),
        threshold=np.array([1.0, 0.5, 0.0, 0.0, 0.0, 3.0, 0.0, 0.0]),
        left=np.array([1, 3, 0, 0, 0, 1, 0, 0]),
        right=np.array([2, 4, 0, 0, 0, 2, 0, 0]),
        is_leaf=np.array([0, 0, 1, 1, 1, 0, 1, 1], dtype=np.uint8),  # as an npz stores it
        value=np.array([0.0, 0.0, 4.0, 1.0, 2.0, 0.0, 10.0, 20.0]),
        depth=2,
    )


def test_boosted_trees_walk_rows_between_the_same_thresholds_once() -> None:
    trees = two_levels()
    x = np.array([[1.0, 0.5], [0.2, 0.1], [1.0, 0.6], [2.0, 9.0], [3.0, 0.0], [3.5, 0.0]])
    assert trees.scores(x).tolist() == [11.0, 11.0, 12.0, 14.0, 14.0, 24.0]
    codes = trees.split_codes(x)
    assert codes[0].tolist() == codes[1].tolist()  # at a threshold and below it: alike
    assert codes[0].tolist() != codes[2].tolist()
    assert codes[3].tolist() == [1, 1]  # between feature 0's two splits, above feature 1's one
    assert codes[5].tolist() == [2, 0]
    assert trees.scores(x[:0]).shape == (0,)


def test_averaged_trees_score_the_mean_of_their_members() -> None:
    x = np.array([[1.0, 0.5], [0.2, 0.9], [1.0, 0.6], [2.0, 9.0], [3.5, 0.0]])
    members = [stump(), two_levels()]
    both = BoostedTrees.averaged(members)
    expected = (members[0].scores(x) + members[1].scores(x)) / 2
    assert np.allclose(both.scores(x), expected)
    assert np.allclose(both.scores_stepping_together(x), expected)
    assert len(both.start) == 4 and both.depth == 2
    again = BoostedTrees.from_json(both.to_json())
    assert np.allclose(again.scores(x), expected)


def test_mirrored_probabilities_are_the_models_own() -> None:
    model = PairModel(weights=np.array([2.0, -1.0]), intercept=0.1, threshold=0.5,
                      features=("same_family", "same_doc"))  # fmt: skip
    x = np.zeros((3, 3, 2))
    x[..., 0] = [[1, 1, 0], [1, 1, 0], [0, 0, 1]]  # symmetric
    x[0, 2, 1] = 1.0  # one pair's feature in one order only
    assert np.array_equal(mirrored_probabilities(model, x), model.probabilities(x))


def test_document_clusters_at_several_thresholds_are_each_thresholds_own() -> None:
    # 0-1 and 2-3 alike; 0-1 a little like 2-3; article 4 like 2 only faintly
    sim = [
        [1.0, 0.8, 0.3, 0.2, 0.0],
        [0.8, 1.0, 0.3, 0.2, 0.0],
        [0.3, 0.3, 1.0, 0.7, 0.05],
        [0.2, 0.2, 0.7, 1.0, 0.0],
        [0.0, 0.0, 0.05, 0.0, 1.0],
    ]
    records = [{} for _ in sim]
    thresholds = (0.75, 0.5, 0.2, 0.01)
    found = document_clusters_at(records, thresholds, sim)
    assert found == [document_clusters(records, t, sim) for t in thresholds]
    assert found[0] == [[0, 1, 2, 3, 4]]  # 2, 3 and 4 alone at 0.75 join the one story
    assert found[1] == [[0, 1], [2, 3, 4]]  # 4 alone joins its likest of two
    assert found[2] == [[0, 1, 2, 3, 4]]  # 0-1 and 2-3 average 0.25


def event_item(n: int, times: tuple[str, ...], source: str | None, kind: str | None) -> MentionItem:
    mention = Mention(f"a{n}", "m1", ((0, 4),), "strike")
    return MentionItem(mention, "attack", (f"a{n}", "e1"), times, (), source, None, kind)


def test_event_agreement_compares_dates_actors_and_types_of_each_pair() -> None:
    items = [
        event_item(0, ("2025-03-07",), "idf", "ASSAULT"),
        event_item(1, ("XXXX-03-07", "2025-04-01"), "israel", "ASSAULT"),
        event_item(2, ("2025-03-08",), "hamas", "COERCE"),
        event_item(3, (), None, None),
    ]
    x = _event_agreement(items, Compatibility({"idf": "israel"}))
    column = {name: k for k, name in enumerate(EVENT_AGREEMENT)}

    def pairs(name: str) -> list[tuple[int, int]]:
        return [(a, b) for a in range(4) for b in range(4) if x[a, b, column[name]]]

    assert pairs("times_agree") == [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2)]
    assert pairs("times_contradict") == [(0, 2), (1, 2), (2, 0), (2, 1)]
    assert pairs("actors_agree") == [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2)]
    assert pairs("actors_contradict") == [(0, 2), (1, 2), (2, 0), (2, 1)]
    assert pairs("same_event_type") == [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2)]


def test_near_context_and_story_features() -> None:
    t1 = ("Police in Lyon arrested Marc Dubois on Friday after the robbery. "
          "Officials later praised the arrest.")  # fmt: skip
    t2 = ("Police in Lyon detained Marc Dubois on Friday, a spokesman said. "
          "The robbery shocked the town.")  # fmt: skip
    r1, r2 = record("a1", "A", "2025-03-07", t1), record("a2", "B", "2025-03-07", t2)
    mentions = {"a1": _mentions(r1, ("arrested", "arrest"), ("robbery", "robbery"),
                                ("praised", "praise")),
                "a2": _mentions(r2, ("detained", "detain"), ("robbery", "robbery"))}  # fmt: skip
    topic = topic_mentions([r1, r2], mentions)
    x = pair_features(topic, {})
    arrested, robbery1, praised, detained, robbery2 = range(5)
    # "arrested" and "detained" share their near words and names ("Police", "Lyon", "Marc
    # Dubois", "Friday"); "praised" shares none of them
    assert x[arrested, detained, COL["window_overlap"]] > 0.5
    assert x[arrested, detained, COL["window_name_overlap"]] > 0.5
    assert x[praised, detained, COL["window_overlap"]] == 0
    assert x[arrested, detained, COL["sentence_cosine"]] > x[praised, detained,
                                                             COL["sentence_cosine"]]  # fmt: skip
    # "robbery" is told in both articles, "praise" in one of the two
    assert x[robbery1, robbery2, COL["family_doc_jaccard"]] == 1
    assert x[robbery1, robbery2, COL["families_repeat"]] == 1
    assert x[robbery1, praised, COL["family_doc_jaccard"]] == 0.5
    assert x[robbery1, praised, COL["family_min_share"]] == 0.5
    assert x[robbery1, praised, COL["families_repeat"]] == 0


def test_trigger_arguments_read_the_parse(nlp) -> None:
    from newsgraph.link.mentions import trigger_arguments

    doc = nlp("Police arrested the gunman in Leeds on Friday.")
    arguments = dict(trigger_arguments([doc[1]]))  # "arrested"
    assert "police" in arguments["nsubj"]
    assert "gunman" in arguments["dobj"]
    assert "leeds" in arguments["prep:in"]
    assert "friday" in arguments["prep:on"]
    assert trigger_arguments([]) == ()
    # a noun trigger governed by a verb takes the verb and its names as "gov"
    doc = nlp("Lisa Marsh confirmed the arrest.")
    assert "confirm" in dict(trigger_arguments([doc[4]]))["gov"]


def test_argument_features_match_and_differ() -> None:
    from newsgraph.link.mentions import Mention

    t1 = "Police arrested Dubois in Lyon. Police arrested Martin in Lyon."
    t2 = "Officers detained Dubois in Lyon on Friday."
    r1, r2 = record("a1", "A", "2025-03-07", t1), record("a2", "B", "2025-03-07", t2)

    def mention(rec, n: int, start: int, word: str, lemma: str, **roles: tuple[str, ...]):
        text = rec["article"]["text"]
        at = text.index(word, start)
        return Mention(rec["article"]["id"], f"m{n}", ((at, at + len(word)),), lemma,
                       tuple(sorted(roles.items())))  # fmt: skip

    second = t1.index("Police arrested Martin")
    mentions = {
        "a1": [mention(r1, 1, 0, "arrested", "arrest", nsubj=("police",), dobj=("dubois",)),
               mention(r1, 2, second, "arrested", "arrest", nsubj=("police",),
                       dobj=("martin",))],
        "a2": [mention(r2, 1, 0, "detained", "detain", nsubj=("officer",), dobj=("dubois",),
                       **{"prep:in": ("lyon",)})],
    }  # fmt: skip
    x = pair_features(topic_mentions([r1, r2], mentions), {})
    dubois, martin, detained = range(3)
    assert x[dubois, detained, COL["patients_match"]] == 1
    assert x[martin, detained, COL["patients_differ"]] == 1
    assert x[dubois, martin, COL["agents_match"]] == 1
    assert x[dubois, detained, COL["agents_differ"]] == 1  # "police" / "officer"
    assert x[dubois, detained, COL["settings_match"]] == 0  # only one says where
    assert x[dubois, detained, COL["settings_differ"]] == 0
    assert x[dubois, martin, COL["arguments_overlap"]] == 1 / 3


def test_family_window_cosine_pools_each_family_over_the_story() -> None:
    # "checked into" and "entered" never share a sentence's wording, but over the story each is
    # told next to "Harbour Clinic" and "Ana Reyes"; "thanked" is told next to other words
    t1 = ("Singer Ana Reyes checked into the Harbour Clinic on Monday. "
          "Her manager thanked the fans for their patience.")  # fmt: skip
    t2 = ("Singer Ana Reyes entered the Harbour Clinic in Boston, her manager said. "
          "Reyes checked in for treatment of exhaustion at the Harbour Clinic.")  # fmt: skip
    t3 = "A fire destroyed a warehouse in Oslo overnight; nobody was hurt."
    r1, r2 = record("a1", "A", "2025-03-07", t1), record("a2", "B", "2025-03-07", t2)
    r3 = record("a3", "C", "2025-03-07", t3)
    mentions = {"a1": _mentions(r1, ("checked", "check"), ("thanked", "thank")),
                "a2": _mentions(r2, ("entered", "enter")),
                "a3": _mentions(r3, ("destroyed", "destroy"))}  # fmt: skip
    topic = topic_mentions([r1, r2, r3], mentions)
    x = pair_features(topic, {}, wanted=("family_window_cosine",))
    checked, thanked, entered, destroyed = range(4)
    cosine = x[..., COL["family_window_cosine"]]
    assert cosine[checked, entered] > cosine[thanked, entered] >= 0
    assert cosine[checked, entered] == cosine[entered, checked]
    assert cosine[checked, destroyed] == 0  # another story: another document cluster
    # left at zero for a model that does not read it
    unread = pair_features(topic, {}, wanted=("same_family",))
    assert not unread[..., COL["family_window_cosine"]].any()
