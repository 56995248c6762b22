"""Binding a ParamSpec at a call: ``Callable[P, R]`` takes the parameters of the function passed."""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import TYPE_CHECKING

from tycheck.checker.core.actuals import Actual
from tycheck.types.model import (
    NAMED,
    OPT,
    POS,
    CallableType,
    Instance,
    TupleType,
    Type,
    UnionType,
    make_union,
)

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Calls as CallChecker


def bind_param_specs(
    cc: "CallChecker", c: CallableType, actuals: "list[Actual]", formals: list[list[int]]
) -> CallableType:
    """``c`` with each ParamSpec its parameters mention bound to the passed function's parameters."""
    if not any(isinstance(t, CallableType) and t.param_spec for t in c.arg_types):
        return c
    bound: dict[str, CallableType] = {}
    uses: dict[str, int] = {}
    for t in c.arg_types:
        _count_uses(t, uses)
    found: dict[str, list[CallableType]] = {}
    for fi, acts in enumerate(formals):
        ft = c.arg_types[fi]
        if not (isinstance(ft, CallableType) and ft.param_spec) or len(acts) != 1:
            continue
        a = actuals[acts[0]]
        if a.kind not in (POS, NAMED):
            continue
        at = a.type
        if at is None:
            if not isinstance(a.node, (ast.Name, ast.Attribute)):
                continue  # lambdas and calls depend on their context: leave them alone
            at = cc.chk.infer(a.node)
            a.type = at
        params = _params_of(at, len(ft.arg_types) - 2)
        if params is not None:
            found.setdefault(ft.param_spec, []).append(params)
    for name, cands in found.items():
        # Several arguments constrain P: bind it only when they all agree (no join/meet).
        if len(cands) != uses.get(name, 0):
            continue
        first = cands[0]
        if all(
            x.arg_types == first.arg_types and x.arg_kinds == first.arg_kinds for x in cands[1:]
        ):
            if any(x.arg_names != first.arg_names for x in cands[1:]):
                first = replace(
                    first,
                    arg_names=tuple(
                        None if k in (POS, OPT) else n
                        for n, k in zip(first.arg_names, first.arg_kinds)
                    ),
                )
            bound[name] = first
    if not bound:
        return c
    out = substitute(c, bound)
    assert isinstance(out, CallableType)
    return out


def _count_uses(t: Type, uses: dict[str, int]) -> None:
    if isinstance(t, CallableType):
        if t.param_spec:
            uses[t.param_spec] = uses.get(t.param_spec, 0) + 1
        for a in t.arg_types:
            _count_uses(a, uses)
        _count_uses(t.ret_type, uses)
    elif isinstance(t, Instance):
        for a in t.args:
            _count_uses(a, uses)
    elif isinstance(t, (UnionType, TupleType)):
        for a in t.items:
            _count_uses(a, uses)


def _params_of(t: Type, prefix: int) -> CallableType | None:
    """The parameters a ParamSpec takes from ``t``, after ``prefix`` leading positionals."""
    if not isinstance(t, CallableType) or t.variables or t.param_spec or t.is_type_obj:
        return None
    kinds = t.arg_kinds
    if len(kinds) < prefix or any(k not in (POS, OPT) for k in kinds[:prefix]):
        return None
    return replace(
        t, arg_types=t.arg_types[prefix:], arg_kinds=kinds[prefix:], arg_names=t.arg_names[prefix:]
    )


def substitute(t: Type, bound: dict[str, CallableType]) -> Type:
    """Replace bound ParamSpecs in ``t`` (callables, their parts, type arguments, unions)."""
    if isinstance(t, CallableType):
        args = tuple(substitute(a, bound) for a in t.arg_types)
        ret = substitute(t.ret_type, bound)
        if t.param_spec in bound:
            params = bound[t.param_spec]
            n = len(t.arg_types) - 2
            return replace(
                t,
                arg_types=args[:n] + params.arg_types,
                arg_kinds=t.arg_kinds[:n] + params.arg_kinds,
                arg_names=t.arg_names[:n] + params.arg_names,
                ret_type=ret,
                is_ellipsis_args=params.is_ellipsis_args,
                implicit=t.implicit or params.implicit,
                param_spec=None,
            )
        return replace(t, arg_types=args, ret_type=ret)
    if isinstance(t, Instance) and t.args:
        return Instance(t.fullname, tuple(substitute(a, bound) for a in t.args), t.last_known_value)
    if isinstance(t, UnionType):
        return make_union([substitute(i, bound) for i in t.items])
    if isinstance(t, TupleType):
        return TupleType(tuple(substitute(i, bound) for i in t.items), t.fallback)
    return t
