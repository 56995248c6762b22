"""Undefined names in type expressions: 'Name "X" is not defined' [name-defined].

A name in an annotation, a base class's type arguments, a PEP 695 bound, constraint or
default, or a ``type`` statement's value must be bound where the expression stands: a
parameter of an enclosing definition, a local of an enclosing function, a member of an
enclosing class body, a module global or a builtin. A PEP 695 bound or constraint cannot
use the parameters of its own list, and a default only those before it.

To never invent an error, a module with a ``*`` import is not judged, nor are names that are
``ParamSpec``/``TypeVarTuple`` parameters anywhere in the module (not modelled yet). Only
the leftmost name of ``a.b.C`` is looked at; the arguments of ``Literal[...]`` and the
metadata of ``Annotated[...]`` are not type expressions and are skipped.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from tycheck.checker.declare import type_params
from tycheck.checker.declare.names import TypeScope, special_name
from tycheck.errors import codes
from tycheck.errors.messages import Message
from tycheck.semantic.node_index import statements_of_type

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator


def check_names(
    chk: "Evaluator",
    expr: ast.expr,
    scope: TypeScope,
    hidden: frozenset[str] = frozenset(),
    extra: frozenset[str] = frozenset(),
) -> None:
    """Report each undefined name of the type expression ``expr``. ``hidden`` names are
    parameters of the list being declared (not visible here); ``extra`` names are bound by
    the definition itself (a ``type`` statement's own parameters)."""
    exempt = _module_exemptions(chk.mod.tree)
    if exempt is None:
        return
    for name in type_expr_names(chk, expr, scope):
        ident = name.id
        if ident in exempt or ident in extra:
            continue
        if not _defined(chk, ident, scope, hidden):
            chk.emit(name, "error", Message(f'Name "{ident}" is not defined', codes.NAME_DEFINED))


def _defined(chk: "Evaluator", name: str, scope: TypeScope, hidden: frozenset[str]) -> bool:
    if name not in hidden and type_params.lookup(chk.ev, name, scope) is not None:  # type: ignore[arg-type]
        return True
    p = chk.p
    for cls in scope.classes:
        ns = p.class_namespace(cls)
        if ns is not None and name in ns.names:
            return True
    if scope.module.ns.get(name) is not None or p.module_symbol(scope.module.name, name):
        return True
    if p.module_symbol("builtins", name) is not None:
        return True
    node: object = chk
    while node is not None:
        local = getattr(node, "local_syms", None)
        if isinstance(local, dict) and name in local:
            return True
        if getattr(node, "func", None) is not None and name in _func_param_names(node):
            return True
        node = getattr(node, "outer", None)
    return False


def _func_param_names(chk: object) -> set[str]:
    func = getattr(chk, "func", None)
    args = getattr(func, "args", None)
    if not isinstance(args, ast.arguments):
        return set()
    every = args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]
    return {a.arg for a in every if a is not None}


def type_expr_names(chk: "Evaluator", e: ast.expr, scope: TypeScope) -> Iterator[ast.Name]:
    """The names a type expression looks up (leftmost names of dotted ones)."""
    if isinstance(e, ast.Name):
        yield e
    elif isinstance(e, ast.Attribute):
        base: ast.expr = e
        while isinstance(base, ast.Attribute):
            base = base.value
        if isinstance(base, ast.Name):
            yield base
    elif isinstance(e, ast.Subscript):
        yield from type_expr_names(chk, e.value, scope)
        args = list(e.slice.elts) if isinstance(e.slice, ast.Tuple) else [e.slice]
        head = _special(chk, e.value, scope)
        if head == "Literal":
            return
        if head == "Annotated":
            args = args[:1]
        for a in args:
            yield from type_expr_names(chk, a, scope)
    elif isinstance(e, (ast.Tuple, ast.List)):
        for item in e.elts:
            yield from type_expr_names(chk, item, scope)
    elif isinstance(e, ast.BinOp) and isinstance(e.op, ast.BitOr):
        yield from type_expr_names(chk, e.left, scope)
        yield from type_expr_names(chk, e.right, scope)
    elif isinstance(e, ast.Starred):
        yield from type_expr_names(chk, e.value, scope)
    elif isinstance(e, ast.Constant) and isinstance(e.value, str):
        inner = _parse(e.value)
        if inner is not None:
            for n in type_expr_names(chk, inner, scope):
                yield ast.copy_location(ast.Name(n.id, ast.Load()), e)


def _special(chk: "Evaluator", head: ast.expr, scope: TypeScope) -> str | None:
    if not isinstance(head, (ast.Name, ast.Attribute)):
        return None
    sym = chk.ev.lookup_expr(head, scope)
    return special_name(sym.fullname) if sym is not None else None


@lru_cache(maxsize=256)
def _parse(text: str) -> ast.expr | None:
    try:
        return ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError):
        return None


_PARAMETERISED = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    getattr(ast, "TypeAlias", None),
)


@lru_cache(maxsize=16)
def _module_exemptions(tree: ast.Module) -> frozenset[str] | None:
    """The ``ParamSpec``/``TypeVarTuple`` parameter names of a module, or None when the
    module has a ``*`` import (its names are then not all known)."""
    if any(a.name == "*" for node in statements_of_type(tree, ast.ImportFrom) for a in node.names):  # type: ignore[attr-defined]
        return None
    names: set[str] = set()
    for kind in _PARAMETERISED:  # the only nodes with a parameter list
        for node in statements_of_type(tree, kind):
            for param in type_params.type_params(node):
                if not isinstance(param, type_params.TYPE_VAR_NODE):
                    names.add(str(getattr(param, "name", "")))
    return frozenset(names)
