"""Dataclasses: their fields and the ``__init__`` the decorator generates.

A class decorated with ``dataclasses.dataclass`` gets an ``__init__`` with one parameter per
field, collected along the MRO from the most basic dataclass down (a field redefined by a
subclass keeps its first position, as at runtime). ``field(init=False)`` leaves a field out,
``kw_only`` (decorator, ``field`` or a ``_: KW_ONLY`` marker) makes it keyword-only, and
``InitVar[T]`` is a parameter of type T that is not an attribute.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tycheck.checker.declare.names import special_name
from tycheck.types.model import NAMED, NAMED_OPT, OPT, POS, AnyType, CallableType, Instance, Type
from tycheck.types.subst import expand

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import MemberAccess as Members

DATACLASS_DECORATORS = ("dataclasses.dataclass",)
FIELD_FUNCTIONS = ("dataclasses.field",)


@dataclass(frozen=True)
class DataclassField:
    """One field as the generated ``__init__`` sees it."""

    name: str
    type: Type
    has_default: bool
    kw_only: bool
    init: bool


def _const_bool(e: ast.expr) -> bool | None:
    return e.value if isinstance(e, ast.Constant) and isinstance(e.value, bool) else None


def dataclass_options(members: "Members", fullname: str) -> dict[str, bool] | None:
    """The decorator's options (init, kw_only...) if the class is a dataclass, else None."""
    found = members.p.class_node(fullname)
    if found is None:
        return None
    _mod, node = found
    scope = members.ev.class_scope(fullname)
    if scope is None:
        return None
    for d in node.decorator_list:
        if members.ev._decorator_name(d, scope) not in DATACLASS_DECORATORS:
            continue
        opts = {"init": True, "kw_only": False}
        if isinstance(d, ast.Call):
            for kw in d.keywords:
                if kw.arg in opts:
                    v = _const_bool(kw.value)
                    if v is None:
                        return None  # computed options: we cannot know the signature
                    opts[kw.arg] = v
        return opts
    return None


def _field_call(members: "Members", value: ast.expr | None, scope) -> ast.Call | None:  # type: ignore[no-untyped-def]
    if isinstance(value, ast.Call) and isinstance(value.func, (ast.Name, ast.Attribute)):
        sym = members.ev.lookup_expr(value.func, scope)
        if sym is not None and sym.fullname in FIELD_FUNCTIONS:
            return value
    return None


def _is_special(members: "Members", ann: ast.expr, scope, names: tuple[str, ...]) -> bool:  # type: ignore[no-untyped-def]
    target = ann.value if isinstance(ann, ast.Subscript) else ann
    if isinstance(target, ast.Constant) and isinstance(target.value, str):
        return target.value.split("[")[0].split(".")[-1] in names
    if not isinstance(target, (ast.Name, ast.Attribute)):
        return False
    sym = members.ev.lookup_expr(target, scope)
    if sym is None:
        return False
    return (special_name(sym.fullname) or sym.fullname.rsplit(".", 1)[-1]) in names


def own_fields(
    members: "Members", fullname: str, kw_only_default: bool
) -> list[DataclassField] | None:
    """Fields declared in the class body itself, in order; None when we cannot tell."""
    found = members.p.class_node(fullname)
    scope = members.ev.class_scope(fullname)
    if found is None or scope is None:
        return None
    info = members.p.class_info(fullname)
    if info is not None:
        scope.typevars.update({tv.fullname: tv for tv in info.type_vars})
    out: list[DataclassField] = []
    kw_only = kw_only_default
    for stmt in found[1].body:
        if not isinstance(stmt, ast.AnnAssign) or not isinstance(stmt.target, ast.Name):
            continue
        if _is_special(members, stmt.annotation, scope, ("KW_ONLY",)):
            kw_only = True
            continue
        if _is_special(members, stmt.annotation, scope, ("ClassVar",)):
            continue
        call = _field_call(members, stmt.value, scope)
        has_default = stmt.value is not None
        init = True
        field_kw_only = kw_only
        if call is not None:
            has_default = any(
                k.arg in ("default", "default_factory", "factory") for k in call.keywords
            )
            for k in call.keywords:
                if k.arg == "init":
                    init = _const_bool(k.value) is not False
                elif k.arg == "kw_only":
                    v = _const_bool(k.value)
                    if v is None:
                        return None
                    field_kw_only = v
        t = members.ev.analyze(stmt.annotation, scope)
        if isinstance(t, Instance) and t.fullname == "dataclasses.InitVar":
            t = t.args[0] if t.args else AnyType("special")
        out.append(DataclassField(stmt.target.id, t, has_default, field_kw_only, init))
    return out


def all_fields(members: "Members", fullname: str) -> list[DataclassField] | None:
    """Fields of the dataclass and its dataclass bases, in ``__init__`` order."""
    info = members.p.class_info(fullname)
    if info is None:
        return None
    fields: dict[str, DataclassField] = {}
    self_inst = Instance(fullname, tuple(info.type_vars))
    for cls in reversed(info.mro):
        opts = dataclass_options(members, cls)
        if opts is None:
            continue
        own = own_fields(members, cls, opts["kw_only"])
        if own is None:
            return None
        mapped = (
            members.p.relations.map_to_supertype(self_inst, cls) if cls != fullname else self_inst
        )
        mapping = members.class_mapping(cls, mapped)
        for f in own:
            t = expand(f.type, mapping) if mapping else f.type
            fields[f.name] = DataclassField(f.name, t, f.has_default, f.kw_only, f.init)
    return list(fields.values())


def dataclass_init(members: "Members", fullname: str, inst: Instance) -> CallableType | None:
    """The generated constructor of a dataclass, or None if it has none we can build."""
    fields = all_fields(members, fullname)
    if fields is None:
        return None
    return generated_init(
        members,
        fullname,
        inst,
        [(f.name, f.type, f.has_default, f.kw_only) for f in fields if f.init],
    )


def generated_init(
    members: "Members", fullname: str, inst: Instance, params: "list[tuple[str, Type, bool, bool]]"
) -> CallableType:
    """A synthesized ``__init__`` (dataclasses, attrs) from its ``(name, type, has_default,
    kw_only)`` parameters in field order; keyword-only ones go last, whatever their order."""
    params = [p for p in params if not p[3]] + [p for p in params if p[3]]
    kinds = tuple(
        (NAMED_OPT if default else NAMED) if kw_only else (OPT if default else POS)
        for _, _, default, kw_only in params
    )
    info = members.p.class_info(fullname)
    return CallableType(
        tuple(t for _, t, _, _ in params),
        kinds,
        tuple(name for name, _, _, _ in params),
        inst,
        name=fullname.rsplit(".", 1)[-1],
        variables=info.type_vars if info else (),
        is_type_obj=True,
        type_obj_name=fullname,
    )


def dataclass_fields_member(members: "Members", inst: Instance, name: str) -> Type | None:
    """``__dataclass_fields__`` of a dataclass (or a subclass of one): ``dict[str, Field[Any]]``."""
    if name != "__dataclass_fields__":
        return None
    info = members.p.class_info(inst.fullname)
    if info is None or not any(dataclass_options(members, c) is not None for c in info.mro):
        return None
    field_t = (
        Instance("dataclasses.Field", (AnyType("explicit"),))
        if members.p.class_info("dataclasses.Field") is not None
        else AnyType("special")
    )
    return Instance("builtins.dict", (Instance("builtins.str"), field_t))
