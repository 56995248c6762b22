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

from tycheck.checker.core.actuals import Actual
from tycheck.checker.flow.binder import ref_key
from tycheck.checker.core import messages as msg
from tycheck.types.model import (
    NAMED,
    POS,
    STAR,
    STAR2,
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    NoneType,
    Overloaded,
    Type,
    TypeType,
    TypeVarType,
    make_union,
    union_items,
)
from tycheck.errors import codes
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator
    from tycheck.checker.core.evaluator import Narrowing as Narrower


def guard_call_maps(
    nw: "Narrower", e: ast.Call
) -> "tuple[dict[str, Type] | None, dict[str, Type] | None] | None":
    """The narrowing maps of ``e`` when its callee is a type guard; None when it is not."""
    if not isinstance(e.func, (ast.Name, ast.Attribute, ast.Call, ast.Subscript)):
        return None
    callee = _guard_callee(nw, _quiet_infer(nw, e.func), e, 0)
    if callee is None:
        return None
    target = _guarded_argument(callee, e)
    if isinstance(target, ast.NamedExpr):
        target = target.target  # ``f(x := a)`` narrows ``x``
    if target is None:
        if e.args or e.keywords:
            # Only ``*args``/``**kwargs`` (or unrelated keywords): mypy does not follow them.
            nw.chk.fail(
                e, Message(msg.guard_call_needs_positional(callee.type_guard is None), codes.MISC)
            )
        return {}, {}
    key = ref_key(target)
    if key is None:
        return {}, {}
    guard = _solved_guard(nw, callee, e)
    if guard is None:
        return {}, {}
    current = nw.current(target)
    if callee.type_guard is not None:
        if current is not None and _already_narrower(nw, current, guard):
            return {key: current}, {}
        nw.guard_forced.add((key, guard))
        return {key: guard}, {}
    if current is None:
        return {}, {}
    return narrow_type_is(nw, key, current, guard)


def narrow_type_is(
    nw: "Narrower", key: str, current: Type, guard: Type
) -> "tuple[dict[str, Type] | None, dict[str, Type] | None]":
    """Both branches of a ``TypeIs[guard]`` call: like ``isinstance``, but with full types, so
    ``list[str]`` is not a ``Sequence[int]`` and a type variable item meets the guard."""
    rel = nw.rel
    yes: list[Type] = []
    no: list[Type] = []
    for item in union_items(current):
        if isinstance(item, AnyType):
            yes.append(guard)
            no.append(item)
            continue
        type_items = [w for w in union_items(guard) if isinstance(w, TypeType)]
        if isinstance(item, Instance) and item.fullname == "builtins.type" and type_items:
            # A bare ``type`` counts as ``type[Any]`` for subtyping, but is narrowed here.
            yes.extend(type_items)
            no.append(item)
            continue
        if rel.is_subtype(item, guard):
            yes.append(item)
            continue
        no.append(item)
        for w in union_items(guard):
            if isinstance(item, TypeVarType):
                if not isinstance(w, TypeVarType) and rel.is_subtype(w, item.upper_bound):
                    yes.append(w)
                elif w == item:
                    yes.append(item)
            elif rel.is_subtype(w, item):
                yes.append(w)
            elif isinstance(item, Instance) and isinstance(w, Instance):
                if _may_overlap(nw, item, w):
                    yes.append(w)
            elif not isinstance(item, _SIMPLE) or not isinstance(w, _SIMPLE):
                # Tuples, callables and the like: overlap is not worked out, so assume it.
                yes.append(w)
    return ({key: make_union(yes)} if yes else None), ({key: make_union(no)} if no else None)


_SIMPLE = (Instance, NoneType, LiteralType)


def _may_overlap(nw: "Narrower", a: Instance, b: Instance) -> bool:
    """Could a value be both an ``a`` and a ``b`` (neither a subtype of the other)? Related
    classes with conflicting arguments cannot; unrelated built-in classes are taken not to."""
    rel = nw.rel
    if a.fullname in rel.mro(b.fullname) or b.fullname in rel.mro(a.fullname):
        return False
    if _is_builtin_class(a.fullname) and _is_builtin_class(b.fullname):
        return False
    return nw.overlap_possible(a, b)


def _is_builtin_class(fullname: str) -> bool:
    return fullname.split(".", 1)[0] in (
        "builtins",
        "typing",
        "collections",
        "_collections_abc",
        "typing_extensions",
    )


def _already_narrower(nw: "Narrower", current: Type, guard: Type) -> bool:
    """A TypeGuard replaces the type, unless the value's type is already a subtype of the
    guard type (with no ``Any`` in it, which would make anything a subtype)."""
    from tycheck.types.subst import contains_any

    if contains_any(current) or not nw.rel.is_subtype(current, guard):
        return False
    # Promotions (int to float) do not count: ``TypeGuard[float]`` makes an int a float.
    names = {i.fullname for i in union_items(current) if isinstance(i, Instance)}
    targets = {i.fullname for i in union_items(guard) if isinstance(i, Instance)}
    return not any((a, b) in _PROMOTIONS for a in names for b in targets)


_PROMOTIONS = {
    ("builtins.int", "builtins.float"),
    ("builtins.int", "builtins.complex"),
    ("builtins.float", "builtins.complex"),
    ("builtins.bytearray", "builtins.bytes"),
    ("builtins.memoryview", "builtins.bytes"),
}


def _guard_callee(nw: "Narrower", t: Type, e: ast.Call, depth: int) -> CallableType | None:
    """The signature with a guard that this call goes through: the callee itself, an
    object's ``__call__``, or the overload item the arguments match."""
    if isinstance(t, CallableType):
        return t if t.type_guard is not None or t.type_is is not None else None
    if isinstance(t, Instance) and depth < 2:
        call = nw.chk.member_access_one(t, "__call__", e, report=False)
        return _guard_callee(nw, call, e, depth + 1) if call is not None else None
    if isinstance(t, Overloaded) and any(
        i.type_guard is not None or i.type_is is not None for i in t.items
    ):
        actuals = _actuals(e)
        for a in actuals:
            if a.node is not None:
                a.type = _quiet_infer(nw, a.node)
        with nw.chk.quiet():
            for item in t.items:
                if nw.chk.calls.matches(item, actuals):
                    return item if item.type_guard is not None or item.type_is is not None else None
    return None


def _actuals(e: ast.Call) -> "list[Actual]":
    actuals = [
        Actual(
            a.value if isinstance(a, ast.Starred) else a,
            STAR if isinstance(a, ast.Starred) else POS,
            None,
        )
        for a in e.args
    ]
    actuals += [Actual(k.value, STAR2 if k.arg is None else NAMED, k.arg) for k in e.keywords]
    return actuals


def _quiet_infer(nw: "Narrower", e: ast.expr) -> Type:
    chk = nw.chk
    with chk.quiet():
        return chk.infer(e)


def _guarded_argument(callee: CallableType, e: ast.Call) -> ast.expr | None:
    """The argument the guard speaks about: the one filling the first parameter (a bound
    method's first explicit one), given by position or by keyword."""
    if e.args and not isinstance(e.args[0], ast.Starred):
        return e.args[0]
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
    actuals = _actuals(e)
    as_ret = replace(callee, ret_type=guard, type_guard=None, type_is=None)
    chk = nw.chk
    with chk.quiet():
        return chk.calls.call_callable(as_ret, actuals, e, None, None, None, report=False)


def check_guard_definition(
    chk: "Evaluator",
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    sig: CallableType,
    in_class: bool,
) -> None:
    """Definition errors of a guard function: it needs a required positional parameter
    (after ``self``/``cls``), and a ``TypeIs`` type must be a subtype of that parameter's type."""
    if node.returns is not None:
        _check_guard_annotation(chk, node)
    if sig.type_guard is None and sig.type_is is None:
        return
    is_static = any(_decorator_is(d, "staticmethod") for d in node.decorator_list)
    skip = 1 if in_class and not is_static else 0
    if POS not in sig.arg_kinds[skip:]:
        chk.fail(
            node, Message(msg.guard_needs_positional(sig.type_guard is None), codes.VALID_TYPE)
        )
        return
    if sig.type_is is not None and skip < len(sig.arg_types):
        param = sig.arg_types[skip]
        if not chk.p.relations.is_subtype(sig.type_is, param):
            chk.fail(
                node,
                Message(
                    msg.narrowed_not_subtype(sig.type_is, param), codes.NARROWED_TYPE_NOT_SUBTYPE
                ),
            )


def _decorator_is(d: ast.expr, name: str) -> bool:
    return (
        isinstance(d, ast.Name) and d.id == name or isinstance(d, ast.Attribute) and d.attr == name
    )


def _check_guard_annotation(chk: "Evaluator", node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
    """A malformed ``-> TypeGuard`` / ``-> TypeIs[...]`` return annotation."""
    from tycheck.checker.declare.names import parse_type_string, special_name

    r = node.returns
    if isinstance(r, ast.Constant) and isinstance(r.value, str):
        r = parse_type_string(r.value, node.lineno)
    if r is None:
        return
    head = r.value if isinstance(r, ast.Subscript) else r
    if not isinstance(head, (ast.Name, ast.Attribute)):
        return
    sym = chk.lookup_symbol_expr(head)
    special = special_name(sym.fullname) if sym is not None else None
    if special not in ("TypeGuard", "TypeIs"):
        return
    if (
        not isinstance(r, ast.Subscript)
        or isinstance(r.slice, ast.Tuple)
        and len(r.slice.elts) != 1
    ):
        chk.fail(node, Message(f"{special} must have exactly one type argument", codes.VALID_TYPE))
    elif isinstance(r.slice, ast.Constant) and type(r.slice.value) is int:
        chk.fail(
            node,
            Message(f"Invalid type: try using Literal[{r.slice.value}] instead?", codes.VALID_TYPE),
        )
