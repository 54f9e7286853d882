"""Fixtures shared by test modules. A module that needs another ``nlp`` (the full newsgraph
pipeline, say) defines its own, which takes precedence there."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.framing.component import FramingComponent
from newsgraph.nlp import load_spacy_model


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The bare spaCy model, without newsgraph's components."""
    return load_spacy_model()


@pytest.fixture(scope="session")
def framing(nlp: Language) -> FramingComponent:
    return FramingComponent(nlp)
