"""ParamSpec basics: ``Callable[P, R]`` and ``Concatenate[X, P]`` that keep a signature.

``Callable[P, R]`` is read as ``def (*Any, **Any) -> R`` remembering ``P`` (its
``param_spec``), so whatever is not modelled accepts anything. When a call passes a plain
function where the callee expects such a callable, ``P`` is bound to that function's
parameters (minus a ``Concatenate`` prefix) and every ``Callable[P, ...]`` of the callee's
signature takes them, so a decorator typed ``(f: Callable[P, R]) -> Callable[P, R]``
returns a function with ``f``'s parameters. Generic or overloaded arguments, lambdas and
``P.args``/``P.kwargs`` bodies are not modelled: they keep the ``Any`` parameters.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import TYPE_CHECKING

from tycheck.types.model import (
    NAMED,
    OPT,
    POS,
    STAR,
    STAR2,
    AnyType,
    CallableType,
    Instance,
    TupleType,
    Type,
    UnionType,
    make_union,
)

if TYPE_CHECKING:
    from tycheck.checker.calls import Actual, CallChecker
    from tycheck.checker.typeeval import TypeEvaluator, TypeScope

PARAM_SPEC_NAMES = frozenset({"ParamSpec", "typing.ParamSpec", "typing_extensions.ParamSpec"})
CONCATENATE_NAMES = frozenset({"Concatenate", "typing.Concatenate", "typing_extensions.Concatenate"})


def param_spec_name(ev: "TypeEvaluator", e: ast.expr, scope: "TypeScope") -> str | None:
    """The full name of the ParamSpec ``e`` names (``P = ParamSpec("P")``), or None."""
    if not isinstance(e, (ast.Name, ast.Attribute)):
        return None
    sym = ev.lookup_expr(e, scope)
    if sym is None or not isinstance(sym.value, ast.Call):
        return None
    callee = sym.value.func
    try:
        name = ev._decorator_name(callee, scope)
    except Exception:  # noqa: BLE001 - an odd declaration is just not a ParamSpec
        return None
    if name in PARAM_SPEC_NAMES or (name is None and isinstance(callee, (ast.Name, ast.Attribute)) and _last(callee) == "ParamSpec"):
        return sym.fullname
    return None


def _last(e: ast.expr) -> str:
    return e.id if isinstance(e, ast.Name) else e.attr if isinstance(e, ast.Attribute) else ""


def param_spec_callable(ev: "TypeEvaluator", params: ast.expr, ret: Type, scope: "TypeScope") -> CallableType | None:
    """``Callable[P, R]`` or ``Callable[Concatenate[X, P], R]`` as a remembered-P callable."""
    any_t = AnyType("special")
    p = param_spec_name(ev, params, scope)
    if p is not None:
        return CallableType((any_t, any_t), (STAR, STAR2), (None, None), ret, is_ellipsis_args=True, param_spec=p)
    if isinstance(params, ast.Subscript):
        head = params.value
        head_sym = ev.lookup_expr(head, scope)
        from tycheck.checker.typeeval import special_name

        head_name = special_name(head_sym.fullname) if head_sym is not None else None
        if head_name not in CONCATENATE_NAMES:
            return None
        elts = list(params.slice.elts) if isinstance(params.slice, ast.Tuple) else [params.slice]
        if not elts:
            return None
        p = param_spec_name(ev, elts[-1], scope)
        if p is None:
            return None
        prefix = tuple(ev._analyze(x, scope) for x in elts[:-1])
        return CallableType(
            prefix + (any_t, any_t),
            tuple(POS for _ in prefix) + (STAR, STAR2),
            tuple(None for _ in prefix) + (None, None),
            ret,
            # Checking the prefix against a function before P is bound is not modelled:
            # accept any function, as for a plain ``...``.
            is_ellipsis_args=True,
            param_spec=p,
        )
    return None


def bind_param_specs(cc: "CallChecker", c: CallableType, actuals: "list[Actual]", formals: list[list[int]]) -> CallableType:
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
        if all(x.arg_types == first.arg_types and x.arg_kinds == first.arg_kinds for x in cands[1:]):
            if any(x.arg_names != first.arg_names for x in cands[1:]):
                first = replace(first, arg_names=tuple(None if k in (POS, OPT) else n for n, k in zip(first.arg_names, first.arg_kinds)))
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
    return replace(t, arg_types=t.arg_types[prefix:], arg_kinds=kinds[prefix:], arg_names=t.arg_names[prefix:])


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
