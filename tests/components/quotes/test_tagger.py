"""The cue tagger's weights keep the lexicon they were trained with."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from newsgraph.components.quotes.lexicon import load_knowledge
from newsgraph.components.quotes.tagger import load_model, save_model


def test_an_added_cue_does_not_change_the_models_features() -> None:
    model = load_model()
    assert model is not None and model.lexicon_hashes is not None
    grown = np.append(load_knowledge().lemma_hashes, np.uint64(12345))
    assert np.array_equal(model.feature_lexicon(grown), model.lexicon_hashes)


def test_weights_without_a_lexicon_snapshot_fall_back_to_the_current_lexicon(tmp_path) -> None:
    model = load_model()
    old = tmp_path / "old.npz"
    save_model(old, replace(model, lexicon_hashes=None))
    reloaded = load_model(str(old))
    current = load_knowledge().lemma_hashes
    assert reloaded.lexicon_hashes is None
    assert np.array_equal(reloaded.feature_lexicon(current), current)


def test_the_snapshot_survives_saving(tmp_path) -> None:
    model = load_model()
    path = tmp_path / "m.npz"
    save_model(path, model)
    assert np.array_equal(load_model(str(path)).lexicon_hashes, model.lexicon_hashes)
