"""PEP 696 defaults of PEP 695 parameters: mypy's errors about what a default may be.

- a ``TypeVar`` default must be a type ('TypeVar "default" must be a type'; a bracketed list
  also gets its [valid-type] error), a subtype of the bound, one of the constraints;
- a ``ParamSpec`` default must be a list of types, ``...`` or a ``ParamSpec``;
- a ``TypeVarTuple`` default must be an unpacked tuple (``*tuple[...]``, ``Unpack[...]``).

In a ``def``, mypy judges the bound and constraints only for parameters its signature uses.
Defaults whose type is not fully known are not judged against bounds.
"""

from __future__ import annotations

import ast
from types import SimpleNamespace
from typing import TYPE_CHECKING, Callable

from tycheck.checker.declare.names import TypeScope, special_name
from tycheck.checker.declare.type_forms import check_form, has_problem
from tycheck.errors import codes
from tycheck.errors.messages import Message
from tycheck.types.model import Instance, Type

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

Judgeable = Callable[[Type], bool]


def check_default(
    chk: "Evaluator",
    param: ast.AST,
    earlier: list[ast.AST],
    scope: TypeScope,
    used: bool,
    judgeable: Judgeable,
) -> None:
    """The default of ``param`` (``earlier``: the parameters before it in its list)."""
    default = getattr(param, "default_value", None)
    if default is None:
        return
    kind = type(param).__name__
    if kind == "ParamSpec":
        _paramspec_default(chk, default, earlier, scope)
    elif kind == "TypeVarTuple":
        if not (isinstance(default, ast.Starred) or _head(chk, default, scope) == "Unpack"):
            _fail(chk, default, "The default argument to TypeVarTuple must be an Unpacked tuple")
    elif kind == "TypeVar":
        _typevar_default(chk, param, default, scope, used, judgeable)


def _typevar_default(
    chk: "Evaluator",
    param: object,
    default: ast.expr,
    scope: TypeScope,
    used: bool,
    judgeable: Judgeable,
) -> None:
    if isinstance(default, ast.List):
        check_form(chk, default, scope)
        _fail(chk, default, 'TypeVar "default" must be a type')
        return
    if has_problem(chk, default, scope):
        _fail(chk, default, 'TypeVar "default" must be a type')
        return
    spec = getattr(param, "bound", None)
    if spec is None or not used:
        return
    t = chk.ev.analyze(default, scope)
    if not judgeable(t):
        return
    rel = chk.p.relations
    if isinstance(spec, ast.Tuple):
        values = [chk.ev.analyze(e, scope) for e in spec.elts]
        if all(judgeable(v) for v in values) and not any(
            rel.is_subtype(t, v) and rel.is_subtype(v, t) for v in values
        ):
            _fail(chk, default, "TypeVar default must be one of the constraint types")
        return
    bound = chk.ev.analyze(spec, scope)
    if isinstance(bound, Instance) and bound.fullname == "builtins.object":
        return
    if judgeable(bound) and not rel.is_subtype(t, bound):
        _fail(chk, default, "TypeVar default must be a subtype of the bound type")


def _paramspec_default(
    chk: "Evaluator", default: ast.expr, earlier: list[ast.AST], scope: TypeScope
) -> None:
    if isinstance(default, ast.Constant) and default.value is Ellipsis:
        return
    if isinstance(default, ast.List):
        for i, item in enumerate(default.elts):
            if has_problem(chk, item, scope):
                _fail(chk, default, f"Argument {i} of ParamSpec default must be a type")
                return
        return
    if isinstance(default, ast.Attribute) or (
        isinstance(default, ast.Name) and _names_paramspec(chk, default.id, earlier, scope)
    ):
        return
    text = "The default argument to ParamSpec must be a list expression, ellipsis, or a ParamSpec"
    _fail(chk, default, text)


def _names_paramspec(chk: "Evaluator", name: str, earlier: list[ast.AST], scope: TypeScope) -> bool:
    if any(type(p).__name__ == "ParamSpec" and getattr(p, "name", "") == name for p in earlier):
        return True
    sym = chk.ev.lookup(name, scope)  # type: ignore[attr-defined]
    if sym is None:
        return True  # undefined: reported as such
    call = getattr(sym, "value", None)
    func = call.func if isinstance(call, ast.Call) else None
    callee = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    return callee == "ParamSpec" or type(sym.node).__name__ == "ParamSpec"


def _head(chk: "Evaluator", e: ast.expr, scope: TypeScope) -> str | None:
    head = e.value if isinstance(e, ast.Subscript) else e
    if not isinstance(head, (ast.Name, ast.Attribute)):
        return None
    sym = chk.ev.lookup_expr(head, scope)
    return special_name(sym.fullname) if sym is not None else None


def _fail(chk: "Evaluator", node: ast.AST, text: str) -> None:
    chk.emit(node, "error", Message(text, codes.MISC))


def check_call_default(
    chk: "Evaluator", kind: str, call: ast.Call, scope: TypeScope, judgeable: Judgeable
) -> None:
    """The ``default=`` of ``TypeVar(...)``/``ParamSpec(...)``/``TypeVarTuple(...)`` (``kind``)."""
    default = next((kw.value for kw in call.keywords if kw.arg == "default"), None)
    if default is None:
        return
    bound = next((kw.value for kw in call.keywords if kw.arg == "bound"), None)
    if kind == "TypeVar" and len(call.args) > 2:
        bound = ast.Tuple(list(call.args[1:]), ast.Load())
    param = SimpleNamespace(bound=bound, default_value=default)
    if kind == "ParamSpec":
        _paramspec_default(chk, default, [], scope)
    elif kind == "TypeVarTuple":
        if not (isinstance(default, ast.Starred) or _head(chk, default, scope) == "Unpack"):
            _fail(chk, default, "The default argument to TypeVarTuple must be an Unpacked tuple")
    else:
        _typevar_default(chk, param, default, scope, True, judgeable)  # type: ignore[arg-type]
