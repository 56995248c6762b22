"""Narrowing seen from nested functions: which narrowed outer variables a closure may trust.

A nested function runs later than it is defined, so a narrowing of an enclosing function's
variable holds inside it only while nothing can rebind the variable afterwards. mypy decides
this by line numbers: the narrowing is kept when no assignment to the variable in the
enclosing function (nested functions that rebind it through ``nonlocal`` included) is on the
nested definition's line or later. Augmented assignments and ``del`` do not count, as in mypy.
"""

from __future__ import annotations

import ast
from typing import Iterator

FuncNode = ast.FunctionDef | ast.AsyncFunctionDef


def last_assignment_line(func: FuncNode, name: str) -> int:
    """The last line where ``func`` (or a nested scope sharing the variable) binds ``name``."""
    last = -1
    for target in _bound_names(func.body, name):
        last = max(last, target.lineno)
    return last


def _bound_names(body: list[ast.stmt], name: str) -> Iterator[ast.AST]:
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            if _shares_variable(node, name):
                stack.extend(node.body if not isinstance(node, ast.Lambda) else [node.body])
            continue
        if isinstance(node, ast.ClassDef):
            continue  # a class body has its own names; its methods cannot say nonlocal here
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            stack.extend(ast.iter_child_nodes(node))
            continue
        yield from _targets_of(node, name)
        stack.extend(ast.iter_child_nodes(node))


def _targets_of(node: ast.AST, name: str) -> Iterator[ast.AST]:
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign):
        targets = list(node.targets)
    elif isinstance(node, ast.AnnAssign):
        targets = [node.target]
    elif isinstance(node, (ast.For, ast.AsyncFor)):
        targets = [node.target]
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        targets = [i.optional_vars for i in node.items if i.optional_vars is not None]
    elif isinstance(node, ast.NamedExpr):
        targets = [node.target]
    elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name == name:
        yield node
    for t in targets:
        yield from _names_in_target(t, name)


def _names_in_target(t: ast.expr, name: str) -> Iterator[ast.expr]:
    if isinstance(t, ast.Name):
        if t.id == name:
            yield t
    elif isinstance(t, (ast.Tuple, ast.List)):
        for el in t.elts:
            yield from _names_in_target(el, name)
    elif isinstance(t, ast.Starred):
        yield from _names_in_target(t.value, name)


def _shares_variable(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda, name: str) -> bool:
    """Whether a nested scope's ``name`` is the enclosing variable (``nonlocal``, or unbound)."""
    params = node.args
    all_params = params.posonlyargs + params.args + params.kwonlyargs
    if any(p.arg == name for p in all_params) or any(
        p is not None and p.arg == name for p in (params.vararg, params.kwarg)
    ):
        return False
    if isinstance(node, ast.Lambda):
        return True
    nonlocal_here = any(
        isinstance(n, ast.Nonlocal) and name in n.names for n in _own_scope_nodes(node.body)
    )
    if nonlocal_here:
        return True
    # Without ``nonlocal``, an assignment makes the name a local of the nested function.
    return not any(True for _ in _bound_in_own_scope(node.body, name))


def _own_scope_nodes(body: list[ast.stmt]) -> Iterator[ast.AST]:
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        stack.extend(ast.iter_child_nodes(node))


def _bound_in_own_scope(body: list[ast.stmt], name: str) -> Iterator[ast.AST]:
    for node in _own_scope_nodes(body):
        yield from _targets_of(node, name)
