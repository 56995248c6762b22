"""Narrowing tuples by ``len(x)`` compared with an int literal (``len(t) == 2``, ``len(t) > 1``).

A fixed-length tuple either has the length or not, so the comparison makes one branch
unreachable for it; ``tuple[T, ...]`` becomes ``tuple[T, T]`` where ``len(t) == 2`` holds (and
stays as it is elsewhere: mypy narrows variadic tuples by ``<`` and ``>`` only with an
incomplete feature). A union is narrowed member by member; members that are not tuples stay.
"""

from __future__ import annotations

import ast
import operator
from typing import Callable

from tycheck.checker.flow.binder import NarrowingContext, ref_key
from tycheck.types.model import Instance, NeverType, TupleType, Type, make_union, union_items

Maps = tuple["dict[str, Type] | None", "dict[str, Type] | None"]

# mypy builds no tuple longer than this from a length check.
MAX_PRECISE_TUPLE_SIZE = 8

OPS: dict[type, Callable[[int, int], bool]] = {
    ast.Eq: operator.eq,
    ast.Is: operator.eq,
    ast.NotEq: operator.ne,
    ast.IsNot: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
FLIPPED: dict[type, type] = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE}


def len_maps(nar: NarrowingContext, left: ast.expr, op: ast.cmpop, right: ast.expr) -> Maps | None:
    """The maps of ``len(x) OP n`` (either way round), or None when it is no such test."""
    if type(op) not in OPS:
        return None
    if _len_arg(right) is not None and _int_value(left) is not None:
        left, right = right, left
        op = FLIPPED.get(type(op), type(op))()
    arg = _len_arg(left)
    size = _int_value(right)
    if arg is None or size is None or size > MAX_PRECISE_TUPLE_SIZE:
        return None
    key = ref_key(arg)
    if key is None:
        return None
    call = left.value if isinstance(left, ast.NamedExpr) else left
    assert isinstance(call, ast.Call)
    sym = nar.chk.lookup_symbol_expr(call.func)
    if sym is None or sym.fullname != "builtins.len":
        return None
    current = nar.current(arg)
    if current is None or not any(_narrowable(nar, t) for t in union_items(current)):
        return None
    holds = OPS[type(op)]
    yes: list[Type] = []
    no: list[Type] = []
    for item in union_items(current):
        if not _narrowable(nar, item):
            yes.append(item)
            no.append(item)
        elif isinstance(item, TupleType):
            (yes if holds(len(item.items), size) else no).append(item)
        else:
            assert isinstance(item, Instance)
            fixed = TupleType((item.args[0],) * size, item)
            if isinstance(op, (ast.Eq, ast.Is)):
                yes.append(fixed)
                no.append(item)
            elif isinstance(op, (ast.NotEq, ast.IsNot)):
                yes.append(item)
                no.append(fixed)
            else:
                yes.append(item)
                no.append(item)
    return _map(key, yes), _map(key, no)


def _map(key: str, types: list[Type]) -> dict[str, Type] | None:
    if not types:
        return None
    t = make_union(types)
    return None if isinstance(t, NeverType) else {key: t}


def _len_arg(e: ast.expr) -> ast.expr | None:
    if isinstance(e, ast.NamedExpr):
        e = e.value
    if (
        isinstance(e, ast.Call)
        and isinstance(e.func, ast.Name)
        and e.func.id == "len"
        and len(e.args) == 1
        and not e.keywords
    ):
        return e.args[0]
    return None


def _int_value(e: ast.expr) -> int | None:
    if isinstance(e, ast.Constant) and type(e.value) is int:
        return e.value
    return None


def _narrowable(nar: NarrowingContext, t: Type) -> bool:
    """Tuples whose length says something: fixed-length ones and plain ``tuple[T, ...]``."""
    if isinstance(t, TupleType):
        found = nar.chk.members.find_member(t.fallback.fullname, "__len__")
        return found is None or found[1] == "builtins.tuple"
    return isinstance(t, Instance) and t.fullname == "builtins.tuple" and len(t.args) == 1
