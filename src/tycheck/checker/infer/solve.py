"""Type-variable inference for calls: one call's constraints, solved in passes.

``CallInference`` collects constraints (``constraints.py``) from the context and the
arguments, solves them, and applies the solution to the callee; the helpers below it handle
generic classes, union fallbacks and fresh variables.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import TYPE_CHECKING

from tycheck.types.model import (
    NAMED,
    POS,
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    NeverType,
    NoneType,
    Overloaded,
    TupleType,
    TypedDictType,
    Type,
    TypeType,
    TypeVarType,
    UnionType,
    make_union,
)
from tycheck.types.subst import expand, has_type_vars
from tycheck.checker.infer.constraints import (
    SUP,
    Constraint,
    ConstraintBuilder,
    Unconstrained,
    context_constraints,
    is_literal_like,
    solve,
)
from tycheck.errors import codes
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from typing import Callable

    from tycheck.checker.core.evaluator import Evaluator
    from tycheck.errors.diagnostics import Diagnostic
    from tycheck.checker.core.actuals import Actual
    from tycheck.checker.core.evaluator import Calls as CallChecker


# -- the driver used by calls -----------------------------------------------------------


class CallInference:
    """Infers the type variables of one call's callee (mypy's context pass, then two argument passes)."""

    def __init__(
        self,
        calls: "CallChecker",
        c: CallableType,
        actuals: "list[Actual]",
        formals: list[list[int]],
    ) -> None:
        self.calls = calls
        self.chk = calls.chk
        self.rel = calls.rel
        self.c = c
        self.actuals = actuals
        self.formals = formals

    def run(self, ctx: Type | None, node: ast.AST | None, label: str, report: bool) -> CallableType:
        c = self.c
        variables = list(c.variables)
        if ctx is not None:
            c, variables = self.apply_context(c, variables, ctx)
        if not variables:
            return replace(c, variables=())
        ids = {v.id for v in variables}
        builder = ConstraintBuilder(self.chk, ids)
        arg_types, deferred = self.first_pass(c, builder)
        later = self.generic_callable_args(c, builder, arg_types)
        constraints = self.arg_constraints(c, builder, arg_types, skip=later)
        sol = solve(self.chk, variables, constraints)
        if later:
            # A generic or overloaded function passed for a callable parameter is matched
            # against that parameter with what the other arguments solved (mypy's second
            # pass): ``map(os.path.abspath, paths)`` picks abspath's ``str`` item.
            known = self.known_solution(variables, sol)
            for fi, ai in later:
                formal = expand(c.arg_types[fi], known)
                constraints.extend(builder.infer(formal, arg_types[ai], SUP))
            sol = solve(self.chk, variables, constraints)
        if deferred:
            # Lambdas are inferred last, with what the other arguments told about the variables.
            known = {
                v.id: s
                for v in variables
                if isinstance(
                    s := sol[v.id],
                    (
                        AnyType,
                        NeverType,
                        Instance,
                        TupleType,
                        UnionType,
                        CallableType,
                        TypeType,
                        LiteralType,
                        NoneType,
                        TypeVarType,
                    ),
                )
            }
            for fi, ai in deferred:
                formal_ctx = erase_type_vars_in(expand(c.arg_types[fi], known), ids)
                arg_types[ai] = self.quiet_infer(self.actuals[ai].node, formal_ctx)
            constraints = self.arg_constraints(c, builder, arg_types)
            sol = solve(self.chk, variables, constraints)
        self.arg_types = arg_types
        return self.apply_solution(c, variables, sol, builder, node, label, report)

    # -- passes ----------------------------------------------------------------------

    def apply_context(
        self, c: CallableType, variables: list[TypeVarType], ctx: Type
    ) -> tuple[CallableType, list[TypeVarType]]:
        builder = ConstraintBuilder(self.chk, {v.id for v in variables})
        cons = context_constraints(builder, c.ret_type, ctx)
        if not cons:
            return c, variables
        sol = solve(self.chk, variables, cons)
        applied: dict[int | str, Type] = {}
        for v in variables:
            s = sol[v.id]
            if s is None or isinstance(s, Unconstrained):
                continue
            t = self.target_type(v, s, None, "", report=False)
            if t is not None:
                applied[v.id] = t
        if not applied:
            return c, variables
        new_c = expand(c, applied)
        assert isinstance(new_c, CallableType)
        return new_c, [v for v in variables if v.id not in applied]

    def first_pass(
        self, c: CallableType, builder: ConstraintBuilder
    ) -> tuple[dict[int, Type], list[tuple[int, int]]]:
        arg_types: dict[int, Type] = {}
        deferred: list[tuple[int, int]] = []
        for fi, acts in enumerate(self.formals):
            formal = c.arg_types[fi]
            if not builder.mentions(formal):
                continue
            for ai in acts:
                a = self.actuals[ai]
                if a.type is not None:
                    arg_types[ai] = a.type
                elif a.node is None:
                    continue
                elif (
                    isinstance(a.node, ast.Lambda)
                    and isinstance(formal, CallableType)
                    and a.kind in (POS, NAMED)
                ):
                    deferred.append((fi, ai))
                else:
                    # A dict display for a generic TypedDict is read against its items even so.
                    ctx = (
                        formal
                        if a.kind in (POS, NAMED)
                        and (not builder.mentions(formal) or isinstance(formal, TypedDictType))
                        else None
                    )
                    arg_types[ai] = self.quiet_infer(a.node, ctx)
        return arg_types, deferred

    def generic_callable_args(
        self, c: CallableType, builder: ConstraintBuilder, arg_types: dict[int, Type]
    ) -> list[tuple[int, int]]:
        """(formal, actual) pairs of generic or overloaded functions passed positionally or
        by keyword for a callable parameter that mentions the variables being solved."""
        out: list[tuple[int, int]] = []
        for fi, acts in enumerate(self.formals):
            formal = c.arg_types[fi]
            if not isinstance(formal, CallableType) or not builder.mentions(formal):
                continue
            for ai in acts:
                at = arg_types.get(ai)
                if self.actuals[ai].kind in (POS, NAMED) and (
                    isinstance(at, Overloaded) or (isinstance(at, CallableType) and at.variables)
                ):
                    out.append((fi, ai))
        # Only when another argument can tell something first.
        return out if len(out) < sum(len(a) for a in self.formals) else []

    def known_solution(
        self, variables: list[TypeVarType], sol: dict[int, "Type | None | Unconstrained"]
    ) -> dict[int | str, Type]:
        """The solved variables, for a second pass (unsolved and conflicting ones left out)."""
        return {
            v.id: t
            for v in variables
            if (t := sol[v.id]) is not None
            and not isinstance(t, (Unconstrained, NeverType, AnyType))
        }

    def quiet_infer(self, node: ast.expr | None, ctx: Type | None) -> Type:
        """Infer an argument for inference only: its errors are reported when it is checked."""
        if node is None:
            return AnyType("special")
        chk = self.chk
        with chk.quiet():
            return chk.infer(node, ctx)

    def arg_constraints(
        self,
        c: CallableType,
        builder: ConstraintBuilder,
        arg_types: dict[int, Type],
        skip: list[tuple[int, int]] = [],  # noqa: B006 - never mutated
    ) -> list[Constraint]:
        out: list[Constraint] = []
        used: dict[int, int] = {}
        for fi, acts in enumerate(self.formals):
            formal = c.arg_types[fi]
            for ai in acts:
                k = used.get(ai, 0)
                used[ai] = k + 1
                if ai not in arg_types or not builder.mentions(formal) or (fi, ai) in skip:
                    continue
                a = self.actuals[ai]
                at = self.calls.actual_item_type(a, k, arg_types[ai])
                if at is not None:
                    out.extend(builder.infer(formal, at, SUP))
        return out

    # -- the solution -------------------------------------------------------------------

    def apply_solution(
        self,
        c: CallableType,
        variables: list[TypeVarType],
        sol: dict[int, "Type | None | Unconstrained"],
        builder: ConstraintBuilder,
        node: ast.AST | None,
        label: str,
        report: bool,
    ) -> CallableType:
        mentioned: set[int] = set()
        for formal in c.arg_types:
            mentioned.update(builder.vars_in(formal))
        solution: dict[int | str, Type] = {}
        ret_vars: list[TypeVarType] = []
        weak: list[int] = []  # unconstrained although an argument mentions them
        for v in variables:
            s = sol[v.id]
            if (
                isinstance(s, Unconstrained)
                and isinstance(c.ret_type, CallableType)
                and v.id not in mentioned
                and v.id in builder.vars_in(c.ret_type)
            ):
                # A variable only the returned function mentions: that function stays generic.
                ret_vars.append(v)
                continue
            if s is None:
                if report and label and node is not None:
                    self.chk.fail(
                        node,
                        Message(
                            f'Cannot infer value of type parameter "{v.name}" of {label}',
                            codes.MISC,
                        ),
                    )
                erased = expand(c, {w.id: AnyType("error") for w in variables})
                assert isinstance(erased, CallableType)
                return replace(erased, variables=())
            if (
                isinstance(s, Unconstrained)
                and v.default is not None
                and not has_type_vars(v.default)
            ):
                s = v.default  # PEP 696: an unsolved variable takes its default
            if isinstance(s, Unconstrained):
                # Nothing mentions it: mypy's Never. Where an argument should have told but
                # our rules found nothing, Any avoids a false error.
                s = NeverType() if v.id not in mentioned else AnyType("special")
                if v.id in mentioned:
                    weak.append(v.id)
            t = self.target_type(v, s, node, label, report=report)
            solution[v.id] = t if t is not None else s
        result = expand(c, solution)
        assert isinstance(result, CallableType)
        if weak and not self.args_fit(result):
            # An argument is rejected anyway: state it against Never, as mypy does.
            never = expand(c, {**solution, **{i: NeverType() for i in weak}})
            assert isinstance(never, CallableType)
            result = never
        if ret_vars and isinstance(result.ret_type, CallableType):
            ret = replace(result.ret_type, variables=result.ret_type.variables + tuple(ret_vars))
            result = replace(result, ret_type=ret)
        return replace(result, variables=())

    arg_types: dict[int, Type] = {}

    def args_fit(self, c: CallableType) -> bool:
        """Do the arguments inferred so far fit ``c``'s parameters?"""
        used: dict[int, int] = {}
        for fi, acts in enumerate(self.formals):
            for ai in acts:
                k = used.get(ai, 0)
                used[ai] = k + 1
                at = self.arg_types.get(ai)
                if at is None:
                    continue
                item = self.calls.actual_item_type(self.actuals[ai], k, at)
                if item is not None and not self.rel.is_subtype(item, c.arg_types[fi]):
                    return False
        return True

    def target_type(
        self, v: TypeVarType, t: Type, node: ast.AST | None, label: str, report: bool
    ) -> Type | None:
        """The value a variable takes for the solution ``t``; None if it violates the variable's
        values or bound (reported when ``report``)."""
        rel = self.rel
        if isinstance(t, (AnyType, NeverType)):
            return t
        if v.values:
            if (
                isinstance(t, TypeVarType)
                and t.values
                and all(any(rel.is_equivalent(x, y) for x in v.values) for y in t.values)
            ):
                return t
            matching = [val for val in v.values if rel.is_subtype(t, val)]
            if matching:
                best = matching[0]
                for m in matching[1:]:
                    if rel.is_subtype(m, best):
                        best = m
                return best
        elif rel.is_subtype(t, v.upper_bound):
            return t
        if report and node is not None:
            self.chk.fail(
                node,
                Message(
                    f'Value of type variable "{v.name}" of {label or "function"} cannot be "{self.chk.fmt(t)}"',
                    codes.TYPE_VAR,
                ),
            )
            return t
        return None


def erase_type_vars_in(t: Type, ids: set[int]) -> Type:
    """Replace the variables ``ids`` with Any (context for a lambda whose variables are unknown)."""
    return expand(t, {i: AnyType("special") for i in ids})


def infer_context_dependent(chk: "Evaluator", expr: ast.expr, ctx: Type | None) -> Type:
    """Infer ``expr`` in ``ctx``; if that gives errors, try the empty context instead and keep
    it when it is clean and fits ``ctx`` (mypy does this for returned calls and displays)."""
    if ctx is None or chk.muted:
        return chk.infer(expr, ctx)
    first, errors = _collecting(chk, lambda: chk.infer(expr, ctx))
    if any(d.severity == "error" for d in errors):
        alt, alt_errors = _collecting(chk, lambda: chk.infer(expr, None))
        if not any(d.severity == "error" for d in alt_errors) and chk.p.relations.is_subtype(
            alt, ctx
        ):
            for d in alt_errors:
                chk.report(d)
            return alt
    for d in errors:
        chk.report(d)
    return first


def _collecting(chk: "Evaluator", fn: "Callable[[], Type]") -> "tuple[Type, list[Diagnostic]]":
    saved = chk.report
    got: list[Diagnostic] = []
    chk.report = got.append
    try:
        return fn(), got
    finally:
        chk.report = saved


def value_expansions(
    variables: "list[TypeVarType] | tuple[TypeVarType, ...]",
) -> list[dict[int | str, Type]]:
    """The substitutions under which a function with value-restricted type variables is
    checked: one per combination of values (mypy checks such a body once per combination).
    A single empty substitution when no variable has values."""
    restricted = [v for v in variables if v.values]
    combos: list[dict[int | str, Type]] = [{}]
    for v in restricted:
        combos = [{**c, v.id: value} for c in combos for value in v.values]
        if len(combos) > 64:
            return [{}]  # too many to check one by one: check once, generically
    return combos


def freshen(c: CallableType, fresh: dict[tuple[int, str], TypeVarType]) -> CallableType:
    """``c`` with its own variables renamed to ``fresh`` (keyed by id and full name, since a
    variable of the caller's scope may share an id with one of the callee's)."""

    def visit(t: Type) -> Type:
        if isinstance(t, TypeVarType):
            return fresh.get((t.id, t.fullname), t)
        if isinstance(t, Instance):
            return (
                Instance(t.fullname, tuple(visit(a) for a in t.args), t.last_known_value)
                if t.args
                else t
            )
        if isinstance(t, UnionType):
            return make_union([visit(i) for i in t.items])
        if isinstance(t, TupleType):
            fb = visit(t.fallback)
            return TupleType(
                tuple(visit(i) for i in t.items), fb if isinstance(fb, Instance) else t.fallback
            )
        if isinstance(t, TypeType):
            return TypeType(visit(t.item))
        if isinstance(t, CallableType):
            return replace(
                t,
                arg_types=tuple(visit(a) for a in t.arg_types),
                ret_type=visit(t.ret_type),
                type_guard=visit(t.type_guard) if t.type_guard is not None else None,
                type_is=visit(t.type_is) if t.type_is is not None else None,
            )
        if isinstance(t, Overloaded):
            return Overloaded(tuple(visit(i) for i in t.items))  # type: ignore[misc]
        if isinstance(t, TypedDictType):
            fb = visit(t.fallback)
            return TypedDictType(
                tuple((k, visit(v)) for k, v in t.items),
                t.required,
                t.readonly,
                fb if isinstance(fb, Instance) else t.fallback,
            )
        return t

    out = visit(c)
    assert isinstance(out, CallableType)
    return replace(out, variables=tuple(fresh.get((v.id, v.fullname), v) for v in c.variables))


def generic_through_class(t: Type, class_vars: "tuple[TypeVarType, ...]") -> Type:
    """A method read from an unapplied generic class: the class variables it mentions become
    its own (mypy's ``def [T] (x: T) -> C[T]`` for ``C.make``)."""

    def one(c: CallableType) -> CallableType:
        own = {(v.id, v.fullname) for v in c.variables}
        extra = tuple(
            v
            for v in class_vars
            if (v.id, v.fullname) not in own
            and has_type_vars(c, lambda x, v=v: x.id == v.id and x.fullname == v.fullname)
        )  # type: ignore[misc]
        return replace(c, variables=extra + c.variables) if extra else c

    if isinstance(t, CallableType):
        return one(t)
    if isinstance(t, Overloaded):
        return Overloaded(tuple(one(i) for i in t.items))
    return t


def infer_with_union_fallback(chk: "Evaluator", expr: ast.expr, ctx: Type) -> Type:
    """Assigning to a variable declared with a union: mypy also infers the value without
    context and keeps that when it is clean and narrower (``x: A | None = f()``)."""
    if chk.muted:
        return chk.infer(expr, ctx)
    first, errors = _collecting(chk, lambda: chk.infer(expr, ctx))
    if not is_literal_like(first):
        alt, alt_errors = _collecting(chk, lambda: chk.infer(expr, None))
        from tycheck.types.subst import contains_any

        rel = chk.p.relations
        if (
            not any(d.severity == "error" for d in alt_errors)
            and not contains_any(alt)
            and not _has_never(alt)  # mypy's is_valid_inferred_type
            and rel.is_subtype(alt, first)
            and not rel.is_subtype(first, alt)
        ):
            for d in alt_errors:
                chk.report(d)
            return alt
    for d in errors:
        chk.report(d)
    return first


def _has_never(t: Type) -> bool:
    if isinstance(t, NeverType):
        return True
    if isinstance(t, Instance):
        return any(_has_never(a) for a in t.args)
    if isinstance(t, (UnionType, TupleType)):
        return any(_has_never(i) for i in t.items)
    return False
