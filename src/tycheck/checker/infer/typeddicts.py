"""Checking expressions that involve TypedDicts.

Construction (``Point(x=1, y=2)``, ``Point({'x': 1, 'y': 2})``, a dict display where a
TypedDict is expected), indexing with literal keys, item assignment and deletion, and the
methods whose result depends on the key (``get``, ``setdefault``, ``pop``). The types
themselves (which class is a TypedDict and its items) come from ``typeddict_types.py``.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.checker.core import messages as msg
from tycheck.checker.infer.arity import map_actuals
from tycheck.checker.core.actuals import Actual
from tycheck.modules.messages import close_matches, quoted_alternatives
from tycheck.types.model import (
    NAMED,
    POS,
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    NoneType,
    Type,
    TypedDictType,
    UnionType,
    make_union,
    strip_literal,
    union_items,
)
from tycheck.types.subst import expand, has_type_vars
from tycheck.checker.declare.typeddict import typeddict_constructor
from tycheck.errors import codes, messages as em
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

# Methods whose result depends on the literal key they are given.
KEY_METHODS = ("get", "setdefault", "pop")


# -- construction -------------------------------------------------------------------


def check_constructor_call(
    chk: "Evaluator", callee: CallableType, e: ast.Call, ctx: Type | None
) -> Type:
    """``Point(x=1)``, ``Point({'x': 1})`` or ``Point(dict(x=1))``."""
    td = callee.ret_type
    assert isinstance(td, TypedDictType)
    if not e.args:
        entries = [(k.arg, k.value) for k in e.keywords]
        if any(name is None for name, _ in entries):
            return _unchecked(chk, [v for _, v in entries], td, callee)
        return check_entries(chk, td, entries, e, callee, ctx)  # type: ignore[arg-type]
    if len(e.args) == 1 and not e.keywords:
        arg = e.args[0]
        if isinstance(arg, ast.Dict):
            return check_dict_display(chk, td, arg, ctx, callee, report_node=e)
        if (
            isinstance(arg, ast.Call)
            and isinstance(arg.func, ast.Name)
            and arg.func.id == "dict"
            and not arg.args
        ):
            entries = [(k.arg, k.value) for k in arg.keywords]
            if all(name is not None for name, _ in entries):
                return check_entries(chk, td, entries, e, callee, ctx)  # type: ignore[arg-type]
    chk.fail(e, em.EXPECTED_KEYWORD_ARGUMENTS_OR_DICT_IN)
    for a in e.args:
        chk.infer(a.value if isinstance(a, ast.Starred) else a)
    for k in e.keywords:
        chk.infer(k.value)
    return AnyType("error")


def _unchecked(
    chk: "Evaluator", values: list[ast.expr], td: TypedDictType, callee: CallableType | None
) -> Type:
    """A construction we do not check (``**`` of something): infer the parts, trust the type."""
    for v in values:
        chk.infer(v)
    if callee is not None and callee.variables:
        return expand(td, {v.id: AnyType("special") for v in callee.variables})
    return td


def check_dict_display(
    chk: "Evaluator",
    td: TypedDictType,
    e: ast.Dict,
    ctx: Type | None,
    callee: CallableType | None = None,
    report_node: ast.AST | None = None,
) -> Type:
    """A dict display where ``td`` is expected (or passed to its constructor)."""
    entries: list[tuple[str, ast.expr]] = []
    for k, v in zip(e.keys, e.values):
        if k is None:
            continue
        if not (isinstance(k, ast.Constant) and isinstance(k.value, str)):
            named = literal_keys(chk.infer(k))
            if named is not None and len(named) == 1:
                entries.append((named[0], v))  # a variable of a single Literal type
                continue
            chk.fail(k, em.EXPECTED_TYPEDDICT_KEY_TO_BE_STRING)
            for x in e.values:
                chk.infer(x)
            return AnyType("error")
        entries.append((k.value, v))
    if any(k is None for k in e.keys):
        # ``{**other, ...}``: the items brought in are not checked one by one.
        for k, v in zip(e.keys, e.values):
            chk.infer(
                v,
                td.item_type(k.value)
                if isinstance(k, ast.Constant) and isinstance(k.value, str)
                else None,
            )
        return _unchecked(chk, [], td, callee)
    return check_entries(chk, td, entries, report_node or e, callee, ctx)


def check_entries(
    chk: "Evaluator",
    td: TypedDictType,
    entries: list[tuple[str, ast.expr]],
    node: ast.AST,
    callee: CallableType | None,
    ctx: Type | None,
) -> Type:
    """Check keys and values of a construction against ``td``, as mypy does."""
    actual = list(dict.fromkeys(k for k, _ in entries))
    actual_set = set(actual)
    keys = td.keys()
    result: Type = td
    if not (td.required <= actual_set and actual_set <= set(keys)):
        if not actual_set <= set(keys):
            _unexpected_keys(
                chk, td, [k for k in keys if k in td.required or k in actual_set], actual, node
            )
        if not td.required <= actual_set:
            _unexpected_keys(
                chk,
                td,
                [k for k in keys if k in td.required],
                [k for k in actual if k in td.required],
                node,
            )
        if not td.required <= actual_set:
            for _, v in entries:
                chk.infer(v, td.item_type(_))
            return AnyType("error")
    if callee is not None and callee.variables:
        result = _infer_generic(chk, td, callee, entries, ctx)
        types = {id(v): chk.infer(v) for _, v in entries}
    else:
        types = {}
    assert isinstance(result, TypedDictType) or isinstance(result, AnyType)
    solved_items: dict[str, Type] = {}
    for key, value in entries:
        expected = result.item_type(key) if isinstance(result, TypedDictType) else None
        got = types[id(value)] if id(value) in types else chk.infer(value, expected)
        if expected is None:
            continue
        if chk.muted and has_type_vars(expected):
            # Inferring a generic call's type variables: report the value's own type.
            solved_items[key] = strip_literal(got)
            continue
        if chk.checking and not chk.p.relations.is_subtype(got, expected):
            chk.fail(
                value,
                Message(msg.typeddict_item_incompatible(key, got, expected), codes.TYPEDDICT_ITEM),
            )
    if solved_items and isinstance(result, TypedDictType):
        items = tuple((k, solved_items.get(k, t)) for k, t in result.items)
        return TypedDictType(items, result.required, result.readonly, result.fallback)
    return result


def _unexpected_keys(
    chk: "Evaluator", td: TypedDictType, expected: list[str], actual: list[str], node: ast.AST
) -> None:
    if not td.is_anonymous:
        missing = [k for k in expected if k not in actual]
        if missing:
            chk.fail(node, Message(msg.typeddict_missing_keys(missing, td), codes.TYPEDDICT_ITEM))
        extra = [k for k in actual if k not in expected]
        if extra:
            chk.fail(
                node, Message(msg.typeddict_extra_keys(extra, td), codes.TYPEDDICT_UNKNOWN_KEY)
            )
        if missing or extra:
            return
    if not expected:
        chk.fail(
            node,
            Message(
                f"Unexpected TypedDict {msg.typeddict_key_list(actual, short=True)}", codes.MISC
            ),
        )
        return
    chk.fail(node, Message(msg.typeddict_expected_keys(expected, actual), codes.TYPEDDICT_ITEM))


def _infer_generic(
    chk: "Evaluator",
    td: TypedDictType,
    callee: CallableType,
    entries: list[tuple[str, ast.expr]],
    ctx: Type | None,
) -> Type:
    """Solve a generic TypedDict's type variables from the first value of each key."""
    seen: dict[str, ast.expr] = {}
    for k, v in entries:
        seen.setdefault(k, v)
    actuals = [Actual(v, NAMED, k) for k, v in seen.items()]
    with chk.quiet():
        for a in actuals:
            a.type = chk.infer(a.node) if a.node is not None else None
        formals = map_actuals(callee, actuals)
        solved = chk.calls.infer_type_vars(callee, actuals, formals, ctx)
    ret = solved.ret_type
    if solved.variables:
        ret = expand(ret, {v.id: AnyType("special") for v in solved.variables})
    return ret if isinstance(ret, TypedDictType) else td


def typeddict_context(chk: "Evaluator", ctx: Type | None, e: ast.Dict) -> TypedDictType | None:
    """The TypedDict a dict display should be checked against, if its context names one."""
    if ctx is None:
        return None
    if any(
        k is None or not (isinstance(k, ast.Constant) and isinstance(k.value, str)) for k in e.keys
    ):
        candidates = [t for t in union_items(ctx) if isinstance(t, TypedDictType)]
        # Unusual keys: check against the only TypedDict expected, if there is one.
        return candidates[0] if len(candidates) == 1 and len(union_items(ctx)) == 1 else None
    return typeddict_context_for_keys(ctx, [k.value for k in e.keys])  # type: ignore[union-attr]


def typeddict_context_for_keys(ctx: Type | None, keys: list[str]) -> TypedDictType | None:
    """Of the TypedDicts in ``ctx``, the one a construction with ``keys`` is meant to be."""
    if ctx is None:
        return None
    candidates = [t for t in union_items(ctx) if isinstance(t, TypedDictType)]
    if len(candidates) == 1 and len(union_items(ctx)) == 1:
        return candidates[0]
    if not candidates:
        return None
    # In a union only a TypedDict whose keys fit is meant (mypy matches them the same way).
    present = set(keys)
    fitting = [t for t in candidates if t.required <= present <= set(t.keys())]
    return fitting[0] if len(fitting) == 1 else None


def ambiguous_typeddict_context(ctx: Type | None, e: ast.Dict) -> bool:
    """Whether more than one TypedDict of the expected union fits the display's keys."""
    if ctx is None or not all(
        isinstance(k, ast.Constant) and isinstance(k.value, str) for k in e.keys
    ):
        return False
    present = {k.value for k in e.keys}  # type: ignore[union-attr]
    candidates = [t for t in union_items(ctx) if isinstance(t, TypedDictType)]
    return sum(1 for t in candidates if t.required <= present <= set(t.keys())) > 1


# -- items ----------------------------------------------------------------------------


def literal_keys(t: Type) -> list[str] | None:
    """The string literal keys ``t`` stands for, or None if it is not made of them."""
    out: list[str] = []
    for item in union_items(t):
        if isinstance(item, Instance) and item.last_known_value is not None:
            item = item.last_known_value
        if (
            isinstance(item, LiteralType)
            and isinstance(item.value, str)
            and item.fallback.fullname != "builtins.bytes"
        ):
            out.append(item.value)
        else:
            return None
    return out


def report_missing_key(
    chk: "Evaluator", td: TypedDictType, key: str, node: ast.AST, setitem: bool = False
) -> None:
    if td.is_anonymous:
        chk.fail(node, Message(msg.typeddict_invalid_key(key, list(td.keys())), codes.MISC))
        return
    code = codes.TYPEDDICT_UNKNOWN_KEY if setitem else codes.TYPEDDICT_ITEM
    chk.fail(node, Message(msg.typeddict_no_key(td, key), code))
    matches = close_matches(key, td.keys())
    if matches:
        chk.note(node, Message(f"Did you mean {quoted_alternatives(matches)}?", code))


def index_typeddict(chk: "Evaluator", td: TypedDictType, index: Type, index_node: ast.expr) -> Type:
    """``td[key]``: the item's type; an error for an unknown or non-literal key."""
    keys = literal_keys(index)
    if keys is None:
        if isinstance(index, AnyType):
            return AnyType("special")
        chk.fail(
            index_node,
            Message(msg.typeddict_key_must_be_literal(list(td.keys())), codes.LITERAL_REQUIRED),
        )
        return AnyType("error")
    values: list[Type] = []
    for key in keys:
        t = td.item_type(key)
        if t is None:
            report_missing_key(chk, td, key, index_node)
            return AnyType("error")
        values.append(t)
    return make_union(values)


def set_item(
    chk: "Evaluator",
    td: TypedDictType,
    index: Type,
    index_node: ast.expr,
    value: Type,
    value_node: ast.AST,
) -> None:
    """``td[key] = value``."""
    keys = literal_keys(index)
    if keys is None:
        if not isinstance(index, AnyType):
            chk.fail(
                index_node,
                Message(msg.typeddict_key_must_be_literal(list(td.keys())), codes.LITERAL_REQUIRED),
            )
        return
    readonly = [k for k in keys if k in td.readonly]
    if readonly:
        chk.fail(
            index_node,
            Message(msg.typeddict_readonly_mutated(readonly), codes.TYPEDDICT_READONLY_MUTATED),
        )
    for key in keys:
        expected = td.item_type(key)
        if expected is None:
            report_missing_key(chk, td, key, index_node, setitem=True)
            return
        if chk.checking and not chk.p.relations.is_subtype(value, expected):
            chk.fail(
                value_node,
                Message(
                    msg.typeddict_value_incompatible(key, value, expected), codes.TYPEDDICT_ITEM
                ),
            )


def delete_item(chk: "Evaluator", td: TypedDictType, index: Type, index_node: ast.expr) -> None:
    """``del td[key]``: only keys that may be missing can go."""
    keys = literal_keys(index)
    if keys is None:
        return
    for key in keys:
        if td.item_type(key) is None:
            report_missing_key(chk, td, key, index_node)
        elif key in td.required or key in td.readonly:
            chk.fail(
                index_node,
                Message(msg.typeddict_key_cannot_be_deleted(td, key, td.is_anonymous), codes.MISC),
            )


# -- methods --------------------------------------------------------------------------


def method_call(chk: "Evaluator", td: TypedDictType, e: ast.Call, ctx: Type | None) -> Type | None:
    """``td.get(key[, default])`` and friends with a literal key, or None to check normally."""
    assert isinstance(e.func, ast.Attribute)
    name = e.func.attr
    if (
        e.keywords
        or not e.args
        or any(isinstance(a, ast.Starred) for a in e.args)
        or len(e.args) > 2
    ):
        return None
    key_t = chk.infer(e.args[0])
    keys = literal_keys(key_t)
    if keys is None:
        if name == "get" or isinstance(key_t, AnyType):
            return None
        chk.fail(e, em.EXPECTED_TYPEDDICT_KEY_TO_BE_STRING)
        for a in e.args[1:]:
            chk.infer(a)
        return AnyType("error")
    values: list[Type] = []
    for key in keys:
        t = td.item_type(key)
        if t is None:
            if name == "get":
                # An unknown key reads as missing: the default, or None.
                values.append(chk.infer(e.args[1]) if len(e.args) == 2 else NoneType())
                if len(e.args) == 2:
                    return make_union(values) if False else _get_unknown(chk, e)
                return _get_unknown(chk, e)
            report_missing_key(chk, td, key, e.args[0])
            for a in e.args[1:]:
                chk.infer(a)
            return AnyType("error")
        values.append(t)
    value = make_union(values)
    if name == "get":
        if len(e.args) == 1:
            return make_union([value, NoneType()])
        # ``d.get('x', {})`` of a TypedDict item: the empty dict is that TypedDict, partial.
        default_ctx = (
            _all_optional(value)
            if isinstance(e.args[1], ast.Dict) and not e.args[1].keys
            else value
        )
        default = chk.infer(e.args[1], default_ctx)
        rel = chk.p.relations
        if rel.is_subtype(default, value):
            return value
        if rel.is_subtype(value, default) and isinstance(default, TypedDictType):
            return default
        return make_union([value, default])
    if name == "pop":
        bad = [k for k in keys if k in td.required or k in td.readonly]
        for k in bad:
            chk.fail(
                e, Message(msg.typeddict_key_cannot_be_deleted(td, k, td.is_anonymous), codes.MISC)
            )
        if len(e.args) == 1:
            return value
        default = chk.infer(e.args[1], value)
        return make_union([value, default])
    # setdefault
    if len(e.args) != 2:
        return None
    default = chk.infer(e.args[1], value)
    if chk.checking and not chk.p.relations.is_subtype(default, value):
        a, b = chk.fmts(default, value)
        chk.fail(
            e.args[1],
            Message(
                f'Argument 2 to "setdefault" of "TypedDict" has incompatible type "{a}"; expected "{b}"',
                codes.TYPEDDICT_ITEM,
            ),
        )
    return value


def _all_optional(t: Type) -> Type:
    if isinstance(t, TypedDictType):
        return TypedDictType(t.items, frozenset(), t.readonly, t.fallback)
    return t


def special_member(chk: "Evaluator", td: TypedDictType, name: str) -> Type | None:
    """Methods typed by the TypedDict itself rather than by ``_TypedDict``'s stub."""
    if name == "copy":
        return CallableType((), (), (), td, name="copy", from_method="TypedDict")
    if name == "update":
        anon = chk.p.relations.fallback_of_typeddict(td)
        items = tuple((k, t) for k, t in td.items if k not in td.readonly)
        partial = TypedDictType(items, frozenset(), frozenset(), anon)
        return CallableType(
            (partial,), (POS,), (None,), NoneType(), name="update", from_method="TypedDict"
        )
    return None


def _get_unknown(chk: "Evaluator", e: ast.Call) -> Type:
    # mypy: a key the TypedDict does not declare reads as ``object`` (or the default).
    obj = Instance("builtins.object")
    if len(e.args) == 2:
        return make_union([obj, chk.infer(e.args[1])])
    return make_union([obj, NoneType()])


__all__ = [
    "KEY_METHODS",
    "UnionType",
    "check_constructor_call",
    "check_dict_display",
    "delete_item",
    "index_typeddict",
    "method_call",
    "set_item",
    "typeddict_constructor",
    "typeddict_context",
]
