"""Calls: matching arguments to parameters, inferring type variables, overloads."""

from __future__ import annotations

import ast
import itertools
from dataclasses import replace
from typing import TYPE_CHECKING

from tycheck.checker import messages as msg
from tycheck.types.display import format_types, pretty_callable
from tycheck.types.model import (
    NAMED,
    NAMED_OPT,
    OPT,
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
    from tycheck.checker.body import BodyChecker

_fresh = itertools.count(1000)


class Actual:
    """One argument of a call: its node, kind (POS, STAR, NAMED, STAR2) and keyword name."""

    __slots__ = ("node", "kind", "name", "type")

    def __init__(self, node: ast.expr | None, kind: int, name: str | None, type_: Type | None = None) -> None:
        self.node = node
        self.kind = kind
        self.name = name
        self.type = type_


class CallChecker:
    """Checks calls for one body checker."""

    def __init__(self, chk: "BodyChecker") -> None:
        self.chk = chk
        self.rel = chk.p.relations

    # -- entry points ----------------------------------------------------------

    def check_call(self, callee: Type, args: list[ast.expr], keywords: list[ast.keyword], node: ast.AST, name: str | None, of_class: str | None, ctx: Type | None) -> Type:
        actuals = [Actual(a.value if isinstance(a, ast.Starred) else a, STAR if isinstance(a, ast.Starred) else POS, None) for a in args]
        actuals += [Actual(k.value, STAR2 if k.arg is None else NAMED, k.arg) for k in keywords]
        return self.call_actuals(callee, actuals, node, name, of_class, ctx)

    def call_actuals(self, callee: Type, actuals: list[Actual], node: ast.AST, name: str | None, of_class: str | None, ctx: Type | None) -> Type:
        chk = self.chk
        if isinstance(callee, AnyType):
            self.infer_all(actuals)
            return AnyType("special")
        if isinstance(callee, NeverType):
            self.infer_all(actuals)
            return NeverType()
        if isinstance(callee, UnionType):
            self.infer_all(actuals)
            results = []
            for item in callee.items:
                if isinstance(item, NoneType):
                    chk.fail(node, msg.not_callable(item), "misc") if False else None
                results.append(self.call_actuals(item, [Actual(a.node, a.kind, a.name, a.type) for a in actuals], node, *self.names_of(item, name, of_class), ctx))
            return make_union(results)
        if isinstance(callee, CallableType):
            return self.call_callable(callee, actuals, node, name if not callee.name or callee.name == name else callee.name, of_class, ctx)
        if isinstance(callee, Overloaded):
            return self.call_overloaded(callee, actuals, node, name, of_class, ctx)
        if isinstance(callee, TypeType):
            item = callee.item
            self.infer_all(actuals)
            if isinstance(item, Instance):
                ctor = chk.members.type_object(item.fullname)
                if isinstance(ctor, (CallableType, Overloaded)):
                    r = self.call_actuals(ctor, actuals, node, name, None, ctx)
                    return item if not isinstance(r, AnyType) else r
                return item
            if isinstance(item, TypeVarType):
                return item
            return AnyType("special")
        if isinstance(callee, TypeVarType):
            return self.call_actuals(callee.upper_bound, actuals, node, name, of_class, ctx)
        if isinstance(callee, (Instance, TupleType, NoneType, LiteralType)):
            inst = callee.fallback if isinstance(callee, (TupleType, LiteralType)) else callee
            if isinstance(inst, Instance):
                call = chk.member_access_one(inst, "__call__", node, report=False)
                if isinstance(call, (CallableType, Overloaded)):
                    return self.call_actuals(call, actuals, node, "__call__", chk.fmt(inst), ctx)
                if isinstance(call, AnyType):
                    self.infer_all(actuals)
                    return call
                if chk.p.relations.has_any_base(inst.fullname):
                    self.infer_all(actuals)
                    return AnyType("special")
                if inst.fullname in ("builtins.type",):
                    self.infer_all(actuals)
                    return AnyType("special")
            self.infer_all(actuals)
            chk.fail(node, msg.not_callable(callee), "operator")
            return AnyType("error")
        self.infer_all(actuals)
        return AnyType("special")

    def names_of(self, t: Type, name: str | None, of_class: str | None) -> tuple[str | None, str | None]:
        if isinstance(t, CallableType) and t.name:
            return t.name, (None if t.is_type_obj else t.from_method)
        return name, of_class

    def infer_all(self, actuals: list[Actual]) -> None:
        for a in actuals:
            if a.type is None and a.node is not None:
                a.type = self.chk.infer(a.node)

    def callee_label(self, name: str | None, of_class: str | None) -> str:
        return msg.callee_name(name, of_class)

    # -- argument mapping ---------------------------------------------------------

    def map_actuals(self, c: CallableType, actuals: list[Actual]) -> tuple[list[list[int]], list[str]]:
        """For each formal, the actuals that fill it; and the mapping errors as message keys."""
        formals: list[list[int]] = [[] for _ in c.arg_kinds]
        errors: list[str] = []
        pos_formals = [i for i, k in enumerate(c.arg_kinds) if k in (POS, OPT)]
        star = next((i for i, k in enumerate(c.arg_kinds) if k == STAR), None)
        star2 = next((i for i, k in enumerate(c.arg_kinds) if k == STAR2), None)
        next_pos = 0
        for ai, a in enumerate(actuals):
            if a.kind == POS:
                if next_pos < len(pos_formals):
                    formals[pos_formals[next_pos]].append(ai)
                    next_pos += 1
                elif star is not None:
                    formals[star].append(ai)
                else:
                    errors.append("too_many")
            elif a.kind == STAR:
                at = a.type
                if isinstance(at, TupleType):
                    for _ in at.items:
                        if next_pos < len(pos_formals):
                            formals[pos_formals[next_pos]].append(ai)
                            next_pos += 1
                        elif star is not None:
                            formals[star].append(ai)
                        else:
                            errors.append("too_many")
                            break
                else:
                    while next_pos < len(pos_formals):
                        if c.arg_kinds[pos_formals[next_pos]] == OPT and False:
                            break
                        formals[pos_formals[next_pos]].append(ai)
                        next_pos += 1
                    if star is not None:
                        formals[star].append(ai)
            elif a.kind == NAMED:
                idx = None
                for i, (n, k) in enumerate(zip(c.arg_names, c.arg_kinds)):
                    if n == a.name and k not in (STAR, STAR2):
                        idx = i
                        break
                if idx is not None and idx in pos_formals[:next_pos] and formals[idx] and actuals[formals[idx][0]].kind == POS:
                    errors.append("multiple:" + (a.name or ""))
                elif idx is not None:
                    formals[idx].append(ai)
                elif star2 is not None:
                    formals[star2].append(ai)
                else:
                    errors.append("unexpected:" + (a.name or ""))
            elif a.kind == STAR2:
                for i, k in enumerate(c.arg_kinds):
                    if k in (NAMED, NAMED_OPT) and not formals[i]:
                        formals[i].append(ai)
                    elif k in (POS, OPT) and not formals[i] and c.arg_names[i]:
                        formals[i].append(ai)
                if star2 is not None:
                    formals[star2].append(ai)
        return formals, errors

    def check_arity(self, c: CallableType, actuals: list[Actual], formals: list[list[int]], errors: list[str], node: ast.AST, label: str, report: bool) -> bool:
        ok = True
        chk = self.chk
        for err in errors:
            ok = False
            if not report:
                continue
            if err == "too_many":
                chk.fail(node, msg.too_many_args(label), "call-arg")
                break
            if err.startswith("unexpected:"):
                chk.fail(node, msg.unexpected_keyword(err.split(":", 1)[1], label), "call-arg")
            elif err.startswith("multiple:"):
                chk.fail(node, msg.multiple_values(err.split(":", 1)[1], label), "misc")
        missing_pos: list[str | None] = []
        missing_named: list[str] = []
        for i, k in enumerate(c.arg_kinds):
            if formals[i]:
                continue
            if k == POS:
                missing_pos.append(c.arg_names[i])
            elif k == NAMED:
                missing_named.append(c.arg_names[i] or "")
        if missing_pos:
            ok = False
            if report:
                if any(n is None for n in missing_pos) or c.implicit and False:
                    chk.fail(node, msg.too_few_args(label), "call-arg")
                else:
                    chk.fail(node, msg.missing_positional([n for n in missing_pos if n], label), "call-arg")
        if missing_named:
            ok = False
            if report:
                chk.fail(node, msg.missing_named(missing_named, label), "call-arg")
        return ok

    # -- plain callables --------------------------------------------------------------

    def call_callable(self, c: CallableType, actuals: list[Actual], node: ast.AST, name: str | None, of_class: str | None, ctx: Type | None, report: bool = True) -> Type:
        chk = self.chk
        label = self.callee_label(name, of_class)
        for a in actuals:
            if a.kind in (STAR, STAR2) and a.type is None and a.node is not None:
                a.type = chk.infer(a.node)
        formals, errors = self.map_actuals(c, actuals)
        arity_ok = self.check_arity(c, actuals, formals, errors, node, label, report)
        if c.variables:
            c = self.infer_type_vars(c, actuals, formals, ctx)
        # Infer argument types with their formal as context.
        for fi, acts in enumerate(formals):
            for ai in acts:
                a = actuals[ai]
                if a.type is None and a.node is not None:
                    a.type = chk.infer(a.node, c.arg_types[fi] if a.kind in (POS, NAMED) else None)
        for a in actuals:
            if a.type is None and a.node is not None:
                a.type = chk.infer(a.node)
        if report and arity_ok:
            self.check_arg_types(c, actuals, formals, node, label, name, of_class)
        ret = c.ret_type
        if c.variables:
            ret = expand(ret, {v.id: AnyType("special") for v in c.variables})
        if isinstance(ret, NoneType) and report and chk.reporting_none_value(node):
            pass
        return ret

    def check_arg_types(self, c: CallableType, actuals: list[Actual], formals: list[list[int]], node: ast.AST, label: str, name: str | None, of_class: str | None) -> None:
        chk = self.chk
        for fi, acts in enumerate(formals):
            formal = c.arg_types[fi]
            for ai in acts:
                a = actuals[ai]
                at = a.type
                if at is None:
                    continue
                if a.kind == STAR:
                    if isinstance(at, TupleType):
                        continue
                    at = chk.iter_item_type(at, a.node, report=False)
                elif a.kind == STAR2:
                    if isinstance(at, Instance) and at.fullname == "builtins.dict" and len(at.args) == 2:
                        at = at.args[1]
                    else:
                        continue
                if c.arg_kinds[fi] == STAR2 and a.kind == STAR2:
                    pass
                if not self.rel.is_subtype(at, formal):
                    n = ai + 1
                    if a.kind == NAMED:
                        n = ai + 1
                    target = f" to {label}" if label else ""
                    if isinstance(chk.underlying_none(at), NoneType) and isinstance(at, NoneType) and False:
                        pass
                    a_s, f_s = format_types(at, formal)
                    if a.kind == STAR:
                        a_s = "*" + format_types(a.type)[0]  # type: ignore[arg-type]
                    elif a.kind == STAR2:
                        a_s = "**" + format_types(a.type)[0]  # type: ignore[arg-type]
                    chk.fail(a.node or node, f'Argument {n}{target} has incompatible type "{a_s}"; expected "{f_s}"', "arg-type")

    # -- type variable inference -----------------------------------------------------

    def infer_type_vars(self, c: CallableType, actuals: list[Actual], formals: list[list[int]], ctx: Type | None) -> CallableType:
        chk = self.chk
        # Give the callee fresh variables so they never collide with the caller's own.
        fresh = {v.id: replace(v, id=-next(_fresh)) for v in c.variables}
        c = expand_keep_vars(c, fresh)
        variables = [fresh[v.id] for v in c.variables] if c.variables and c.variables[0].id in fresh else list(fresh.values())
        ids = {v.id for v in variables}
        lower: dict[int, list[Type]] = {i: [] for i in ids}
        for fi, acts in enumerate(formals):
            formal = c.arg_types[fi]
            if not has_type_vars(formal, lambda t: t.id in ids):
                continue
            for ai in acts:
                a = actuals[ai]
                if a.node is None:
                    continue
                if a.type is None:
                    ctx_t = formal if not has_type_vars(formal, lambda t: t.id in ids) else None
                    a.type = chk.infer(a.node, ctx_t if a.kind in (POS, NAMED) else None)
                at = a.type
                if a.kind == STAR:
                    if isinstance(at, TupleType):
                        continue
                    at = chk.iter_item_type(at, a.node, report=False)
                elif a.kind == STAR2:
                    continue
                self.constrain(formal, at, lower, ids)
        solution: dict[int | str, Type] = {}
        for v in variables:
            cands = lower.get(v.id) or []
            if cands:
                t = chk.join_all([strip_literal(x) if not _keep_literal(x) else x for x in cands])
                if v.values:
                    t = next((val for val in v.values if self.rel.is_subtype(t, val)), t)
                solution[v.id] = t
            elif ctx is not None:
                got = self.from_context(c.ret_type, ctx, v)
                solution[v.id] = got if got is not None else AnyType("special")
            else:
                solution[v.id] = AnyType("special") if True else NeverType()
        result = expand(c, solution)
        assert isinstance(result, CallableType)
        return replace(result, variables=())

    def from_context(self, ret: Type, ctx: Type, v: TypeVarType) -> Type | None:
        lower: dict[int, list[Type]] = {v.id: []}
        self.constrain(ret, ctx, lower, {v.id})
        cands = lower[v.id]
        return cands[0] if cands else None

    def constrain(self, formal: Type, actual: Type, out: dict[int, list[Type]], ids: set[int]) -> None:
        if isinstance(formal, TypeVarType) and formal.id in ids:
            out[formal.id].append(actual)
            return
        if isinstance(actual, AnyType):
            for tv in _tvs(formal, ids):
                out[tv].append(actual)
            return
        if isinstance(formal, UnionType):
            # Match the non-variable members first; the rest goes to the variables.
            plain = [f for f in formal.items if not has_type_vars(f, lambda t: t.id in ids)]
            rest = [f for f in formal.items if has_type_vars(f, lambda t: t.id in ids)]
            for item in union_items(actual):
                if any(self.rel.is_subtype(item, p) for p in plain):
                    continue
                for f in rest:
                    self.constrain(f, item, out, ids)
            return
        if isinstance(formal, Instance):
            if isinstance(actual, UnionType):
                for item in actual.items:
                    self.constrain(formal, item, out, ids)
                return
            inst = actual
            if isinstance(actual, TupleType):
                inst = self.rel.tuple_fallback(actual)
            elif isinstance(actual, LiteralType):
                inst = actual.fallback
            if isinstance(inst, Instance):
                mapped = self.rel.map_to_supertype(strip_literal(inst), formal.fullname)  # type: ignore[arg-type]
                if mapped is None and isinstance(inst, Instance):
                    info = self.chk.p.class_info(formal.fullname)
                    if info is not None and info.is_protocol:
                        self.constrain_protocol(formal, inst, out, ids)
                    return
                if mapped is not None:
                    for fa, aa in zip(formal.args, mapped.args):
                        self.constrain(fa, aa, out, ids)
            elif isinstance(actual, (CallableType, Overloaded)) and formal.fullname in ("typing.Callable",):
                pass
            return
        if isinstance(formal, TupleType):
            if isinstance(actual, TupleType) and len(actual.items) == len(formal.items):
                for fa, aa in zip(formal.items, actual.items):
                    self.constrain(fa, aa, out, ids)
            return
        if isinstance(formal, CallableType):
            act: Type | None = actual
            if isinstance(actual, Overloaded):
                act = actual.items[0]
            if isinstance(actual, Instance):
                act = self.chk.members.call_signature(actual)
            if isinstance(act, CallableType):
                self.constrain(formal.ret_type, act.ret_type, out, ids)
                for fa, aa in zip(formal.arg_types, act.arg_types):
                    if isinstance(fa, TypeVarType) and fa.id in ids and not isinstance(aa, AnyType):
                        out[fa.id].append(aa)
            return
        if isinstance(formal, TypeType):
            if isinstance(actual, TypeType):
                self.constrain(formal.item, actual.item, out, ids)
            elif isinstance(actual, CallableType) and actual.is_type_obj:
                self.constrain(formal.item, actual.ret_type, out, ids)
            return

    def constrain_protocol(self, formal: Instance, actual: Instance, out: dict[int, list[Type]], ids: set[int]) -> None:
        members = self.chk.p.protocol_members(formal.fullname) or ()
        for name in members:
            want = self.chk.members.class_member_type(formal, name)
            have = self.chk.members.class_member_type(actual, name)
            if want is None or have is None:
                continue
            self.constrain(want, have, out, ids)

    # -- overloads ---------------------------------------------------------------------

    def call_overloaded(self, o: Overloaded, actuals: list[Actual], node: ast.AST, name: str | None, of_class: str | None, ctx: Type | None) -> Type:
        chk = self.chk
        for a in actuals:
            if a.type is None and a.node is not None:
                a.type = chk.infer(a.node)
        if any(isinstance(a.type, AnyType) for a in actuals):
            matches = [item for item in o.items if self.matches(item, actuals)]
            if len(matches) > 1:
                rets = [self.call_callable(m, self.copy(actuals), node, name, of_class, ctx, report=False) for m in matches]
                if all(r == rets[0] for r in rets):
                    return rets[0]
                return AnyType("special")
        for item in o.items:
            if self.matches(item, actuals):
                return self.call_callable(item, self.copy(actuals), node, name, of_class, ctx, report=False)
        if any(isinstance(a.type, UnionType) for a in actuals):
            # Try each member of a union argument separately (mypy's union math).
            res = self.union_math(o, actuals, node, name, of_class, ctx)
            if res is not None:
                return res
        label = self.callee_label(name, of_class)
        types = [a.type for a in actuals if a.type is not None]
        fmts = format_types(*types) if types else []
        shown = []
        for a, s in zip([a for a in actuals if a.type is not None], fmts):
            shown.append(("*" if a.kind == STAR else "**" if a.kind == STAR2 else "") + s)
        if not shown:
            chk.fail(node, f"All overload variants of {label} require at least one argument", "call-overload")
        else:
            plural = "s" if len(shown) > 1 else ""
            chk.fail(node, f'No overload variant of {label} matches argument type{plural} {", ".join(f"{chr(34)}{s}{chr(34)}" for s in shown)}', "call-overload")
        chk.note(node, "Possible overload variants:", code="call-overload")
        for item in o.items:
            chk.note(node, "    " + pretty_callable(item), code="call-overload")
        return AnyType("error")

    def union_math(self, o: Overloaded, actuals: list[Actual], node: ast.AST, name: str | None, of_class: str | None, ctx: Type | None) -> Type | None:
        idx = next(i for i, a in enumerate(actuals) if isinstance(a.type, UnionType))
        results = []
        for member in actuals[idx].type.items:  # type: ignore[union-attr]
            trial = self.copy(actuals)
            trial[idx].type = member
            got = None
            for item in o.items:
                if self.matches(item, trial):
                    got = self.call_callable(item, self.copy(trial), node, name, of_class, ctx, report=False)
                    break
            if got is None:
                if any(isinstance(a.type, UnionType) for a in trial):
                    got = self.union_math(o, trial, node, name, of_class, ctx)
                if got is None:
                    return None
            results.append(got)
        return make_union(results)

    def copy(self, actuals: list[Actual]) -> list[Actual]:
        return [Actual(a.node, a.kind, a.name, a.type) for a in actuals]

    def matches(self, c: CallableType, actuals: list[Actual]) -> bool:
        trial = self.copy(actuals)
        formals, errors = self.map_actuals(c, trial)
        if errors:
            return False
        for i, k in enumerate(c.arg_kinds):
            if k in (POS, NAMED) and not formals[i]:
                return False
        if c.variables:
            c = self.infer_type_vars(c, trial, formals, None)
        for fi, acts in enumerate(formals):
            for ai in acts:
                a = trial[ai]
                at = a.type
                if at is None:
                    continue
                if a.kind == STAR:
                    if isinstance(at, TupleType):
                        continue
                    at = self.chk.iter_item_type(at, a.node, report=False)
                elif a.kind == STAR2:
                    continue
                if not self.rel.is_subtype(at, c.arg_types[fi]):
                    return False
        return True

    def match_simple(self, c: CallableType, arg_types: list[Type]) -> Type | None:
        actuals = [Actual(None, POS, None, t) for t in arg_types]
        if not self.matches(c, actuals):
            return None
        if c.variables:
            formals, _ = self.map_actuals(c, actuals)
            c = self.infer_type_vars(c, actuals, formals, None)
        return c.ret_type


def _keep_literal(t: Type) -> bool:
    return False


def _tvs(t: Type, ids: set[int]) -> list[int]:
    out: list[int] = []

    def visit(x: Type) -> None:
        if isinstance(x, TypeVarType) and x.id in ids:
            out.append(x.id)
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
    return out


def expand_keep_vars(c: CallableType, fresh: dict[int, TypeVarType]) -> CallableType:
    r = expand(c, {k: v for k, v in fresh.items()})
    assert isinstance(r, CallableType)
    return replace(r, variables=tuple(fresh[v.id] for v in c.variables if v.id in fresh))
