"""Argument errors in explicit calls of operator methods (``int.__add__(x, y)``,
``d.__setitem__(k, v)``): mypy words them as the operation would be worded.

A bad argument to ``"__add__" of "int"`` reads "Unsupported operand types for +" with code
``operator`` (a ``# type: ignore[operator]`` on such a call expects that code); an index given
to ``__getitem__``/``__setitem__`` reads "Invalid index type" (``index``), and the value given
to ``__setitem__`` an incompatible assignment (``assignment``).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.checker.core.messages import quote_type
from tycheck.errors import codes
from tycheck.errors.messages import Message
from tycheck.types.display import format_types
from tycheck.types.model import CallableType, Overloaded, Type, TypeType

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

# Operator methods and the operator they implement; "__r" + name[2:] is the reflected one.
OP_METHODS = {
    "__add__": "+",
    "__sub__": "-",
    "__mul__": "*",
    "__truediv__": "/",
    "__mod__": "%",
    "__divmod__": "divmod",
    "__floordiv__": "//",
    "__pow__": "**",
    "__matmul__": "@",
    "__and__": "&",
    "__or__": "|",
    "__xor__": "^",
    "__lshift__": "<<",
    "__rshift__": ">>",
    "__eq__": "==",
    "__ne__": "!=",
    "__lt__": "<",
    "__ge__": ">=",
    "__gt__": ">",
    "__le__": "<=",
    "__contains__": "in",
}

# Reflected operator methods besides "__r" + name[2:], and the unary ones.
_OTHER_OPERATOR_METHODS = frozenset({"__neg__", "__pos__", "__invert__"})


def is_operator_method(name: str | None) -> bool:
    """Whether ``name`` implements an operator (``__add__``, ``__radd__``, ``__neg__``...)."""
    if not name:
        return False
    return (
        name in OP_METHODS
        or any(name == "__r" + m[2:] for m in OP_METHODS)
        or name in _OTHER_OPERATOR_METHODS
    )


def _method_and_owner(label: str) -> tuple[str, str] | None:
    """``"__add__" of "int"`` -> (``__add__``, ``"int"``)."""
    head, sep, owner = label.partition(" of ")
    if not sep or not head.startswith('"') or not head.endswith('"'):
        return None
    return head[1:-1], owner


def _receiver(chk: "Evaluator", call: ast.AST, owner: str) -> str:
    """The operand the method is called on, as mypy shows it: the receiver's type, or the
    owner class for ``super().m(...)`` and calls through other names."""
    func = call.func if isinstance(call, ast.Call) else None
    if not isinstance(func, ast.Attribute):
        return owner
    value = func.value
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id == "super"
    ):
        return owner
    with chk.quiet():
        t = chk.infer(value)
    sig = t.items[0] if isinstance(t, Overloaded) and t.items else t
    if isinstance(sig, CallableType) and sig.is_type_obj:
        t = TypeType(sig.ret_type)  # a class object reads as type[C]
    return quote_type(format_types(t)[0])


def report_dunder_arg(
    chk: "Evaluator",
    label: str,
    n: int,
    arg: Type,
    formal: Type,
    call: ast.AST,
    at: ast.AST,
) -> bool:
    """Report argument ``n`` (1-based) of an operator method call as mypy words it; False
    when the callee is no such method (the caller reports a plain arg-type error)."""
    found = _method_and_owner(label)
    if found is None:
        return False
    name, owner = found
    for method, op in OP_METHODS.items():
        if name not in (method, "__r" + method[2:]):
            continue
        base = _receiver(chk, call, owner)
        (a,) = format_types(arg)
        if op == "in" or name != method:
            left, right = quote_type(a), base
        else:
            left, right = base, quote_type(a)
        chk.fail(
            at, Message(f"Unsupported operand types for {op} ({left} and {right})", codes.OPERATOR)
        )
        return True
    if name == "__getitem__" or (name == "__setitem__" and n == 1):
        base = _receiver(chk, call, owner)
        a, e = format_types(arg, formal)
        chk.fail(
            at, Message(f'Invalid index type "{a}" for {base}; expected type "{e}"', codes.INDEX)
        )
        return True
    if name == "__setitem__":
        a, e = format_types(arg, formal)
        text = (
            f'Incompatible types in assignment (expression has type "{a}", target has type "{e}")'
        )
        chk.fail(at, Message(text, codes.ASSIGNMENT))
        return True
    return False
