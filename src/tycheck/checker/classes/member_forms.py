"""Syntactic forms of class-body and module-level declarations the member lookup tells apart.

Bare ``Final``/``ClassVar`` annotations, values whose type waits for later assignments
(``None``, ``[]``, ``{}``), assignment targets, and the placeholder definitions of typing's
special names in test stubs.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.checker.declare.names import TypeScope, special_name
from tycheck.semantic.symbols import Symbol

if TYPE_CHECKING:
    from tycheck.checker.declare.typeeval import TypeEvaluator


def final_or_classvar(
    ann: ast.expr, ev: TypeEvaluator, scope: TypeScope, bare_final: bool = False
) -> str | None:
    """ "bare" for a bare ``Final`` or ``ClassVar`` (only ``Final`` with ``bare_final``),
    "final" for ``Final[T]``, else None."""
    target = ann.value if isinstance(ann, ast.Subscript) else ann
    sym = ev.lookup_expr(target, scope) if isinstance(target, (ast.Name, ast.Attribute)) else None
    spec = special_name(sym.fullname) if sym else None
    bare_kinds = ("Final",) if bare_final else ("Final", "ClassVar")
    if spec in bare_kinds and not isinstance(ann, ast.Subscript):
        return "bare"
    if spec == "Final":
        return "final"
    return None


def is_none_value(value: ast.expr | None) -> bool:
    return isinstance(value, ast.Constant) and value.value is None


def is_partial_init(value: ast.expr | None) -> bool:
    """``None``, ``[]``, ``{}``, ``list()``, ``dict()``, ``set()``: a value whose type waits
    for later assignments."""
    if isinstance(value, ast.Constant):
        return value.value is None
    if isinstance(value, (ast.List, ast.Dict)):
        return not (value.elts if isinstance(value, ast.List) else value.keys)
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id in ("list", "dict", "set")
        and not value.args
        and not value.keywords
    )


def is_classvar(ann: ast.expr) -> bool:
    target = ann.value if isinstance(ann, ast.Subscript) else ann
    return isinstance(target, (ast.Name, ast.Attribute)) and (
        getattr(target, "id", None) == "ClassVar" or getattr(target, "attr", None) == "ClassVar"
    )


def flatten_targets(t: ast.expr) -> list[ast.expr]:
    if isinstance(t, (ast.Tuple, ast.List)):
        out: list[ast.expr] = []
        for e in t.elts:
            out.extend(flatten_targets(e))
        return out
    if isinstance(t, ast.Starred):
        return flatten_targets(t.value)
    return [t]


def is_placeholder_special_form(sym: Symbol) -> bool:
    """``Generic = 0`` style definitions of typing's special names (mypy's test stubs)."""
    if sym.annotation is not None or sym.fullname.endswith(".TYPE_CHECKING"):
        return False
    return special_name(sym.fullname) is not None and not isinstance(
        sym.value, (ast.Name, ast.Attribute, ast.Subscript)
    )
