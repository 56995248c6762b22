"""What ``raise`` accepts and what an ``except`` clause catches.

``raise e`` (and ``raise ... from e``) needs an exception instance or class; an ``except``
clause needs a class, a tuple of classes, or ``type[...]`` of an exception, and binds the name
to the instances those classes make. Anything not understood degrades to ``Any`` silently.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.checker.flow.binder import simplify_union
from tycheck.types.model import (
    AnyType,
    CallableType,
    DeletedType,
    Instance,
    NeverType,
    NoneType,
    Overloaded,
    TupleType,
    Type,
    TypeType,
    TypeVarType,
    UnionType,
    make_union,
)
from tycheck.errors import codes
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

INVALID_EXCEPTION = "Exception must be derived from BaseException"
INVALID_EXCEPTION_TYPE = (
    "Exception type must be derived from BaseException (or be a tuple of exception classes)"
)
NOT_IMPLEMENTED_NAMES = frozenset({"builtins._NotImplementedType", "types.NotImplementedType"})


def _base_exception(chk: "Evaluator") -> Instance | None:
    # A fixture without ``BaseException`` cannot say what is an exception: check nothing.
    if chk.p.builtin("BaseException") is None:
        return None
    return Instance("builtins.BaseException")


def check_raise(chk: "Evaluator", s: ast.Raise) -> None:
    """Check ``raise exc from cause``."""
    if s.exc is not None:
        _check_raised(chk, s.exc, s, optional=False)
    if s.cause is not None:
        _check_raised(chk, s.cause, s, optional=True)


def _check_raised(chk: "Evaluator", e: ast.expr, s: ast.Raise, optional: bool) -> None:
    t = chk.infer(e)
    if isinstance(t, DeletedType):
        return
    base = _base_exception(chk)
    if base is None:
        return
    allowed: list[Type] = [base, TypeType(base)]
    if optional:
        allowed.append(NoneType())
    if not chk.p.relations.is_subtype(t, make_union(allowed)):
        chk.fail(s, Message(INVALID_EXCEPTION, codes.MISC))
    called_not_implemented = (
        isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id == "NotImplemented"
    )
    if (isinstance(t, Instance) and t.fullname in NOT_IMPLEMENTED_NAMES) or called_not_implemented:
        chk.fail(
            s, Message(INVALID_EXCEPTION + '; did you mean "NotImplementedError"?', codes.MISC)
        )


def handler_type(chk: "Evaluator", t: Type, node: ast.expr) -> Type:
    """The type an ``except`` clause of type ``t`` binds, reporting a clause that is no class."""
    base = _base_exception(chk)
    caught: list[Type] = []
    for item in _handler_items(t):
        if isinstance(item, AnyType):
            caught.append(item)
            continue
        if isinstance(item, NeverType):
            continue
        if isinstance(item, (CallableType, Overloaded)):
            first = item.items[0] if isinstance(item, Overloaded) else item
            if not first.is_type_obj or not isinstance(first.ret_type, Instance):
                if first.is_type_obj:
                    caught.append(AnyType("special"))
                    continue
                chk.fail(node, Message(INVALID_EXCEPTION_TYPE, codes.MISC))
                return AnyType("error")
            exc: Type = _erase_args(first.ret_type)
        elif isinstance(item, TypeType):
            exc = item.item
        else:
            chk.fail(node, Message(INVALID_EXCEPTION_TYPE, codes.MISC))
            return AnyType("error")
        if (
            base is not None
            and not isinstance(exc, (AnyType, TypeVarType))
            and not chk.p.relations.is_subtype(exc, base)
        ):
            chk.fail(node, Message(INVALID_EXCEPTION_TYPE, codes.MISC))
            return AnyType("error")
        caught.append(exc)
    if not caught:
        return NeverType()
    return simplify_union(caught, chk.p.relations.is_subtype)


def _erase_args(t: Instance) -> Instance:
    # ``except G`` for a generic exception class catches ``G[Any, ...]``.
    if not t.args:
        return t
    return Instance(t.fullname, tuple(AnyType("special") for _ in t.args))


def _handler_items(t: Type) -> list[Type]:
    if isinstance(t, TupleType):
        return _flatten(make_union(list(t.items)))
    if isinstance(t, Instance) and t.fullname == "builtins.tuple" and t.args:
        return _flatten(t.args[0])
    if isinstance(t, UnionType):
        return [x for item in t.items for x in _handler_items(item)]
    return [t]


def _flatten(t: Type) -> list[Type]:
    return list(t.items) if isinstance(t, UnionType) else [t]
