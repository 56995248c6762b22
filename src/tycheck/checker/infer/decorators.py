"""Decorated functions where they are checked: applying decorators to a signature, as calls."""

from __future__ import annotations

import ast
from dataclasses import replace

from tycheck.checker.classes.attrs import is_attrib_decorator
from tycheck.checker.core.actuals import Actual
from tycheck.checker.core.evaluator import Evaluator
from tycheck.checker.declare.decorators import (
    NO_TYPE_CHECK,
    OPAQUE,
    is_transparent,
    no_type_check_signature,
)
from tycheck.checker.declare.untyped_defs import check_any_decorated, check_untyped_decorator
from tycheck.types.model import POS, AnyType, CallableType, Overloaded, Type


def apply_decorators(
    chk: "Evaluator",
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    sig: CallableType,
    decorators: list[ast.expr],
    class_fullname: str | None,
) -> Type:
    """Apply ``decorators`` (outermost first, as written) to ``sig``, bottom-up.

    Errors (a decorator that does not accept the function) go to ``chk``'s sink, at the
    decorator; a muted checker computes the type only.
    """
    t: Type = sig
    for d in reversed(decorators):
        dt = chk.infer(d)
        check_untyped_decorator(chk, node, d, dt)
        if isinstance(dt, AnyType) or isinstance(t, AnyType):
            # Still infer the remaining decorators so their own errors are reported.
            t = AnyType("special")
            continue
        t = chk.calls.call_actuals(dt, [Actual(None, POS, None, t)], d, None, None, None)
    return _named(t, node.name, class_fullname)


def _named(t: Type, name: str, class_fullname: str | None) -> Type:
    """mypy gives the decorated result the function's name (``"f" of "A"`` for methods)."""
    owner = class_fullname.rsplit(".", 1)[-1] if class_fullname else None
    if isinstance(t, CallableType) and not t.is_type_obj:
        return replace(t, name=name, from_method=owner)
    if isinstance(t, Overloaded):
        return Overloaded(tuple(replace(i, name=name, from_method=owner) for i in t.items))
    return t


def check_decorated(
    chk: "Evaluator",
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    sig: CallableType,
    class_fullname: str | None,
) -> Type:
    """Check the decorators of ``node`` where it is defined; return the decorated type."""
    applied: list[ast.expr] = []
    opaque = False
    for d in node.decorator_list:
        name = chk.ev._decorator_name(d, chk.scope)
        if name in NO_TYPE_CHECK:
            return no_type_check_signature(node, class_fullname)
        if name in OPAQUE:
            opaque = True
        if isinstance(d, ast.Attribute) and d.attr in ("setter", "getter", "deleter"):
            continue  # the property object is modelled by the class, not here
        if class_fullname is not None and is_attrib_decorator(chk.members, class_fullname, d):
            continue  # attrs consumes ``@x.default``/``@x.validator`` when the class is made
        if is_transparent(name, d) or name in OPAQUE:
            chk.infer(d)
        else:
            applied.append(d)
    if opaque:
        for d in applied:
            chk.infer(d)
        return AnyType("special")
    if not applied:
        return sig
    check_any_decorated(chk, node, applied)  # hook: preal3
    return apply_decorators(chk, node, sig, applied, class_fullname)
