"""Members a special class has without declaring them: attrs' generated attributes and the
named tuple helpers (``_replace``, ``_asdict``, ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tycheck.checker.classes.attrs import ORDER_METHODS, attrs_missing_member
from tycheck.checker.classes.dataclasses import dataclass_fields_member
from tycheck.checker.classes.namedtuple import namedtuple_helper, namedtuple_info
from tycheck.types.model import AnyType, Instance, Type

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import MemberAccess as Members


def special_missing_member(members: "Members", inst: Instance, name: str) -> Type | None:
    """The member ``name`` of ``inst`` that its class gets from attrs or from being a named
    tuple; None if it has no such member."""
    fields = dataclass_fields_member(members, inst, name)
    if fields is not None:
        return fields
    if (
        name in ("__attrs_attrs__", "__attrs_init__", "__match_args__", "__slots__")
        or name in ORDER_METHODS
    ):
        attrs_member = attrs_missing_member(members, inst, name)
        if attrs_member is not None:
            return attrs_member
    if name.startswith("_"):
        info = members.p.class_info(inst.fullname)
        nt = namedtuple_info(info, members.p.class_info)
        if nt is not None and info is not None:
            return namedtuple_helper(name, nt[1], info.tuple_base or AnyType("special"))
    return None
