"""Knowledge files read with the fast YAML loader give exactly what the safe loader gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newsgraph.datafiles import load_yaml

PACKAGE = Path(__file__).resolve().parents[1] / "newsgraph"
KNOWLEDGE_FILES = sorted(PACKAGE.rglob("*.yaml"))


def test_every_knowledge_file_is_found() -> None:
    assert len(KNOWLEDGE_FILES) >= 8  # a pipeline reads eight at its start


@pytest.mark.parametrize("path", KNOWLEDGE_FILES, ids=lambda p: p.name)
def test_a_knowledge_file_loads_as_the_safe_loader_reads_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = yaml.safe_load(text)

    assert repr(load_yaml(text)) == repr(expected)  # same values, types and key order
    with path.open(encoding="utf-8") as handle:
        assert load_yaml(handle) == expected


def test_yaml_the_safe_loader_refuses_is_refused() -> None:
    with pytest.raises(yaml.YAMLError):
        load_yaml("!!python/object/apply:os.system ['true']")
