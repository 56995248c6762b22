"""Type-variable inference for calls: constraints and their solution.

A constraint says that a type variable of the callee must be a supertype (``SUP``) or a
subtype (``SUB``) of some type. Constraints come from matching a formal parameter type (the
template, which mentions the variables) against an argument's type, and from matching the
return type against the type the caller expects (the context). Each variable is solved on its
own, as mypy's simple solver does: the join of its lower bounds, checked against the meet of
its upper bounds.

Where a rule is missing (ParamSpec, generic functions passed as arguments), no constraint is
produced, and the variable falls back to ``Any`` rather than to a guess that could cause a
false error.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tycheck.types.model import (
    NAMED,
    POS,
    STAR,
    STAR2,
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
    strip_literal,
    union_items,
)
from tycheck.types.subst import expand, has_type_vars

if TYPE_CHECKING:
    from typing import Callable

    from tycheck.checker.core.evaluator import Evaluator
    from tycheck.errors.diagnostics import Diagnostic
    from tycheck.checker.core.actuals import Actual
    from tycheck.checker.core.evaluator import Calls as CallChecker

SUB = 0  # the variable must be a subtype of the target
SUP = 1  # the variable must be a supertype of the target


@dataclass(frozen=True)
class Constraint:
    """``var`` (a type variable id) is a subtype or supertype of ``target``."""

    var: int
    op: int
    target: Type


class Unconstrained:
    """Marker: a variable that no constraint mentions."""


UNCONSTRAINED = Unconstrained()


def neg(op: int) -> int:
    return SUP if op == SUB else SUB


class ConstraintBuilder:
    """Builds constraints on the variables ``ids`` for one call."""

    def __init__(self, chk: "Evaluator", ids: set[int]) -> None:
        self.chk = chk
        self.rel = chk.p.relations
        self.ids = ids
        self._depth = 0

    def mentions(self, t: Type) -> bool:
        return has_type_vars(t, lambda v: v.id in self.ids)

    def infer(self, template: Type, actual: Type, op: int) -> list[Constraint]:
        """Constraints under which ``template`` relates to ``actual`` (``SUP``: template :> actual)."""
        if not self.mentions(template) or self._depth > 40:
            return []
        self._depth += 1
        try:
            return self._infer(template, actual, op)
        finally:
            self._depth -= 1

    def _infer(self, template: Type, actual: Type, op: int) -> list[Constraint]:
        if isinstance(template, TypeVarType) and template.id in self.ids:
            return [Constraint(template.id, op, actual)]
        if isinstance(actual, AnyType):
            return [Constraint(v, op, actual) for v in self.vars_in(template)]
        if isinstance(template, UnionType):
            return self.infer_union_template(template, actual, op)
        if isinstance(actual, UnionType):
            if op == SUP:
                out: list[Constraint] = []
                for item in actual.items:
                    out.extend(self.infer(template, item, op))
                return out
            return self.any_constraints([self.infer(template, item, op) for item in actual.items if self.could_match(template, item)])
        if isinstance(template, TypedDictType):
            if isinstance(actual, TypedDictType):
                # Item by item, for the keys both declare (value types are invariant).
                tds: list[Constraint] = []
                for key, tt in template.items:
                    at = actual.item_type(key)
                    if at is not None:
                        tds.extend(self.infer(tt, at, op))
                return tds
            return []
        if isinstance(template, Instance):
            if isinstance(actual, TypedDictType):
                actual = actual.fallback
            return self.infer_instance(template, actual, op)
        if isinstance(template, TupleType):
            return self.infer_tuple(template, actual, op)
        if isinstance(template, CallableType):
            return self.infer_callable(template, actual, op)
        if isinstance(template, TypeType):
            if isinstance(actual, TypeType):
                return self.infer(template.item, actual.item, op)
            if isinstance(actual, CallableType) and actual.is_type_obj:
                return self.infer(template.item, actual.ret_type, op)
            if isinstance(actual, Overloaded) and actual.items and actual.items[0].is_type_obj:
                return self.infer(template.item, actual.items[0].ret_type, op)
        return []

    def vars_in(self, t: Type) -> list[int]:
        found: list[int] = []

        def visit(x: Type) -> None:
            if isinstance(x, TypeVarType):
                if x.id in self.ids and x.id not in found:
                    found.append(x.id)
            elif isinstance(x, Instance):
                for a in x.args:
                    visit(a)
            elif isinstance(x, (UnionType, TupleType)):
                for a in x.items:
                    visit(a)
            elif isinstance(x, CallableType):
                for a in x.arg_types:
                    visit(a)
                visit(x.ret_type)
            elif isinstance(x, TypeType):
                visit(x.item)

        visit(t)
        return found

    # -- unions --------------------------------------------------------------------

    def infer_union_template(self, template: UnionType, actual: Type, op: int) -> list[Constraint]:
        generic = [t for t in template.items if self.mentions(t)]
        plain = [t for t in template.items if not self.mentions(t)]
        if op == SUB:
            out: list[Constraint] = []
            for g in generic:
                out.extend(self.infer(g, actual, op))
            return out
        out = []
        for item in union_items(actual):
            if isinstance(item, AnyType):
                out.extend(Constraint(v, op, item) for v in self.vars_in(template))
                continue
            if any(self.rel.is_subtype(item, p) for p in plain):
                continue
            if len(generic) == 1:
                out.extend(self.infer(generic[0], item, op))
                continue
            # A structured member that fits (List[T] for a list) wins over a bare variable.
            structured = [g for g in generic if not isinstance(g, TypeVarType) and self.could_match(g, item)]
            options = [self.infer(g, item, op) for g in structured] if structured else [self.infer(g, item, op) for g in generic]
            out.extend(self.any_constraints(options))
        return out

    def any_constraints(self, options: list[list[Constraint]]) -> list[Constraint]:
        """Constraints from one of several alternatives: only when they agree."""
        nonempty = [o for o in options if o]
        if len(nonempty) == 1:
            return nonempty[0]
        if nonempty and all(set(o) == set(nonempty[0]) for o in nonempty):
            return nonempty[0]
        return []

    def could_match(self, template: Type, actual: Type) -> bool:
        if isinstance(template, TypeVarType):
            return True
        if isinstance(template, Instance):
            inst = self.as_instance(actual)
            if inst is None:
                return False
            if self.rel.map_to_supertype(inst, template.fullname) is not None:
                return True
            info = self.chk.p.class_info(template.fullname)
            return info is not None and info.is_protocol and self.rel.is_subtype(actual, _erase(template))
        if isinstance(template, TupleType):
            return isinstance(actual, TupleType) or (isinstance(actual, Instance) and actual.fullname == "builtins.tuple")
        if isinstance(template, CallableType):
            return isinstance(actual, (CallableType, Overloaded)) or (isinstance(actual, Instance) and self.chk.members.call_signature(actual) is not None)
        if isinstance(template, TypeType):
            return isinstance(actual, TypeType) or (isinstance(actual, CallableType) and actual.is_type_obj)
        return False

    # -- instances --------------------------------------------------------------------

    def as_instance(self, t: Type) -> Instance | None:
        if isinstance(t, Instance):
            return strip_literal(t)  # type: ignore[return-value]
        if isinstance(t, LiteralType):
            return t.fallback
        if isinstance(t, TupleType):
            return self.rel.tuple_fallback(t)
        if isinstance(t, NoneType):
            return None
        return None

    def infer_instance(self, template: Instance, actual: Type, op: int) -> list[Constraint]:
        if isinstance(actual, TypeVarType) and op == SUP:
            return self.infer(template, actual.upper_bound, op)
        inst = self.as_instance(actual)
        if inst is None:
            if isinstance(actual, (CallableType, Overloaded, TypeType)) and op == SUP:
                info = self.chk.p.class_info(template.fullname)
                if info is not None and info.is_protocol:
                    return self.infer_protocol(template, actual, op)
            return []
        if op == SUP:
            mapped = self.rel.map_to_supertype(inst, template.fullname)
            if mapped is None:
                info = self.chk.p.class_info(template.fullname)
                if info is not None and info.is_protocol:
                    return self.infer_protocol(template, inst, op)
                return []
            return self.infer_args(template, mapped, op)
        mapped_t = self.rel.map_to_supertype(template, inst.fullname)
        if mapped_t is None:
            return []
        return self.infer_args(mapped_t, inst, op)

    def infer_args(self, template: Instance, actual: Instance, op: int) -> list[Constraint]:
        if template.fullname != actual.fullname:
            return []
        info = self.chk.p.class_info(template.fullname)
        tvs = info.type_vars if info is not None else ()
        out: list[Constraint] = []
        for i, (ta, aa) in enumerate(zip(template.args, actual.args)):
            variance = tvs[i].variance if i < len(tvs) else 1
            if template.fullname == "builtins.tuple":
                variance = 1
            if variance == 1:
                out.extend(self.infer(ta, aa, op))
            elif variance == 2:
                out.extend(self.infer(ta, aa, neg(op)))
            else:
                out.extend(self.infer(ta, aa, SUB))
                out.extend(self.infer(ta, aa, SUP))
        return out

    def infer_protocol(self, template: Instance, actual: Type, op: int) -> list[Constraint]:
        members = self.chk.p.protocol_members(template.fullname) or ()
        out: list[Constraint] = []
        for name in members:
            want = self.chk.members.class_member_type(template, name)
            if isinstance(actual, Instance):
                have = self.chk.members.class_member_type(actual, name)
            elif name == "__call__" and isinstance(actual, (CallableType, Overloaded)):
                have = actual
            else:
                have = None
            if want is None or have is None:
                continue
            out.extend(self.infer(want, have, op))
        return out

    # -- tuples and callables ------------------------------------------------------------

    def infer_tuple(self, template: TupleType, actual: Type, op: int) -> list[Constraint]:
        out: list[Constraint] = []
        if isinstance(actual, TupleType):
            if len(actual.items) == len(template.items):
                for ta, aa in zip(template.items, actual.items):
                    out.extend(self.infer(ta, aa, op))
            return out
        if isinstance(actual, Instance) and actual.fullname == "builtins.tuple" and actual.args:
            for ta in template.items:
                out.extend(self.infer(ta, actual.args[0], op))
        return out

    def infer_callable(self, template: CallableType, actual: Type, op: int) -> list[Constraint]:
        act: Type | None = actual
        if isinstance(actual, Instance):
            act = self.chk.members.call_signature(actual)
        elif isinstance(actual, TypeType) and isinstance(actual.item, Instance):
            act = self.chk.members.type_object(actual.item.fullname)
        if isinstance(act, Overloaded):
            # The first item that fits the template (its variables erased) gives the
            # constraints, as mypy does (``round(1.5, 1)``: float.__round__'s second item).
            erased_template = _erase(template)
            fitting = [i for i in act.items if self.rel.is_subtype(i, erased_template)]
            act = fitting[0] if fitting else (act.items[0] if act.items else None)
        if not isinstance(act, CallableType):
            return []
        if act.variables:
            # A generic function as an argument: its own variables are unknown here.
            from tycheck.types.subst import erase_type_vars

            erased = erase_type_vars(act)
            if not isinstance(erased, CallableType):
                return []
            act = erased
        out = self.infer(template.ret_type, act.ret_type, op)
        # ``Callable[[object], TypeGuard[T]]`` takes T from the argument's guard type.
        if template.type_guard is not None and act.type_guard is not None:
            out.extend(self.infer(template.type_guard, act.type_guard, op))
        elif template.type_is is not None and act.type_is is not None:
            out.extend(self.infer(template.type_is, act.type_is, op))
        if template.is_ellipsis_args or act.is_ellipsis_args:
            return out
        for ti, ai in _corresponding_params(template, act):
            out.extend(self.infer(template.arg_types[ti], act.arg_types[ai], neg(op)))
        return out


def _erase(t: Type) -> Type:
    from tycheck.types.subst import erase_type_vars

    return erase_type_vars(t)


def solve(chk: "Evaluator", variables: list[TypeVarType], constraints: list[Constraint]) -> dict[int, Type | None | Unconstrained]:
    """The best type for each variable: a type, None when the constraints conflict, or UNCONSTRAINED."""
    rel = chk.p.relations
    out: dict[int, Type | None | Unconstrained] = {}
    for v in variables:
        cs = [c for c in constraints if c.var == v.id]
        if not cs:
            out[v.id] = UNCONSTRAINED
            continue
        lowers = [strip_literal(c.target) for c in cs if c.op == SUP]
        uppers = [c.target for c in cs if c.op == SUB]
        uppers = [u for u in uppers if not isinstance(u, NeverType)]
        bottom = rel.join_all(lowers) if lowers else None
        top: Type | None = None
        for u in uppers:
            top = u if top is None else rel.meet(top, u)
        if isinstance(top, AnyType):
            out[v.id] = top
            continue
        if isinstance(bottom, AnyType):
            out[v.id] = bottom
            continue
        if bottom is None:
            cand: Type | None = top
        elif top is None or rel.is_subtype(bottom, top):
            cand = bottom
        else:
            cand = None
        if cand is not None and not v.values and not rel.is_subtype(cand, v.upper_bound):
            # Fall back on the bound itself when it satisfies every constraint.
            bound = v.upper_bound
            if all(rel.is_subtype(bound, c.target) if c.op == SUB else rel.is_subtype(c.target, bound) for c in cs):
                cand = bound
        out[v.id] = cand
    return out


def is_generic_instance(t: Type) -> bool:
    return isinstance(t, Instance) and bool(t.args)


def is_literal_like(t: Type) -> bool:
    if isinstance(t, LiteralType):
        return True
    if isinstance(t, UnionType):
        return any(is_literal_like(i) for i in t.items)
    return False


def context_constraints(builder: ConstraintBuilder, ret: Type, ctx: Type) -> list[Constraint] | None:
    """Constraints from the expected type of the call's result; None when it should be ignored."""
    if _overlaps_none(ret) and _overlaps_none(ctx):
        ret = _remove_none(ret)
        ctx = _remove_none(ctx)
    if isinstance(ret, TypeVarType) or (isinstance(ret, UnionType) and all(isinstance(i, TypeVarType) for i in ret.items)):
        # A bare variable as result: context would give too wide a type, unless it is a
        # generic instance or a literal.
        if not is_generic_instance(ctx) and not is_literal_like(ctx):
            return None
    return builder.infer(ret, ctx, SUB)


def _overlaps_none(t: Type) -> bool:
    return isinstance(t, NoneType) or any(isinstance(i, NoneType) for i in union_items(t))


def _remove_none(t: Type) -> Type:
    if isinstance(t, UnionType):
        return make_union([i for i in t.items if not isinstance(i, NoneType)])
    return t


# -- the driver used by calls -----------------------------------------------------------


class CallInference:
    """Infers the type variables of one call's callee (mypy's context pass, then two argument passes)."""

    def __init__(self, calls: "CallChecker", c: CallableType, actuals: "list[Actual]", formals: list[list[int]]) -> None:
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
        constraints = self.arg_constraints(c, builder, arg_types)
        sol = solve(self.chk, variables, constraints)
        if deferred:
            # Lambdas are inferred last, with what the other arguments told about the variables.
            known = {v.id: s for v in variables if isinstance(s := sol[v.id], (AnyType, NeverType, Instance, TupleType, UnionType, CallableType, TypeType, LiteralType, NoneType, TypeVarType))}
            for fi, ai in deferred:
                formal_ctx = erase_type_vars_in(expand(c.arg_types[fi], known), ids)
                arg_types[ai] = self.quiet_infer(self.actuals[ai].node, formal_ctx)
            constraints = self.arg_constraints(c, builder, arg_types)
            sol = solve(self.chk, variables, constraints)
        self.arg_types = arg_types
        return self.apply_solution(c, variables, sol, builder, node, label, report)

    # -- passes ----------------------------------------------------------------------

    def apply_context(self, c: CallableType, variables: list[TypeVarType], ctx: Type) -> tuple[CallableType, list[TypeVarType]]:
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

    def first_pass(self, c: CallableType, builder: ConstraintBuilder) -> tuple[dict[int, Type], list[tuple[int, int]]]:
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
                elif isinstance(a.node, ast.Lambda) and isinstance(formal, CallableType) and a.kind in (POS, NAMED):
                    deferred.append((fi, ai))
                else:
                    # A dict display for a generic TypedDict is read against its items even so.
                    ctx = formal if a.kind in (POS, NAMED) and (not builder.mentions(formal) or isinstance(formal, TypedDictType)) else None
                    arg_types[ai] = self.quiet_infer(a.node, ctx)
        return arg_types, deferred

    def quiet_infer(self, node: ast.expr | None, ctx: Type | None) -> Type:
        """Infer an argument for inference only: its errors are reported when it is checked."""
        if node is None:
            return AnyType("special")
        chk = self.chk
        with chk.quiet():
            return chk.infer(node, ctx)

    def arg_constraints(self, c: CallableType, builder: ConstraintBuilder, arg_types: dict[int, Type]) -> list[Constraint]:
        out: list[Constraint] = []
        used: dict[int, int] = {}
        for fi, acts in enumerate(self.formals):
            formal = c.arg_types[fi]
            for ai in acts:
                k = used.get(ai, 0)
                used[ai] = k + 1
                if ai not in arg_types or not builder.mentions(formal):
                    continue
                a = self.actuals[ai]
                at = self.item_type(a, arg_types[ai], k)
                if at is not None:
                    out.extend(builder.infer(formal, at, SUP))
        return out

    def item_type(self, a: "Actual", at: Type, k: int) -> Type | None:
        if a.kind == STAR:
            if isinstance(at, TupleType):
                return at.items[k] if k < len(at.items) else None
            return self.chk.iter_item_type(at, a.node, report=False)
        if a.kind == STAR2:
            if isinstance(at, Instance):
                mapped = self.rel.map_to_supertype(at, "typing.Mapping")
                if mapped is not None and len(mapped.args) == 2:
                    return mapped.args[1]
            return None
        return at

    # -- the solution -------------------------------------------------------------------

    def apply_solution(self, c: CallableType, variables: list[TypeVarType], sol: dict[int, "Type | None | Unconstrained"], builder: ConstraintBuilder, node: ast.AST | None, label: str, report: bool) -> CallableType:
        mentioned: set[int] = set()
        for formal in c.arg_types:
            mentioned.update(builder.vars_in(formal))
        solution: dict[int | str, Type] = {}
        ret_vars: list[TypeVarType] = []
        weak: list[int] = []  # unconstrained although an argument mentions them
        for v in variables:
            s = sol[v.id]
            if isinstance(s, Unconstrained) and isinstance(c.ret_type, CallableType) and v.id not in mentioned and v.id in builder.vars_in(c.ret_type):
                # A variable only the returned function mentions: that function stays generic.
                ret_vars.append(v)
                continue
            if s is None:
                if report and label and node is not None:
                    self.chk.fail(node, f'Cannot infer value of type parameter "{v.name}" of {label}', "misc")
                erased = expand(c, {w.id: AnyType("error") for w in variables})
                assert isinstance(erased, CallableType)
                return replace(erased, variables=())
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
                item = self.item_type(self.actuals[ai], at, k)
                if item is not None and not self.rel.is_subtype(item, c.arg_types[fi]):
                    return False
        return True

    def target_type(self, v: TypeVarType, t: Type, node: ast.AST | None, label: str, report: bool) -> Type | None:
        """The value a variable takes for the solution ``t``; None if it violates the variable's
        values or bound (reported when ``report``)."""
        rel = self.rel
        if isinstance(t, (AnyType, NeverType)):
            return t
        if v.values:
            if isinstance(t, TypeVarType) and t.values and all(any(rel.is_equivalent(x, y) for x in v.values) for y in t.values):
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
            self.chk.fail(node, f'Value of type variable "{v.name}" of {label or "function"} cannot be "{self.chk.fmt(t)}"', "type-var")
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
        if not any(d.severity == "error" for d in alt_errors) and chk.p.relations.is_subtype(alt, ctx):
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


def value_expansions(variables: "list[TypeVarType] | tuple[TypeVarType, ...]") -> list[dict[int | str, Type]]:
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
            return Instance(t.fullname, tuple(visit(a) for a in t.args), t.last_known_value) if t.args else t
        if isinstance(t, UnionType):
            return make_union([visit(i) for i in t.items])
        if isinstance(t, TupleType):
            fb = visit(t.fallback)
            return TupleType(tuple(visit(i) for i in t.items), fb if isinstance(fb, Instance) else t.fallback)
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
            return TypedDictType(tuple((k, visit(v)) for k, v in t.items), t.required, t.readonly, fb if isinstance(fb, Instance) else t.fallback)
        return t

    out = visit(c)
    assert isinstance(out, CallableType)
    return replace(out, variables=tuple(fresh.get((v.id, v.fullname), v) for v in c.variables))


def generic_through_class(t: Type, class_vars: "tuple[TypeVarType, ...]") -> Type:
    """A method read from an unapplied generic class: the class variables it mentions become
    its own (mypy's ``def [T] (x: T) -> C[T]`` for ``C.make``)."""

    def one(c: CallableType) -> CallableType:
        own = {(v.id, v.fullname) for v in c.variables}
        extra = tuple(v for v in class_vars if (v.id, v.fullname) not in own and has_type_vars(c, lambda x, v=v: x.id == v.id and x.fullname == v.fullname))  # type: ignore[misc]
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


def _corresponding_params(template: CallableType, act: CallableType) -> list[tuple[int, int]]:
    """Pairs (template parameter, actual parameter) that receive the same arguments: by
    position, then by keyword name, with ``*args``/``**kwargs`` taking what is left."""
    kinds_t, kinds_a = template.arg_kinds, act.arg_kinds
    a_pos = [i for i, k in enumerate(kinds_a) if k in (0, 1)]
    a_star = next((i for i, k in enumerate(kinds_a) if k == STAR), None)
    a_star2 = next((i for i, k in enumerate(kinds_a) if k == STAR2), None)
    pairs: list[tuple[int, int]] = []
    n = 0
    for ti, k in enumerate(kinds_t):
        if k in (0, 1):
            if n < len(a_pos):
                pairs.append((ti, a_pos[n]))
            elif a_star is not None:
                pairs.append((ti, a_star))
            n += 1
        elif k == STAR:
            if a_star is not None:
                pairs.append((ti, a_star))
        elif k in (3, 4):  # keyword-only
            name = template.arg_names[ti]
            j = next((i for i, (an, ak) in enumerate(zip(act.arg_names, kinds_a)) if an == name and ak not in (STAR, STAR2)), None)
            if j is not None:
                pairs.append((ti, j))
            elif a_star2 is not None:
                pairs.append((ti, a_star2))
        elif k == STAR2:
            if a_star2 is not None:
                pairs.append((ti, a_star2))
    return pairs
