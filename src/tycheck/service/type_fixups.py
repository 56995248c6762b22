"""What mypy records as an expression's type where the checker records nothing or more.

The checker's expression sink sees what the checker infers; mypy's type map differs in a
few well-defined places, and ``inspect``/``suggest`` answer as mypy does:

* assignment targets are expressions too (a name's declared type, else its value's type);
* a class object called with inferred type arguments is ``type[C[int]]``;
* the base of ``module.name`` is never evaluated by mypy, so it has no type of its own;
* inside a function mypy does not check (unannotated, without ``--check-untyped-defs``),
  every expression hands ``Any`` to its parent: names bound in the function are ``Any``,
  a call, an attribute or an operation is ``Any``, a display holds ``Any`` items.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from tycheck.checker.api import BodyChecker, SourceModule, is_annotated
from tycheck.service.query_data import ProgramAccess, Region
from tycheck.types.model import (
    AnyType,
    CallableType,
    Instance,
    ModuleType,
    NoneType,
    TupleType,
    Type,
    TypeType,
    strip_literal,
)


ANY = AnyType("unannotated")


def finish_types(
    types: dict[ast.AST, Type],
    mod: SourceModule,
    analyzer: ProgramAccess,
    region: Region,
    dynamic: bool,
) -> None:
    """Turn what the checker recorded for one region into mypy's type map."""
    if dynamic and isinstance(region[1], (ast.FunctionDef, ast.AsyncFunctionDef)):
        make_dynamic(types, region[1], is_method=region[2] is not None)
    add_target_types(types, mod, analyzer, region)
    for node in list(types):
        if isinstance(node, ast.Call):
            _instantiated_callee(types, node)
    for node in [n for n in types if isinstance(n, ast.Attribute)]:
        if isinstance(types.get(node.value), ModuleType):
            _hide_module_bases(types, node.value, analyzer.hidden)
    if region[0] == "module":
        _hide_definition_parts(mod.tree.body, types, analyzer.hidden)


def _hide_definition_parts(
    body: list[ast.stmt], types: dict[ast.AST, Type], hidden: dict[ast.AST, Type]
) -> None:
    """Class bases and overload markers: mypy reads them as types, never as values.

    Only the module's own statements and class bodies are visited: function bodies are
    regions of their own, and large modules are mostly function bodies.
    """
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for deco in stmt.decorator_list:
                if _decorator_name(deco) in SPECIAL_DECORATORS and deco in types:
                    hidden[deco] = types.pop(deco)
        if isinstance(stmt, ast.ClassDef):
            for base in stmt.bases:
                if base in types:
                    hidden[base] = types.pop(base)
            _hide_definition_parts(stmt.body, types, hidden)
        elif isinstance(stmt, (ast.If, ast.Try, ast.With)):
            for field in ("body", "orelse", "finalbody"):
                _hide_definition_parts(getattr(stmt, field, []) or [], types, hidden)


# Decorators mypy never type-checks (an overload's marker; the ones it removes altogether
# are no expressions for inspect at all).
SPECIAL_DECORATORS = frozenset({"overload"})


def _decorator_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _instantiated_callee(types: dict[ast.AST, Type], call: ast.Call) -> None:
    callee = types.get(call.func)
    result = types[call]
    if (
        isinstance(callee, CallableType)
        and callee.is_type_obj
        and isinstance(result, Instance)
        and result.fullname == callee.type_obj_name
        and result.args
    ):
        types[call.func] = TypeType(result)  # the class with the type arguments the call gave it


def _hide_module_bases(
    types: dict[ast.AST, Type], base: ast.expr, hidden: dict[ast.AST, Type]
) -> None:
    while isinstance(types.get(base), ModuleType):
        hidden[base] = types.pop(base)
        if not isinstance(base, ast.Attribute):
            break
        base = base.value


def make_dynamic(
    types: dict[ast.AST, Type], func: ast.FunctionDef | ast.AsyncFunctionDef, is_method: bool
) -> None:
    """The types mypy records in a function it does not check."""
    params = [p.arg for p in list(func.args.posonlyargs) + list(func.args.args)]
    if is_method and params:
        params = params[1:]  # self and cls keep their class type even so
    a = func.args
    params += [
        p.arg
        for p in ([a.vararg] if a.vararg else [])
        + list(a.kwonlyargs)
        + ([a.kwarg] if a.kwarg else [])
    ]
    bound = set(params)
    nodes: list[ast.AST] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) and is_annotated(child):
                continue  # a checked function of its own
            if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
                bound.add(child.id)
            nodes.append(child)
            visit(child)

    for stmt in func.body:
        nodes.append(stmt)
        visit(stmt)
    for node in nodes:
        if node in types and isinstance(node, ast.expr):
            types[node] = _dynamic_type(node, types, bound)


def _dynamic_type(node: ast.expr, types: dict[ast.AST, Type], bound: set[str]) -> Type:
    t = types[node]
    if isinstance(node, ast.Name):
        return ANY if node.id in bound else t
    if isinstance(node, (ast.Constant, ast.JoinedStr, ast.Lambda, ast.Starred)):
        return t
    if isinstance(node, ast.Attribute):
        return t if isinstance(types.get(node.value), ModuleType) else ANY
    if isinstance(node, (ast.List, ast.ListComp)):
        return Instance("builtins.list", (ANY,))
    if isinstance(node, (ast.Set, ast.SetComp)):
        return Instance("builtins.set", (ANY,))
    if isinstance(node, (ast.Dict, ast.DictComp)):
        return Instance("builtins.dict", (ANY, ANY))
    if isinstance(node, ast.Tuple):
        return TupleType(tuple(ANY for _ in node.elts), Instance("builtins.tuple", (ANY,)))
    if isinstance(node, ast.GeneratorExp):
        return Instance("typing.Generator", (ANY, NoneType(), NoneType()))
    if isinstance(node, ast.Compare) and all(
        isinstance(op, (ast.Is, ast.IsNot, ast.In, ast.NotIn)) for op in node.ops
    ):
        return Instance("builtins.bool")
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return Instance("builtins.bool")
    return ANY


def add_target_types(
    types: dict[ast.AST, Type], mod: SourceModule, analyzer: ProgramAccess, region: Region
) -> None:
    """Fill in what the checker infers but does not record as an expression's type.

    Assignment targets are expressions too: a name's type is its declared type, else the
    type of the value. The class object called in ``C(42)`` has the type the call gave it
    (``type[C[int]]``), as mypy records it after inferring the class's type arguments.
    """
    checkers: dict[str | None, BodyChecker] = {}

    def checker(cls: str | None) -> BodyChecker:
        if cls not in checkers:
            checkers[cls] = analyzer.checker_for(
                mod, region if cls is None or region[0] == "func" else ("module", None, cls)
            )
        return checkers[cls]

    def visit(body: list[ast.stmt], cls: str | None) -> None:
        for stmt in body:
            if isinstance(stmt, ast.ClassDef):
                full = f"{cls}.{stmt.name}" if cls else f"{mod.name}.{stmt.name}"
                if full not in mod.classes:
                    full = analyzer.program.local_class_fullname(mod, stmt)
                visit(stmt.body, full if region[0] == "module" else cls)
                continue
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if region[0] == "func":
                    visit(stmt.body, cls)
                continue
            _target_types(stmt, types, lambda: checker(cls))
            if cls is not None and region[0] == "module":
                _class_names(stmt, types, analyzer, cls, lambda: checker(cls))
            for field in ("body", "orelse", "finalbody"):
                inner = getattr(stmt, field, None)
                if isinstance(inner, list):
                    visit([s for s in inner if isinstance(s, ast.stmt)], cls)
            for handler in getattr(stmt, "handlers", []) or []:
                visit(handler.body, cls)

    root = region[1]
    if isinstance(root, (ast.FunctionDef, ast.AsyncFunctionDef)):
        visit(root.body, region[2])
    else:
        visit(mod.tree.body, None)
    for call in [n for n in list(types) if isinstance(n, ast.Call)]:
        callee = types.get(call.func)
        result = types[call]
        if (
            isinstance(callee, CallableType)
            and callee.is_type_obj
            and callee.variables
            and isinstance(result, Instance)
            and result.fullname == callee.type_obj_name
        ):
            types[call.func] = TypeType(result)


def _class_names(
    stmt: ast.stmt,
    types: dict[ast.AST, Type],
    analyzer: ProgramAccess,
    cls: str,
    checker: Callable[[], BodyChecker],
) -> None:
    """A class body reading one of its own annotated attributes sees the declared type."""
    ns = analyzer.program.class_namespace(cls)
    if ns is None:
        return
    for node in ast.walk(stmt):
        if (
            isinstance(node, ast.Name)
            and isinstance(node.ctx, ast.Load)
            and isinstance(types.get(node), AnyType)
        ):
            sym = ns.get(node.id)
            if sym is not None and sym.annotation is not None:
                chk = checker()
                types[node] = chk.ev.analyze(sym.annotation, chk.scope)


def _target_types(
    stmt: ast.stmt, types: dict[ast.AST, Type], checker: Callable[[], BodyChecker]
) -> None:
    if (
        isinstance(stmt, ast.AnnAssign)
        and isinstance(stmt.target, ast.Name)
        and stmt.target not in types
    ):
        try:
            chk = checker()
            types[stmt.target] = chk.ev.analyze(stmt.annotation, chk.scope)
        except Exception:  # an annotation the checker cannot read has no type to show
            return
    elif isinstance(stmt, ast.Assign) and stmt.value in types:
        value = types[stmt.value]
        for target in stmt.targets:
            if isinstance(target, ast.Name) and target not in types:
                types[target] = strip_literal(value)
