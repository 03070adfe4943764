"""The layers hold: the domain never loads Qt, services never load widgets, and no package of
the viewer imports one that imports it back (docs/architecture.md)."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import viewer
import viewer.domain
import viewer.services

PACKAGE = Path(viewer.__file__).resolve().parent


def _modules(package: object) -> list[str]:
    path = package.__path__  # type: ignore[attr-defined]
    prefix = package.__name__ + "."  # type: ignore[attr-defined]
    return sorted(m.name for m in pkgutil.walk_packages(path, prefix))


def _loaded_after_import(modules: list[str], prefixes: tuple[str, ...]) -> list[str]:
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.startswith({prefixes!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return list(ast.literal_eval(out.stdout.strip().splitlines()[-1]))


def test_every_domain_module_subpackages_included_runs_without_qt() -> None:
    modules = _modules(viewer.domain)
    assert "viewer.domain.formats.folder" in modules  # subpackages are walked too
    assert _loaded_after_import(modules, ("PySide6", "shiboken6")) == []


def test_services_never_load_widgets() -> None:
    modules = _modules(viewer.services)
    assert "viewer.services.jobs" in modules
    assert _loaded_after_import(modules, ("PySide6.QtWidgets",)) == []


def _layer(module: str) -> str:
    """The unit a cycle is looked for between: viewer.domain, viewer.services, viewer.ui,
    viewer.kiosk, or a top-level module (viewer.app, viewer.cli...)."""
    parts = module.split(".")
    return ".".join(parts[:2])


def _imports(path: Path, module: str) -> Iterator[str]:
    """Every viewer module `path` imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _exists(unit: str) -> bool:
    path = PACKAGE.parent / Path(*unit.split("."))
    return path.is_dir() or path.with_suffix(".py").is_file()


def _layer_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        module = ".".join(relative.parts).removesuffix(".__init__")
        source = _layer(module)
        for imported in _imports(path, module):
            if not imported.startswith("viewer.") or imported == "viewer":
                continue
            target = _layer(imported)
            if target != source and _exists(target):
                graph.setdefault(source, set()).add(target)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        trail.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*trail[trail.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        trail.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_no_package_imports_one_that_imports_it_back() -> None:
    graph = _layer_graph()
    assert "viewer.domain" in graph["viewer.services"]  # the graph sees real imports
    assert "viewer.ui" in graph["viewer.app"]
    assert _cycle(graph) == [], graph


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}}) == []


def test_the_domain_imports_no_other_layer_only_the_directories() -> None:
    # viewer.paths is plain Python that knows where the user's folders are (for what a format
    # generates from an export); nothing else outside the domain may be imported by it.
    assert _layer_graph().get("viewer.domain", set()) <= {"viewer.paths"}
