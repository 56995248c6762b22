"""Errors in the definition of a class-based TypedDict, and its qualifiers used elsewhere.

In a ``class P(TypedDict)`` body only ``key: type`` lines (plus a docstring, ``pass``, ``...``)
may stand; a value is not allowed; ``Final`` and ``ClassVar`` cannot qualify a key;
``Required``/``NotRequired``/``ReadOnly`` may wrap a key's type once each (Required and
NotRequired exclude each other); ``total=``/``closed=`` take a literal ``True``/``False``;
every base must be a TypedDict (or ``Generic[...]``); a key redefined from a base must keep
its type (a read-only one may narrow it). Outside a TypedDict definition the three qualifiers
are errors. Messages and codes are mypy's.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.checker.declare.names import TypeScope, special_name
from tycheck.checker.declare.typeddict import (
    QUALIFIERS,
    is_typeddict_class,
    strip_qualifiers,
    typeddict_type,
)
from tycheck.errors import codes
from tycheck.errors.messages import Message
from tycheck.semantic.symbols import CLASS, Symbol
from tycheck.types.model import Instance, TypedDictType

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

INVALID_STATEMENT = 'Invalid statement in TypedDict definition; expected "field_name: field_type"'


def is_typeddict(chk: "Evaluator", fullname: str) -> bool:
    return is_typeddict_class(chk.p.class_info(fullname))


def qualifier(chk: "Evaluator", e: ast.expr, scope: TypeScope) -> str | None:
    """The special form ``e`` (or the head of ``e[...]``) names, if any."""
    head = e.value if isinstance(e, ast.Subscript) else e
    if not isinstance(head, (ast.Name, ast.Attribute)):
        return None
    sym = chk.ev.lookup_expr(head, scope)
    return special_name(sym.fullname) if sym is not None else None


def check_class(
    chk: "Evaluator", node: ast.ClassDef, fullname: str, scope: TypeScope
) -> list[ast.expr]:
    """Report the definition errors of TypedDict class ``fullname``; returns the key types
    (qualifiers stripped) for the caller's usual checks of type expressions."""
    _check_bases(chk, node, scope)
    for kw in node.keywords:
        if kw.arg in ("total", "closed") and not (
            isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, bool)
        ):
            _fail(chk, node, _literal_flag(kw.arg), codes.LITERAL_REQUIRED)
    inner: list[ast.expr] = []
    for stmt in node.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            inner.extend(_check_key(chk, stmt, scope))
        elif isinstance(stmt, ast.Pass) or (
            isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
        ):
            continue
        else:
            decorators = getattr(stmt, "decorator_list", None) or []
            _fail(chk, decorators[0] if decorators else stmt, INVALID_STATEMENT)
    _check_redefinitions(chk, node, fullname)
    return inner


def _check_bases(chk: "Evaluator", node: ast.ClassDef, scope: TypeScope) -> None:
    for base in node.bases:
        if qualifier(chk, base, scope) in ("TypedDict", "Generic"):
            continue
        head = base.value if isinstance(base, ast.Subscript) else base
        sym = (
            chk.ev.lookup_expr(head, scope) if isinstance(head, (ast.Name, ast.Attribute)) else None
        )
        target = class_target(chk, sym) if sym is not None else None
        if target is None:
            return  # an unknown base: its own error elsewhere
        if not is_typeddict(chk, target) and not target.endswith(".TypedDict"):
            _fail(chk, node, "All bases of a new TypedDict must be TypedDict types")
            return


def class_target(chk: "Evaluator", sym: Symbol) -> str | None:
    """The class a base's symbol names: the class itself, or the target of an alias."""
    if sym.kind == CLASS:
        return sym.fullname
    alias = chk.ev.alias_target(sym)
    if isinstance(alias, TypedDictType):
        alias = alias.fallback
    return alias.fullname if isinstance(alias, Instance) and not alias.args else None


def _check_key(chk: "Evaluator", stmt: ast.AnnAssign, scope: TypeScope) -> list[ast.expr]:
    ann = stmt.annotation
    head = qualifier(chk, ann, scope)
    if head in ("Final", "ClassVar"):
        _fail(chk, stmt, f"{head}[...] can't be used inside a TypedDict", codes.VALID_TYPE)
        return []
    if stmt.value is not None:
        _fail(chk, stmt, "Right hand side values are not supported in TypedDict")
    return _qualifier_chain(chk, ann, stmt, scope)


def _qualifier_chain(
    chk: "Evaluator", ann: ast.expr, where: ast.AST, scope: TypeScope
) -> list[ast.expr]:
    """Walks ``Required[ReadOnly[...]]`` (through ``Annotated``) reporting a repeated or bare
    qualifier; returns the type inside."""
    seen: set[str] = set()
    node = ann
    while True:
        q = qualifier(chk, node, scope)
        if q == "Annotated" and isinstance(node, ast.Subscript):
            args = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            node = args[0]
            continue
        if q not in QUALIFIERS:
            return [node]
        if not isinstance(node, ast.Subscript):
            shown = '"ReadOnly[]"' if q == "ReadOnly" else f"{q}[]"  # mypy quotes only this one
            text = f"{shown} must have exactly one type argument"
            chk.emit(where, "error", Message(text, codes.VALID_TYPE))
            return []
        group = "ReadOnly" if q == "ReadOnly" else "Required"
        if group in seen:
            _fail(chk, where, f'"{q}[]" type cannot be nested', codes.VALID_TYPE)
        seen.add(group)
        node = node.slice


def _check_redefinitions(chk: "Evaluator", node: ast.ClassDef, fullname: str) -> None:
    """A key of a TypedDict base declared again must keep its type (a read-only key of the
    base may get a subtype)."""
    info = chk.p.class_info(fullname)
    if info is None:
        return
    own = {
        s.target.id: s
        for s in node.body
        if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
    }
    mine = typeddict_type(chk.ev, fullname)  # type: ignore[arg-type]
    if not isinstance(mine, TypedDictType):
        return
    rel = chk.p.relations
    for base in info.bases:
        base_td = typeddict_type(chk.ev, base.fullname)  # type: ignore[arg-type]
        if not isinstance(base_td, TypedDictType) or base.args:
            continue
        for key, stmt in own.items():
            old, new = base_td.item_type(key), mine.item_type(key)
            if old is None or new is None:
                continue
            ok = rel.is_subtype(new, old)
            if key not in base_td.readonly:
                ok = ok and rel.is_subtype(old, new)
            if not ok:
                name = base.fullname.rsplit(".", 1)[-1]
                _fail(
                    chk, stmt, f'Definition of field "{key}" incompatible with base class "{name}"'
                )


def check_qualifiers_outside(chk: "Evaluator", ann: ast.expr, scope: TypeScope) -> None:
    """``Required``/``NotRequired``/``ReadOnly`` in an annotation that is not a TypedDict key."""
    for n in ast.walk(ann):
        if isinstance(n, ast.Subscript) or (
            isinstance(n, (ast.Name, ast.Attribute)) and not _is_subscript_head(n, ann)
        ):
            q = qualifier(chk, n, scope)
            if q in QUALIFIERS:
                text = f"{q}[] can be only used in a TypedDict definition"
                chk.emit(n, "error", Message(text, codes.VALID_TYPE))
                return


def _is_subscript_head(n: ast.AST, root: ast.expr) -> bool:
    return any(isinstance(p, ast.Subscript) and p.value is n for p in ast.walk(root))


def _fail(chk: "Evaluator", node: ast.AST, text: str, code: codes.ErrorCode = codes.MISC) -> None:
    chk.emit(node, "error", Message(text, code))


def _literal_flag(name: str | None) -> str:
    return f'"{name}" argument must be a True or False literal'


# -- the functional form: ``P = TypedDict("P", {"x": int}, total=False)`` ---------------------

_FLAGS = ("total", "closed")


def check_functional(
    chk: "Evaluator", target: str | None, call: ast.Call, scope: TypeScope
) -> None:
    """The errors of a ``TypedDict(...)`` call assigned to ``target``."""
    if any(kw.arg in ("typename", "fields") for kw in call.keywords) or len(call.args) > 2:
        _fail(chk, call, "Unexpected arguments to TypedDict()")
        return
    if len(call.args) < 2:
        _fail(chk, call, "Too few arguments for TypedDict()")
        return
    name, fields = call.args
    if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
        _fail(chk, call, "TypedDict() expects a string literal as the first argument")
        return
    if not isinstance(fields, ast.Dict):
        _fail(chk, call, "TypedDict() expects a dictionary literal as the second argument")
        return
    for kw in call.keywords:
        if kw.arg not in _FLAGS and kw.arg != "extra_items":
            _fail(chk, call, f'Unexpected keyword argument "{kw.arg}" for "TypedDict"')
            return
        if kw.arg in _FLAGS and not (
            isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, bool)
        ):
            _fail(chk, call, _literal_flag(kw.arg), codes.LITERAL_REQUIRED)
    if any(not (isinstance(k, ast.Constant) and isinstance(k.value, str)) for k in fields.keys):
        _fail(chk, call, "Invalid TypedDict() field name")
        return
    if target is not None and name.value != target:
        text = (
            f'First argument "{name.value}" to TypedDict() does not match variable name "{target}"'
        )
        _fail(chk, call, text, codes.NAME_MATCH)
    seen: set[str] = set()
    for key, value in zip(fields.keys, fields.values):
        assert isinstance(key, ast.Constant)
        _check_value(chk, value, scope)
        if key.value in seen:
            _fail(chk, key, f'Duplicate TypedDict key "{key.value}"')
        seen.add(key.value)


def _check_value(chk: "Evaluator", value: ast.expr, scope: TypeScope) -> None:
    head = qualifier(chk, value, scope)
    if head in ("Final", "ClassVar"):
        _fail(chk, value, f"{head}[...] can't be used inside a TypedDict", codes.VALID_TYPE)
        return
    _qualifier_chain(chk, value, value, scope)
