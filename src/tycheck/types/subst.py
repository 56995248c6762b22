"""Substitution of type variables, and small traversals over types."""

from __future__ import annotations

from typing import Callable, Mapping

from tycheck.types.model import (
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    Overloaded,
    TupleType,
    Type,
    TypeAliasType,
    TypedDictType,
    TypeType,
    TypeVarType,
    UnionType,
    make_union,
)


def expand(t: Type, mapping: Mapping[int | str, Type]) -> Type:
    """Replace type variables (keyed by id, or by full name for class variables) in ``t``."""
    if not mapping:
        return t
    return _expand(t, mapping)


def expand_alias(t: TypeAliasType) -> Type:
    """The target of a recursive alias reference, its arguments put in (one level: references
    inside stay references). ``Any`` while the alias is not known yet."""
    cell = t.cell
    if cell is None or cell.target is None:
        return AnyType("special")
    params = cell.params
    if not params:
        return cell.target
    mapping: dict[int | str, Type] = {
        (tv.fullname if tv.id == 0 else tv.id): (
            t.args[i] if i < len(t.args) else AnyType("omitted")
        )
        for i, tv in enumerate(params)
    }
    return _expand(cell.target, mapping)


def proper(t: Type) -> Type:
    """``t`` with recursive alias references at its top expanded (never a reference)."""
    for _ in range(20):
        if not isinstance(t, TypeAliasType):
            return t
        t = expand_alias(t)
    # An alias that only names itself (``A = A``) stands for nothing known.
    return AnyType("special") if isinstance(t, TypeAliasType) else t


def proper_items(t: Type) -> Type:
    """``proper(t)``, and a union's members expanded too (an expected type's alternatives)."""
    t = proper(t)
    if isinstance(t, UnionType) and any(isinstance(i, TypeAliasType) for i in t.items):
        return make_union([proper(i) for i in t.items])
    return t


def _lookup(tv: TypeVarType, mapping: Mapping[int | str, Type]) -> Type | None:
    if tv.id in mapping:
        return mapping[tv.id]
    if tv.fullname in mapping:
        return mapping[tv.fullname]
    return None


def _expand(t: Type, m: Mapping[int | str, Type]) -> Type:
    if isinstance(t, TypeVarType):
        got = _lookup(t, m)
        if (
            got is None
            and t.id == 0
            and t.name == "Self"
            and isinstance(t.upper_bound, Instance)
            and t.upper_bound.args
        ):
            # ``Self`` is bounded by its generic class: the class's variables expand inside.
            return TypeVarType(
                t.name, t.fullname, t.id, _expand(t.upper_bound, m), t.values, t.variance, t.default
            )
        return t if got is None else got
    if isinstance(t, TypeAliasType):
        if not t.args:
            return t
        return TypeAliasType(t.fullname, tuple(_expand(a, m) for a in t.args), t.cell)
    if isinstance(t, Instance):
        if not t.args:
            return t
        return Instance(t.fullname, tuple(_expand(a, m) for a in t.args), t.last_known_value)
    if isinstance(t, UnionType):
        return make_union([_expand(i, m) for i in t.items])
    if isinstance(t, TupleType):
        return TupleType(tuple(_expand(i, m) for i in t.items), _expand_inst(t.fallback, m))
    if isinstance(t, TypedDictType):
        return TypedDictType(
            tuple((k, _expand(v, m)) for k, v in t.items),
            t.required,
            t.readonly,
            _expand_inst(t.fallback, m),
        )
    if isinstance(t, CallableType):
        return expand_callable(t, m)
    if isinstance(t, Overloaded):
        return Overloaded(tuple(expand_callable(i, m) for i in t.items))
    if isinstance(t, TypeType):
        item = _expand(t.item, m)
        if isinstance(item, UnionType):
            return make_union([TypeType(i) for i in item.items])
        return TypeType(item)
    return t


def _expand_inst(t: Instance, m: Mapping[int | str, Type]) -> Instance:
    r = _expand(t, m)
    return r if isinstance(r, Instance) else t


def expand_callable(t: CallableType, m: Mapping[int | str, Type]) -> CallableType:
    from dataclasses import replace

    return replace(
        t,
        arg_types=tuple(_expand(a, m) for a in t.arg_types),
        ret_type=_expand(t.ret_type, m),
        variables=tuple(v for v in t.variables if v.id not in m),
        type_guard=_expand(t.type_guard, m) if t.type_guard is not None else None,
        type_is=_expand(t.type_is, m) if t.type_is is not None else None,
    )


def has_type_vars(t: Type, pred: Callable[[TypeVarType], bool] | None = None) -> bool:
    """True if ``t`` mentions a type variable (matching ``pred`` when given)."""
    if isinstance(t, TypeVarType):
        return pred is None or pred(t)
    if isinstance(t, (Instance, TypeAliasType)):
        return any(has_type_vars(a, pred) for a in t.args)
    if isinstance(t, (UnionType,)):
        return any(has_type_vars(a, pred) for a in t.items)
    if isinstance(t, TupleType):
        return any(has_type_vars(a, pred) for a in t.items)
    if isinstance(t, TypedDictType):
        return any(has_type_vars(a, pred) for _, a in t.items)
    if isinstance(t, CallableType):
        guards = tuple(g for g in (t.type_guard, t.type_is) if g is not None)
        return any(has_type_vars(a, pred) for a in t.arg_types + guards) or has_type_vars(
            t.ret_type, pred
        )
    if isinstance(t, Overloaded):
        return any(has_type_vars(i, pred) for i in t.items)
    if isinstance(t, TypeType):
        return has_type_vars(t.item, pred)
    return False


def erase_type_vars(t: Type) -> Type:
    """Replace every type variable with Any."""
    return _erase(t)


def _erase(t: Type) -> Type:
    if isinstance(t, TypeVarType):
        return AnyType("special")
    if isinstance(t, Instance):
        return Instance(t.fullname, tuple(_erase(a) for a in t.args)) if t.args else t
    if isinstance(t, TypeAliasType):
        return TypeAliasType(t.fullname, tuple(_erase(a) for a in t.args), t.cell)
    if isinstance(t, UnionType):
        return make_union([_erase(i) for i in t.items])
    if isinstance(t, TupleType):
        return TupleType(tuple(_erase(i) for i in t.items), t.fallback)
    if isinstance(t, TypedDictType):
        return TypedDictType(
            tuple((k, _erase(v)) for k, v in t.items), t.required, t.readonly, t.fallback
        )
    if isinstance(t, TypeType):
        return TypeType(_erase(t.item))
    if isinstance(t, CallableType):
        from dataclasses import replace

        return replace(
            t,
            arg_types=tuple(_erase(a) for a in t.arg_types),
            ret_type=_erase(t.ret_type),
            variables=(),
            type_guard=_erase(t.type_guard) if t.type_guard is not None else None,
            type_is=_erase(t.type_is) if t.type_is is not None else None,
        )
    return t


def contains_any(t: Type) -> bool:
    if isinstance(t, AnyType):
        return True
    if isinstance(t, (Instance, TypeAliasType)):
        return any(contains_any(a) for a in t.args)
    if isinstance(t, (UnionType, TupleType)):
        return any(contains_any(a) for a in t.items)
    if isinstance(t, TypedDictType):
        return any(contains_any(a) for _, a in t.items)
    if isinstance(t, CallableType):
        return any(contains_any(a) for a in t.arg_types) or contains_any(t.ret_type)
    if isinstance(t, TypeType):
        return contains_any(t.item)
    if isinstance(t, LiteralType):
        return False
    return False
