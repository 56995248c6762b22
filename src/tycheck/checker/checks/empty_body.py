"""Empty bodies: ``def f() -> int: ...`` outside a stub falls off its end (``[empty-body]``).

mypy reports a function whose body is trivial (a docstring, ``pass`` or ``...``) when its
declared return type does not admit ``None``, except where an empty body is the norm: stubs,
abstract methods, protocol members, overload items, definitions under ``if TYPE_CHECKING:``,
and everywhere with ``--allow-empty-bodies``.
In a class whose metaclass is ``ABCMeta`` a note suggests ``@abc.abstractmethod``.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.checker.classes.abstract import ABSTRACT_DECORATORS, OVERLOAD_DECORATORS
from tycheck.errors import codes
from tycheck.errors.messages import Message
from tycheck.types.model import NeverType, Type

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

FuncNode = ast.FunctionDef | ast.AsyncFunctionDef

EMPTY_BODY = Message("Missing return statement", codes.EMPTY_BODY)
EMPTY_BODY_NO_RETURN = Message(
    "Implicit return in function which does not return", codes.EMPTY_BODY
)
MEANT_ABSTRACT = Message(
    "If the method is meant to be abstract, use @abc.abstractmethod", codes.EMPTY_BODY
)


def check_empty_body(chk: "Evaluator", node: FuncNode, ret: Type) -> None:
    """Report the trivial body of ``node`` (the caller knows it is trivial and that ``ret``
    does not admit None)."""
    if chk.mod.is_stub or getattr(chk.options, "allow_empty_bodies", False):
        return
    if id(node) in _type_checking_defs(chk.mod.tree):
        return
    owner = chk.class_fullname if chk.func is node else None
    decos = set(chk.members.decorator_names(node, chk.scope))
    if decos & set(ABSTRACT_DECORATORS + OVERLOAD_DECORATORS):
        return
    info = chk.p.class_info(owner) if owner else None
    if info is not None and info.is_protocol:
        return
    chk.unreachable = False
    chk.emit(node, "error", EMPTY_BODY_NO_RETURN if isinstance(ret, NeverType) else EMPTY_BODY)
    if info is not None and _abc_metaclass(chk, info.metaclass):
        chk.emit(node, "note", MEANT_ABSTRACT)


def _abc_metaclass(chk: "Evaluator", meta: object) -> bool:
    name = getattr(meta, "fullname", None)
    if not isinstance(name, str):
        return False
    meta_info = chk.p.class_info(name)
    return name == "abc.ABCMeta" or (meta_info is not None and "abc.ABCMeta" in meta_info.mro)


_last: list[tuple[ast.Module, frozenset[int]]] = []


def _type_checking_defs(tree: ast.Module) -> frozenset[int]:
    """The ids of the ``def`` nodes inside ``if TYPE_CHECKING:`` blocks of a module (the
    answer for the last module asked is kept)."""
    if _last and _last[0][0] is tree:
        return _last[0][1]
    found: set[int] = set()

    def visit(stmts: list[ast.stmt], inside: bool) -> None:
        for s in stmts:
            if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if inside:
                    found.add(id(s))
            elif isinstance(s, ast.ClassDef):
                visit(s.body, inside)
            elif isinstance(s, ast.If):
                visit(s.body, inside or _is_type_checking(s.test))
                visit(s.orelse, inside)

    visit(tree.body, False)
    _last[:] = [(tree, frozenset(found))]
    return _last[0][1]


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
