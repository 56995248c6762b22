"""Members that special kinds of classes get without declaring them.

Named tuples get a constructor from their fields and the ``_replace``/``_asdict``/``_fields``
helpers; dataclasses get an ``__init__`` from their fields (see ``dataclasses.py`` in this
package for those). The class facts themselves (``ClassTypeInfo.tuple_base`` and the
``nt_fields`` entry of ``extra``) are computed in ``typeeval.py``.
"""

from __future__ import annotations

from tycheck.types.model import (
    NAMED_OPT,
    OPT,
    POS,
    AnyType,
    CallableType,
    ClassTypeInfo,
    Instance,
    TupleType,
    Type,
    TypeVarType,
)
from tycheck.checker.declare.typevars import _collect_tvs

# Helpers every named tuple has, typed loosely where mypy's exact type is not needed.
NAMEDTUPLE_HELPERS = (
    "_replace",
    "_asdict",
    "_fields",
    "_make",
    "_field_defaults",
    "_field_types",
    "_source",
)


def extra_value(info: ClassTypeInfo, key: str) -> object:
    for k, v in info.extra:
        if k == key:
            return v
    return None


def namedtuple_info(
    info: ClassTypeInfo | None, lookup
) -> tuple[ClassTypeInfo, tuple[tuple[str, bool], ...]] | None:
    """The named tuple class in ``info``'s MRO that declares the fields, and its fields."""
    if info is None:
        return None
    for name in info.mro:
        base = lookup(name)
        if base is None:
            continue
        fields = extra_value(base, "nt_fields")
        if fields is not None:
            return base, fields  # type: ignore[return-value]
    return None


def namedtuple_constructor(
    fields: tuple[tuple[str, bool], ...], tuple_type: TupleType, class_fullname: str
) -> CallableType:
    """``P(x, y=...)``: one parameter per field, returning the tuple type."""
    kinds = tuple(OPT if has_default else POS for _, has_default in fields)
    items = (
        tuple_type.items
        if len(tuple_type.items) == len(fields)
        else tuple(AnyType("special") for _ in fields)
    )
    # A generic named tuple's constructor is generic in the class's variables (ids > 0).
    found: list[TypeVarType] = []
    for item in items:
        _collect_tvs(item, found)
    return CallableType(
        items,
        kinds,
        tuple(n for n, _ in fields),
        tuple_type,
        variables=tuple(tv for tv in found if tv.id > 0),
        name=class_fullname.rsplit(".", 1)[-1],
        is_type_obj=True,
        type_obj_name=class_fullname,
    )


def namedtuple_helper(
    name: str, fields: tuple[tuple[str, bool], ...], tuple_type: Type
) -> Type | None:
    """The type of a helper attribute of a named tuple instance."""
    if (
        name == "_replace"
        and isinstance(tuple_type, TupleType)
        and len(tuple_type.items) == len(fields)
    ):
        return CallableType(
            tuple_type.items,
            tuple(NAMED_OPT for _ in fields),
            tuple(n for n, _ in fields),
            tuple_type,
            name="_replace",
        )
    if name == "_asdict":
        return CallableType(
            (),
            (),
            (),
            Instance("builtins.dict", (Instance("builtins.str"), AnyType("special"))),
            name="_asdict",
        )
    if name == "_fields":
        return TupleType(
            tuple(Instance("builtins.str") for _ in fields),
            Instance("builtins.tuple", (Instance("builtins.str"),)),
        )
    if name in NAMEDTUPLE_HELPERS:
        return AnyType("special")
    return None
