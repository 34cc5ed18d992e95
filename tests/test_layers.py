"""Packages import only downward: each package of tracker/ sits on a layer, and imports (at the top of a module or
inside a function alike) go only to lower layers; and no module imports one that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TRACKER = Path(__file__).parent.parent / "tracker"
# Lowest first. A package may import the packages of lower layers only.
LAYERS = (
    ("core",),
    ("store",),
    ("people",),
    ("analysis", "evidence", "ingest"),
    ("exports", "pack", "publish", "workflow"),
    ("response",),
    ("demo",),  # the demo's history is made through the workflow's and the responses' own writes
    ("notify", "serve"),
    ("app",),
    ("cli",),
    ("__main__",),
)
RANK = {package: n for n, layer in enumerate(LAYERS) for package in layer}


def module_of(path: Path) -> str:
    parts = path.relative_to(TRACKER.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Each module of tracker/ and the tracker modules it imports."""
    found: dict[str, set[str]] = {}
    for path in TRACKER.rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{a.name}" for a in node.names)
        found[module_of(path)] = {n for n in names if n.startswith("tracker.")}
    modules = set(found)
    return {m: {n for n in names if n in modules and n != m} for m, names in found.items()}


def package(module: str) -> str:
    return module.split(".")[1] if module.count(".") else module


def test_every_package_has_a_layer():
    assert {package(m) for m in imports() if m != "tracker"} == set(RANK)


def test_packages_import_only_downward():
    upward = sorted(f"{m} imports {n}" for m, names in imports().items() if m != "tracker" for n in names
                    if package(n) != package(m) and RANK[package(n)] >= RANK[package(m)])
    assert upward == []


def test_no_module_imports_one_that_imports_it_back():
    graph = imports()
    cycles = []
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                cycles.append(" -> ".join([*path[path.index(n):], n]))
            elif n not in state:
                visit(n, [*path, n])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert cycles == []


@pytest.mark.parametrize("low, high", [("store", "people"), ("store", "workflow"), ("store", "evidence"),
                                       ("workflow", "response"), ("core", "store")])
def test_the_layers_say_what_the_issue_asked(low, high):
    assert RANK[low] < RANK[high]
