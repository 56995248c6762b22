"""Final attributes: an attribute declared ``Final`` is never assigned after its declaration.

``x: Final = 1`` in a class body, or ``self.x: Final = 1`` in a method, declares a final
attribute; any later assignment to it, through an instance, the class or a subclass, is
mypy's 'Cannot assign to final attribute "x"'. The one exception: ``x: Final[int]`` declared
without a value in the class body is given its value in that class's ``__init__``.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.checker.declare.names import special_name
from tycheck.semantic.symbols import VAR, Symbol
from tycheck.types.model import CallableType, Instance, Type, TypeType

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator


def _class_of(base: Type) -> str | None:
    """The class whose attribute an assignment to ``base.attr`` sets."""
    if isinstance(base, Instance):
        return base.fullname
    if isinstance(base, TypeType) and isinstance(base.item, Instance):
        return base.item.fullname
    if isinstance(base, CallableType) and base.is_type_obj and base.type_obj_name:
        return base.type_obj_name
    return None


def is_final_symbol(chk: "Evaluator", sym: Symbol, owner: str) -> bool:
    """Whether ``sym`` (a member of the class ``owner``) is annotated ``Final``."""
    ann = sym.annotation
    if sym.kind != VAR or ann is None:
        return False
    head = ann.value if isinstance(ann, ast.Subscript) else ann
    if not isinstance(head, (ast.Name, ast.Attribute)):
        return False
    scope = chk.ev.class_scope(owner)
    if scope is None:
        return False
    found = chk.ev.lookup_expr(head, scope)
    return found is not None and special_name(found.fullname) == "Final"


def final_declaration(chk: "Evaluator", cls: str, name: str) -> tuple[Symbol, str] | None:
    """The ``Final`` declaration of the attribute ``name`` in ``cls`` or a base class (a
    subclass that assigns the name again does not lift it), and the class declaring it."""
    for c in chk.p.relations.mro(cls):
        found = chk.members.find_member(c, name)
        if found is not None and found[1] == c and is_final_symbol(chk, found[0], c):
            return found
    return None


def final_attribute_assigned(
    chk: "Evaluator", base: Type, target: ast.Attribute, stmt: ast.AST | None
) -> bool:
    """Whether assigning to ``target`` (whose object has type ``base``) sets a final attribute
    after its declaration; ``stmt`` is the assignment statement."""
    cls = _class_of(base)
    if cls is None or chk.p.relations.has_any_base(cls):
        return False
    found = final_declaration(chk, cls, target.attr)
    if found is None:
        return False
    sym, owner = found
    if isinstance(stmt, ast.AnnAssign) and stmt.target is target:
        return False  # a declaration: its own errors are reported elsewhere
    in_owner = chk.class_fullname == owner
    line = getattr(stmt, "lineno", 0)
    if in_owner and getattr(sym.node, "lineno", sym.line) > line:
        return False  # assigned before the Final declaration (reported there)
    func = chk.func
    if (
        in_owner
        and sym.value is None
        and sym.in_class_body
        and func is not None
        and func.name == "__init__"
        and _first_assignment(func, target.attr) == line
    ):
        return False  # ``x: Final[int]`` in the body, its value given in ``__init__``
    return True


def _first_assignment(func: ast.AST, attr: str) -> int:
    """The line of the first ``<name>.attr = ...`` in a method's body."""
    lines = [
        node.lineno
        for node in ast.walk(func)
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        and any(
            isinstance(t, ast.Attribute) and t.attr == attr and isinstance(t.value, ast.Name)
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            for t in ast.walk(target)
        )
    ]
    return min(lines, default=0)
