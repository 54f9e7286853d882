"""tools/train_mention_pairs.py: trees fitted on random shares of the topics (``--bags``), on
pairs made up here."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pytest
from helpers import load_tool

pytest.importorskip("sklearn")


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("train_mention_pairs")


def test_topic_bags_are_seeded_shares_of_the_topics(tool: ModuleType) -> None:
    bags = tool.topic_bags(10, 3)
    assert [len(b) for b in bags] == [8, 8, 8]
    assert all(len(set(b.tolist())) == 8 and max(b) < 10 for b in bags)
    assert len({tuple(b.tolist()) for b in bags}) > 1  # not one share three times
    assert [b.tolist() for b in tool.topic_bags(10, 3)] == [b.tolist() for b in bags]


def test_bagged_trees_score_the_mean_of_their_members(tool: ModuleType) -> None:
    rng = np.random.default_rng(1)
    features = tool.FEATURES[:2]
    # five topics of pairs: the first feature tells coreference, with some noise
    xs = [rng.random((400, 2)) for _ in range(5)]
    ys = [((x[:, 0] + 0.2 * rng.random(400)) > 0.6).astype(int) for x in xs]
    bagged = tool.fit(xs, ys, features=features, bags=3)
    members = [tool.fit_trees(np.concatenate([xs[t] for t in chosen]),
                              np.concatenate([ys[t] for t in chosen]), [0, 1])
               for chosen in tool.topic_bags(5, 3)]  # fmt: skip
    probe = rng.random((50, 2))
    expected = np.mean([m.scores(probe) for m in members], axis=0)
    assert np.allclose(bagged.trees.scores(probe), expected)
    single = tool.fit(xs, ys, features=features)
    assert not np.allclose(single.trees.scores(probe), expected)


def test_cross_topic_scores_break_conll_into_its_measures(tool: ModuleType) -> None:
    from newsgraph.eval.coref_scores import conll_f1
    from newsgraph.link.mention_pairs import PairModel

    # one feature column says "same chain": 8 for a pair of one chain, -8 otherwise
    model = PairModel(np.array([8.0]), -4.0, 0.5, features=tool.FEATURES[:1])
    chains = np.array([0, 0, 1, 1, 2])
    x = (chains[:, None] == chains[None, :]).astype(float)[:, :, None]
    keys = [f"m{i}" for i in range(len(chains))]
    scored = [(model, [(keys, x, chains, None)])]
    totals = tool.scores_at(scored, 0.5)
    assert sorted(totals) == ["b3", "ceafe", "muc"]
    assert conll_f1(totals) == tool.conll_at(scored, 0.5) == pytest.approx(1.0)
    assert tool.describe(totals).split()[:2] == ["muc", "1.000/1.000/1.000"]
    # merging everything costs precision, not recall
    everything = [(PairModel(np.array([0.0]), 4.0, 0.5, features=tool.FEATURES[:1]),
                   [(keys, x, chains, None)])]  # fmt: skip
    merged = tool.scores_at(everything, 0.5)
    assert merged["muc"].recall == 1.0 and merged["muc"].precision < 1.0
