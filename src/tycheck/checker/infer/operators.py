"""Binary operators: which dunder methods an operation tries, in which order, and the messages
when none of them accepts the operands.

Python calls ``left.__op__(right)`` and then ``right.__rop__(left)``; when both operands have the
same type and the operator is one that short-cuts, only ``__op__`` is tried. A union operand is
tried item by item, first keeping the right operand whole and then splitting it too, and the
errors name the item that failed, with a note naming the union it came from.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, NamedTuple

from tycheck.checker.core import messages as msg
from tycheck.types.model import (
    AnyType,
    CallableType,
    Instance,
    NeverType,
    NoneType,
    Overloaded,
    Type,
    TypeType,
    UnionType,
    make_union,
)
from tycheck.errors import codes, messages as em
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

# Operators for which ``A() op A()`` never falls back to ``__rop__``.
SHORTCUT_METHODS = frozenset(
    {
        "__add__",
        "__sub__",
        "__mul__",
        "__truediv__",
        "__mod__",
        "__divmod__",
        "__floordiv__",
        "__pow__",
        "__matmul__",
        "__and__",
        "__or__",
        "__xor__",
        "__lshift__",
        "__rshift__",
    }
)

# The symbol a comparison's reflected method stands for (``a < b`` tries ``b.__gt__(a)``).
COMPARISON_SYMBOLS = {"__lt__": "<", "__gt__": ">", "__le__": "<=", "__ge__": ">="}


class OpFailure(NamedTuple):
    """Why one operation failed: the message, and the node it is reported at."""

    message: str
    node: ast.AST


def _items(t: Type) -> list[Type]:
    if isinstance(t, UnionType):
        return list(t.items)
    return [t]


def binary_op(
    chk: "Evaluator",
    left: Type,
    right: Type,
    method: str,
    rmethod: str,
    op: str,
    node: ast.AST,
    lnode: ast.AST,
    rnode: ast.AST,
) -> Type:
    """The result type of ``left op right``, reporting mypy's errors when no method fits."""
    if isinstance(left, AnyType) or isinstance(right, AnyType):
        return AnyType("special")
    lefts = _items(left)
    lctx = lnode if len(lefts) == 1 else node
    results: list[Type] = []
    for item in lefts:
        result, failure = op_reversible(chk, item, right, method, rmethod, op, node, lctx, rnode)
        if failure is not None:
            break
        results.append(result)
    else:
        return make_union(results)
    # Keeping the right operand whole failed: split it as well, and report per pair.
    rights = _items(right)
    rctx = rnode if len(rights) == 1 else node
    results = []
    failures: list[OpFailure] = []
    for litem in lefts:
        for ritem in rights:
            result, failure = op_reversible(
                chk, litem, ritem, method, rmethod, op, node, lctx, rctx
            )
            results.append(result)
            if failure is not None:
                failures.append(failure)
    for f in failures:
        chk.fail(f.node, Message(f.message, codes.OPERATOR))
    if failures:
        where = failures[-1].node
        if len(lefts) >= 2 and len(rights) >= 2:
            chk.note(where, em.BOTH_LEFT_AND_RIGHT_OPERANDS_ARE)
        elif len(lefts) >= 2:
            chk.note(where, Message(msg.operand_from_union("Left", left), codes.OPERATOR))
        elif len(rights) >= 2:
            chk.note(where, Message(msg.operand_from_union("Right", right), codes.OPERATOR))
    return make_union(results)


def _lookup(chk: "Evaluator", t: Type, name: str, node: ast.AST) -> Type | None:
    # ``None`` has only ``object``'s methods, and ``object`` defines no arithmetic; a union
    # has the method only if every item has it, which the split pass decides item by item.
    if isinstance(t, (NoneType, UnionType)):
        return None
    meta = _metaclass_of_class_object(chk, t)
    if meta is not None:
        # ``int | str``: Python calls ``type(int).__or__``, not ``int.__or__`` (mypy too).
        return chk.members.class_member_type(meta, name, self_type=t)
    return chk.member_access_one(t, name, node, report=False)


def _metaclass_of_class_object(chk: "Evaluator", t: Type) -> Instance | None:
    """The metaclass a class object (``int``, a ``type[C]``) is an instance of; None otherwise."""
    rel = chk.p.relations
    if isinstance(t, TypeType) and isinstance(t.item, Instance):
        info = chk.p.class_info(t.item.fullname)
        return info.metaclass if info is not None and info.metaclass else Instance("builtins.type")
    items = t.items if isinstance(t, Overloaded) else (t,) if isinstance(t, CallableType) else ()
    if items and all(i.is_type_obj for i in items):
        return rel.metaclass_of(items[0])
    return None


def _falls_back_to_any(chk: "Evaluator", t: Type) -> bool:
    return isinstance(t, Instance) and chk.p.relations.has_any_base(t.fullname)


def op_reversible(
    chk: "Evaluator",
    left: Type,
    right: Type,
    method: str,
    rmethod: str,
    op: str,
    node: ast.AST,
    lnode: ast.AST,
    rnode: ast.AST,
) -> tuple[Type, OpFailure | None]:
    """Try ``left.method(right)`` and ``right.rmethod(left)`` in Python's order."""
    if isinstance(left, AnyType) or isinstance(right, AnyType):
        return AnyType("special"), None
    if isinstance(left, NeverType):
        return left, None
    lm = _lookup(chk, left, method, node)
    same = method in SHORTCUT_METHODS and left == right
    rm = None if same else _lookup(chk, right, rmethod, node)
    variants: list[tuple[Type, Type, bool]] = []
    if lm is not None:
        variants.append((lm, right, False))
    if rm is not None:
        variants.append((rm, left, True))
    first: OpFailure | None = None
    first_result: Type = AnyType("error")
    for callee, arg, reflected in variants:
        if isinstance(callee, (CallableType, Overloaded)):
            result = chk.try_call(callee, [arg])
            if result is not None:
                return result, None
        else:
            # An ``Any`` (or otherwise opaque) method accepts anything.
            return AnyType("special") if not isinstance(callee, AnyType) else callee, None
        if first is None:
            first_result = _declared_result(callee)
            if not reflected:
                first = OpFailure(msg.unsupported_operands(op, left, right), rnode)
            elif rmethod in COMPARISON_SYMBOLS:
                first = OpFailure(
                    msg.unsupported_operands(COMPARISON_SYMBOLS[rmethod], right, left), lnode
                )
            else:
                first = OpFailure(msg.unsupported_operands(op, left, right), lnode)
    if _falls_back_to_any(chk, left) or _falls_back_to_any(chk, right):
        return AnyType("special"), None
    if first is None:
        first = OpFailure(msg.unsupported_left(op, left), node)
    # mypy keeps a rejected method's result only when it was the one method tried.
    return (first_result if len(variants) == 1 else AnyType("error")), first


def _declared_result(callee: Type) -> Type:
    """What a rejected call still evaluates to: a plain method's declared return type (as
    mypy keeps it, so later checks see the same type); anything generic or overloaded is Any."""
    if isinstance(callee, CallableType) and not callee.variables:
        return callee.ret_type
    return AnyType("error")
