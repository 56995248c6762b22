"""The layers of DESIGN.md import only downward: read every import with ast and check it."""

from __future__ import annotations

import ast
import pathlib

LAYERS = [
    "base",
    "engine",
    "errors",
    "inputs",
    "syntax",
    "modules",
    "semantic",
    "types",
    "checker",
    "service",
    "tools",
    "daemon",
    "cli",
]
SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "tycheck"


def imported_layers(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "tycheck" and len(parts) > 1 and parts[1] in LAYERS:
                out.add(parts[1])
    return out


def test_layers_import_only_downward() -> None:
    violations = []
    for layer in LAYERS:
        rank = LAYERS.index(layer)
        for path in sorted((SRC / layer).rglob("*.py")):
            for used in imported_layers(path):
                if LAYERS.index(used) > rank:
                    violations.append(f"{path.relative_to(SRC)} imports tycheck.{used}")
    assert violations == []


def test_only_daemon_and_cli_reach_service_from_above() -> None:
    # The front ends see the checker only through the service layer.
    for layer in ("daemon", "cli"):
        for path in sorted((SRC / layer).rglob("*.py")):
            assert "checker" not in imported_layers(path), path


def test_no_module_shadows_a_stdlib_name() -> None:
    bad = {"inspect.py", "ast.py", "types.py", "typing.py"}
    assert [p for p in SRC.rglob("*.py") if p.name in bad] == []


# -- inside the checker: sub-layers, ordered like the layers above -------------------------------

CHECKER_LAYERS = ["core", "declare", "classes", "flow", "infer", "checks", "stmt", "driver", "api"]


def _checker_sublayer(path: pathlib.Path) -> str:
    rel = path.relative_to(SRC / "checker")
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: pathlib.Path) -> set[str]:
    """Every module this file imports, wherever the import stands (module level,
    ``if TYPE_CHECKING:``, inside a function), relative imports resolved."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)
    return out


def test_checker_sublayers_import_only_downward() -> None:
    violations = []
    for path in sorted((SRC / "checker").rglob("*.py")):
        own = _checker_sublayer(path)
        if own == "__init__":
            continue
        for name in _imports(path):
            parts = name.split(".")
            if parts[:2] != ["tycheck", "checker"] or len(parts) < 3:
                continue
            used = parts[2]
            assert used in CHECKER_LAYERS, (
                f"{path.relative_to(SRC)}: unknown checker sub-layer {used}"
            )
            if CHECKER_LAYERS.index(used) > CHECKER_LAYERS.index(own):
                violations.append(f"{path.relative_to(SRC)} imports {name}")
    assert sorted(set(violations)) == []


def test_feature_modules_never_import_the_statement_checker() -> None:
    # They receive the ``Evaluator`` protocol (checker/core/evaluator.py) instead.
    for path in sorted((SRC / "checker").rglob("*.py")):
        if _checker_sublayer(path) in ("stmt", "driver", "api"):
            continue
        assert not any(n.startswith("tycheck.checker.stmt") for n in _imports(path)), path


# -- structure: small files, small classes, no import cycle ------------------------------------

MAX_LINES = 800
MAX_METHODS = 40


def _all_modules() -> dict[str, pathlib.Path]:
    return {_module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def test_no_file_over_800_lines() -> None:
    long = [
        f"{p.relative_to(SRC)} ({n})"
        for p in sorted(SRC.rglob("*.py"))
        if (n := p.read_text(encoding="utf-8").count("\n")) > MAX_LINES
    ]
    assert long == []


def test_no_class_over_40_methods_counting_its_bases() -> None:
    # Methods of base classes defined in the package (mixins) count as the class's own.
    classes: dict[str, list[tuple[list[str], int]]] = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                own = sum(isinstance(b, (ast.FunctionDef, ast.AsyncFunctionDef)) for b in node.body)
                bases = [
                    b.id
                    if isinstance(b, ast.Name)
                    else b.attr
                    if isinstance(b, ast.Attribute)
                    else ""
                    for b in node.bases
                ]
                classes.setdefault(node.name, []).append((bases, own))

    def count(name: str, seen: set[str]) -> int:
        total = 0
        for bases, own in classes.get(name, []):
            total += own
            for base in bases:
                if base in classes and base not in seen:
                    seen.add(base)
                    total += count(base, seen)
        return total

    big = {name: n for name in classes if (n := count(name, {name})) > MAX_METHODS}
    assert big == {}


def test_no_import_cycle() -> None:
    modules = _all_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges = set()
        for target in _imports(path):
            while target and target not in modules and "." in target:
                target = target.rpartition(".")[0]
            if target in modules and target != name:
                edges.add(target)
        graph[name] = edges
    # Depth-first search with colours: reaching a module still on the stack closes a cycle.
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert cycles == []
