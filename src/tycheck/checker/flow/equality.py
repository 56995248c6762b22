"""Narrowing by ``x in container``: each possible item is a target of ``x == item``.

When the container's items are known one by one (a tuple type, or a list, set or dict
display), the if branch is the union of what ``x == item`` allows for each item; the else
branch loses only the items that are single values (``None``, an enum member). Otherwise
a built-in container's item type narrows the if branch alone (the container may be empty).

``x == item`` keeps the members of ``x``'s type that may equal the item: a member that is a
subtype of the item's type stays, a wider member becomes the item's type, and members that
cannot overlap it go. Literal values are compared as literals only when ``x`` has literal
types itself (or the item is an enum member), as mypy does.
"""

from __future__ import annotations

import ast

from tycheck.checker.flow.binder import NarrowingContext, ref_key
from tycheck.types.model import (
    AnyType,
    Instance,
    LiteralType,
    NeverType,
    NoneType,
    PartialType,
    TupleType,
    Type,
    TypeVarType,
    UnionType,
    make_union,
    union_items,
)

Maps = tuple["dict[str, Type] | None", "dict[str, Type] | None"]

# Containers whose ``__contains__`` is known to compare items with ``==``.
BUILTIN_CONTAINERS = frozenset(
    {
        "builtins.list",
        "builtins.tuple",
        "builtins.dict",
        "builtins.frozendict",
        "builtins.set",
        "builtins.frozenset",
        "_collections_abc.dict_keys",
        "typing.KeysView",
    }
)
# Numbers compare equal across these classes: no nominal narrowing between them.
NUMERIC = frozenset({"builtins.bool", "builtins.int", "builtins.float", "builtins.complex"})
BYTES = frozenset({"builtins.bytes", "builtins.bytearray", "builtins.memoryview"})


def in_maps(nar: NarrowingContext, key: str, current: Type, container: ast.expr) -> Maps:
    """The maps of ``x in container`` for ``x`` (reference ``key``) of type ``current``."""
    chk = nar.chk
    items = known_items(nar, container)
    literal_like = _literal_like(current)
    if items is not None:
        if not items:
            return {}, {}
        yes_types: list[Type] = []
        singletons: list[Type] = []
        for item in items:
            if _is_enum_value(nar, item):
                item = _coerce(nar, item)
            target = _coerce(nar, item) if literal_like else item
            got = eq_yes(nar, current, target, expand=literal_like)
            if got is not None:
                yes_types.append(got)
            if isinstance(item, NoneType) or (
                isinstance(item, LiteralType)
                and _is_enum_fallback(nar, item)
                and not custom_eq(nar, item)
            ):
                singletons.append(item)
        yes = {key: make_union(yes_types)} if yes_types else None
        no: dict[str, Type] | None = {}
        if singletons:
            rest = [
                m
                for m in union_items(
                    _expand(nar, current, any(isinstance(s, LiteralType) for s in singletons))
                )
                if m not in singletons
            ]
            no = {key: make_union(rest)} if rest else None
        return yes, no
    with chk.quiet():
        cont = chk.infer(container)
    item_t = builtin_item_type(cont)
    if item_t is None:
        return {}, {}
    target = _coerce(nar, item_t) if literal_like else item_t
    got = eq_yes(nar, current, target, expand=literal_like)
    return ({key: got} if got is not None else None), {}


# Classes with one value, compared by identity (``x is ...``, ``x is NotImplemented``).
SINGLETON_CLASSES = frozenset(
    {
        "builtins.ellipsis",
        "types.EllipsisType",
        "builtins._NotImplementedType",
        "types.NotImplementedType",
    }
)


def singleton_maps(nar: NarrowingContext, key: str, current: Type, other: ast.expr) -> Maps | None:
    """``x is ...`` (or ``==``): the single value's class in one branch, the rest in the other."""
    if not (
        isinstance(other, (ast.Name, ast.Attribute))
        or (isinstance(other, ast.Constant) and other.value is Ellipsis)
    ):
        return None
    if isinstance(other, ast.Constant):
        # ``...`` is typeshed's ``Ellipsis: EllipsisType`` (Python 3.10 on).
        target: Type = Instance("types.EllipsisType")
        if nar.chk.p.class_info(target.fullname) is None:  # type: ignore[union-attr]
            return None
    else:
        with nar.chk.quiet():
            target = nar.chk.infer(other)
    if not (isinstance(target, Instance) and target.fullname in SINGLETON_CLASSES):
        return None
    yes: list[Type] = []
    no: list[Type] = []
    for m in union_items(current):
        if isinstance(m, AnyType):
            yes.append(target)
            no.append(m)
        elif nar.rel.is_subtype(m, target):
            yes.append(m)
        elif nar.rel.is_subtype(target, m):
            yes.append(target)
            no.append(m)
        else:
            no.append(m)
    return (
        {key: make_union(yes)} if yes else None,
        {key: make_union(no)} if no else None,
    )


def not_none_if_equal(
    nar: NarrowingContext, operand: ast.expr, other: ast.expr
) -> dict[str, Type] | None:
    """``x == y`` where ``y`` is never None: ``x`` is not None either where it holds."""
    key = ref_key(operand)
    if key is None:
        return None
    current = nar.current(operand)
    if current is None or not any(isinstance(m, NoneType) for m in union_items(current)):
        return None
    with nar.chk.quiet():
        other_t = nar.chk.infer(other)
    for m in union_items(other_t):
        if not isinstance(m, (Instance, LiteralType, TupleType)):
            return None  # None, Any, a type variable, a callable...: it may be None
        if isinstance(m, Instance) and m.fullname == "builtins.object":
            return None
    rest = [m for m in union_items(current) if not isinstance(m, NoneType)]
    # When no value can be equal, mypy does not narrow at all (the branch is not unreachable).
    if not any(
        _ambiguous(m, o) or not _disjoint(nar, m, o) for m in rest for o in union_items(other_t)
    ):
        return None
    return {key: make_union(rest)} if rest else None


def value_equality(nar: NarrowingContext, current: Type, lit: LiteralType) -> bool:
    """``x == lit`` narrows by the value's class, not as a literal (``x`` has no literals)."""
    return not _literal_like(current) and not _is_enum_fallback(nar, lit)


def known_items(nar: NarrowingContext, container: ast.expr) -> list[Type] | None:
    """The types of a container's items one by one, when they are all known."""
    chk = nar.chk
    if isinstance(container, ast.NamedExpr):
        container = container.value
    exprs: list[ast.expr] | None = None
    if isinstance(container, (ast.List, ast.Set)):
        exprs = list(container.elts)
    elif isinstance(container, ast.Dict):
        if any(k is None for k in container.keys):
            return None
        exprs = [k for k in container.keys if k is not None]
    if exprs is not None:
        if any(isinstance(e, ast.Starred) for e in exprs):
            return None
        with chk.quiet():
            return [chk.infer(e) for e in exprs]
    with chk.quiet():
        t = chk.infer(container)
    if isinstance(t, TupleType):
        return list(t.items)
    return None


def builtin_item_type(t: Type) -> Type | None:
    if isinstance(t, Instance):
        if t.fullname in BUILTIN_CONTAINERS and t.args and not isinstance(t.args[0], AnyType):
            return t.args[0]
        return None
    if isinstance(t, TupleType):
        if t.items and not any(isinstance(i, AnyType) for i in t.items):
            return make_union(list(t.items))
    return None


def eq_yes(nar: NarrowingContext, current: Type, target: Type, expand: bool) -> Type | None:
    """What ``x == target`` leaves of ``x: current``; None when nothing can be equal."""
    rel = nar.rel
    if custom_eq(nar, target):
        # An ``__eq__`` of its own may equal anything, except (mypy assumes) None.
        rest = [m for m in union_items(current) if not isinstance(m, NoneType)]
        return make_union(rest) if rest else None
    kept: list[Type] = []
    for m in union_items(_expand(nar, current, expand)):
        if isinstance(m, (AnyType, TypeVarType)) or isinstance(target, AnyType):
            kept.append(m)
        elif custom_eq(nar, m):
            kept.append(m)
        elif rel.is_subtype(m, target):
            kept.append(m)
        elif rel.is_subtype(target, m):
            kept.append(target)
        elif _ambiguous(m, target) or not _disjoint(nar, m, target):
            kept.append(m)
    return make_union(kept) if kept else None


def custom_eq(nar: NarrowingContext, t: Type) -> bool:
    """A class that defines ``__eq__`` or ``__ne__`` itself (not one of the built-in classes)."""
    name = _fallback_name(t)
    if name is None:
        return False
    for method in ("__eq__", "__ne__"):
        found = nar.chk.members.find_member(name, method)
        if found is not None and not found[1].startswith("builtins."):
            return True
    return False


def _disjoint(nar: NarrowingContext, a: Type, b: Type) -> bool:
    """Values of ``a`` can never equal values of ``b`` (the cases worth narrowing away)."""
    if isinstance(a, NoneType) or isinstance(b, NoneType):
        return True
    if isinstance(a, LiteralType) and isinstance(b, LiteralType):
        return a != b
    return not nar.rel.is_overlapping(a, b)


def _ambiguous(a: Type, b: Type) -> bool:
    names = {_fallback_name(a), _fallback_name(b)}
    if None in names or len(names) < 2:
        return False
    return names <= NUMERIC or names <= BYTES


def _fallback_name(t: Type) -> str | None:
    if isinstance(t, LiteralType):
        return t.fallback.fullname
    if isinstance(t, Instance):
        return t.fullname
    return None


def _literal_like(t: Type) -> bool:
    return any(isinstance(i, LiteralType) for i in union_items(t))


def _coerce(nar: NarrowingContext, t: Type) -> Type:
    if isinstance(t, UnionType):
        return make_union([_coerce(nar, i) for i in t.items])
    if isinstance(t, Instance) and t.last_known_value is not None:
        return t.last_known_value
    return t


def _is_enum_value(nar: NarrowingContext, t: Type) -> bool:
    if isinstance(t, Instance) and t.last_known_value is not None:
        info = nar.chk.p.class_info(t.fullname)
        return info is not None and info.is_enum
    return False


def _is_enum_fallback(nar: NarrowingContext, t: LiteralType) -> bool:
    info = nar.chk.p.class_info(t.fallback.fullname)
    return info is not None and info.is_enum


def _expand(nar: NarrowingContext, t: Type, literals: bool) -> Type:
    """``bool`` and enum classes as the unions of their values, when literals are compared."""
    if not literals:
        return t
    out: list[Type] = []
    for m in union_items(t):
        if isinstance(m, Instance) and m.fullname == "builtins.bool":
            out += [LiteralType(True, m), LiteralType(False, m)]
            continue
        if isinstance(m, Instance) and m.last_known_value is None:
            info = nar.chk.p.class_info(m.fullname)
            members = nar.enum_members(m.fullname) if info is not None and info.is_enum else []
            if members:
                out += [LiteralType(v, m) for v in members]
                continue
        out.append(m)
    return make_union(out) if out else NeverType()


def identity_yes(nar: NarrowingContext, operand: ast.expr, other: ast.expr) -> dict[str, Type]:
    """``x is y`` where ``y`` is no single value: where it holds, ``x`` is what its type has in
    common with ``y``'s. Nothing in common narrows nothing (mypy leaves the branch reachable)."""
    key = ref_key(operand)
    current = nar.current(operand) if key is not None else None
    if key is None or current is None:
        return {}
    with nar.chk.quiet():
        target = nar.chk.infer(other)
    if isinstance(target, (AnyType, NeverType)) or isinstance(target, PartialType):
        return {}
    kept: list[Type] = []
    for m in union_items(current):
        for t in union_items(target):
            if isinstance(m, (AnyType, TypeVarType)) or isinstance(t, AnyType):
                kept.append(m)
            elif nar.rel.is_subtype(m, t):
                kept.append(m)
            elif nar.rel.is_subtype(t, m):
                kept.append(t)
            elif not _disjoint(nar, m, t):
                kept.append(m)
    return {key: make_union(kept)} if kept else {}
