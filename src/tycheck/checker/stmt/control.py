"""Compound statements: if, while, for, with, try and match, with the flow states of their branches."""

from __future__ import annotations

import ast

from tycheck.checker.checks import exceptions
from tycheck.checker.core.evaluator import Evaluator
from tycheck.checker.flow.binder import merge_states, simplify_union
from tycheck.checker.flow.undefined import DEAD_BRANCHES
from tycheck.checker.infer.expr import awaited_type
from tycheck.checker.stmt.with_names import starts_new_variable
from tycheck.semantic.reach import FALSE, MYPY_FALSE, MYPY_TRUE, TRUE, infer_condition
from tycheck.types.model import (
    AnyType,
    CallableType,
    Instance,
    Overloaded,
    PartialType,
    TupleType,
    Type,
    TypeType,
    UnionType,
    make_union,
    strip_literal,
    union_items,
)
from tycheck.errors import codes
from tycheck.errors.messages import Message


def declared_iterable_item(chk: Evaluator, t: Type) -> Type | None:
    """Unpacking reads the item type from an ``Iterable[X]`` base first (mypy), even when
    ``__iter__`` itself is unannotated."""
    if not isinstance(t, Instance):
        return None
    mapped = chk.p.relations.map_to_supertype(strip_literal(t), "typing.Iterable")  # type: ignore[arg-type]
    if mapped is None or not mapped.args or isinstance(mapped.args[0], AnyType):
        return None
    return mapped.args[0]


def stmt_If(chk: Evaluator, s: ast.If) -> None:
    chk.infer(s.test)
    static = infer_condition(s.test, chk.reach)
    yes, no = chk.narrow.condition_maps(s.test)
    if static in (FALSE, MYPY_FALSE):
        yes = None
    if static in (TRUE, MYPY_TRUE):
        no = None
    before = dict(chk.state)
    if not chk.unreachable:
        mark_dead_branches(s, yes is None, no is None)
    with chk.frames.enter(s, "if", conditional=True):
        with chk.frames.enter(s, "body"):
            after_yes = chk.run_branch(s.body, yes, before, silent=static in (FALSE, MYPY_FALSE))
        with chk.frames.enter(s, "else"):
            after_no = chk.run_branch(s.orelse, no, before, silent=static in (TRUE, MYPY_TRUE))
    chk.finish_branches([after_yes, after_no])


def mark_dead_branches(s: ast.If, body_dead: bool, else_dead: bool) -> None:
    """Remember on the node which branches the types rule out, for the ``possibly-undefined``
    pass (``flow/undefined.py``) that runs after the module is checked. A branch is dead only
    if every pass over the statement found it so (type variable expansions, loops)."""
    seen = getattr(s, DEAD_BRANCHES, None)
    if seen is not None:
        body_dead, else_dead = body_dead and seen[0], else_dead and seen[1]
    setattr(s, DEAD_BRANCHES, (body_dead, else_dead))


def merge_branch_states(
    chk: Evaluator, states: list[dict[str, Type] | None]
) -> dict[str, Type] | None:
    """Branch states joined: simplified unions, and names widened back to their declaration."""
    rel = chk.p.relations
    merged = merge_states(states, lambda ts: simplify_union(ts, rel.is_subtype))
    if merged is None:
        return None
    for key in [k for k in merged if k in chk.declared and k not in chk.comp_locals]:
        # A union covering the whole declared type is the declared type (and its spelling).
        decl = chk.declared[key]
        t = merged[key]
        # (Any is a subtype both ways, so a union holding Any is kept as it is.)
        if (
            isinstance(t, UnionType)
            and not isinstance(decl, (AnyType, PartialType))
            and not any(isinstance(i, AnyType) for i in t.items)
            and rel.is_subtype(decl, t)
            and rel.is_subtype(t, decl)
        ):
            del merged[key]
    return merged


def stmt_While(chk: Evaluator, s: ast.While) -> None:
    with chk.frames.enter(s, "loop", conditional=True):
        _check_while(chk, s)


def _check_while(chk: Evaluator, s: ast.While) -> None:
    chk.infer(s.test)
    static = infer_condition(s.test, chk.reach)
    before = dict(chk.state)
    yes, no = chk.narrow.condition_maps(s.test)
    # Two passes over the body so that assignments in it widen the state at its top.
    chk.loop_depth += 1
    saved_breaks = chk.break_states
    chk.break_states = []
    # The first pass is muted: errors (and unreachability) are judged on the state
    # widened by the body's own assignments, as they hold from the second iteration on.
    first: list[dict[str, Type] | None] = []
    with chk.quiet(), chk.frames.enter(s, "body"):
        first.append(chk.run_branch(s.body, yes, before))
    widened = _merged_or(before, first[0])
    chk.state = dict(widened)
    yes_w, _ = chk.narrow.condition_maps(s.test)
    with chk.frames.enter(s, "body"):
        chk.run_branch(s.body, yes_w, widened, silent=static in (FALSE, MYPY_FALSE))
    chk.loop_depth -= 1
    breaks = chk.break_states
    chk.break_states = saved_breaks
    chk.state = dict(widened)
    chk.unreachable = False
    always = static in (TRUE, MYPY_TRUE) or (
        isinstance(s.test, ast.Constant) and bool(s.test.value)
    )
    exits: list[dict[str, Type] | None] = list(breaks)
    if not always:
        _, no2 = chk.narrow.condition_maps(s.test)
        after_else = chk.run_branch(s.orelse, no2 if no2 is not None else None, widened)
        exits.append(after_else)
    chk.finish_branches(exits)


def _merged_or(before: dict[str, Type], after: dict[str, Type] | None) -> dict[str, Type]:
    """The state at a loop's top: the state before it joined with the body's end state.

    An empty merged state is a real answer (nothing narrowed), unlike an unreachable end.
    """
    merged = merge_states([before, after])
    return before if merged is None else merged


def stmt_Break(chk: Evaluator, s: ast.Break) -> None:
    chk.break_states.append(dict(chk.state))
    chk.unreachable = True


def stmt_Continue(chk: Evaluator, s: ast.Continue) -> None:
    chk.unreachable = True


def stmt_For(chk: Evaluator, s: ast.For | ast.AsyncFor) -> None:
    it = chk.infer(s.iter)
    with chk.frames.enter(s, "loop", conditional=True):
        _check_for_loop(chk, s, it)


def _check_for_loop(chk: Evaluator, s: ast.For | ast.AsyncFor, it: Type) -> None:
    item = chk.iter_item_type(it, s.iter) if isinstance(s, ast.For) else async_item(chk, it)
    before = dict(chk.state)
    with chk.frames.enter(s, "body"):
        chk.assign_to(s.target, item, None, s, infer_decl=True)
    start = dict(chk.state)
    saved_breaks = chk.break_states
    chk.break_states = []
    first: list[dict[str, Type] | None] = []
    with chk.quiet(), chk.frames.enter(s, "body"):
        first.append(chk.run_branch(s.body, {}, start))
    after_body = first[0]
    widened = _merged_or(start, after_body)
    with chk.frames.enter(s, "body"):
        chk.run_branch(s.body, {}, widened)
    breaks = chk.break_states
    chk.break_states = saved_breaks
    merged_before = _merged_or(before, after_body)
    after_else = chk.run_branch(s.orelse, {}, merged_before)
    chk.finish_branches(list(breaks) + [after_else])


def async_item(chk: Evaluator, t: Type) -> Type:
    return AnyType("special")


def stmt_With(chk: Evaluator, s: ast.With | ast.AsyncWith) -> None:
    may_swallow = False
    for item in s.items:
        t = chk.infer(item.context_expr)
        entered = enter_type(chk, t, item.context_expr, isinstance(s, ast.AsyncWith))
        may_swallow = may_swallow or exit_may_swallow(
            chk, t, item.context_expr, isinstance(s, ast.AsyncWith)
        )
        if item.optional_vars is not None:
            forget_fresh_targets(chk, item.optional_vars)
            chk.assign_to(item.optional_vars, entered, None, s, infer_decl=True)
    before = dict(chk.state)
    chk.check_block(s.body)
    if may_swallow and chk.unreachable:
        # An ``__exit__`` returning ``bool`` may swallow the exception that ended the body.
        chk.finish_branches([before])


def forget_fresh_targets(chk: Evaluator, target: ast.expr) -> None:
    """A ``with`` target that starts a new variable of its name (``with_names.py``) is
    declared by this binding, whatever an earlier ``with`` bound to the name."""
    if isinstance(target, (ast.Tuple, ast.List)):
        for el in target.elts:
            forget_fresh_targets(chk, el)
    elif isinstance(target, ast.Starred):
        forget_fresh_targets(chk, target.value)
    elif isinstance(target, ast.Name) and starts_new_variable(chk.func, target):
        chk.declared.pop(target.id, None)
        chk.state.pop(target.id, None)


def exit_may_swallow(chk: Evaluator, t: Type, node: ast.expr, is_async: bool) -> bool:
    """Whether a context manager's ``__exit__`` is declared to return ``bool``."""
    name = "__aexit__" if is_async else "__exit__"
    with chk.quiet():
        for item in union_items(t):
            if not isinstance(item, Instance):
                continue
            m = chk.member_access_one(item, name, node, report=False)
            ret = m.ret_type if isinstance(m, CallableType) else None
            if is_async and isinstance(ret, Instance) and ret.args:
                ret = ret.args[-1]
            if (
                isinstance(ret, Instance)
                and ret.fullname == "builtins.bool"
                and ret.last_known_value is None
            ):
                return True
    return False


def enter_type(chk: Evaluator, t: Type, node: ast.expr, is_async: bool) -> Type:
    name = "__aenter__" if is_async else "__enter__"
    results = []
    for item in union_items(t):
        if isinstance(item, AnyType):
            results.append(item)
            continue
        m = chk.member_access_one(item, name, node, report=False)
        if isinstance(m, CallableType):
            r = m.ret_type
            if is_async:
                r = awaited_type(chk, r, node)
            results.append(r)
        elif m is None:
            chk.fail(
                node, Message(f'"{chk.fmt(item)}" has no attribute "{name}"', codes.ATTR_DEFINED)
            )
            results.append(AnyType("error"))
        else:
            results.append(AnyType("special"))
    return make_union(results) if results else AnyType("special")


def stmt_Try(chk: Evaluator, s: ast.Try) -> None:
    # The body and the handlers are branches of one exception frame; else and finally are not.
    with chk.frames.enter(s, "try"):
        _check_try(chk, s)


def _check_try(chk: Evaluator, s: ast.Try) -> None:
    before = dict(chk.state)
    chk.unreachable = False
    # An exception may leave the body after any statement: handlers see every state
    # the body passed through, not just its start and end.
    with chk.frames.enter(s, "except", conditional=True), chk.frames.enter(s, "body"):
        snapshots = check_block_collecting(chk, s.body)
    handler_snapshots: list[dict[str, Type]] = []
    body_state = None if chk.unreachable else dict(chk.state)
    if body_state is not None and s.orelse:
        chk.check_block(s.orelse)
        body_state = None if chk.unreachable else dict(chk.state)
    results: list[dict[str, Type] | None] = [body_state]
    # Handlers may start anywhere in the body: use what was known before it.
    for h in s.handlers:
        merged = merge_states([before, body_state, *snapshots])
        chk.state = merged if merged is not None else dict(before)
        chk.unreachable = False
        if h.type is not None:
            et = chk.infer(h.type)
            if isinstance(s, ast.Try):
                caught = exceptions.handler_type(chk, et, h.type)
            else:
                caught = exception_instance(
                    chk, et
                )  # ``except*``: exception groups are not modelled
            if h.name:
                chk.state[h.name] = caught
                chk.declared.setdefault(h.name, chk.state[h.name])
        elif h.name:
            chk.state[h.name] = AnyType("special")
        with chk.frames.enter(s, "except", conditional=True), chk.frames.enter(h, "handler"):
            if s.finalbody:
                handler_snapshots.extend(check_block_collecting(chk, h.body))
            else:
                chk.check_block(h.body)
        results.append(None if chk.unreachable else dict(chk.state))
        if h.name:
            chk.state.pop(h.name, None)
    chk.finish_branches(results)
    if s.finalbody:
        check_finally(chk, s.finalbody, before, snapshots + handler_snapshots)


def check_block_collecting(chk: Evaluator, body: list[ast.stmt]) -> list[dict[str, Type]]:
    """Check a block, returning the state after each statement in it (nested ones too)."""
    outer = chk.try_snapshots
    chk.try_snapshots = []
    try:
        chk.check_block(body)
    finally:
        collected = chk.try_snapshots
        chk.try_snapshots = outer
        if outer is not None:
            outer.extend(collected)
    return collected


def check_finally(
    chk: Evaluator,
    finalbody: list[ast.stmt],
    before: dict[str, Type],
    snapshots: list[dict[str, Type]],
) -> None:
    """``finally`` runs after an abnormal exit from anywhere in the try statement (checked
    and reported on the join of all those states), then on the normal path (muted: its
    state is narrower, and the errors were reported already)."""
    was_unreachable = chk.unreachable
    normal = None if chk.unreachable else dict(chk.state)
    abnormal = merge_states([before, normal, *snapshots])
    chk.state = abnormal if abnormal is not None else dict(before)
    chk.unreachable = False
    chk.check_block(finalbody)
    if normal is None:
        chk.unreachable = True
        return
    chk.state = normal
    chk.unreachable = False
    with chk.quiet():
        chk.check_block(finalbody)
    chk.unreachable = chk.unreachable or was_unreachable


def exception_instance(chk: Evaluator, t: Type) -> Type:
    out: list[Type] = []
    for item in union_items(t):
        if (
            isinstance(item, CallableType)
            and item.is_type_obj
            and isinstance(item.ret_type, Instance)
        ):
            out.append(item.ret_type)
        elif isinstance(item, Overloaded) and item.items and item.items[0].is_type_obj:
            out.append(item.items[0].ret_type)
        elif isinstance(item, TupleType):
            out.append(exception_instance(chk, make_union(list(item.items))))
        elif isinstance(item, TypeType):
            out.append(item.item)
        else:
            out.append(AnyType("special"))
    return make_union(out)


def stmt_Match(chk: Evaluator, s: ast.Match) -> None:
    from tycheck.checker.flow.patterns import check_match

    check_match(chk, s)


stmt_AsyncFor = stmt_For
stmt_AsyncWith = stmt_With
stmt_TryStar = stmt_Try
