"""Decorated functions: the type a ``def`` has after its decorators are applied.

A decorator is a call: the innermost one receives the function's signature and each outer
one the result of the one below. A decorator whose type is unknown (``Any``, an untyped
``def``) makes the result ``Any``, so nothing is reported about the function's uses. The
decorators the checker understands by themselves (``staticmethod``, ``overload``,
``property``...) are skipped here; a few typed decorators whose signatures need features the
checker lacks (``ParamSpec``) still degrade to ``Any``.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import TYPE_CHECKING

from tycheck.types.model import POS, STAR, STAR2, AnyType, CallableType, Overloaded, Type
from tycheck.checker.attrs_classes import is_attrib_decorator
from tycheck.checker.untyped_defs import check_untyped_decorator

if TYPE_CHECKING:
    from tycheck.checker.body import BodyChecker

# Decorators with a meaning of their own: they leave the signature as it is.
TRANSPARENT = frozenset({
    "overload", "final", "override", "builtins.staticmethod", "builtins.classmethod",
    "abc.abstractmethod", "typing.no_type_check", "typing_extensions.deprecated",
    "warnings.deprecated", "functools.total_ordering", "typing.type_check_only",
    "builtins.property", "functools.cached_property", "abc.abstractproperty", "enum.unique",
    "enum.property", "typing_extensions.override", "typing.final", "typing_extensions.final",
    "typing.override", "typing.overload", "typing_extensions.overload",
})

# Typed decorators whose signatures use features not modelled yet: the result is Any.
OPAQUE = frozenset({
    "contextlib.contextmanager", "contextlib.asynccontextmanager", "functools.lru_cache",
    "functools.cache", "types.coroutine", "asyncio.coroutine", "functools.wraps",
    "functools.singledispatch", "functools.singledispatchmethod",
})


NO_TYPE_CHECK = frozenset({"typing.no_type_check", "typing_extensions.no_type_check"})


def no_type_check_signature(node: ast.FunctionDef | ast.AsyncFunctionDef, class_fullname: str | None) -> CallableType:
    """A ``@no_type_check`` function accepts anything and returns Any, whatever it says."""
    any_t = AnyType("special")
    owner = class_fullname.rsplit(".", 1)[-1] if class_fullname else None
    return CallableType((any_t, any_t), (STAR, STAR2), (None, None), any_t, name=node.name, implicit=True, from_method=owner)


def is_transparent(name: str | None, d: ast.expr) -> bool:
    """Whether decorator ``d`` (resolved to ``name``) keeps the signature unchanged."""
    if name in TRANSPARENT:
        return True
    # ``@x.setter``/``@x.getter``/``@x.deleter`` belong to a property.
    return isinstance(d, ast.Attribute) and d.attr in ("setter", "getter", "deleter")


def apply_decorators(
    chk: "BodyChecker",
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
        from tycheck.checker.calls import Actual

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
    chk: "BodyChecker",
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
    return apply_decorators(chk, node, sig, applied, class_fullname)
