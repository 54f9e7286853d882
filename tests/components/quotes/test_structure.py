"""The quotes and coref packages stay in rooms: no pass imports the component module, no import
circle between their modules, no module over 600 lines."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import parse_source

import newsgraph.components.coref
import newsgraph.components.quotes

PACKAGES = (newsgraph.components.quotes, newsgraph.components.coref)


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in Path(package.__file__).parent.glob("*.py"):
            found[f"{package.__name__}.{path.stem}"] = path
    return found


def imports_of(name: str, path: Path) -> set[str]:
    """The package modules ``name`` imports (relative and absolute imports)."""
    package = name.rsplit(".", 1)[0]
    imported: set[str] = set()
    for node in ast.walk(parse_source(path)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            imported.add(target)
            imported.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    return imported


def test_no_pass_imports_the_component_module() -> None:
    graph = {name: imports_of(name, path) for name, path in modules().items()}
    for name, imported in graph.items():
        package = name.rsplit(".", 1)[0]
        if name.endswith((".__init__", ".component")):
            continue
        assert f"{package}.component" not in imported, name


def test_no_import_circle() -> None:
    known = modules()
    graph = {name: imports_of(name, path) & set(known) for name, path in known.items()}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for child in graph[start]:
            if child == goal or (child not in seen and reaches(child, goal, seen | {child})):
                return True
        return False

    circles = [name for name in graph if reaches(name, name, {name})]
    assert circles == []


def test_no_module_over_600_lines() -> None:
    long = {
        name: n
        for name, path in modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}
