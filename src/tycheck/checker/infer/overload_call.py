"""Calls of overloaded functions: choosing the item, as mypy does.

1. The *plausible* items are those whose parameters fit the argument count (items taking
   ``*args``/``**kwargs`` come first when the call passes a ``*``/``**`` of unknown shape).
2. Each plausible item is tried as a plain call with its errors captured; the first one
   without errors wins. When an argument contains ``Any`` every match is collected, and if
   the matches disagree where the ``Any`` goes, the result is ``Any``.
3. A union argument is split into its members ("union math") and the results are joined
   into a union, when each member matches some item.
4. Nothing matches: if an item is *similar* to the call once types are erased, the call is
   checked against it (its argument errors are the most helpful); otherwise "No overload
   variant ... matches".
"""

from __future__ import annotations

import ast
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from tycheck.checker.infer.arity import arity_errors, map_actuals
from tycheck.checker.infer.dunder_calls import is_operator_method
from tycheck.types.display import format_types, pretty_callable
from tycheck.types.model import (
    NAMED,
    POS,
    STAR,
    STAR2,
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    Overloaded,
    TupleType,
    Type,
    TypeType,
    TypeVarType,
    UnionType,
    make_union,
)
from tycheck.errors import codes, messages as em
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.actuals import Actual
    from tycheck.checker.core.evaluator import Calls as CallChecker
    from tycheck.errors.diagnostics import Diagnostic

_MAX_UNION_DEPTH = 5


@contextmanager
def captured(cc: "CallChecker") -> Iterator[list["Diagnostic"]]:
    """Run a trial call: its diagnostics go to the yielded list instead of the output."""
    chk = cc.chk
    saved = (chk.report, chk.muted, chk.checking, chk.unreachable)
    out: list[Diagnostic] = []
    chk.report = out.append
    chk.muted, chk.checking, chk.unreachable = False, True, False
    try:
        yield out
    finally:
        chk.report, chk.muted, chk.checking, chk.unreachable = saved


def call_overloaded(
    cc: "CallChecker",
    o: Overloaded,
    actuals: "list[Actual]",
    node: ast.AST,
    name: str | None,
    of_class: str | None,
    ctx: Type | None,
) -> Type:
    chk = cc.chk
    for a in actuals:
        if a.type is None and a.node is not None:
            a.type = chk.infer(a.node)
    targets = plausible_targets(cc, o, actuals)
    fresh = frozenset(i for i, a in enumerate(actuals) if _context_sensitive(a))
    union_result: Type | None = None
    if any(_real_union(a.type) for a in actuals):
        union_result = union_math(cc, targets, actuals, node, name, of_class, ctx, 0, fresh)
    inferred = infer_return(cc, targets, actuals, node, name, of_class, ctx, fresh)
    if inferred is not None and union_result is not None:
        if cc.rel.is_subtype(inferred, union_result) and not isinstance(inferred, AnyType):
            union_result = None
        else:
            inferred = None
    if union_result is not None:
        return union_result
    if inferred is not None:
        return inferred
    expanded = _expand_bools(cc, actuals)
    if expanded is not None:
        # A bool that no item takes may still match item by item as True and False
        # (``default: Literal[True, False]``), as in mypy's union math.
        got = union_math(cc, targets, expanded, node, name, of_class, ctx, 0, fresh)
        if got is not None:
            return got
    similar = [t for t in targets if erased_similar(cc, t, actuals)]
    if similar:
        return cc.call_callable(
            similar[0], cc.copy(actuals), node, name, of_class, ctx, report=True
        )
    report_no_match(cc, o, actuals, node, name, of_class)
    return AnyType("error")


def _expand_bools(cc: "CallChecker", actuals: "list[Actual]") -> "list[Actual] | None":
    """The actuals with each ``bool`` argument as ``Literal[True] | Literal[False]``; None
    when there is none."""
    out = cc.copy(actuals)
    found = False
    for a in out:
        if (
            isinstance(a.type, Instance)
            and a.type.fullname == "builtins.bool"
            and a.kind
            in (
                POS,
                NAMED,
            )
        ):
            a.type = UnionType((LiteralType(True, a.type), LiteralType(False, a.type)))
            found = True
    return out if found else None


def plausible_targets(
    cc: "CallChecker", o: Overloaded, actuals: "list[Actual]"
) -> list[CallableType]:
    star_shapeless = any(a.kind == STAR and not isinstance(a.type, TupleType) for a in actuals)
    star2_shapeless = any(a.kind == STAR2 for a in actuals)
    first: list[CallableType] = []
    rest: list[CallableType] = []
    for item in o.items:
        formals = map_actuals(item, actuals)
        if arity_errors(item, actuals, formals, "", True, cc.rel.is_subtype):
            continue
        if (star_shapeless and STAR in item.arg_kinds) or (
            star2_shapeless and STAR2 in item.arg_kinds
        ):
            first.append(item)
        else:
            rest.append(item)
    return first + rest


def try_item(
    cc: "CallChecker",
    item: CallableType,
    actuals: "list[Actual]",
    node: ast.AST,
    name: str | None,
    of_class: str | None,
    ctx: Type | None,
    fresh: frozenset[int] = frozenset(),
) -> Type | None:
    """The return type of calling ``item``, or None when the call has errors.

    The arguments in ``fresh`` are inferred again with the item's parameter types as their
    context (``d.setdefault(k, set())`` needs ``set[str]`` there, not ``set[Never]``)."""
    trial = cc.copy(actuals)
    for i in fresh:
        trial[i].type = None
    with captured(cc) as out:
        ret = cc.call_callable(item, trial, node, name, of_class, ctx, report=True)
    if any(d.severity == "error" for d in out):
        return None
    return ret


def infer_return(
    cc: "CallChecker",
    targets: list[CallableType],
    actuals: "list[Actual]",
    node: ast.AST,
    name: str | None,
    of_class: str | None,
    ctx: Type | None,
    fresh: frozenset[int] = frozenset(),
) -> Type | None:
    with_any = any(_holds_any(a) for a in actuals)
    matches: list[CallableType] = []
    rets: list[Type] = []
    for item in targets:
        ret = try_item(cc, item, actuals, node, name, of_class, ctx, fresh)
        if ret is None:
            continue
        if not with_any:
            return ret
        matches.append(item)
        rets.append(ret)
    if not matches:
        return None
    if _all_same(cc, rets) or not any_causes_ambiguity(cc, matches, actuals):
        return rets[0]
    return AnyType("special")


def any_causes_ambiguity(
    cc: "CallChecker", items: list[CallableType], actuals: "list[Actual]"
) -> bool:
    """Whether an argument holding ``Any`` fits formals that differ in items returning differently."""
    maps = [map_actuals(item, actuals) for item in items]
    for ai, a in enumerate(actuals):
        if not _holds_any(a):
            continue
        formal_types: list[Type] = []
        returns: list[Type] = []
        for item, formals in zip(items, maps):
            hit = [fi for fi, acts in enumerate(formals) if ai in acts]
            if hit:
                returns.append(item.ret_type)
                formal_types.extend(item.arg_types[fi] for fi in hit)
        if not _all_same(cc, formal_types) and not _all_same(cc, returns):
            return True
    return False


def union_math(
    cc: "CallChecker",
    targets: list[CallableType],
    actuals: "list[Actual]",
    node: ast.AST,
    name: str | None,
    of_class: str | None,
    ctx: Type | None,
    depth: int,
    fresh: frozenset[int] = frozenset(),
) -> Type | None:
    """Split the first union argument into its members; None unless every member matches."""
    idx = next((i for i, a in enumerate(actuals) if _real_union(a.type)), None)
    if idx is None:
        return infer_return(cc, targets, actuals, node, name, of_class, ctx, fresh)
    direct = infer_return(cc, targets, actuals, node, name, of_class, ctx, fresh)
    if direct is not None and not isinstance(direct, (UnionType, AnyType)):
        return direct
    if depth >= _MAX_UNION_DEPTH:
        return None
    union = actuals[idx].type
    assert isinstance(union, UnionType)
    results: list[Type] = []
    for member in union.items:
        trial = cc.copy(actuals)
        trial[idx].type = member
        # The member stands for the argument now: it is not inferred again.
        got = union_math(cc, targets, trial, node, name, of_class, ctx, depth + 1, fresh - {idx})
        if got is None:
            return None
        results.append(got)
    return make_union(results)


def erased_similar(cc: "CallChecker", item: CallableType, actuals: "list[Actual]") -> bool:
    """Whether the call roughly fits ``item`` when the types' details are ignored."""
    formals = map_actuals(item, actuals)
    used: dict[int, int] = {}
    for fi, acts in enumerate(formals):
        for ai in acts:
            k = used.get(ai, 0)
            used[ai] = k + 1
            at = cc.actual_item_type(actuals[ai], k)
            if at is not None and not similar(cc, at, item.arg_types[fi]):
                return False
    return True


def similar(cc: "CallChecker", actual: Type, formal: Type) -> bool:
    if isinstance(actual, TypeVarType):
        actual = actual.upper_bound
    if isinstance(formal, TypeVarType):
        formal = formal.upper_bound
    if isinstance(actual, AnyType) or isinstance(formal, AnyType):
        return True
    if isinstance(formal, CallableType) and isinstance(
        actual, (CallableType, Overloaded, TypeType)
    ):
        return True
    if _type_like(actual) and _type_like(formal):
        return True
    if isinstance(actual, UnionType):
        return any(similar(cc, i, formal) for i in actual.items)
    if isinstance(formal, UnionType):
        return any(similar(cc, actual, i) for i in formal.items)
    if isinstance(formal, Instance):
        inst: Type = actual
        if isinstance(inst, TupleType):
            inst = cc.rel.tuple_fallback(inst)
        elif isinstance(inst, LiteralType):
            inst = inst.fallback
        if isinstance(inst, Instance) and formal.fullname in cc.rel.mro(inst.fullname):
            return True
    return cc.rel.is_subtype(_erase(actual), _erase(formal))


def report_no_match(
    cc: "CallChecker",
    o: Overloaded,
    actuals: "list[Actual]",
    node: ast.AST,
    name: str | None,
    of_class: str | None,
) -> None:
    chk = cc.chk
    label = cc.callee_label(name, of_class)
    # mypy gives an operator method's mismatch the code of the operation.
    code = codes.OPERATOR if is_operator_method(name) else codes.CALL_OVERLOAD
    shown_actuals = [a for a in actuals if a.type is not None]
    fmts = format_types(*[a.type for a in shown_actuals]) if shown_actuals else []  # type: ignore[misc]
    shown = [
        ("*" if a.kind == STAR else "**" if a.kind == STAR2 else "") + s
        for a, s in zip(shown_actuals, fmts)
    ]
    target = f" of {label}" if label else ""
    if not shown:
        chk.fail(
            node,
            Message(f"All overload variants{target} require at least one argument", code),
        )
    else:
        plural = "s" if len(shown) > 1 else ""
        quoted = ", ".join(f'"{s}"' for s in shown)
        chk.fail(
            node,
            Message(
                f"No overload variant{target} matches argument type{plural} {quoted}",
                code,
            ),
        )
    chk.note(node, em.POSSIBLE_OVERLOAD_VARIANTS.with_code(code))
    for item in o.items:
        chk.note(node, Message("    " + pretty_callable(item), code))


def has_any(t: Type) -> bool:
    """Whether ``t`` holds ``Any`` anywhere (a class object's signature does not count)."""
    if isinstance(t, AnyType):
        return True
    if isinstance(t, Instance):
        return any(has_any(x) for x in t.args)
    if isinstance(t, (UnionType, TupleType)):
        return any(has_any(x) for x in t.items)
    if isinstance(t, CallableType):
        if t.is_type_obj:
            return False
        return any(has_any(x) for x in t.arg_types) or has_any(t.ret_type)
    if isinstance(t, Overloaded):
        return any(has_any(x) for x in t.items)
    if isinstance(t, TypeType):
        return has_any(t.item)
    return False


def _holds_any(a: "Actual") -> bool:
    # An empty ``[]``/``{}`` has no item type yet (mypy sees ``list[Never]`` there).
    if isinstance(a.node, (ast.List, ast.Dict, ast.Set, ast.Tuple)) and not (
        getattr(a.node, "elts", None) or getattr(a.node, "keys", None)
    ):
        return False
    return a.type is not None and has_any(a.type)


# Expressions whose type depends on the expected type: empty or mixed displays, calls of
# generic constructors, lambdas, comprehensions, conditional and boolean expressions.
_CONTEXT_SENSITIVE = (
    ast.List,
    ast.Set,
    ast.Dict,
    ast.Tuple,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
    ast.Lambda,
    ast.Call,
    ast.IfExp,
    ast.BoolOp,
)


def _context_sensitive(a: "Actual") -> bool:
    return a.kind in (POS, NAMED) and isinstance(a.node, _CONTEXT_SENSITIVE)


def _real_union(t: Type | None) -> bool:
    return isinstance(t, UnionType) and len(t.items) > 1


def _all_same(cc: "CallChecker", types: list[Type]) -> bool:
    return all(cc.rel.is_equivalent(types[0], t) for t in types[1:]) if types else True


def _type_like(t: Type) -> bool:
    return (
        isinstance(t, TypeType)
        or (isinstance(t, CallableType) and t.is_type_obj)
        or (isinstance(t, Instance) and t.fullname == "builtins.type")
    )


def _erase(t: Type) -> Type:
    """Forget type arguments (``list[int]`` becomes ``list[Any]``)."""
    if isinstance(t, Instance) and t.args:
        return Instance(t.fullname, tuple(AnyType("special") for _ in t.args))
    if isinstance(t, TypeVarType):
        return AnyType("special")
    return t
