"""Stable ids of the definitions a module check runs as separate queries, and re-basing.

``function_q`` is keyed by a definition's id (name, ordinal among same-named definitions in
source order), not its position, and reports lines relative to its ``def`` line; ``check_q``
moves them to where the definition now is. Inserting lines above a function therefore leaves
its query valid.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field, replace
from typing import Mapping, TypeVar

from tycheck.errors.diagnostics import Diagnostic


@dataclass(frozen=True)
class DefIndex:
    """The definitions a module's check hands to ``function_q``, by stable id.

    A definition's id is its name and its ordinal among the definitions of that name, in
    source order (a redefinition or an overload item is the next ordinal). Unlike a position,
    the id survives lines inserted or deleted elsewhere in the module.
    """

    by_id: Mapping[tuple[str, int], ast.FunctionDef | ast.AsyncFunctionDef]
    ordinals: Mapping[int, int]  # id() of a def node -> its ordinal
    # The classes at module level (in if/try/with blocks too, not in classes or functions),
    # by the same kind of id, checked by ``class_q``.
    classes: Mapping[tuple[str, int], ast.ClassDef] = field(default_factory=dict)
    class_ordinals: Mapping[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class MethodCheck:
    """In a class's results: here come the diagnostics of this method's ``function_q``."""

    class_fullname: str
    func: str
    ordinal: int


def index_defs(tree: ast.Module) -> DefIndex:
    """Every def outside function bodies (module level, classes, if/try/with blocks)."""
    found: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.append(child)
            elif isinstance(child, (ast.stmt, ast.ExceptHandler, ast.match_case)):
                stack.append(child)
    by_id, ordinals = _number(found)
    classes, class_ordinals = _number(_module_classes(tree))
    return DefIndex(by_id, ordinals, classes, class_ordinals)


D = TypeVar("D", ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _number(found: list[D]) -> tuple[dict[tuple[str, int], D], dict[int, int]]:
    """Ids by name and ordinal in source order, and each node's ordinal by its ``id()``."""
    found.sort(key=lambda d: (d.lineno, d.col_offset))
    by_id: dict[tuple[str, int], D] = {}
    ordinals: dict[int, int] = {}
    seen: dict[str, int] = {}
    for d in found:
        ordinal = seen[d.name] = seen.get(d.name, -1) + 1
        by_id[(d.name, ordinal)] = d
        ordinals[id(d)] = ordinal
    return by_id, ordinals


def _module_classes(tree: ast.Module) -> list[ast.ClassDef]:
    """The classes outside classes and functions (module level, if/try/with blocks)."""
    found: list[ast.ClassDef] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                found.append(child)
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            elif isinstance(child, (ast.stmt, ast.ExceptHandler, ast.match_case)):
                stack.append(child)
    return found


def def_span(node: ast.stmt) -> tuple[int, int]:
    """The first and last line of a definition, its decorators included."""
    first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", ()))])
    return first, node.end_lineno or node.lineno


def rebase(diag: Diagnostic, path: str, delta: int) -> Diagnostic:
    """``diag`` with its lines in ``path`` moved by ``delta`` (other files' lines stay)."""
    if diag.path != path or delta == 0:
        return diag
    return replace(
        diag,
        line=diag.line + delta,
        end_line=diag.end_line + delta if diag.end_line is not None else None,
        origin_line=diag.origin_line + delta if diag.origin_line is not None else None,
    )


# A message that names a line ("already defined on line 3") or a local class ("C@3").
_NAMES_A_LINE = re.compile(r"line \d|@\d")


def position_dependent(diags: list[Diagnostic], path: str, span: int) -> bool:
    """Whether a def's relative diagnostics could change when only its position changes."""
    return any(
        _NAMES_A_LINE.search(d.message)
        or (d.path == path and not (1 <= d.line <= span))
        or (d.path == path and d.origin_line is not None and not (1 <= d.origin_line <= span))
        for d in diags
    )
