"""Assignment to ``obj.name`` and ``C.name``: what may be assigned and what type it must have.

Reading an attribute and assigning to it differ: a property takes its setter's value type
(or is read-only), a method may not be replaced, a class variable may not be set through an
instance, and a final attribute may not be set at all once initialised.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.checker.core import messages as msg
from tycheck.checker.classes.attrs import frozen_owner
from tycheck.checker.classes.member_forms import is_classvar
from tycheck.checker.classes.members import PROPERTY_DECORATORS
from tycheck.semantic.symbols import FUNC, VAR, Symbol
from tycheck.types.model import AnyType, CallableType, Instance, Type, TypeType, TypeVarType
from tycheck.checker.classes.binding import self_subst
from tycheck.types.subst import expand
from tycheck.errors import codes, messages as em
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

# Returned when the assignment was rejected outright and needs no type check.
REJECTED = AnyType("error")


def _setter_def(sym: Symbol) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    for d in sym.defs[1:]:
        if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for deco in d.decorator_list:
                if (
                    isinstance(deco, ast.Attribute)
                    and deco.attr == "setter"
                    and isinstance(deco.value, ast.Name)
                    and deco.value.id == sym.name
                ):
                    return d
    return None


def _instance_of(chk: "Evaluator", base: Type) -> tuple[Instance, bool] | None:
    """The class instance an attribute target is looked up on, and whether via the class."""
    if isinstance(base, Instance):
        return base, False
    if isinstance(base, TypeType) and isinstance(base.item, Instance):
        return base.item, True
    if (
        isinstance(base, TypeType)
        and isinstance(base.item, TypeVarType)
        and not base.item.values
        and isinstance(base.item.upper_bound, Instance)
    ):
        return base.item.upper_bound, True
    if isinstance(base, CallableType) and base.is_type_obj and base.type_obj_name:
        if isinstance(base.ret_type, Instance) and base.ret_type.fullname == base.type_obj_name:
            return base.ret_type, True
        return Instance(base.type_obj_name), True
    return None


def attribute_lvalue_type(chk: "Evaluator", base: Type, target: ast.Attribute) -> Type | None:
    """The type a value assigned to ``target`` must have (None: not known).

    Reports read-only properties, method assignment and class variables set via an
    instance; returns ``REJECTED`` when nothing more should be checked."""
    found_inst = _instance_of(chk, base)
    if found_inst is None or chk.p.relations.has_any_base(found_inst[0].fullname):
        return None
    inst, via_class = found_inst
    if not via_class:
        frozen_in = frozen_owner(chk.members, inst.fullname, target.attr)
        if frozen_in is not None:
            # A frozen attrs class makes its attributes read-only properties.
            chk.fail(
                target,
                Message(
                    msg.read_only_property(target.attr, frozen_in.rsplit(".", 1)[-1]), codes.MISC
                ),
            )
            return REJECTED
    found = chk.members.find_member(inst.fullname, target.attr)
    if found is None:
        return None
    sym, owner = found
    rsym = chk.p.resolve(sym) or sym
    if rsym.kind == FUNC:
        first = rsym.defs[0] if rsym.defs else None
        scope = chk.ev.class_scope(owner)
        if not isinstance(first, (ast.FunctionDef, ast.AsyncFunctionDef)) or scope is None:
            return None
        decos = chk.members.decorator_names(first, scope)
        if any(d in PROPERTY_DECORATORS for d in decos):
            if via_class:
                return None
            return _property_setter_type(chk, inst, rsym, owner, target)
        if any(
            d
            not in (
                "builtins.staticmethod",
                "builtins.classmethod",
                "abc.abstractmethod",
                "overload",
                "final",
                "override",
                "typing_extensions.override",
            )
            for d in decos
        ):
            return None  # decorated with something we do not model
        chk.fail(target, em.CANNOT_ASSIGN_TO_A_METHOD)
        return None
    if (
        rsym.kind == VAR
        and not via_class
        and sym.annotation is not None
        and is_classvar(sym.annotation)
    ):
        if sym not in chk.members.instance_attrs(owner).values():
            chk.fail(target, Message(msg.cant_assign_to_classvar(target.attr), codes.MISC))
            return REJECTED
    if rsym.kind == VAR and sym not in chk.members.instance_attrs(owner).values():
        return _descriptor_set_type(chk, rsym, owner, via_class)
    return None


def _descriptor_set_type(chk: "Evaluator", sym: Symbol, owner: str, via_class: bool) -> Type | None:
    """The value type of a descriptor's ``__set__`` (a class attribute whose type has one);
    through the class, the descriptor itself is replaced.

    A descriptor without ``__set__``, an overloaded or generic one: Any (not checked yet)."""
    declared = chk.members.var_type(sym, owner)
    if not isinstance(declared, Instance):
        return None
    if (
        chk.members.find_member(declared.fullname, "__get__") is None
        and chk.members.find_member(declared.fullname, "__set__") is None
    ):
        return None
    if via_class:
        return declared
    setter = chk.members.class_member_type(declared, "__set__")
    if isinstance(setter, CallableType) and len(setter.arg_types) >= 2 and not setter.variables:
        return setter.arg_types[1]
    return AnyType("special")


def _property_setter_type(
    chk: "Evaluator", inst: Instance, sym: Symbol, owner: str, target: ast.Attribute
) -> Type | None:
    setter = _setter_def(sym)
    if setter is None:
        if sym.name == "__call__":
            return None
        chk.fail(
            target,
            Message(msg.read_only_property(target.attr, owner.rsplit(".", 1)[-1]), codes.MISC),
        )
        return REJECTED
    found = chk.p.class_node(owner)
    if found is None:
        return None
    sig = chk.ev.signature(found[0], setter, owner)
    if not isinstance(sig, CallableType) or len(sig.arg_types) < 2:
        return None
    owner_inst = chk.p.relations.map_to_supertype(inst, owner) or Instance(owner)
    mapping = chk.members.class_mapping(owner, owner_inst)
    value_t = self_subst(sig.arg_types[1], inst)  # ``value: Self | None`` on this receiver
    return expand(value_t, mapping) if mapping else value_t
