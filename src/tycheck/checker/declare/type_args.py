"""Type arguments against the bounds and value restrictions of a class's type variables.

``x: C[int]`` where ``C``'s variable is declared ``T: D`` (or ``TypeVar('T', bound=D)``) is
'Type argument "int" of "C" must be a subtype of "D"'; with ``T: (str, bytes)`` an argument
that is none of the values is 'Value of type variable "T" of "C" cannot be "int"' (an
argument that is not a plain class instance: 'Invalid type argument value for "C"'). mypy
reports these [type-var] where the annotation is written: variable and parameter
annotations, return types, base classes and ``type`` statements.

Only arguments whose type is fully known are judged: an argument that is ``Any``, a type
variable with values, a callable or anything the checker does not model is skipped (a missed error,
never an invented one). So is a bound that mentions type variables.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import TYPE_CHECKING, Iterator

from tycheck.checker.declare import type_params
from tycheck.checker.declare import typeddict_defs
from tycheck.checker.declare.names import TypeScope, special_name
from tycheck.checker.declare.typeddict_defs import class_target, is_typeddict
from tycheck.checker.declare.param_defaults import check_call_default, check_default
from tycheck.checker.declare.type_forms import check_form
from tycheck.checker.declare.type_names import check_names
from tycheck.checker.declare.undeclared_params import (
    check_alias_value,
    check_bound_variables,
    check_definition,
)
from tycheck.errors import codes
from tycheck.errors.messages import Message
from tycheck.semantic.node_index import walk
from tycheck.semantic.reach import branch_bodies
from tycheck.semantic.symbols import CLASS
from tycheck.types.model import (
    AnyType,
    Instance,
    LiteralType,
    NoneType,
    TupleType,
    Type,
    TypeVarType,
    UnionType,
)

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def check_function_type_args(chk: "Evaluator", node: ast.AST, scope: TypeScope) -> None:
    """The annotations of a def's signature and of its own body (not nested defs, which are
    checked when their turn comes), and its PEP 695 parameters."""
    _check_param_list(chk, node, scope)
    anns = list(_signature_annotations(node))
    nested = chk.class_fullname is not None or getattr(chk, "outer", None) is not None
    check_definition(chk, node, anns, scope, nested)
    for ann in anns:
        check_annotation(chk, ann, scope)
    _check_body(chk, list(getattr(node, "body", [])), scope)


def check_module_type_args(chk: "Evaluator") -> None:
    """The annotations of a module's top level and its class bodies (not function bodies)."""
    _check_body(chk, chk.mod.tree.body, TypeScope(chk.mod))


def _check_body(chk: "Evaluator", body: list[ast.stmt], scope: TypeScope) -> None:
    for stmt in body:
        if isinstance(stmt, _FUNCS):
            continue
        if isinstance(stmt, ast.AnnAssign):
            check_annotation(chk, stmt.annotation, scope)
        elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            call = stmt.value
            kind = typeddict_defs.qualifier(chk, call.func, scope)
            if kind in ("TypeVar", "ParamSpec", "TypeVarTuple"):
                check_call_default(chk, kind, call, scope, _judgeable)
            if kind == "TypedDict":
                single = stmt.targets[0] if len(stmt.targets) == 1 else None
                name = single.id if isinstance(single, ast.Name) else None
                typeddict_defs.check_functional(chk, name, call, scope)
        elif isinstance(stmt, ast.ClassDef):
            _check_class(chk, stmt, scope)
        elif type(stmt).__name__ == "TypeAlias":
            alias_scope = TypeScope(
                chk.mod,
                scope.classes,
                dict(scope.typevars),
                scope.local_lookup,
                allow_unbound_tvars=True,
            )
            _check_param_list(chk, stmt, scope)
            check_alias_value(chk, stmt, scope)
            own = frozenset(str(getattr(p, "name", "")) for p in type_params.type_params(stmt))
            check_annotation(chk, stmt.value, alias_scope, own, alias=True)  # type: ignore[attr-defined]
        elif isinstance(stmt, ast.If):
            if_ok, else_ok = branch_bodies(stmt, chk.reach)
            if if_ok:
                _check_body(chk, stmt.body, scope)
            if else_ok:
                _check_body(chk, stmt.orelse, scope)
        else:
            for part in ("body", "orelse", "finalbody"):
                inner = getattr(stmt, part, None)
                if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                    _check_body(chk, inner, scope)
            for handler in getattr(stmt, "handlers", None) or ():
                _check_body(chk, handler.body, scope)


def _check_class(chk: "Evaluator", node: ast.ClassDef, outer: TypeScope) -> None:
    fullname = _class_fullname(chk, node, outer)
    scope = chk.ev.class_scope(fullname) if fullname else None
    if not isinstance(scope, TypeScope):
        return
    _check_param_list(chk, node, _without_class_params(outer))
    nested = bool(outer.classes) or chk.func is not None
    # ``Generic[...]``/``Protocol[...]`` here is an error of its own (semantic checks).
    bases = [b for b in node.bases if _head_name(b) not in ("Generic", "Protocol")]
    check_definition(chk, node, bases, outer, nested)
    _check_duplicate_bases(chk, node, outer)
    for base in node.bases:
        _check_alias_base(chk, base, outer)
        if isinstance(base, ast.Subscript):
            _check_bounds(chk, base, scope)
            check_names(chk, base.slice, scope)
    body_scope = replace(scope, classes=(*scope.classes, fullname))
    if is_typeddict(chk, fullname):
        for key_type in typeddict_defs.check_class(chk, node, fullname, body_scope):
            check_annotation(chk, key_type, body_scope)
        return
    _check_body(chk, node.body, body_scope)


def _check_duplicate_bases(chk: "Evaluator", node: ast.ClassDef, scope: TypeScope) -> None:
    seen: set[str] = set()
    for base in node.bases:
        head = base.value if isinstance(base, ast.Subscript) else base
        if not isinstance(head, (ast.Name, ast.Attribute)):
            continue
        sym = chk.ev.lookup_expr(head, scope)
        if sym is None:
            continue
        target = sym.fullname if special_name(sym.fullname) else class_target(chk, sym)
        if target is None:
            continue
        if target in seen:
            short = target.rsplit(".", 1)[-1]
            chk.emit(node, "error", Message(f'Duplicate base class "{short}"', codes.MISC))
            return
        seen.add(target)


def _uses(node: ast.AST, name: str) -> bool:
    """Whether a def's signature mentions ``name`` (classes and aliases always count)."""
    if not isinstance(node, _FUNCS):
        return True
    anns = list(_signature_annotations(node))
    return any(isinstance(n, ast.Name) and n.id == name for a in anns for n in ast.walk(a))


def _head_name(base: ast.expr) -> str:
    head = base.value if isinstance(base, ast.Subscript) else base
    return head.id if isinstance(head, ast.Name) else getattr(head, "attr", "")


def _check_alias_base(chk: "Evaluator", base: ast.expr, scope: TypeScope) -> None:
    head = base.value if isinstance(base, ast.Subscript) else base
    if not isinstance(head, (ast.Name, ast.Attribute)):
        return
    sym = chk.ev.lookup_expr(head, scope)
    if sym is not None and type(sym.node).__name__ == "TypeAlias":
        text = 'Type alias defined using "type" statement not valid as base class'
        chk.emit(base, "error", Message(text, codes.MISC))


def _without_class_params(scope: TypeScope) -> TypeScope:
    """``scope`` without the parameters of enclosing classes: a class's own parameter list
    does not see them."""
    keep = {k: tv for k, tv in scope.typevars.items() if k.rpartition(".")[0] not in scope.classes}
    return replace(scope, typevars=keep)


def _check_param_list(chk: "Evaluator", node: ast.AST, scope: TypeScope) -> None:
    """PEP 695 bounds and constraints (which see none of their list's parameters) and
    defaults (which see the parameters before them)."""
    params = type_params.type_params(node)
    names = [str(getattr(p, "name", "")) for p in params]
    every = frozenset(names)
    for i, param in enumerate(params):
        bound = getattr(param, "bound", None)
        if bound is not None:
            constraint = isinstance(bound, ast.Tuple)
            for item in bound.elts if isinstance(bound, ast.Tuple) else [bound]:
                check_form(chk, item, scope)
                check_bound_variables(chk, item, scope, every, constraint)
            check_names(chk, bound, scope, hidden=every)
        check_default(chk, param, params[:i], scope, _uses(node, names[i]), _judgeable)
        default = getattr(param, "default_value", None)
        if default is not None:
            hidden, before = frozenset(names[i:]), frozenset(names[:i])
            check_names(chk, default, scope, hidden=hidden, extra=before)


def _class_fullname(chk: "Evaluator", node: ast.ClassDef, outer: TypeScope) -> str | None:
    prefix = outer.classes[-1] if outer.classes else chk.mod.name
    fullname = f"{prefix}.{node.name}"
    if fullname in chk.mod.classes:
        return fullname
    local = chk.p.local_class_fullname(chk.mod, node)
    return local if isinstance(local, str) else None


def _signature_annotations(node: ast.AST) -> Iterator[ast.expr]:
    args = getattr(node, "args", None)
    if isinstance(args, ast.arguments):
        params = args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]
        for a in params:
            if a is not None and a.annotation is not None:
                yield a.annotation
    returns = getattr(node, "returns", None)
    if returns is not None:
        yield returns


def check_annotation(
    chk: "Evaluator",
    ann: ast.expr,
    scope: TypeScope,
    own: frozenset[str] = frozenset(),
    alias: bool = False,
) -> None:
    """The names of ``ann`` and the arguments of every ``C[...]`` in it, judged in ``scope``
    (``own``: parameters the annotated definition binds itself)."""
    check_form(chk, ann, scope, alias)
    check_names(chk, ann, scope, extra=own)
    typeddict_defs.check_qualifiers_outside(chk, ann, scope)
    _check_bounds(chk, ann, scope)


def _check_bounds(chk: "Evaluator", ann: ast.expr, scope: TypeScope) -> None:
    for sub in _subscripts(ann):
        _check_application(chk, sub, scope, ann)


def _subscripts(ann: ast.expr) -> Iterator[ast.Subscript]:
    for n in walk(ann):
        if isinstance(n, ast.Subscript):
            yield n
        elif isinstance(n, ast.Constant) and isinstance(n.value, str):
            try:
                inner = ast.parse(n.value.strip(), mode="eval").body
            except (SyntaxError, ValueError):
                continue
            for m in walk(inner):
                if isinstance(m, ast.Subscript):
                    yield m


def _check_application(
    chk: "Evaluator", sub: ast.Subscript, scope: TypeScope, where: ast.expr
) -> None:
    sym = chk.ev.lookup_expr(sub.value, scope)
    if sym is not None and type(sym.node).__name__ == "TypeAlias":
        _check_alias_arity(chk, sym.node, sub, where)
    if sym is None or sym.kind != CLASS:
        return
    info = chk.p.class_info(sym.fullname)
    if info is None or not info.type_vars:
        return
    arg_nodes = list(sub.slice.elts) if isinstance(sub.slice, ast.Tuple) else [sub.slice]
    if len(arg_nodes) != len(info.type_vars):
        return
    short = sym.fullname.rsplit(".", 1)[-1]
    for tv, arg_node in zip(info.type_vars, arg_nodes):
        arg = chk.ev.analyze(arg_node, scope)
        if isinstance(arg, TypeVarType):
            # Judged by its bound, except in a ``type`` statement (as mypy does); a variable
            # with values needs a message of its own, not given yet.
            if scope.allow_unbound_tvars or arg.values or not _judgeable(arg.upper_bound):
                continue
        elif not _judgeable(arg):
            continue
        text = _problem(chk, tv, arg, short)
        if text is not None:
            chk.emit(where, "error", Message(text, codes.TYPE_VAR))


def _check_alias_arity(
    chk: "Evaluator", alias: ast.AST, sub: ast.Subscript, where: ast.expr
) -> None:
    """``A[...]`` for a ``type A[...] = ...`` alias: as many arguments as it has parameters
    (those with defaults may be left out). Aliases with a ``*Ts`` or ``**P`` parameter,
    which take other counts, are not judged."""
    params = type_params.type_params(alias)
    if any(not isinstance(p, type_params.TYPE_VAR_NODE) for p in params):
        return
    given = len(sub.slice.elts) if isinstance(sub.slice, ast.Tuple) else 1
    most = len(params)
    least = sum(1 for p in params if getattr(p, "default_value", None) is None)
    if least <= given <= most:
        return
    expected = f"between {least} and {most}" if least != most else str(most)
    text = f"Bad number of arguments for type alias, expected {expected}, given {given}"
    chk.emit(where, "error", Message(text, codes.TYPE_ARG))


def _problem(chk: "Evaluator", tv: TypeVarType, arg: Type, owner: str) -> str | None:
    rel = chk.p.relations
    if tv.values:
        if isinstance(arg, TypeVarType) or not all(_judgeable(v) for v in tv.values):
            return None
        if any(rel.is_subtype(arg, v) and rel.is_subtype(v, arg) for v in tv.values):
            return None
        if isinstance(arg, Instance):
            return f'Value of type variable "{tv.name}" of "{owner}" cannot be "{_short(arg)}"'
        return f'Invalid type argument value for "{owner}"'
    bound = tv.upper_bound
    if isinstance(bound, Instance) and bound.fullname == "builtins.object" or not _judgeable(bound):
        return None
    if rel.is_subtype(arg, bound):
        return None
    return f'Type argument "{chk.fmt(arg)}" of "{owner}" must be a subtype of "{chk.fmt(bound)}"'


def _short(t: Instance) -> str:
    return t.fullname.rsplit(".", 1)[-1]


def _judgeable(t: Type, top: bool = True) -> bool:
    """Whether ``t`` is made only of class instances, tuples, literals and None (``Any`` may
    stand as a type argument inside it)."""
    if isinstance(t, AnyType):
        return not top
    if isinstance(t, Instance):
        return all(_judgeable(a, False) for a in t.args)
    if isinstance(t, (NoneType, LiteralType)):
        return True
    if isinstance(t, TupleType):
        return all(_judgeable(i) for i in t.items)
    if isinstance(t, UnionType):
        return all(_judgeable(i) for i in t.items)
    return False
