"""Old-style type variables in PEP 695 definitions: 'All type parameters should be declared'.

A ``def`` or ``class`` with a parameter list must declare every type variable its signature
or bases use, unless an enclosing class or function binds it already; mypy names the
undeclared ones in one [valid-type] error, sorted. A ``type`` statement's value may use only
the statement's own parameters: each other type variable (old-style, or a parameter of an
enclosing definition) is an error of its own, in order of appearance.

To never invent an error, an old-style ``ParamSpec``/``TypeVarTuple`` (not modelled) is only
judged in a module-level ``def`` or ``class``, where nothing can bind it.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

from tycheck.checker.declare import type_params
from tycheck.checker.declare.names import TypeScope
from tycheck.checker.declare.type_names import type_expr_names
from tycheck.errors import codes
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

_CONSTRUCTORS = {"TypeVar": "tv", "ParamSpec": "other", "TypeVarTuple": "other"}


def check_definition(
    chk: "Evaluator", node: ast.AST, exprs: Iterable[ast.expr], scope: TypeScope, nested: bool
) -> None:
    """A ``def`` (signature annotations) or ``class`` (bases) with a PEP 695 parameter list."""
    if not type_params.type_params(node):
        return
    bound = _enclosing_typevars(chk)
    own = {str(getattr(p, "name", "")) for p in type_params.type_params(node)}
    missing: set[str] = set()
    for e in exprs:
        for name in type_expr_names(chk, e, scope):
            if name.id in own:
                continue
            kind, fullname = _old_style(chk, name.id, scope)
            if kind == "tv" and fullname not in bound:
                missing.add(name.id)
            elif kind == "other" and not nested:
                missing.add(name.id)
    if missing:
        listed = ", ".join(f'"{n}"' for n in sorted(missing))
        text = f"All type parameters should be declared ({listed} not declared)"
        chk.emit(node, "error", Message(text, codes.VALID_TYPE))


def check_alias_value(chk: "Evaluator", node: ast.AST, scope: TypeScope) -> None:
    """A ``type`` statement's value: every type variable that is not its own parameter."""
    own = {str(getattr(p, "name", "")) for p in type_params.type_params(node)}
    value = getattr(node, "value", None)
    if not isinstance(value, ast.expr):
        return
    seen: set[str] = set()
    for name in type_expr_names(chk, value, scope):
        ident = name.id
        if ident in own or ident in seen:
            continue
        outer_param = type_params.lookup(chk.ev, ident, scope) is not None  # type: ignore[arg-type]
        if outer_param or _old_style(chk, ident, scope)[0] is not None:
            seen.add(ident)
            text = f'All type parameters should be declared ("{ident}" not declared)'
            chk.emit(node, "error", Message(text, codes.VALID_TYPE))


def _old_style(chk: "Evaluator", name: str, scope: TypeScope) -> tuple[str | None, str]:
    """("tv", full name) for a ``TypeVar(...)`` variable, ("other", ...) for a ``ParamSpec``
    or ``TypeVarTuple`` one, (None, "") for anything else."""
    sym = chk.ev.lookup(name, scope)  # type: ignore[attr-defined]
    if sym is None or type_params.is_type_param(sym):
        return None, ""
    call = getattr(sym, "value", None)
    if not isinstance(call, ast.Call):
        return None, ""
    func = call.func
    callee = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    return _CONSTRUCTORS.get(callee), sym.fullname


def _enclosing_typevars(chk: "Evaluator") -> set[str]:
    """Full names of the type variables the enclosing classes and functions bind."""
    out: set[str] = set()
    node: object = getattr(chk, "outer", None)
    if getattr(chk, "func", None) is None:
        node = chk  # a class's bases: the checker of the body it stands in
    else:
        # A def's own scope holds its signature's variables: only its class's count.
        info = chk.p.class_info(chk.class_fullname) if chk.class_fullname else None
        if info is not None:
            out.update(tv.fullname for tv in info.type_vars)
    while node is not None:
        scope = getattr(node, "scope", None)
        if isinstance(scope, TypeScope):
            out.update(scope.typevars)
        sig = getattr(node, "sig", None)
        out.update(tv.fullname for tv in getattr(sig, "variables", ()) or ())
        cls = getattr(node, "class_fullname", None)
        info = chk.p.class_info(cls) if isinstance(cls, str) else None
        if info is not None:
            out.update(tv.fullname for tv in info.type_vars)
        node = getattr(node, "outer", None)
    return out
