"""``super().name`` and ``super(C, obj).name``: member lookup past a class in an MRO.

Like mypy, a ``super(...)`` call is only understood as the base of an attribute access
(``super().f``); the name ``super`` itself need not exist in the builtins.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.checker.core import messages as msg
from tycheck.checker.classes.abstract import check_super_access
from tycheck.types.model import (
    AnyType,
    CallableType,
    Instance,
    NoneType,
    Overloaded,
    Type,
    TypeType,
    TypeVarType,
)
from tycheck.errors import codes, messages as em
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator


def is_super_attribute(e: ast.Attribute) -> bool:
    """Whether ``e`` is ``super(...).name``."""
    v = e.value
    return isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "super"


def _enclosing_class(chk: "Evaluator") -> str | None:
    c: Evaluator | None = chk
    while c is not None:
        if c.class_fullname:
            return c.class_fullname
        c = c.outer
    return None


def _self_instance(chk: "Evaluator", cls: str) -> Instance:
    info = chk.p.class_info(cls)
    return Instance(cls, tuple(info.type_vars) if info is not None else ())


def _class_of(t: Type) -> str | None:
    """The class a ``super()`` argument names or is an instance of."""
    if isinstance(t, TypeType):
        t = t.item
    if isinstance(t, TypeVarType):
        t = t.upper_bound
    if isinstance(t, Instance):
        return t.fullname
    return None


def _arg_types(chk: "Evaluator", call: ast.Call, cls: str | None) -> tuple[Type, Type] | Type:
    """(type argument, instance argument) of the super call, or the whole result on error."""
    if not call.args and not call.keywords:
        if cls is None:
            return AnyType("error")  # mypy's semantic analysis reports this case
        if chk.func is None:
            chk.fail(call, em.SUPER_OUTSIDE_OF_A_METHOD_IS)
            return AnyType("error")
        current = _self_instance(chk, cls)
        if (
            chk.sig is None
            or not chk.sig.arg_types
            or not (chk.func.args.posonlyargs or chk.func.args.args)
        ):
            chk.fail(
                call,
                em.SUPER_REQUIRES_ONE_OR_TWO_POSITIONAL,
            )
            return AnyType("error")
        first = chk.sig.arg_types[0]
        return TypeType(current), (current if isinstance(first, AnyType) else first)
    if any(isinstance(a, ast.Starred) for a in call.args):
        chk.fail(call, em.VARARGS_NOT_SUPPORTED_WITH_SUPER)
        return AnyType("error")
    if call.keywords:
        chk.fail(call, em.SUPER_ONLY_ACCEPTS_POSITIONAL_ARGUMENTS)
        return AnyType("error")
    if len(call.args) == 1:
        chk.fail(call, em.SUPER_WITH_A_SINGLE_ARGUMENT_NOT)
        return AnyType("error")
    if len(call.args) > 2:
        chk.fail(call, em.TOO_MANY_ARGUMENTS_FOR_SUPER)
        return AnyType("error")
    type_t = chk.infer(call.args[0])
    inst_t = chk.infer(call.args[1])
    if isinstance(type_t, AnyType) or (
        isinstance(type_t, TypeType) and isinstance(type_t.item, AnyType)
    ):
        if cls is None:
            return AnyType("special")
        type_t = TypeType(_self_instance(chk, cls))
    if isinstance(type_t, CallableType) and type_t.is_type_obj and type_t.type_obj_name:
        type_t = TypeType(Instance(type_t.type_obj_name))
    elif (
        isinstance(type_t, Overloaded)
        and type_t.items[0].is_type_obj
        and type_t.items[0].type_obj_name
    ):
        type_t = TypeType(Instance(type_t.items[0].type_obj_name))
    if not isinstance(type_t, TypeType):
        if isinstance(type_t, NoneType):
            chk.fail(call, em.ARGUMENT_1_FOR_SUPER_MUST_BE)
        else:
            chk.fail(
                call,
                em.ARGUMENT_1_FOR_SUPER_MUST_BE_MISC,
            )
        return AnyType("error")
    if isinstance(inst_t, Instance) and inst_t.fullname == "builtins.type":
        inst_t = TypeType(AnyType("special"))
    if isinstance(inst_t, AnyType) or (
        isinstance(inst_t, TypeType) and isinstance(inst_t.item, AnyType)
    ):
        if cls is None:
            return AnyType("special")
        inst_t = (
            _self_instance(chk, cls)
            if isinstance(inst_t, AnyType)
            else TypeType(_self_instance(chk, cls))
        )
    if isinstance(inst_t, CallableType) and inst_t.is_type_obj and inst_t.type_obj_name:
        inst_t = TypeType(Instance(inst_t.type_obj_name))
    return type_t, inst_t


def infer_super_attribute(chk: "Evaluator", e: ast.Attribute) -> Type:
    """The type of ``super(...).name``, reporting mypy's errors on the way."""
    call = e.value
    assert isinstance(call, ast.Call)
    if not chk.checking:
        for a in call.args:
            chk.infer(a)
        return AnyType("unannotated")
    cls = _enclosing_class(chk)
    got = _arg_types(chk, call, cls)
    if not isinstance(got, tuple):
        return got
    type_t, inst_t = got
    if isinstance(inst_t, TypeVarType) and inst_t.values:
        # Checked once per value of the type variable, as mypy does.
        results = [_lookup(chk, e, call, cls, type_t, v) for v in inst_t.values]
        return results[0]
    return _lookup(chk, e, call, cls, type_t, inst_t)


def _lookup(
    chk: "Evaluator", e: ast.Attribute, call: ast.Call, cls: str | None, type_t: Type, inst_t: Type
) -> Type:
    type_cls = _class_of(type_t)
    inst_cls = _class_of(inst_t)
    if type_cls is None:
        chk.fail(call, em.UNSUPPORTED_ARGUMENT_1_FOR_SUPER)
        return AnyType("error")
    if inst_cls is None:
        chk.fail(call, em.UNSUPPORTED_ARGUMENT_2_FOR_SUPER)
        return AnyType("error")
    info = chk.p.class_info(inst_cls)
    if info is None:
        return AnyType("special")
    mro = list(info.mro)
    if type_cls not in mro:
        # A self annotation looser than the class: fall back to the current class's MRO.
        cur = chk.p.class_info(cls) if cls else None
        if (
            cur is not None
            and type_cls in cur.mro
            # ``self: T`` (T bound looser than the class) only; ``self: Base`` or
            # ``cls: type[T]`` in a metaclass is mypy's "not an instance" error.
            and isinstance(inst_t, TypeVarType)
            and isinstance(chk.sig, CallableType)
            and chk.sig.arg_types
            and inst_t == chk.sig.arg_types[0]
        ):
            mro = list(cur.mro)
            inst_cls = cls  # type: ignore[assignment]
            inst_t = (
                _self_instance(chk, cls)
                if not isinstance(inst_t, TypeType)
                else TypeType(_self_instance(chk, cls))
            )  # type: ignore[arg-type]
        elif info.is_protocol and not (
            chk.p.class_info(type_cls) and chk.p.class_info(type_cls).is_protocol
        ):  # type: ignore[union-attr]
            return AnyType("special")
        else:
            chk.fail(call, em.ARGUMENT_2_FOR_SUPER_NOT_AN)
            return AnyType("error")
    index = mro.index(type_cls)
    if index + 1 == len(mro):
        chk.fail(call, em.TARGET_CLASS_HAS_NO_BASE_CLASS)
        return AnyType("error")
    if any(chk.p.relations.has_any_base(c) for c in mro[: index + 1]):
        # A base we know nothing about may define the name.
        found = chk.members.find_member(inst_cls, e.attr, type_cls)  # type: ignore[arg-type]
        if found is None or found[1] == mro[-1]:
            # Only ``object`` would answer: the unknown base comes before it (mypy: Any).
            return AnyType("special")
    if isinstance(inst_t, TypeType):
        item = inst_t.item.upper_bound if isinstance(inst_t.item, TypeVarType) else inst_t.item
        t = (
            chk.members.class_attribute(
                item,
                e.attr,
                after=type_cls,
                self_type=inst_t.item if isinstance(inst_t.item, TypeVarType) else None,
            )
            if isinstance(item, Instance)
            else AnyType("special")
        )  # type: ignore[arg-type]
    else:
        base = inst_t.upper_bound if isinstance(inst_t, TypeVarType) else inst_t
        t = (
            chk.members.class_member_type(
                base,
                e.attr,
                after=type_cls,
                # ``Self`` of the base's method is the receiver's ``Self``, not the base.
                self_type=inst_t if isinstance(inst_t, TypeVarType) else None,
            )
            if isinstance(base, Instance)
            else AnyType("special")
        )
        if t is not None and isinstance(base, Instance):
            check_super_access(chk, e, base.fullname, type_cls)
    if t is None:
        chk.fail(e, Message(msg.undefined_in_superclass(e.attr), codes.MISC))
        return AnyType("error")
    return t
