"""Constraints on type variables, and their solution.

A constraint says that a type variable of the callee must be a supertype (``SUP``) or a
subtype (``SUB``) of some type. Constraints come from matching a formal parameter type (the
template, which mentions the variables) against an argument's type, and from matching the
return type against the type the caller expects (the context). Each variable is solved on its
own: the join of its lower bounds, checked against the meet of its upper bounds.

Where a rule is missing (ParamSpec, generic functions passed as arguments), no constraint is
produced, and the variable falls back to ``Any`` rather than to a guess that could cause a
false error. The call-level driver that feeds these constraints is in ``solve.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from tycheck.types.model import (
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
from tycheck.types.subst import expand, has_type_vars, proper

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator


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
        template, actual = proper(template), proper(actual)  # recursive alias hook
        if isinstance(template, TypeVarType) and template.id in self.ids:
            return [Constraint(template.id, op, actual)]
        if isinstance(actual, AnyType):
            if actual.reason == "suggestion":  # suggest's "not found yet": no evidence at all
                return []
            return [Constraint(v, op, actual) for v in self.vars_in(template)]
        if isinstance(template, UnionType):
            return self.infer_union_template(template, actual, op)
        if isinstance(actual, UnionType):
            if op == SUP:
                out: list[Constraint] = []
                for item in actual.items:
                    out.extend(self.infer(template, item, op))
                return out
            return self.any_constraints(
                [
                    self.infer(template, item, op)
                    for item in actual.items
                    if self.could_match(template, item)
                ]
            )
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
            if isinstance(actual, Overloaded) and actual.items and actual.items[0].is_type_obj:
                actual = actual.items[0]
            if isinstance(actual, CallableType) and actual.is_type_obj:
                return self.infer(template.item, _class_object_instance(actual), op)
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
            structured = [
                g for g in generic if not isinstance(g, TypeVarType) and self.could_match(g, item)
            ]
            options = (
                [self.infer(g, item, op) for g in structured]
                if structured
                else [self.infer(g, item, op) for g in generic]
            )
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
            return (
                info is not None
                and info.is_protocol
                and self.rel.is_subtype(actual, _erase(template))
            )
        if isinstance(template, TupleType):
            return isinstance(actual, TupleType) or (
                isinstance(actual, Instance) and actual.fullname == "builtins.tuple"
            )
        if isinstance(template, CallableType):
            return isinstance(actual, (CallableType, Overloaded)) or (
                isinstance(actual, Instance) and self.chk.members.call_signature(actual) is not None
            )
        if isinstance(template, TypeType):
            return isinstance(actual, TypeType) or (
                isinstance(actual, CallableType) and actual.is_type_obj
            )
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
            info = self.chk.p.class_info(inst.fullname)
            if info is not None and info.is_protocol:
                # ``dict[K, V]`` expected to be a ``SupportsKeysAndGetItem[str, int]``:
                # each member of the template must fit the protocol's member.
                return self.infer_against_protocol(template, inst)
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

    def infer_against_protocol(self, template: Instance, proto: Instance) -> list[Constraint]:
        """Constraints under which ``template`` (a class) is a subtype of the protocol ``proto``."""
        members = self.chk.p.protocol_members(proto.fullname) or ()
        out: list[Constraint] = []
        for name in members:
            want = self.chk.members.class_member_type(proto, name)
            have = self.chk.members.class_member_type(template, name)
            if want is None or have is None:
                continue
            out.extend(self.infer(have, want, SUB))
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
            items = [self.solve_own_variables(template, i) if i.variables else i for i in act.items]
            fitting = [i for i in items if self.rel.is_subtype(i, erased_template)]
            # An item whose variables the parameters solved fits for sure; an item still
            # generic may only seem to (its variables compare as Any).
            fitting = [i for i in fitting if not i.variables] or fitting
            act = fitting[0] if fitting else (act.items[0] if act.items else None)
        if not isinstance(act, CallableType):
            return []
        if act.variables:
            act = self.solve_own_variables(template, act)
        if act.variables:
            # A generic function as an argument: its own variables are unknown here, except
            # one that no parameter mentions: nothing can solve it, so it is Never (mypy's
            # ``defaultdict(list)`` is ``defaultdict[Never, list[Never]]``).
            from tycheck.types.subst import erase_type_vars, expand

            unsolvable = {
                v.id: NeverType()
                for v in act.variables
                if not any(has_type_vars(a, lambda tv, v=v: tv.id == v.id) for a in act.arg_types)
            }
            erased = erase_type_vars(expand(act, unsolvable))
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

    def solve_own_variables(self, template: CallableType, act: CallableType) -> CallableType:
        """A generic function passed where the parameter types are known: its own variables
        solved from them (``abspath`` for ``Callable[[str], S]`` is ``(str) -> str``)."""
        own = ConstraintBuilder(self.chk, {v.id for v in act.variables})
        cs: list[Constraint] = []
        for ti, ai in _corresponding_params(template, act):
            if self.mentions(template.arg_types[ti]):
                return act
            cs.extend(own.infer(act.arg_types[ai], template.arg_types[ti], SUP))
        if not cs:
            return act
        sol = solve(self.chk, list(act.variables), cs)
        mapping: dict[int | str, Type] = {
            v.id: t
            for v in act.variables
            if (t := sol[v.id]) is not None and not isinstance(t, Unconstrained)
        }
        if not mapping:
            return act
        solved = expand(act, mapping)
        if not isinstance(solved, CallableType):
            return act
        return replace(solved, variables=tuple(v for v in act.variables if v.id not in mapping))


def _class_object_instance(c: CallableType) -> Type:
    """The instance a class object stands for in ``type[...]``: a generic class's own
    variables become Any (``Mapping`` passed for ``type[T]`` gives ``Mapping[Any, Any]``)."""
    if not c.variables:
        return c.ret_type
    return expand(c.ret_type, {v.id: AnyType("special") for v in c.variables})


def _erase(t: Type) -> Type:
    from tycheck.types.subst import erase_type_vars

    return erase_type_vars(t)


def solve(
    chk: "Evaluator", variables: list[TypeVarType], constraints: list[Constraint]
) -> dict[int, Type | None | Unconstrained]:
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
            if all(
                rel.is_subtype(bound, c.target) if c.op == SUB else rel.is_subtype(c.target, bound)
                for c in cs
            ):
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


def context_constraints(
    builder: ConstraintBuilder, ret: Type, ctx: Type
) -> list[Constraint] | None:
    """Constraints from the expected type of the call's result; None when it should be ignored."""
    if _overlaps_none(ret) and _overlaps_none(ctx):
        ret = _remove_none(ret)
        ctx = _remove_none(ctx)
    if isinstance(ret, TypeVarType) or (
        isinstance(ret, UnionType) and all(isinstance(i, TypeVarType) for i in ret.items)
    ):
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
            j = next(
                (
                    i
                    for i, (an, ak) in enumerate(zip(act.arg_names, kinds_a))
                    if an == name and ak not in (STAR, STAR2)
                ),
                None,
            )
            if j is not None:
                pairs.append((ti, j))
            elif a_star2 is not None:
                pairs.append((ti, a_star2))
        elif k == STAR2:
            if a_star2 is not None:
                pairs.append((ti, a_star2))
    return pairs
