"""Type variables of signatures: which ones a callable binds, and renaming their templates."""

from __future__ import annotations

from dataclasses import replace

from tycheck.types.model import (
    CallableType,
    Instance,
    TupleType,
    Type,
    TypeAliasType,
    TypeType,
    TypeVarType,
    UnionType,
    make_union,
)


def _collect_tvs(t: Type, out: list[TypeVarType]) -> None:
    if isinstance(t, TypeVarType):
        if t not in out and all(o.fullname != t.fullname for o in out):
            out.append(t)
    elif isinstance(t, (Instance, TypeAliasType)):
        for a in t.args:
            _collect_tvs(a, out)
    elif isinstance(t, (UnionType, TupleType)):
        for a in t.items:
            _collect_tvs(a, out)
    elif isinstance(t, CallableType):
        for a in t.arg_types:
            _collect_tvs(a, out)
        _collect_tvs(t.ret_type, out)
        for g in (t.type_guard, t.type_is):
            if g is not None:
                _collect_tvs(g, out)
    elif isinstance(t, TypeType):
        _collect_tvs(t.item, out)


def bind_free_tvars(c: CallableType) -> CallableType:
    """``c`` generic in the type variables no enclosing scope binds (templates, id 0)."""
    found: list[TypeVarType] = []
    _collect_tvs(c, found)
    free: list[TypeVarType] = []
    for tv in found:
        if tv.id == 0 and all(f.fullname != tv.fullname for f in free):
            free.append(tv)
    if not free:
        return c
    # Templates all have id 0, so they are told apart by name.
    by_name = {tv.fullname: replace(tv, id=-(i + 1)) for i, tv in enumerate(free)}
    bound = _rename_templates(c, by_name)
    assert isinstance(bound, CallableType)
    return replace(bound, variables=tuple(by_name.values()))


def _rename_templates(t: Type, by_name: dict[str, TypeVarType]) -> Type:
    if isinstance(t, TypeVarType):
        return by_name.get(t.fullname, t) if t.id == 0 else t
    if isinstance(t, TypeAliasType):
        return TypeAliasType(
            t.fullname, tuple(_rename_templates(a, by_name) for a in t.args), t.cell
        )
    if isinstance(t, Instance):
        return (
            Instance(
                t.fullname, tuple(_rename_templates(a, by_name) for a in t.args), t.last_known_value
            )
            if t.args
            else t
        )
    if isinstance(t, UnionType):
        return make_union([_rename_templates(i, by_name) for i in t.items])
    if isinstance(t, TupleType):
        return TupleType(tuple(_rename_templates(i, by_name) for i in t.items), t.fallback)
    if isinstance(t, TypeType):
        return TypeType(_rename_templates(t.item, by_name))
    if isinstance(t, CallableType):
        return replace(
            t,
            arg_types=tuple(_rename_templates(a, by_name) for a in t.arg_types),
            ret_type=_rename_templates(t.ret_type, by_name),
            type_guard=_rename_templates(t.type_guard, by_name)
            if t.type_guard is not None
            else None,
            type_is=_rename_templates(t.type_is, by_name) if t.type_is is not None else None,
        )
    return t


def _bind_return_callable_tvars(
    ret: Type, arg_types: list[Type], variables: tuple[TypeVarType, ...]
) -> tuple[Type, tuple[TypeVarType, ...]]:
    """A function variable that only the returned ``Callable`` mentions belongs to that
    callable: ``def f() -> Callable[[T], T]`` returns a generic function."""
    if not isinstance(ret, CallableType) or not variables:
        return ret, variables
    in_args: list[TypeVarType] = []
    for t in arg_types:
        _collect_tvs(t, in_args)
    in_ret: list[TypeVarType] = []
    _collect_tvs(ret, in_ret)
    arg_ids = {tv.id for tv in in_args}
    moved = [tv for tv in variables if tv.id not in arg_ids and any(r.id == tv.id for r in in_ret)]
    if not moved:
        return ret, variables
    ret = replace(ret, variables=ret.variables + tuple(moved))
    return ret, tuple(tv for tv in variables if tv not in moved)
