"""Binding methods to their receiver: dropping ``self``, and solving self-typed variables.

A method read through an instance or a class loses its first parameter, and a type variable
that annotates ``self``/``cls`` is solved from the receiver (``def f(self: T) -> T``).
"""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import Callable

from tycheck.types.model import (
    AnyType,
    CallableType,
    Instance,
    Type,
    TypeType,
    TypeVarType,
)
from tycheck.semantic.symbols import Namespace, Symbol
from tycheck.types.subst import expand


def bind_first(c: CallableType) -> CallableType:
    return replace(
        c,
        arg_types=c.arg_types[1:],
        arg_kinds=c.arg_kinds[1:],
        arg_names=c.arg_names[1:],
        bound_self=True,
    )


def _expand_callable(c: CallableType, mapping: dict[int | str, Type]) -> CallableType:
    if not mapping:
        return c
    r = expand(c, mapping)
    assert isinstance(r, CallableType)
    return r


def _mentions(t: Type, v: TypeVarType) -> bool:
    from tycheck.types.subst import has_type_vars

    return has_type_vars(t, lambda x: x.id == v.id)


def _match_self(
    formal: Type,
    actual: Type,
    v: TypeVarType,
    upcast: "Callable[[Instance, str], Instance | None] | None" = None,
) -> Type:
    """What ``v`` stands for when ``self: formal`` receives ``actual``."""
    if isinstance(formal, TypeVarType) and formal.id == v.id:
        return actual
    if isinstance(formal, TypeType) and isinstance(actual, TypeType):
        return _match_self(formal.item, actual.item, v, upcast)
    if isinstance(formal, Instance) and isinstance(actual, Instance) and upcast is not None:
        # ``self: Base[Any, T]``: T is the receiver's argument at that position.
        mapped = upcast(actual, formal.fullname)
        if mapped is None or len(mapped.args) != len(formal.args):
            return AnyType("special")
        for f_arg, a_arg in zip(formal.args, mapped.args):
            if _mentions(f_arg, v):
                return _match_self(f_arg, a_arg, v, upcast)
        return AnyType("special")
    if isinstance(formal, TypeType) and isinstance(formal.item, TypeVarType):
        return actual.item if isinstance(actual, TypeType) else actual
    return actual


def self_typed_new(t: Type, node: ast.AST | None, owner: Instance) -> Type:
    """``__new__`` read as an attribute, with ``Self`` as a type variable of its own.

    Annotations read ``Self`` as the owner class, which is right for a bound method but
    not for ``object.__new__(Style)``, which returns a ``Style``. When the return
    annotation spells ``Self``, the owner in the first argument and the return type
    becomes a fresh type variable bounded by the owner, solved from the argument."""
    if (
        not isinstance(t, CallableType)
        or not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        or node.returns is None
    ):
        return t
    ret = node.returns
    spelled = (
        ret.value
        if isinstance(ret, ast.Constant) and isinstance(ret.value, str)
        else (ret.id if isinstance(ret, ast.Name) else getattr(ret, "attr", None))
    )
    if spelled != "Self" or not t.arg_types or t.ret_type != owner:
        return t
    tv = TypeVarType("Self", "Self", -(len(t.variables) + 1), owner)
    first: Type = TypeType(tv) if t.arg_types[0] == TypeType(owner) else t.arg_types[0]
    return replace(
        t, arg_types=(first,) + t.arg_types[1:], ret_type=tv, variables=t.variables + (tv,)
    )


def self_subst(t: Type, inst: Type) -> Type:
    """Replace the ``Self`` variables in ``t`` (a property's or attribute's type) by ``inst``."""
    from tycheck.types.subst import has_type_vars

    found: set[str] = set()

    def note(v: TypeVarType) -> bool:
        if v.id == 0 and v.name == "Self":
            found.add(v.fullname)
        return False

    has_type_vars(t, note)
    if not found:
        return t
    return expand(t, {name: inst for name in found})


def aliased_def(sym: Symbol, ns: Namespace | None) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The ``def`` of the class that ``c = a`` in its body names (None for other values)."""
    target = ns.names.get(sym.value.id) if ns and isinstance(sym.value, ast.Name) else None
    first = target.defs[0] if target is not None and target.defs else None
    return first if isinstance(first, (ast.FunctionDef, ast.AsyncFunctionDef)) else None
