"""Variance inference for the type parameters of a PEP 695 class (``class Box[T]``).

A parameter is covariant when it appears only where values come out (return types, read-only
attributes), contravariant when only where they go in (method parameters), invariant when both
or in a mutable attribute; a parameter used nowhere is covariant. Positions come from the
syntax of the class body and from the evaluated bases, so inference never needs the class's
own facts (it runs while they are computed).

Precision first: a position whose variance cannot be told without risking a cycle (a generic
class of the same module, an alias) constrains nothing, which can only accept more code.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import TYPE_CHECKING

from tycheck.checker.declare.names import ALIASES, TypeScope, parse_type_string, special_name
from tycheck.semantic.symbols import CLASS
from tycheck.types.model import (
    CallableType,
    Instance,
    TupleType,
    Type,
    TypeType,
    TypeVarType,
    UnionType,
)

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import DeclaredTypes as TypeEvaluator

CO, CONTRA, INV = 1, -1, 0
_SAME_POLARITY = {
    "Optional",
    "Union",
    "ClassVar",
    "Final",
    "Required",
    "NotRequired",
    "ReadOnly",
    "Type",
    "Tuple",
    "TypeGuard",
    "TypeIs",
    "Concatenate",
    "Unpack",
}
_SKIPPED_METHODS = {"__init__", "__new__", "__init_subclass__"}


def infer_variances(
    ev: "TypeEvaluator",
    fullname: str,
    node: ast.ClassDef,
    templates: list[TypeVarType],
    bases: list[Instance],
    scope: TypeScope,
) -> list[TypeVarType]:
    """``templates`` with the variance each parameter's uses in ``node`` call for."""
    if not templates:
        return templates
    walker = _Positions(ev, fullname, {tv.fullname for tv in templates}, scope)
    for b in bases:
        walker.walk_type(b, CO)
    walker.walk_body(node)
    out: list[TypeVarType] = []
    for tv in templates:
        seen = walker.seen.get(tv.fullname, set())
        if not seen or seen == {CO}:
            variance = 1
        elif seen == {CONTRA}:
            variance = 2
        else:
            variance = 0
        out.append(replace(tv, variance=variance))
    return out


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


class _Positions:
    """Collects the polarities in which each parameter occurs."""

    def __init__(self, ev: "TypeEvaluator", owner: str, params: set[str], scope: TypeScope) -> None:
        self.ev = ev
        self.owner = owner
        self.module = owner.rsplit(".", 1)[0]
        self.params = params
        self.scope = scope
        self.seen: dict[str, set[int]] = {}

    def note(self, fullname: str, pol: int) -> None:
        if fullname in self.params:
            self.seen.setdefault(fullname, set()).add(pol)

    # -- evaluated types (the bases) ------------------------------------------------

    def walk_type(self, t: Type, pol: int) -> None:
        if isinstance(t, TypeVarType):
            self.note(t.fullname, pol)
        elif isinstance(t, Instance):
            info = self.ev.p.class_info(t.fullname)
            tvs = info.type_vars if info is not None else ()
            for i, a in enumerate(t.args):
                v = tvs[i].variance if i < len(tvs) else 0
                self.walk_type(a, _compose(pol, v))
        elif isinstance(t, (UnionType, TupleType)):
            for item in t.items:
                self.walk_type(item, pol)
        elif isinstance(t, TypeType):
            self.walk_type(t.item, pol)
        elif isinstance(t, CallableType):
            for a in t.arg_types:
                self.walk_type(a, -pol)
            self.walk_type(t.ret_type, pol)

    # -- the class body ----------------------------------------------------------------

    def walk_body(self, node: ast.ClassDef) -> None:
        readonly = _is_frozen(node)
        for stmt in node.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                final = self._is_final(stmt.annotation) or _is_private(stmt.target.id)
                self.walk(stmt.annotation, CO if readonly or final else INV)
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.walk_method(stmt)

    def walk_method(self, f: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.walk_self_attributes(f)
        if f.name in _SKIPPED_METHODS:
            return
        decorators = {_last_name(d) for d in f.decorator_list}
        params = list(f.args.posonlyargs) + list(f.args.args)
        if "staticmethod" not in decorators:
            params = params[1:]
        params += list(f.args.kwonlyargs)
        params += [p for p in (f.args.vararg, f.args.kwarg) if p is not None]
        if "setter" in decorators or "deleter" in decorators:
            for p in params:
                if p.annotation is not None:
                    self.walk(p.annotation, CONTRA)
            return
        for p in params:
            if p.annotation is not None:
                self.walk(p.annotation, CONTRA)
        if f.returns is not None:
            self.walk(f.returns, CO)

    def walk_self_attributes(self, f: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """``self.x: A = ...`` and ``self.x = param`` in a method: attributes of the class."""
        args = list(f.args.posonlyargs) + list(f.args.args)
        if not args:
            return
        me = args[0].arg
        annotations = {
            a.arg: a.annotation for a in args[1:] + list(f.args.kwonlyargs) if a.annotation
        }
        for sub in ast.walk(f):
            target, ann, value = _self_assignment(sub, me)
            if target is None:
                continue
            # A private attribute counts as read-only, like a final one (mypy).
            final = ann is not None and self._is_final(ann) or _is_private(target)
            if ann is not None and not (self._is_final(ann) and _is_bare(ann)):
                self.walk(ann, CO if final else INV)
            elif isinstance(value, ast.Name) and value.id in annotations:
                self.walk(annotations[value.id], CO if final else INV)

    # -- annotations ---------------------------------------------------------------------

    def _is_final(self, ann: ast.expr) -> bool:
        head = ann.value if isinstance(ann, ast.Subscript) else ann
        sym = (
            self.ev.lookup_expr(head, self.scope)
            if isinstance(head, (ast.Name, ast.Attribute))
            else None
        )
        return sym is not None and special_name(sym.fullname) == "Final"

    def walk(self, e: ast.expr, pol: int) -> None:
        if isinstance(e, ast.Constant) and isinstance(e.value, str):
            parsed = parse_type_string(e.value, 1)
            if parsed is not None:
                self.walk(parsed, pol)
        elif isinstance(e, ast.BinOp) and isinstance(e.op, ast.BitOr):
            self.walk(e.left, pol)
            self.walk(e.right, pol)
        elif isinstance(e, (ast.Name, ast.Attribute)):
            sym = self.ev.lookup_expr(e, self.scope)
            if sym is not None:
                self.note(sym.fullname, pol)
        elif isinstance(e, ast.Subscript):
            self.walk_subscript(e, pol)

    def walk_subscript(self, e: ast.Subscript, pol: int) -> None:
        args = list(e.slice.elts) if isinstance(e.slice, ast.Tuple) else [e.slice]
        head = (
            self.ev.lookup_expr(e.value, self.scope)
            if isinstance(e.value, (ast.Name, ast.Attribute))
            else None
        )
        if head is None:
            return
        special = special_name(head.fullname)
        if special == "Callable" and len(args) == 2:
            params = args[0].elts if isinstance(args[0], ast.List) else [args[0]]
            for a in params:
                self.walk(a, -pol)
            self.walk(args[1], pol)
        elif special == "Annotated" and args:
            self.walk(args[0], pol)
        elif special in _SAME_POLARITY:
            for a in args:
                self.walk(a, pol)
        elif special in ALIASES:
            self.walk_class_args(ALIASES[special], args, pol)
        elif special is None and head.kind == CLASS:
            self.walk_class_args(head.fullname, args, pol)

    def walk_class_args(self, fullname: str, args: list[ast.expr], pol: int) -> None:
        if fullname == self.owner:
            # The class in its own members: an occurrence where values come out constrains
            # nothing (``def f(self) -> C[T]`` keeps T covariant), one where they go in keeps
            # its polarity. This is what mypy infers for such recursive uses.
            if pol != CO:
                for a in args:
                    self.walk(a, pol)
            return
        if fullname in ("builtins.tuple", "builtins.type"):
            for a in args:
                self.walk(a, pol)
            return
        if fullname.rsplit(".", 1)[0] == self.module:
            return  # its facts may need this class's: an unknown position
        info = self.ev.p.class_info(fullname)
        if info is None or len(info.type_vars) != len(args):
            return
        for tv, a in zip(info.type_vars, args):
            self.walk(a, _compose(pol, tv.variance))


def _compose(pol: int, variance: int) -> int:
    if pol == INV or variance == 0:
        return INV
    return pol if variance == 1 else -pol


def _last_name(d: ast.expr) -> str:
    target = d.func if isinstance(d, ast.Call) else d
    if isinstance(target, ast.Attribute):
        return target.attr
    return target.id if isinstance(target, ast.Name) else ""


def _is_bare(ann: ast.expr) -> bool:
    return not isinstance(ann, ast.Subscript)


def _is_frozen(node: ast.ClassDef) -> bool:
    """A frozen dataclass: attributes are read-only. (A named tuple's fields are not: its
    ``_replace`` takes them, so they stay invariant, as in mypy.)"""
    for d in node.decorator_list:
        if isinstance(d, ast.Call) and _last_name(d) == "dataclass":
            for kw in d.keywords:
                if (
                    kw.arg == "frozen"
                    and isinstance(kw.value, ast.Constant)
                    and kw.value.value is True
                ):
                    return True
    return False


def _self_assignment(node: ast.AST, me: str) -> tuple[str | None, ast.expr | None, ast.expr | None]:
    if isinstance(node, ast.AnnAssign):
        targets, ann, value = [node.target], node.annotation, node.value
    elif isinstance(node, ast.Assign) and len(node.targets) == 1:
        targets, ann, value = node.targets, None, node.value
    else:
        return None, None, None
    t = targets[0]
    if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == me:
        return t.attr, ann, value
    return None, None, None
