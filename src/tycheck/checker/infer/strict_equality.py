"""``--strict-equality``: comparisons whose operands can never be equal (or identical, or
contained in each other).

A comparison is reported when the two types cannot overlap, following mypy's rules: ``None``
overlaps everything (unless ``--strict-equality-for-none``), two optional types are compared
without their ``None``, a class with its own ``__eq__`` may equal anything, sets and mappings
compare by their items, and ``bytes``-like types and booleans are never reported.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.checker.core.messages import quote_type
from tycheck.types.display import format_types
from tycheck.types.model import (
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    NoneType,
    Overloaded,
    TupleType,
    Type,
    TypeType,
    UnionType,
    make_union,
)
from tycheck.errors import codes
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

SET_LIKE = frozenset(
    {
        "builtins.set",
        "builtins.frozenset",
        "typing.KeysView",
        "typing.ItemsView",
        "_collections_abc.dict_keys",
        "_collections_abc.dict_items",
    }
)
BYTES_LIKE = frozenset({"builtins.bytes", "builtins.bytearray", "builtins.memoryview"})


def _options(chk: "Evaluator") -> object:
    return chk.options


def enabled(chk: "Evaluator") -> bool:
    return bool(getattr(_options(chk), "strict_equality", False)) and not getattr(
        chk, "unreachable_suppressed", False
    )


def check_compare(
    chk: "Evaluator",
    op: ast.cmpop,
    left: Type,
    right: Type,
    lnode: ast.expr,
    rnode: ast.expr,
    e: ast.Compare,
) -> None:
    """Report one link of a comparison chain when its operands cannot overlap."""
    if not enabled(chk):
        return
    if isinstance(op, (ast.Eq, ast.NotEq)):
        if _dangerous(chk, left, right):
            _report(chk, e, "equality", _literal(left), _literal(right))
    elif isinstance(op, (ast.Is, ast.IsNot)):
        if (
            _dangerous(chk, left, right, identity=True)
            and not _explicit_any(chk, lnode)
            and not _explicit_any(chk, rnode)
        ):
            _report(chk, e, "identity", _literal(left), _literal(right))
    elif isinstance(op, (ast.In, ast.NotIn)):
        item = _container_item(chk, right)
        if item is not None and _dangerous(chk, left, item, container=right, prefer_literal=False):
            _report(chk, e, "container", left, item)


def _report(chk: "Evaluator", e: ast.AST, kind: str, left: Type, right: Type) -> None:
    l, r = format_types(left, right)
    lname, rname = (
        ("element", "container item") if kind == "container" else ("left operand", "right operand")
    )
    chk.fail(
        e,
        Message(
            f"Non-overlapping {kind} check ({lname} type: {quote_type(l)}, {rname} type: {quote_type(r)})",
            codes.COMPARISON_OVERLAP,
        ),
    )


def _explicit_any(chk: "Evaluator", node: ast.expr) -> bool:
    # ``x is SENTINEL`` where a variable is declared ``Any`` is allowed.
    if not isinstance(node, ast.Name):
        return False
    declared = chk.declared_type_of(node.id) if hasattr(chk, "declared_type_of") else None
    return isinstance(declared, AnyType)


def _literal(t: Type) -> Type:
    if isinstance(t, Instance) and t.last_known_value is not None:
        return t.last_known_value
    return t


def _container_item(chk: "Evaluator", t: Type) -> Type | None:
    """The item type of a ``typing.Container`` (a union's items joined as a union)."""
    if isinstance(t, UnionType):
        items = [_container_item(chk, i) for i in t.items]
        if any(i is None for i in items):
            return None
        return make_union([i for i in items if i is not None])
    if isinstance(t, TupleType):
        t = chk.p.relations.tuple_fallback(t)
    if isinstance(t, Instance):
        mapped = chk.p.relations.map_to_supertype(t, "typing.Container")
        if mapped is not None and mapped.args:
            item = mapped.args[0]
            if isinstance(item, AnyType) and t.fullname.startswith("builtins."):
                # The typeshed path to ``Container`` goes through ``Collection``'s protocol
                # bases, which the mapping does not follow yet; ``Iterable`` gives the item.
                via = chk.p.relations.map_to_supertype(t, "typing.Iterable")
                if via is not None and via.args:
                    return via.args[0]
            return item
    return None


def _defines_own(chk: "Evaluator", fullname: str, name: str) -> bool:
    for base in chk.p.relations.mro(fullname):
        ns = chk.p.class_namespace(base)
        if ns is not None and ns.get(name) is not None:
            return not base.startswith(("builtins.", "typing."))
    return False


def _custom_eq(chk: "Evaluator", t: Type) -> bool:
    if isinstance(t, AnyType):
        return True  # unknown: never report
    if isinstance(t, LiteralType):
        t = t.fallback
    if isinstance(t, Instance):
        return _defines_own(chk, t.fullname, "__eq__")
    if isinstance(t, UnionType):
        return any(_custom_eq(chk, i) for i in t.items)
    if isinstance(t, TupleType):
        return _custom_eq(chk, chk.p.relations.tuple_fallback(t))
    if isinstance(t, (TypeType, CallableType, Overloaded)):
        meta = _metaclass(chk, t)
        return meta is not None and _defines_own(chk, meta, "__eq__")
    return False


def _metaclass(chk: "Evaluator", t: Type) -> str | None:
    item: Type | None = None
    if isinstance(t, TypeType):
        item = t.item
    elif isinstance(t, CallableType) and t.is_type_obj:
        item = t.ret_type
    elif isinstance(t, Overloaded) and t.items and t.items[0].is_type_obj:
        item = t.items[0].ret_type
    if not isinstance(item, Instance):
        return None
    info = chk.p.class_info(item.fullname)
    meta = getattr(info, "metaclass", None) if info is not None else None
    if isinstance(meta, Instance):
        return meta.fullname
    return meta if isinstance(meta, str) else None


def _remove_none(t: UnionType) -> Type:
    return make_union([i for i in t.items if not isinstance(i, NoneType)])


def _has_bytes(t: Type) -> bool:
    if isinstance(t, UnionType):
        return any(_has_bytes(i) for i in t.items)
    if isinstance(t, LiteralType):
        t = t.fallback
    return isinstance(t, Instance) and t.fullname in ("builtins.bytes", "builtins.bytearray")


def _dangerous(
    chk: "Evaluator",
    left: Type,
    right: Type,
    *,
    container: Type | None = None,
    prefer_literal: bool = True,
    identity: bool = False,
    depth: int = 0,
) -> bool:
    if depth > 5:
        return False
    if not identity and (_custom_eq(chk, left) or _custom_eq(chk, right)):
        return False
    if prefer_literal:
        left, right = _literal(left), _literal(right)
    if isinstance(left, AnyType) or isinstance(right, AnyType):
        return False
    if getattr(_options(chk), "strict_equality_for_none", False):
        if isinstance(left, NoneType) and isinstance(right, NoneType):
            return False
    elif isinstance(left, NoneType) or isinstance(right, NoneType):
        return False
    if isinstance(left, UnionType) and isinstance(right, UnionType):
        left, right = _remove_none(left), _remove_none(right)
    if container is not None and _has_bytes(container) and _has_bytes(left):
        return False
    rel = chk.p.relations
    if isinstance(left, Instance) and isinstance(right, Instance):
        ln, rn = left.fullname, right.fullname
        if ln in SET_LIKE and rn in SET_LIKE:
            ls, rs = (
                rel.map_to_supertype(left, "typing.AbstractSet"),
                rel.map_to_supertype(right, "typing.AbstractSet"),
            )
            if ls is None or rs is None or not ls.args or not rs.args:
                return False
            return _dangerous(chk, ls.args[0], rs.args[0], depth=depth + 1)
        lm, rm = (
            rel.map_to_supertype(left, "typing.Mapping"),
            rel.map_to_supertype(right, "typing.Mapping"),
        )
        if lm is not None and rm is not None:
            if len(lm.args) != 2 or len(rm.args) != 2:
                return False
            return _dangerous(chk, lm.args[0], rm.args[0], depth=depth + 1) or _dangerous(
                chk, lm.args[1], rm.args[1], depth=depth + 1
            )
        if ln in ("builtins.list", "builtins.tuple") and rn == ln:
            if not left.args or not right.args:
                return False
            return _dangerous(chk, left.args[0], right.args[0], depth=depth + 1)
        if ln in BYTES_LIKE and rn in BYTES_LIKE:
            return False
    if isinstance(left, LiteralType) and isinstance(right, LiteralType):
        if isinstance(left.value, bool) and isinstance(right.value, bool):
            return False
    for a, b in ((left, right), (right, left)):
        if (
            isinstance(a, LiteralType)
            and isinstance(b, Instance)
            and a.fallback.fullname == "builtins.bytes"
            and "builtins.bytearray" in rel.mro(b.fullname)
        ):
            return False
    return not rel.is_overlapping(left, right)
