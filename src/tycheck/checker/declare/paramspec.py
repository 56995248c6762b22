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
from typing import TYPE_CHECKING

from tycheck.types.model import POS, STAR, STAR2, AnyType, CallableType, Type

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import DeclaredTypes as TypeEvaluator
    from tycheck.checker.declare.names import TypeScope

PARAM_SPEC_NAMES = frozenset({"ParamSpec", "typing.ParamSpec", "typing_extensions.ParamSpec"})
CONCATENATE_NAMES = frozenset(
    {"Concatenate", "typing.Concatenate", "typing_extensions.Concatenate"}
)


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
    if name in PARAM_SPEC_NAMES or (
        name is None
        and isinstance(callee, (ast.Name, ast.Attribute))
        and _last(callee) == "ParamSpec"
    ):
        return sym.fullname
    return None


def _last(e: ast.expr) -> str:
    return e.id if isinstance(e, ast.Name) else e.attr if isinstance(e, ast.Attribute) else ""


def param_spec_callable(
    ev: "TypeEvaluator", params: ast.expr, ret: Type, scope: "TypeScope"
) -> CallableType | None:
    """``Callable[P, R]`` or ``Callable[Concatenate[X, P], R]`` as a remembered-P callable."""
    any_t = AnyType("special")
    p = param_spec_name(ev, params, scope)
    if p is not None:
        return CallableType(
            (any_t, any_t), (STAR, STAR2), (None, None), ret, is_ellipsis_args=True, param_spec=p
        )
    if isinstance(params, ast.Subscript):
        head = params.value
        head_sym = ev.lookup_expr(head, scope)
        from tycheck.checker.declare.names import special_name

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
