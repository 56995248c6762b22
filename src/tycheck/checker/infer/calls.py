"""Calls: matching arguments to parameters, inferring type variables, overloads."""

from __future__ import annotations

import ast
import itertools
from dataclasses import replace
from typing import TYPE_CHECKING

from tycheck.checker.core import messages as msg
from tycheck.checker.core.actuals import Actual
from tycheck.checker.infer.arity import ArityError, arity_errors, map_actuals
from tycheck.checker.infer.dunder_calls import report_dunder_arg
from tycheck.checker.infer.protocol_notes import call_note, protocol_notes
from tycheck.types.display import format_types, pretty_callable
from tycheck.checker.classes.abstract import abstract_attributes
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
    Type,
    TypeType,
    TypeVarType,
    UnionType,
    make_union,
)
from tycheck.types.subst import expand
from tycheck.errors import codes, messages as em
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

_fresh = itertools.count(1000)


class CallChecker:
    """Checks calls for one body checker."""

    def __init__(self, chk: "Evaluator") -> None:
        self.chk = chk
        self.rel = chk.p.relations

    # -- entry points ----------------------------------------------------------

    def check_call(
        self,
        callee: Type,
        args: list[ast.expr],
        keywords: list[ast.keyword],
        node: ast.AST,
        name: str | None,
        of_class: str | None,
        ctx: Type | None,
    ) -> Type:
        actuals = [
            Actual(
                a.value if isinstance(a, ast.Starred) else a,
                STAR if isinstance(a, ast.Starred) else POS,
                None,
            )
            for a in args
        ]
        actuals += [Actual(k.value, STAR2 if k.arg is None else NAMED, k.arg) for k in keywords]
        return self.call_actuals(callee, actuals, node, name, of_class, ctx)

    def call_actuals(
        self,
        callee: Type,
        actuals: list[Actual],
        node: ast.AST,
        name: str | None,
        of_class: str | None,
        ctx: Type | None,
    ) -> Type:
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
                    chk.fail(node, Message(msg.not_callable(item), codes.MISC)) if False else None
                results.append(
                    self.call_actuals(
                        item,
                        [Actual(a.node, a.kind, a.name, a.type) for a in actuals],
                        node,
                        *self.names_of(item, name, of_class),
                        ctx,
                    )
                )
            return make_union(results)
        if isinstance(callee, CallableType):
            return self.call_callable(
                callee,
                actuals,
                node,
                name if not callee.name or callee.name == name else callee.name,
                of_class,
                ctx,
            )
        if isinstance(callee, Overloaded):
            from tycheck.checker.infer.overload_call import call_overloaded

            return call_overloaded(self, callee, actuals, node, name, of_class, ctx)
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
            chk.fail(node, Message(msg.not_callable(callee), codes.OPERATOR))
            return AnyType("error")
        self.infer_all(actuals)
        return AnyType("special")

    def names_of(
        self, t: Type, name: str | None, of_class: str | None
    ) -> tuple[str | None, str | None]:
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

    def map_actuals(
        self, c: CallableType, actuals: list[Actual], label: str = ""
    ) -> tuple[list[list[int]], list[ArityError]]:
        """For each formal, the actuals that fill it; and what is wrong with the count."""
        formals = map_actuals(c, actuals)
        errors = arity_errors(
            c, actuals, formals, label, bool(self.chk.checking), self.rel.is_subtype
        )
        return formals, errors

    def check_arity(
        self,
        c: CallableType,
        actuals: list[Actual],
        formals: list[list[int]],
        errors: list[ArityError],
        node: ast.AST,
        label: str,
        report: bool,
    ) -> bool:
        if report:
            for err in errors:
                self.chk.fail(node, Message(err.message, err.code))
        return not errors

    # -- plain callables --------------------------------------------------------------

    def call_callable(
        self,
        c: CallableType,
        actuals: list[Actual],
        node: ast.AST,
        name: str | None,
        of_class: str | None,
        ctx: Type | None,
        report: bool = True,
    ) -> Type:
        chk = self.chk
        label = self.callee_label(name, of_class)
        for a in actuals:
            if a.kind in (STAR, STAR2) and a.type is None and a.node is not None:
                a.type = chk.infer(a.node)
        formals = map_actuals(c, actuals)
        for ai, a in enumerate(actuals):
            # An unknown keyword's type chooses the "did you mean" suggestion.
            if (
                a.kind == NAMED
                and a.type is None
                and a.node is not None
                and not any(ai in acts for acts in formals)
            ):
                a.type = chk.infer(a.node)
        errors = arity_errors(c, actuals, formals, label, bool(chk.checking), self.rel.is_subtype)
        arity_ok = not errors
        if arity_ok:
            from tycheck.checker.infer.paramspec import bind_param_specs

            c = bind_param_specs(self, c, actuals, formals)
        if c.variables:
            c = self.infer_type_vars(c, actuals, formals, ctx, node, label, report and arity_ok)
        # Infer argument types with their formal as context.
        for fi, acts in enumerate(formals):
            for ai in acts:
                a = actuals[ai]
                if a.type is None and a.node is not None:
                    a.type = chk.infer(a.node, c.arg_types[fi] if a.kind in (POS, NAMED) else None)
        for a in actuals:
            if a.type is None and a.node is not None:
                a.type = chk.infer(a.node)
        if report and not (errors and self.report_shifted_arg(c, actuals, label)):
            self.check_arity(c, actuals, formals, errors, node, label, report)
            # Like mypy, argument types are checked even when the count is wrong.
            self.check_arg_types(c, actuals, formals, node, label, name, of_class)
        ret = c.ret_type
        if c.variables:
            ret = expand(ret, {v.id: AnyType("special") for v in c.variables})
        if isinstance(ret, NoneType) and report and chk.reporting_none_value(node):
            pass
        return ret

    def report_shifted_arg(self, c: CallableType, actuals: list[Actual], label: str) -> bool:
        """One positional argument left out of the middle of a call: name it, at the place
        where it is missing, instead of reporting every later argument as mistyped."""
        if len(actuals) < 2 or len(actuals) != len(c.arg_kinds) - 1 or not label:
            return False
        if any(k != POS for k in c.arg_kinds) or any(
            a.kind != POS or a.type is None for a in actuals
        ):
            return False
        skip: int | None = None
        j = 0
        for i, formal in enumerate(c.arg_types):
            if j >= len(actuals):
                skip = i
                break
            if self.rel.is_subtype(actuals[j].type, formal):  # type: ignore[arg-type]
                j += 1
            elif skip is None:
                skip = i
            else:
                return False
        if skip is None or j != len(actuals) or skip == len(c.arg_types) - 1:
            return False
        param = c.arg_names[skip]
        if param is None:
            return False
        where = actuals[skip].node if skip < len(actuals) else None
        self.chk.fail(
            where or actuals[-1].node,
            Message(msg.missing_positional([param], label), codes.CALL_ARG),
        )  # type: ignore[arg-type]
        return True

    def check_arg_types(
        self,
        c: CallableType,
        actuals: list[Actual],
        formals: list[list[int]],
        node: ast.AST,
        label: str,
        name: str | None,
        of_class: str | None,
    ) -> None:
        chk = self.chk
        # How many formals each actual filled so far: a ``*tuple`` actual gives its
        # k-th item to the k-th formal it maps to.
        used: dict[int, int] = {}
        for fi, acts in enumerate(formals):
            formal = c.arg_types[fi]
            for ai in acts:
                a = actuals[ai]
                k = used.get(ai, 0)
                used[ai] = k + 1
                at = self.actual_item_type(a, k)
                if at is not None and self.abstract_for_type(at, formal):
                    chk.fail(
                        a.node or node,
                        Message(
                            f'Only concrete class can be given where "{chk.fmt(formal)}" is expected',
                            codes.TYPE_ABSTRACT,
                        ),
                    )
                    continue
                if at is None or self.rel.is_subtype(at, formal):
                    continue
                self.report_arg_type(a, ai, at, formal, node, label)

    def abstract_for_type(self, actual: Type, formal: Type) -> bool:
        """An abstract class or protocol object passed for ``type[C]``, C abstract too."""
        if not (
            isinstance(actual, CallableType)
            and actual.is_type_obj
            and actual.type_obj_name
            and isinstance(formal, TypeType)
            and isinstance(formal.item, Instance)
        ):
            return False
        return self.is_abstract(actual.type_obj_name) and self.is_abstract(formal.item.fullname)

    def is_abstract(self, fullname: str) -> bool:
        info = self.chk.p.class_info(fullname)
        return info is not None and (
            info.is_protocol or info.is_abstract or bool(abstract_attributes(self.chk, fullname))
        )

    def actual_item_type(self, a: Actual, k: int, at: Type | None = None) -> Type | None:
        """The type an actual passes to the k-th formal it fills; None when not checked.

        ``at`` is the actual's type when it is not the one inferred for it (a first pass
        over the arguments)."""
        at = a.type if at is None else at
        if at is None:
            return None
        if a.kind == STAR:
            if isinstance(at, TupleType):
                return at.items[k] if k < len(at.items) else None
            if not isinstance(at, Instance) or not at.args:
                # mypy unpacks only a tuple or a generic iterable instance: ``*`` of a union,
                # a type variable or a plain class passes Any.
                return None
            return self.chk.iter_item_type(at, a.node, report=False)
        if a.kind == STAR2:
            if isinstance(at, Instance):
                mapped = self.rel.map_to_supertype(at, "typing.Mapping")
                if mapped is not None and len(mapped.args) == 2:
                    return mapped.args[1]
            return None
        return at

    def report_arg_type(
        self, a: Actual, ai: int, item: Type, formal: Type, node: ast.AST, label: str
    ) -> None:
        chk = self.chk
        shown = a.type if a.kind in (STAR, STAR2) and a.type is not None else item
        if a.kind not in (STAR, STAR2) and report_dunder_arg(
            chk, label, ai + 1, item, formal, node, a.node or node
        ):
            return
        a_s, f_s = format_types(shown, formal)
        if a.kind == STAR:
            a_s = "*" + a_s
        elif a.kind == STAR2:
            a_s = "**" + a_s
        # A keyword argument is named by its keyword, any other by its position.
        arg_label = f'"{a.name}"' if a.kind == NAMED and a.name else str(ai + 1)
        at_node = a.node or node
        chk.fail(at_node, Message(msg.arg_type_text(arg_label, label, a_s, f_s), codes.ARG_TYPE))
        for note in msg.invariance_notes(self.rel, item, formal):
            chk.note(at_node, Message(note, codes.ARG_TYPE))
        for note in protocol_notes(chk, item, formal) + call_note(chk, item, formal):
            chk.note(at_node, Message(note, codes.ARG_TYPE))

    # -- type variable inference -----------------------------------------------------

    def infer_type_vars(
        self,
        c: CallableType,
        actuals: list[Actual],
        formals: list[list[int]],
        ctx: Type | None,
        node: ast.AST | None = None,
        label: str = "",
        report: bool = False,
    ) -> CallableType:
        """``c`` with its type variables solved from the context and the arguments."""
        from tycheck.checker.infer.solve import CallInference, freshen

        # Give the callee fresh variables so they never collide with the caller's own.
        c = freshen(c, {(v.id, v.fullname): replace(v, id=-next(_fresh)) for v in c.variables})
        return CallInference(self, c, actuals, formals).run(ctx, node, label, report)

    # -- overloads ---------------------------------------------------------------------

    def call_overloaded(
        self,
        o: Overloaded,
        actuals: list[Actual],
        node: ast.AST,
        name: str | None,
        of_class: str | None,
        ctx: Type | None,
    ) -> Type:
        chk = self.chk
        for a in actuals:
            if a.type is None and a.node is not None:
                a.type = chk.infer(a.node)
        if any(isinstance(a.type, AnyType) for a in actuals):
            matches = [item for item in o.items if self.matches(item, actuals)]
            if len(matches) > 1:
                rets = [
                    self.call_callable(
                        m, self.copy(actuals), node, name, of_class, ctx, report=False
                    )
                    for m in matches
                ]
                if all(r == rets[0] for r in rets):
                    return rets[0]
                return AnyType("special")
        for item in o.items:
            if self.matches(item, actuals):
                return self.call_callable(
                    item, self.copy(actuals), node, name, of_class, ctx, report=False
                )
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
            chk.fail(
                node,
                Message(
                    f"All overload variants of {label} require at least one argument",
                    codes.CALL_OVERLOAD,
                ),
            )
        else:
            plural = "s" if len(shown) > 1 else ""
            chk.fail(
                node,
                Message(
                    f"No overload variant of {label} matches argument type{plural} {', '.join(f'{chr(34)}{s}{chr(34)}' for s in shown)}",
                    codes.CALL_OVERLOAD,
                ),
            )
        chk.note(node, em.POSSIBLE_OVERLOAD_VARIANTS)
        for item in o.items:
            chk.note(node, Message("    " + pretty_callable(item), codes.CALL_OVERLOAD))
        return AnyType("error")

    def union_math(
        self,
        o: Overloaded,
        actuals: list[Actual],
        node: ast.AST,
        name: str | None,
        of_class: str | None,
        ctx: Type | None,
    ) -> Type | None:
        idx = next(i for i, a in enumerate(actuals) if isinstance(a.type, UnionType))
        results = []
        for member in actuals[idx].type.items:  # type: ignore[union-attr]
            trial = self.copy(actuals)
            trial[idx].type = member
            got = None
            for item in o.items:
                if self.matches(item, trial):
                    got = self.call_callable(
                        item, self.copy(trial), node, name, of_class, ctx, report=False
                    )
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
