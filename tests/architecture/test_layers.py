"""The layers of DESIGN.md import only downward: read every import with ast and check it."""

from __future__ import annotations

import ast
import pathlib

LAYERS = ["base", "engine", "errors", "inputs", "syntax", "modules", "semantic", "types", "checker", "service", "tools", "daemon", "cli"]
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
