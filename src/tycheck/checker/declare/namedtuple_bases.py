"""A class base naming a generic named tuple with arguments (``class Url(_Base[str])``).

The base is read as the named tuple's tuple type with the arguments substituted, so that the
class is a named tuple too (typeshed's ``urllib.parse.SplitResult``).
"""

from __future__ import annotations

from typing import Callable

from tycheck.types.model import ClassTypeInfo, Instance, TupleType, Type
from tycheck.types.subst import expand


def subscripted_namedtuple_base(lookup: "Callable[[str], ClassTypeInfo | None]", t: Type) -> Type:
    """``_Base[str]`` as a class base, ``_Base`` a generic named tuple: its tuple type, with the
    arguments substituted (``tuple[str, str, fallback=_Base[str]]``); anything else as is."""
    if not isinstance(t, Instance) or not t.args:
        return t
    info = lookup(t.fullname)
    if info is None or info.tuple_base is None or len(info.type_vars) != len(t.args):
        return t
    mapping: dict[int | str, Type] = {tv.id: a for tv, a in zip(info.type_vars, t.args)}
    items = tuple(expand(item, mapping) for item in info.tuple_base.items)
    return TupleType(items, t)
