"""The types of ``.name`` and ``.value`` on enum members.

The stubs type ``name`` as ``str`` and ``value`` as ``Any``; mypy refines both from the class
body: ``E.A.name`` is ``Literal['A']?`` and ``E.A.value`` the type of the value assigned to
``A`` (``auto()`` gives what ``_generate_next_value_`` returns, ``int`` by default). On an
enum instance that is no particular member, ``value`` is the members' common value type when
they agree. An enum with its own ``__new__`` keeps the stub's types (the value is unknown).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.semantic.symbols import CLASS, FUNC, VAR
from tycheck.semantic.synthetic import is_made_up_value
from tycheck.types.display import EnumMember
from tycheck.types.model import (
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    Overloaded,
    Type,
    make_union,
)
from tycheck.errors import codes
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator
    from tycheck.checker.core.evaluator import MemberAccess as Members

NAME_ATTRS = ("name", "_name_")
VALUE_ATTRS = ("value", "_value_")
# Enum bases whose __new__ is the standard one: values keep their assigned types.
STANDARD_NEW = ("enum.Enum", "enum.IntEnum", "enum.StrEnum")


def enum_attribute(m: Members, inst: Instance, name: str) -> Type | None:
    """The refined type of ``inst.name``/``inst.value`` for an enum; None for the default."""
    if name not in NAME_ATTRS and name not in VALUE_ATTRS:
        return None
    info = m.p.class_info(inst.fullname)
    if info is None or not info.is_enum or inst.fullname.startswith("enum."):
        return None
    member = inst.last_known_value.value if inst.last_known_value is not None else None
    member_name = member.name if isinstance(member, EnumMember) else None
    if name in NAME_ATTRS:
        if member_name is None:
            return Instance("builtins.str")  # the stubs' property may hide behind an alias
        s = Instance("builtins.str")
        return Instance("builtins.str", (), LiteralType(member_name, s))
    if _implements_new(m, info.mro):
        return None
    if member_name is not None:
        return _member_value_type(m, inst, member_name)
    return _common_value_type(m, inst)


def _implements_new(m: Members, mro: tuple[str, ...]) -> bool:
    for cls in mro:
        cinfo = m.p.class_info(cls)
        ns = m.p.class_namespace(cls)
        if cinfo is not None and cinfo.is_enum and ns is not None and "__new__" in ns.names:
            return cls not in STANDARD_NEW
    return False


def _member_value_type(m: Members, inst: Instance, member: str) -> Type | None:
    ns = m.p.class_namespace(inst.fullname)
    sym = ns.names.get(member) if ns is not None else None
    if sym is None or sym.kind != VAR:
        return None
    return _value_type(m, inst, sym)


def _value_type(m: Members, inst: Instance, sym: object) -> Type | None:
    """The type of the value assigned to an enum member (literal kept), auto() resolved."""
    value = getattr(sym, "value", None)
    if value is None or getattr(sym, "annotation", None) is not None:
        return None
    found = m.p.class_node(inst.fullname)
    if found is None or is_made_up_value(found[1], value):
        return None
    t = m.infer_value(sym, found[0], inst.fullname, keep_literal=True)
    if isinstance(t, Instance) and t.fullname == "enum.auto":
        return _auto_type(m, inst)
    if isinstance(t, Instance) and t.fullname == "enum.member" and t.args:
        return t.args[0]
    return t


def _auto_type(m: Members, inst: Instance) -> Type | None:
    """``auto()``: the return type of the nearest ``_generate_next_value_`` (int for Enum's)."""
    info = m.p.class_info(inst.fullname)
    for cls in info.mro if info is not None else ():
        ns = m.p.class_namespace(cls)
        if ns is None or "_generate_next_value_" not in ns.names:
            continue
        if cls == "enum.Enum":
            return Instance("builtins.int")
        t = m.class_member_type(Instance(cls), "_generate_next_value_", is_class_access=True)
        if isinstance(t, CallableType):
            return t.ret_type
        return None
    return None


def _common_value_type(m: Members, inst: Instance) -> Type | None:
    """The value type shared by all of the class's own attributes, or None (mypy's rule)."""
    ns = m.p.class_namespace(inst.fullname)
    if ns is None:
        return None
    types: list[Type] = []
    for name, sym in ns.names.items():
        if sym.kind == FUNC:
            continue
        if sym.kind == CLASS or sym.kind != VAR:
            return None
        if isinstance(sym.value, ast.Lambda):
            continue
        t = _value_type(m, inst, sym)
        if t is None:
            return None
        if isinstance(t, (CallableType, Overloaded)) or (
            isinstance(t, Instance) and t.fullname == "enum.nonmember"
        ):
            continue
        types.append(t)
    if not types:
        return None
    first = types[0]
    if all(t == first for t in types):
        return first
    rel = m.p.relations
    if all(rel.is_equivalent(t, first) for t in types):
        return make_union(types)
    return None


# Enum classes a class may extend although they are enums (they have no members).
ENUM_BASES = ("enum.Enum", "enum.IntEnum", "enum.Flag", "enum.IntFlag", "enum.StrEnum")


def check_enum_extension(chk: Evaluator, node: ast.ClassDef, fullname: str | None = None) -> None:
    """``Cannot extend enum with existing members``: an enum base that has members is final."""
    if fullname is None:
        fullname = next((full for full, (n, _q) in chk.mod.classes.items() if n is node), None)
    info = chk.p.class_info(fullname) if fullname is not None else None
    if info is None or not info.is_enum:
        return
    for base in info.mro[1:-1]:
        binfo = chk.p.class_info(base)
        if binfo is None or not binfo.is_enum or base in ENUM_BASES or base.startswith("enum."):
            continue
        if _has_members(chk, base):
            chk.fail(
                node,
                Message(
                    f'Cannot extend enum with existing members: "{base.rsplit(".", 1)[-1]}"',
                    codes.MISC,
                ),
            )


def _has_members(chk: Evaluator, fullname: str) -> bool:
    """Does the enum define a member? Lambdas, functions, ``nonmember(...)`` are none."""
    ns = chk.p.class_namespace(fullname)
    for name, sym in ns.names.items() if ns is not None else ():
        if (
            sym.kind != VAR
            or name.startswith("_")
            or sym.annotation is not None
            or sym.value is None
        ):
            continue
        value = sym.value
        if isinstance(value, ast.Lambda):
            continue
        if isinstance(value, ast.Call) and isinstance(value.func, (ast.Name, ast.Attribute)):
            callee = value.func.id if isinstance(value.func, ast.Name) else value.func.attr
            if callee == "nonmember":
                continue
        if isinstance(value, (ast.Name, ast.Attribute, ast.Call)):
            t = chk.members.symbol_type(sym, fullname)
            if isinstance(t, (CallableType, Overloaded, AnyType)):
                continue
        return True
    return False
