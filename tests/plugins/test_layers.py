"""plugins/ depends one way: foundation modules, then services, each importing only those below.

Every module of plugins/ is parsed with ``ast`` and every import counts, at
any depth (inside functions too): ``from plugins import x``,
``from plugins.x import ...``, ``import plugins.x`` and relative imports.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"

#: Modules every service may use; they import no service.
FOUNDATION = {"models", "registry", "appendonly", "guards", "languages", "clientip", "contact"}

#: The one allowed import of a service by a foundation module: plugins/models.py
#: imports the audit trail's model so that Django registers it with the
#: "plugins" app. (module of plugins/, imported module)
MODEL_REGISTRATION = {("plugins/models.py", "plugins.audit.models")}

SKIPPED = {"migrations", "jurisdiction_template", "tests", "__pycache__"}


def _package_of(path: Path) -> str:
    return path.relative_to(PLUGINS).parts[0].removesuffix(".py")


def _module_name(path: Path) -> list[str]:
    parts = list(path.relative_to(PLUGINS.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return parts


def imports_of(path: Path, tree: ast.AST) -> list[str]:
    """Every plugins.* module ``path`` imports (absolute dotted names), at any depth."""
    here = _module_name(path)
    package = here if path.name == "__init__.py" else here[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                base = list(base)
            else:
                base = []
            module = base + (node.module.split(".") if node.module else [])
            if node.module:
                found.append(".".join(module))
            # ``from plugins import audit`` / ``from . import x`` imports submodules too.
            found += [".".join(module + [a.name]) for a in node.names]
    return [name for name in found if name.startswith("plugins.")]


def graph() -> tuple[dict[str, set[str]], dict[tuple[str, str], list[str]]]:
    """Package-level edges of plugins/, and where each edge comes from."""
    edges: dict[str, set[str]] = defaultdict(set)
    where: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(PLUGINS.rglob("*.py")):
        rel = path.relative_to(PLUGINS)
        if SKIPPED & set(rel.parts):
            continue
        source = _package_of(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        shown = f"plugins/{rel.as_posix()}"
        for name in imports_of(path, tree):
            target = name.split(".")[1]
            if (
                target == source
                or not (PLUGINS / target).exists()
                and not (PLUGINS / f"{target}.py").exists()
            ):
                continue
            if any(
                shown == module and (name == allowed or name.startswith(allowed + "."))
                for module, allowed in MODEL_REGISTRATION
            ):
                continue
            edges[source].add(target)
            where[(source, target)].append(f"{shown} imports {name}")
    return edges, where


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path [a, b, ..., a], or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_find_cycle_names_the_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}}) is None


def test_relative_and_nested_imports_count(tmp_path):
    path = PLUGINS / "consent" / "service.py"
    tree = ast.parse(
        "from ..workflow import fire\n"
        "def f():\n"
        "    from plugins import audit\n"
        "    import plugins.access.checks\n"
        "from . import models\n"
    )
    names = set(imports_of(path, tree))
    assert {"plugins.workflow", "plugins.audit", "plugins.access.checks"} <= names
    assert "plugins.consent.models" in names


def test_the_services_of_plugins_import_one_way():
    edges, where = graph()
    cycle = find_cycle(edges)
    if cycle:
        steps = []
        for a, b in zip(cycle, cycle[1:], strict=False):
            steps.append(f"  {a} -> {b}: " + "; ".join(where[(a, b)][:3]))
        pytest.fail("import cycle in plugins/: " + " -> ".join(cycle) + "\n" + "\n".join(steps))


def test_foundation_modules_import_no_service():
    edges, where = graph()
    wrong = [
        line
        for source in sorted(FOUNDATION)
        for target in sorted(edges.get(source, ()))
        if target not in FOUNDATION
        for line in where[(source, target)]
    ]
    assert not wrong, "foundation modules import services:\n" + "\n".join(wrong)


def test_the_one_model_registration_import_is_still_what_it_says():
    """The allowed import must stay a model registration: audit's models import no service."""
    path = PLUGINS / "audit" / "models.py"
    names = imports_of(path, ast.parse(path.read_text(encoding="utf-8")))
    services = {n.split(".")[1] for n in names} - FOUNDATION - {"audit"}
    assert not services, services
