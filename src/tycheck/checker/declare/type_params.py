"""PEP 695 type parameters: ``def f[T](x: T)``, ``class Box[T]``, ``type A[T] = ...``.

A type parameter is a type variable owned by one definition. Each gets a symbol (kind VAR,
pointing at its ``ast.TypeVar`` node) and a template (id 0), both memoised by the full name
``<owner>.<name>``; the scope of its owner binds it like a ``TypeVar`` declared with
``TypeVar()``. Name lookup finds a parameter through the type variables a scope binds, so a
parameter is visible exactly where its owner's variables are (signature, body, methods).

``ParamSpec`` (``**P``) and ``TypeVarTuple`` (``*Ts``) parameters are not modelled yet: their
names resolve to nothing, so they degrade to ``Any`` and never cause an error.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from tycheck.checker.declare.names import TypeScope
from tycheck.semantic.symbols import VAR, Symbol
from tycheck.types.model import AnyType, Instance, Type, TypeVarType
from tycheck.types.subst import expand

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import DeclaredTypes as TypeEvaluator

# The node classes of type parameters (none before Python 3.12, whose trees have none).
TYPE_VAR_NODE: tuple[type, ...] = (ast.TypeVar,) if sys.version_info >= (3, 12) else ()

_REGISTRY = "pep695-param"


def type_params(node: ast.AST) -> list[ast.AST]:
    """The PEP 695 parameter list of a def, class or ``type`` statement (empty if none)."""
    return list(getattr(node, "type_params", None) or ())


def is_type_param(sym: Symbol) -> bool:
    return bool(TYPE_VAR_NODE) and isinstance(sym.node, TYPE_VAR_NODE)


def lookup(ev: "TypeEvaluator", name: str, scope: TypeScope) -> Symbol | None:
    """The type parameter ``name`` among the variables ``scope`` binds, or None."""
    if not TYPE_VAR_NODE or not scope.typevars:
        return None
    for tv in scope.typevars.values():
        if tv.name == name:
            sym = ev.p.memo(_REGISTRY, tv.fullname, lambda: None)
            if isinstance(sym, Symbol):
                return sym
    return None


def register(ev: "TypeEvaluator", owner: str, node: ast.AST, scope: TypeScope) -> list[TypeVarType]:
    """The templates (id 0) of the ``TypeVar`` parameters of ``node``, owned by ``owner``.

    Each parameter's bound, constraints and default are evaluated in ``scope`` plus the
    parameters before it."""
    out: list[TypeVarType] = []
    local = TypeScope(
        scope.module,
        scope.classes,
        dict(scope.typevars),
        scope.local_lookup,
        scope.self_type,
        allow_unbound_tvars=True,
    )
    for param in type_params(node):
        if not isinstance(param, TYPE_VAR_NODE):
            continue
        name = param.name  # type: ignore[attr-defined]
        fullname = f"{owner}.{name}"
        sym = Symbol(name, VAR, fullname, param, line=getattr(param, "lineno", 0))
        ev.p.memo(_REGISTRY, fullname, lambda: sym)
        tmpl = ev.p.memo("typevar", fullname, lambda: _template(ev, param, name, fullname, local))
        if isinstance(tmpl, TypeVarType):
            out.append(tmpl)
            local.typevars[fullname] = tmpl
    return out


def template(ev: "TypeEvaluator", sym: Symbol) -> TypeVarType | None:
    """The template of a parameter's symbol (normally memoised when its owner registered it)."""
    parts = sym.fullname.split(".")
    mod = next(
        (m for i in range(len(parts) - 1, 0, -1) if (m := ev.p.module(".".join(parts[:i])))),
        None,
    )
    if mod is None:
        return None
    scope = TypeScope(mod, allow_unbound_tvars=True)
    result = ev.p.memo(
        "typevar", sym.fullname, lambda: _template(ev, sym.node, sym.name, sym.fullname, scope)
    )
    return result if isinstance(result, TypeVarType) else None


def _template(
    ev: "TypeEvaluator", param: ast.AST | None, name: str, fullname: str, scope: TypeScope
) -> TypeVarType:
    bound: Type = Instance("builtins.object")
    values: tuple[Type, ...] = ()
    spec = getattr(param, "bound", None)
    if isinstance(spec, ast.Tuple):
        # Fewer than two constraints is an error (semantic/type_param_checks.py): ignored.
        if len(spec.elts) >= 2:
            values = tuple(ev.analyze(e, scope) for e in spec.elts)
    elif spec is not None:
        bound = ev.analyze(spec, scope)
    default_node = getattr(param, "default_value", None)
    default = ev.analyze(default_node, scope) if default_node is not None else None
    if isinstance(default, AnyType) and default_node is not None and _is_bad_default(default_node):
        default = None
    return TypeVarType(name, fullname, 0, bound, values, 0, default)


def _is_bad_default(e: ast.expr) -> bool:
    return isinstance(e, (ast.List, ast.Tuple))


def function_owner(mod_name: str, node: ast.AST, class_fullname: str | None) -> str:
    """The owner name of a def's parameters; the line tells apart redefinitions and nested defs
    of one name."""
    prefix = class_fullname or mod_name
    return f"{prefix}.{getattr(node, 'name', '?')}@{getattr(node, 'lineno', 0)}"


def bind_function_params(
    ev: "TypeEvaluator", mod_name: str, node: ast.AST, class_fullname: str | None, scope: TypeScope
) -> None:
    """Adds a def's own parameters to ``scope.typevars``, numbered after those bound already."""
    params = type_params(node)
    if not params:
        return
    n = max((-tv.id for tv in scope.typevars.values() if tv.id < 0), default=0)
    for tmpl in register(ev, function_owner(mod_name, node, class_fullname), node, scope):
        if tmpl.fullname not in scope.typevars:
            n += 1
            scope.typevars[tmpl.fullname] = replace(tmpl, id=-n)


def class_param_templates(
    ev: "TypeEvaluator", fullname: str, scope: TypeScope
) -> dict[str, TypeVarType]:
    """The templates of a class's own parameters, by full name (a class body does not see the
    parameters of enclosing classes)."""
    found = ev.p.class_node(fullname)
    if found is None or not type_params(found[1]):
        return {}
    return {tv.fullname: tv for tv in register(ev, fullname, found[1], scope)}


def alias_order(ev: "TypeEvaluator", sym: Symbol) -> list[TypeVarType] | None:
    """The declared parameters of a ``type A[...] = ...`` alias, in order (None for others)."""
    node = sym.node
    if node is None or not type_params(node):
        return None
    out: list[TypeVarType] = []
    for param in type_params(node):  # type: ignore[arg-type]
        name = getattr(param, "name", "")
        tmpl = ev.p.memo("typevar", f"{sym.fullname}.{name}", lambda: None)
        if not isinstance(tmpl, TypeVarType):
            return None  # a ParamSpec or TypeVarTuple: keep the order of appearance
        out.append(tmpl)
    return out


def with_defaults(tvs: tuple[TypeVarType, ...], args: tuple[Type, ...]) -> tuple[Type, ...]:
    """``args`` completed by the defaults of the variables not given (PEP 696); unchanged when
    a missing variable has no default. A default naming an earlier variable takes its argument."""
    if any(tv.default is None for tv in tvs[len(args) :]):
        return args
    out = list(args)
    for tv in tvs[len(args) :]:
        assert tv.default is not None
        mapping: dict[int | str, Type] = {t.fullname: a for t, a in zip(tvs, out)}
        out.append(expand(tv.default, mapping))
    return tuple(out)
