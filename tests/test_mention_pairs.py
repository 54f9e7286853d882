"""The learned mention-pair scorer's parts: boosted trees applied with numpy, near-context and
story-level pair features."""

from __future__ import annotations

import numpy as np
from test_link import _mentions, record

from newsgraph.link.mention_pairs import (
    FEATURES,
    BoostedTrees,
    pair_features,
    topic_mentions,
)

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
