"""Syntax newer than the target Python version, reported as mypy does.

The parser reads a module with the grammar of the running interpreter when the only obstacle
is a version gate (``--python-version 3.11`` on a 3.12 interpreter), so checking goes on; each
use of newer syntax then gets mypy's non-blocking ``[syntax]`` error naming the version it needs.
"""

from __future__ import annotations

import ast

_TYPE_PARAMS = "Improved type parameter syntax"
_TYPE_STATEMENT = '"type" statements'
_DEFAULTS = "Type parameter defaults"
_EXCEPTION_GROUPS = "Exception groups"

Problem = tuple[int, int, str]


def message(feature: str, needs: tuple[int, int], target: tuple[int, int]) -> str:
    return (
        f"{feature}: requires Python {needs[0]}.{needs[1]} or newer "
        f"(current target: Python {target[0]}.{target[1]})"
    )


def newer_syntax(tree: ast.Module, target: tuple[int, int]) -> list[Problem]:
    """The uses of syntax newer than ``target`` in ``tree``, in source order."""
    if tuple(target) >= (3, 13):
        return []
    out: list[Problem] = []
    for node in ast.walk(tree):
        for needs, feature in _features(node):
            if target < needs:
                out.append((node.lineno, node.col_offset, message(feature, needs, target)))  # type: ignore[attr-defined]
    out.sort(key=lambda p: (p[0], p[1]))
    return out


def _features(node: ast.AST) -> list[tuple[tuple[int, int], str]]:
    found: list[tuple[tuple[int, int], str]] = []
    if type(node).__name__ == "TryStar":
        found.append(((3, 11), _EXCEPTION_GROUPS))
    params = getattr(node, "type_params", None)
    if type(node).__name__ == "TypeAlias":
        found.append(((3, 12), _TYPE_STATEMENT))
    elif params:
        found.append(((3, 12), _TYPE_PARAMS))
    if params and any(getattr(p, "default_value", None) is not None for p in params):
        found.append(((3, 13), _DEFAULTS))
    return found
