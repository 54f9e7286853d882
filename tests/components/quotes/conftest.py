"""The whole newsgraph pipeline as ``nlp`` for the quotes tests (the root conftest's ``nlp`` is
the bare spaCy model)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return get_pipeline()
