"""Using the value of a call to a function declared to return only ``None``.

mypy reports ``"f" does not return a value (it only ever returns None)`` when such a call's
value is used, except where a ``None`` value is expected anyway: an expression statement, the
``return`` of a function declared to return ``None`` or ``Any``, a lambda's body, and the
arguments of ``cast``/``assert_type``/``reveal_type`` (and the branches of a conditional
expression or the operand of ``await`` in those places).

Only callees known to be declared ``-> None`` count: a named function or method, an overload
whose every item returns ``None``, or an instance whose ``__call__`` is such a method.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.checker.core import messages as msg
from tycheck.types.model import CallableType, Instance, NoneType, Overloaded, Type
from tycheck.errors import codes
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator


def allow_none(chk: "Evaluator", e: ast.expr) -> None:
    """Mark ``e`` as a place where a ``None``-returning call's value may be used."""
    allowed = chk.none_ok
    allowed.add(id(e))
    if isinstance(e, ast.IfExp):
        allow_none(chk, e.body)
        allow_none(chk, e.orelse)
    elif isinstance(e, ast.Await):
        allow_none(chk, e.value)


def _declared_none(t: Type) -> bool:
    return isinstance(t, CallableType) and isinstance(t.ret_type, NoneType) and bool(t.name)


def check_call_value(chk: "Evaluator", e: ast.Call, callee: Type, result: Type) -> None:
    """Report the call ``e`` if its value is used although its callee only returns None."""
    if not isinstance(result, NoneType) or id(e) in chk.none_ok:
        return
    if _declared_none(callee):
        assert isinstance(callee, CallableType)
        name, of_class = chk.callee_names(e.func, callee)
    elif (
        isinstance(callee, Overloaded)
        and callee.items
        and all(_declared_none(i) for i in callee.items)
    ):
        name, of_class = chk.callee_names(e.func, callee)
    elif isinstance(callee, Instance):
        call = chk.member_access_one(callee, "__call__", e, report=False)
        if not _declared_none(call if call is not None else NoneType()):
            return
        name, of_class = None, None  # mypy names only function-like callees
    else:
        return
    chk.fail(
        e,
        Message(
            msg.callee_returns_no_value(msg.callee_name(name, of_class)), codes.FUNC_RETURNS_VALUE
        ),
    )
