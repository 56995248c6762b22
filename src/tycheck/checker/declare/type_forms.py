"""Expressions that cannot be types: mypy's [valid-type] errors about an annotation's form.

- a number where a type should stand (``list[1]``, ``int | 5``, ``-1``): 'Invalid type: try
  using Literal[1] instead?';
- a call (``x: foo()``): 'Invalid type comment or annotation', with the note 'Suggestion: use
  foo[...] instead of foo(...)';
- a bracketed list as a whole annotation: 'Bracketed expression "[...]" is not valid as a
  type' and 'Did you mean "List[...]"?';
- any other expression (``1 + 2``, ``await x``, ``(yield)``, ``a := 1``...): 'Invalid type
  comment or annotation' (in a ``type`` statement's value: 'Invalid type alias: expression is
  not a valid type').

Only the first problem of an expression is reported, as mypy does. The arguments of
``Literal[...]`` and the metadata of ``Annotated[...]`` are not types and are skipped.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from typing import TYPE_CHECKING

from tycheck.checker.declare.names import TypeScope, special_name
from tycheck.errors import codes
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

INVALID = "Invalid type comment or annotation"
INVALID_ALIAS = "Invalid type alias: expression is not a valid type"

Problem = tuple[ast.AST, str, "str | None"]  # where, error, note


def check_form(chk: "Evaluator", e: ast.expr, scope: TypeScope, alias: bool = False) -> None:
    """Report the first expression of ``e`` that cannot stand for a type."""
    check_self_uses(chk, e, scope)
    found = _problem(chk, e, scope, top=True, alias=alias)
    if found is None:
        return
    where, text, note = found
    chk.emit(where, "error", Message(text, codes.VALID_TYPE))
    if note is not None:
        chk.emit(where, "note", Message(note, codes.VALID_TYPE))


def has_problem(chk: "Evaluator", e: ast.expr, scope: TypeScope) -> bool:
    """Whether ``e`` (a whole type) has a problem ``check_form`` would report."""
    return _problem(chk, e, scope, top=True) is not None


def _problem(
    chk: "Evaluator", e: ast.expr, scope: TypeScope, top: bool, alias: bool = False
) -> Problem | None:
    if isinstance(e, (ast.Name, ast.Attribute, ast.Starred)):
        return None
    if isinstance(e, ast.Constant):
        return _constant(chk, e, scope)
    if isinstance(e, ast.UnaryOp) and isinstance(e.op, ast.USub):
        operand = e.operand
        if isinstance(operand, ast.Constant) and type(operand.value) is int:
            return e, _literal(f"-{operand.value}"), None
        return e, INVALID, None
    if isinstance(e, ast.BinOp) and isinstance(e.op, ast.BitOr):
        return _problem(chk, e.left, scope, False) or _problem(chk, e.right, scope, False)
    if isinstance(e, ast.Subscript):
        return _subscript(chk, e, scope)
    if isinstance(e, ast.List):
        if top:
            return (
                e,
                'Bracketed expression "[...]" is not valid as a type',
                'Did you mean "List[...]"?',
            )
        # ``Callable[[Arg(int, 'x'), VarArg(str)], R]``: mypy_extensions' argument constructors.
        return _first(chk, [x for x in e.elts if not isinstance(x, ast.Call)], scope)
    if isinstance(e, ast.Tuple) and not top:
        return _first(chk, e.elts, scope)
    if isinstance(e, ast.Call):
        func = e.func
        if isinstance(func, (ast.Name, ast.Attribute)):
            name = ast.unparse(func)
            return e, INVALID, f"Suggestion: use {name}[...] instead of {name}(...)"
        return e, INVALID, None
    if isinstance(e, ast.Tuple):
        return None  # a bare tuple: its own (syntax) message, not modelled
    return e, INVALID_ALIAS if alias else INVALID, None


def _constant(chk: "Evaluator", e: ast.Constant, scope: TypeScope) -> Problem | None:
    value = e.value
    if isinstance(value, bool) or type(value) is int:
        return e, _literal(repr(value)), None
    if isinstance(value, str):
        inner = _parse(value)
        if inner is None:
            return None
        found = _problem(chk, inner, scope, top=True)
        return (e, found[1], found[2]) if found is not None else None
    return None  # None, ..., and the rest: not judged here


def _subscript(chk: "Evaluator", e: ast.Subscript, scope: TypeScope) -> Problem | None:
    args = list(e.slice.elts) if isinstance(e.slice, ast.Tuple) else [e.slice]
    head = e.value
    if isinstance(head, (ast.Name, ast.Attribute)):
        sym = chk.ev.lookup_expr(head, scope)
        kind = special_name(sym.fullname) if sym is not None else None
        if kind == "Literal":
            return None
        if kind == "Annotated":
            args = args[:1]
    return _first(chk, args, scope)


def _first(chk: "Evaluator", items: list[ast.expr], scope: TypeScope) -> Problem | None:
    for item in items:
        found = _problem(chk, item, scope, top=False)
        if found is not None:
            return found
    return None


def _literal(text: str) -> str:
    return f"Invalid type: try using Literal[{text}] instead?"


@lru_cache(maxsize=256)
def _parse(text: str) -> ast.expr | None:
    try:
        return ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError):
        return None


SELF_OUTSIDE = "Self type is only allowed in annotations within class definition"
SELF_ARGS = "Self type cannot have type arguments"
SELF_METACLASS = "Self type cannot be used in a metaclass"


def check_self_uses(chk: "Evaluator", e: ast.expr, scope: TypeScope) -> None:
    """``Self`` where it cannot stand: outside a class, with arguments, in a metaclass."""
    seen: set[int] = set()
    for node in ast.walk(e):
        if id(node) in seen:
            continue
        if isinstance(node, ast.Subscript) and _is_self(chk, node.value, scope):
            seen.add(id(node.value))
            chk.emit(node, "error", Message(SELF_ARGS, codes.MISC))
        elif isinstance(node, (ast.Name, ast.Attribute)) and _is_self(chk, node, scope):
            if not _in_class(chk, scope):
                chk.emit(node, "error", Message(SELF_OUTSIDE, codes.MISC))
            elif scope.classes and "builtins.type" in chk.p.relations.mro(scope.classes[-1])[1:]:
                chk.emit(node, "error", Message(SELF_METACLASS, codes.MISC))


def _is_self(chk: "Evaluator", e: ast.expr, scope: TypeScope) -> bool:
    if not isinstance(e, (ast.Name, ast.Attribute)):
        return False
    if (e.id if isinstance(e, ast.Name) else e.attr) != "Self":
        return False  # the common case needs no lookup
    sym = chk.ev.lookup_expr(e, scope)
    return sym is not None and special_name(sym.fullname) == "Self"


def _in_class(chk: "Evaluator", scope: TypeScope) -> bool:
    """Whether the annotation is inside a class definition (at any depth of functions)."""
    if scope.classes or scope.self_type is not None:
        return True
    outer: object = chk
    while outer is not None:
        if getattr(outer, "class_fullname", None):
            return True
        outer = getattr(outer, "outer", None)
    return False
