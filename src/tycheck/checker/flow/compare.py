"""Narrowing by comparisons: ``x is None``, ``x == literal``, ``x is y``, ``x in container``.

The ``Narrower`` (``narrow.py``) handles ``len(x)`` and ``type(x)`` comparisons itself and
hands every other comparison of two operands here. Each function returns the (true branch,
false branch) maps; ``None`` for a map means that branch cannot be taken.
"""

from __future__ import annotations

import ast

from tycheck.checker.declare.typeddict import typeddict_in_split
from tycheck.checker.flow.binder import NarrowingContext, ref_key
from tycheck.checker.flow.equality import (
    eq_yes,
    identity_yes,
    in_maps,
    not_none_if_equal,
    singleton_maps,
    value_equality,
)
from tycheck.types.model import (
    AnyType,
    Instance,
    LiteralType,
    NeverType,
    NoneType,
    TypedDictType,
    Type,
    TypeVarType,
    make_union,
    union_items,
)

Maps = tuple["dict[str, Type] | None", "dict[str, Type] | None"]


def walrus_target(e: ast.expr) -> ast.expr:
    """The name an operand binds when it is ``(x := value)``: a test of it narrows ``x``.

    The walrus has already been evaluated (the condition is inferred before it is narrowed),
    so the name holds the value and is read like any other reference.
    """
    return e.target if isinstance(e, ast.NamedExpr) else e


def compare_maps(nar: NarrowingContext, left: ast.expr, op: ast.cmpop, right: ast.expr) -> Maps:
    """The maps of ``left op right`` for the operators this module handles."""
    if isinstance(op, (ast.Is, ast.IsNot, ast.Eq, ast.NotEq)):
        negate = isinstance(op, (ast.IsNot, ast.NotEq))
        identity = isinstance(op, (ast.Is, ast.IsNot))
        for operand, other in ((left, right), (right, left)):
            target = walrus_target(operand)
            key = ref_key(target)
            if key is None:
                continue
            if isinstance(other, ast.Constant) and other.value is None:
                current = nar.current(target)
                if current is None:
                    return {}, {}
                yes, no = none_split(current)
                if not identity:
                    # == None may be true for objects defining __eq__: keep the rest.
                    yes = make_union(
                        [x for x in union_items(current) if not isinstance(x, NoneType) and False]
                        + (
                            [NoneType()]
                            if any(isinstance(x, (NoneType, AnyType)) for x in union_items(current))
                            or True
                            else []
                        )
                    )
                ym = {key: yes} if not isinstance(yes, NeverType) else None
                nm = {key: no} if not isinstance(no, NeverType) else None
                return (nm, ym) if negate else (ym, nm)
            current = nar.current(target)
            single = singleton_maps(nar, key, current, other) if current else None
            if single is not None:
                return (single[1], single[0]) if negate else single
            other_t = literal_of(nar, other)
            if other_t is not None:
                current = nar.current(target)
                if current is None:
                    return {}, {}
                if not identity and value_equality(nar, current, other_t):
                    # ``x == "a"`` with a plain ``str``: ``x`` stays ``str`` (mypy
                    # compares literals as literals only when ``x`` has some).
                    kept = eq_yes(
                        nar, current, Instance(other_t.fallback.fullname, (), other_t), False
                    )
                    ym = {key: kept} if kept is not None else None
                    return ({}, ym) if negate else (ym, {})
                ym, nm = literal_split(nar, key, current, other_t, identity)
                return (nm, ym) if negate else (ym, nm)
        if identity:
            got = identity_yes(nar, walrus_target(left), right)
            got.update(identity_yes(nar, walrus_target(right), left))
            return ({}, got) if negate else (got, {})
        if not identity:
            for operand, other in ((left, right), (right, left)):
                got = not_none_if_equal(nar, walrus_target(operand), other)
                if got is not None:
                    return ({}, got) if negate else (got, {})
        return {}, {}
    if (
        isinstance(op, (ast.In, ast.NotIn))
        and isinstance(left, ast.Constant)
        and isinstance(left.value, str)
    ):
        rkey = ref_key(right)
        container = nar.current(right) if rkey is not None else None
        if (
            rkey is not None
            and container is not None
            and any(isinstance(i, TypedDictType) for i in union_items(container))
        ):
            yes_t, no_t = typeddict_in_split(nar.chk.p, left.value, container)
            ym = {rkey: yes_t} if not isinstance(yes_t, NeverType) else None
            nm = {rkey: no_t} if not isinstance(no_t, NeverType) else None
            return (ym, nm) if isinstance(op, ast.In) else (nm, ym)
    if isinstance(op, (ast.In, ast.NotIn)):
        left = walrus_target(left)
        key = ref_key(left)
        if key is None:
            return {}, {}
        current = nar.current(left)
        if current is None:
            return {}, {}
        ym, nm = in_maps(nar, key, current, right)
        return (ym, nm) if isinstance(op, ast.In) else (nm, ym)
    return {}, {}


def literal_of(nar: NarrowingContext, e: ast.expr) -> Type | None:
    if isinstance(e, ast.Constant) and isinstance(e.value, (bool,)):
        return LiteralType(e.value, Instance("builtins.bool"))
    if (
        isinstance(e, ast.Constant)
        and isinstance(e.value, (int, str, bytes))
        and not isinstance(e.value, bool)
    ):
        fb = {int: "builtins.int", str: "builtins.str", bytes: "builtins.bytes"}[type(e.value)]
        return LiteralType(e.value, Instance(fb))
    if isinstance(e, ast.Attribute):
        with nar.chk.quiet():
            t = nar.chk.infer(e)
        if isinstance(t, Instance) and t.last_known_value is not None:
            info = nar.chk.p.class_info(t.fullname)
            if info is not None and info.is_enum:
                return t.last_known_value
    return None


def literal_split(
    nar: NarrowingContext, key: str, current: Type, lit: LiteralType, identity: bool
) -> tuple[dict[str, Type] | None, dict[str, Type] | None]:
    yes: list[Type] = []
    no: list[Type] = []
    for item in union_items(current):
        il = (
            item
            if isinstance(item, LiteralType)
            else (item.last_known_value if isinstance(item, Instance) else None)
        )
        if il is not None:
            if il == lit:
                yes.append(item)
            else:
                no.append(item)
            continue
        if isinstance(item, Instance) and item.fullname == lit.fallback.fullname:
            info = nar.chk.p.class_info(item.fullname)
            if info is not None and info.is_enum:
                yes.append(lit)
                rest = nar.enum_members(item.fullname)
                if rest:
                    no.extend(LiteralType(m, item) for m in rest if m != lit.value)
                else:
                    no.append(item)
                continue
            if item.fullname == "builtins.bool":
                yes.append(lit)
                no.append(LiteralType(not lit.value, item))
                continue
            yes.append(lit)
            no.append(item)
            continue
        if isinstance(item, NoneType):
            no.append(item)
            continue
        yes.append(item)
        no.append(item)
    return ({key: make_union(yes)} if yes else None), ({key: make_union(no)} if no else None)


def none_split(t: Type) -> tuple[Type, Type]:
    yes: list[Type] = []
    no: list[Type] = []
    for item in union_items(t):
        if isinstance(item, NoneType):
            yes.append(item)
        elif isinstance(item, AnyType):
            yes.append(NoneType())
            no.append(item)
        elif isinstance(item, TypeVarType) or (
            isinstance(item, Instance) and item.fullname == "builtins.object"
        ):
            yes.append(NoneType())
            no.append(item)
        else:
            no.append(item)
    return (make_union(yes) if yes else NeverType()), (make_union(no) if no else NeverType())
