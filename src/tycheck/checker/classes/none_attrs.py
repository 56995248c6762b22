"""A class attribute initialised to ``None`` in the class body and completed by a method.

Without local partial types, mypy keeps the class body's partial ``None`` open while the
class's own methods are checked, so the first ``self.x = v`` in one of them completes it:
``x`` becomes ``T | None`` (and a subclass may assign a ``T``).
"""

from __future__ import annotations

import ast
from typing import Protocol

from tycheck.checker.classes.member_forms import is_none_value
from tycheck.semantic.symbols import Symbol
from tycheck.types.model import AnyType, NoneType, Type, make_union


class _Members(Protocol):
    def instance_attrs(self, class_fullname: str) -> dict[str, Symbol]: ...
    def instance_attr_type(self, sym: Symbol, owner: str) -> Type: ...


def class_none_completed(members: _Members, sym: Symbol, class_fullname: str | None) -> Type | None:
    """``T | None`` for ``x = None`` in the class body of ``class_fullname``; None otherwise."""
    if (
        not class_fullname
        or sym.fullname != f"{class_fullname}.{sym.name}"
        or not isinstance(sym.node, ast.Assign)
        or not is_none_value(sym.value)
    ):
        return None
    isym = members.instance_attrs(class_fullname).get(sym.name)
    if isym is None or isym.annotation is not None or is_none_value(isym.value):
        return None
    if isym.value is None and not isym.type_comment:
        return None
    t = members.instance_attr_type(isym, class_fullname)
    if isinstance(t, AnyType):
        return None
    return make_union([t, NoneType()])
