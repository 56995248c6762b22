"""Multiple inheritance: a method that a class inherits from one base must be compatible with
the definition of the same name in each later base of its MRO that is not that base's own
ancestor (mypy's ``Definition of "f" in base class "A" is incompatible with definition in base
class "B"``).

Only plain methods are compared (no decorator beyond the modelled ones, no type variables of
their own, no overloads): anything else is passed over, a missed error rather than a false one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ast

from tycheck.checker.declare.typeddict import is_typeddict_class
from tycheck.checker.checks.method_info import SKIPPED, is_private, method_info
from tycheck.semantic.symbols import Symbol
from tycheck.types.model import CallableType, Instance
from tycheck.errors import codes
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

_STATIC = ("builtins.staticmethod", "builtins.classmethod")


def check_multiple_inheritance(chk: "Evaluator", node: ast.ClassDef, fullname: str) -> None:
    """Report the inherited methods of class ``fullname`` whose bases disagree."""
    info = chk.p.class_info(fullname)
    ns = chk.p.class_namespace(fullname)
    if info is None or ns is None or len(node.bases) < 2 or len(info.mro) < 3:
        return
    if is_typeddict_class(info):
        return  # its bases are TypedDicts (or an error of their own)
    mro = list(info.mro[1:])
    spaces = {b: chk.p.class_namespace(b) for b in mro}
    names = {n for s in spaces.values() if s is not None for n in s.names}
    self_inst = Instance(fullname, tuple(info.type_vars))
    for name in sorted(names - set(ns.names)):
        if is_private(name) or name in SKIPPED or name == "__replace__":
            continue
        i = next(i for i, b in enumerate(mro) if _defines(spaces[b], name))
        first = mro[i]
        first_info = chk.p.class_info(first)
        if first_info is None:
            continue
        for second in mro[i + 1 :]:
            if _defines(spaces[second], name) and second not in first_info.mro:
                if not _compatible(chk, self_inst, name, first, second):
                    chk.fail(
                        node,
                        Message(
                            f'Definition of "{name}" in base class "{_short(first)}" is '
                            f'incompatible with definition in base class "{_short(second)}"',
                            codes.MISC,
                        ),
                    )


def _defines(space: object, name: str) -> bool:
    return space is not None and name in space.names  # type: ignore[attr-defined]


def _short(fullname: str) -> str:
    return fullname.rsplit(".", 1)[-1]


def _plain(chk: "Evaluator", owner: str, name: str) -> list[str] | None:
    """The decorators of ``owner.name`` when it is a plain method we compare, else None."""
    space = chk.p.class_namespace(owner)
    sym: Symbol | None = space.names.get(name) if space is not None else None
    if sym is None:
        return None
    found = method_info(chk, owner, chk.p.resolve(sym) or sym)
    if found is None or _self_typed(found[0]):
        return None
    return found[1]


def _self_typed(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A method with an annotated ``self`` or a ``Self`` type: bound to the subclass in mypy,
    which these comparisons do not model yet."""
    params = func.args.posonlyargs + func.args.args
    if params and params[0].annotation is not None:
        return True
    annotations = [p.annotation for p in params + func.args.kwonlyargs] + [func.returns]
    return any(
        isinstance(n, ast.Name)
        and n.id == "Self"
        or isinstance(n, ast.Attribute)
        and n.attr == "Self"
        or isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and "Self" in n.value
        for a in annotations
        if a is not None
        for n in ast.walk(a)
    )


def _compatible(chk: "Evaluator", self_inst: Instance, name: str, first: str, second: str) -> bool:
    first_decos = _plain(chk, first, name)
    second_decos = _plain(chk, second, name)
    if first_decos is None or second_decos is None:
        return True  # not a pair of plain methods: not compared
    if any(d in _STATIC for d in first_decos + second_decos):
        return True
    rel = chk.p.relations
    first_inst = rel.map_to_supertype(self_inst, first)
    second_inst = rel.map_to_supertype(self_inst, second)
    if first_inst is None or second_inst is None:
        return True
    first_t = chk.members.class_member_type(first_inst, name)
    second_t = chk.members.class_member_type(second_inst, name)
    if not isinstance(first_t, CallableType) or not isinstance(second_t, CallableType):
        return True
    return rel.is_override_subtype(first_t, second_t)
