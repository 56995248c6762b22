"""Narrowing by user-defined type guards: calls of functions returning ``TypeGuard[X]`` or
``TypeIs[X]``.

The guard type lives on the callee's ``CallableType`` (``type_guard`` / ``type_is``); the call
itself has type ``bool``. A ``TypeGuard`` call narrows its first argument to ``X`` in the true
branch only; a ``TypeIs`` call narrows it in both branches, like ``isinstance``.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import TYPE_CHECKING

from tycheck.checker.binder import ref_key
from tycheck.types.model import CallableType, Type, union_items

if TYPE_CHECKING:
    from tycheck.checker.narrow import Narrower

def guard_call_maps(nw: "Narrower", e: ast.Call) -> "tuple[dict[str, Type] | None, dict[str, Type] | None] | None":
    """The narrowing maps of ``e`` when its callee is a type guard; None when it is not."""
    if not isinstance(e.func, (ast.Name, ast.Attribute)):
        return None
    callee = _quiet_infer(nw, e.func)
    if not isinstance(callee, CallableType) or (callee.type_guard is None and callee.type_is is None):
        return None
    target = _guarded_argument(callee, e)
    if target is None:
        return {}, {}
    key = ref_key(target)
    if key is None:
        return {}, {}
    guard = _solved_guard(nw, callee, e)
    if guard is None:
        return {}, {}
    if callee.type_guard is not None:
        return {key: guard}, {}
    current = nw.current(target)
    if current is None:
        return {}, {}
    return nw.narrow_isinstance(key, current, union_items(guard))


def _quiet_infer(nw: "Narrower", e: ast.expr) -> Type:
    chk = nw.chk
    was = chk.muted
    chk.muted = True
    try:
        return chk.infer(e)
    finally:
        chk.muted = was


def _guarded_argument(callee: CallableType, e: ast.Call) -> ast.expr | None:
    """The argument the guard speaks about: the first positional one (a bound method's first
    explicit argument), or the keyword naming the first parameter."""
    if e.args:
        return None if isinstance(e.args[0], ast.Starred) else e.args[0]
    first = callee.arg_names[0] if callee.arg_names else None
    for kw in e.keywords:
        if first is not None and kw.arg == first:
            return kw.value
    return None


def _solved_guard(nw: "Narrower", callee: CallableType, e: ast.Call) -> Type | None:
    """The guard type, with a generic callee's type variables solved from this call."""
    guard = callee.type_guard if callee.type_guard is not None else callee.type_is
    if guard is None or not callee.variables:
        return guard
    from tycheck.checker.calls import Actual
    from tycheck.types.model import POS, STAR, STAR2, NAMED

    actuals = [Actual(a.value if isinstance(a, ast.Starred) else a, STAR if isinstance(a, ast.Starred) else POS, None) for a in e.args]
    actuals += [Actual(k.value, STAR2 if k.arg is None else NAMED, k.arg) for k in e.keywords]
    as_ret = replace(callee, ret_type=guard, type_guard=None, type_is=None)
    chk = nw.chk
    was = chk.muted
    chk.muted = True
    try:
        return chk.calls.call_callable(as_ret, actuals, e, None, None, None, report=False)
    finally:
        chk.muted = was
