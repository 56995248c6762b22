"""``--disallow-any-generics``: ``Missing type arguments for generic type "X"`` for a generic
class or alias written without its type arguments.

mypy reports it where the semantic analyzer reads a type in checked code: signatures (at the
bare name itself, which may be below the ``def`` line), annotated assignments, class bases,
``TypeVar``/``NewType``/``NamedTuple``/``cast`` arguments and aliases, except an alias whose
whole target is the bare class (``L = List`` declares a generic alias). Bodies of unchecked
functions (no annotation, no ``--check-untyped-defs``) report nothing. A message is reported
once per line, as mypy drops identical messages on a line. Typing's capitalised aliases
(``List``, ``typing.Dict``) are named as written, classes by their own name; bare ``type``
is allowed. Names that do not resolve are left alone: a miss, never a false error.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TYPE_CHECKING

from tycheck.checker.declare.names import ALIASES, TypeScope, parse_type_string, special_name
from tycheck.errors import codes
from tycheck.errors.messages import Message
from tycheck.semantic.node_index import walk
from tycheck.semantic.reach import ReachOptions, branch_bodies
from tycheck.semantic.symbols import CLASS, VAR

if TYPE_CHECKING:
    from tycheck.checker.core.program import SourceModule
    from tycheck.checker.declare.typeeval import TypeEvaluator

Report = Callable[[ast.AST, Message], None]


def missing_type_arguments(name: str) -> Message:
    return Message(f'Missing type arguments for generic type "{name}"', codes.TYPE_ARG)


# Typing's generic special forms that take arguments (named as written when bare).
_GENERIC_FORMS = frozenset(ALIASES) - {"Text"} | {"Tuple", "Callable"}
_DEFINING_CALLS = frozenset({"TypeVar", "NewType", "NamedTuple", "cast"})


def _is_function(node: ast.AST) -> bool:
    return isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))


def _annotated(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    a = node.args
    params = [*a.posonlyargs, *a.args, a.vararg, *a.kwonlyargs, a.kwarg]
    return (
        node.returns is not None
        or node.type_comment is not None
        or any(p is not None and p.annotation is not None for p in params)
    )


class _Finder:
    """Bare generics inside one type expression."""

    def __init__(self, ev: TypeEvaluator, report: Report) -> None:
        self.ev = ev
        self.report = report

    def type_expr(
        self,
        e: ast.expr | None,
        scope: TypeScope,
        whole_alias: bool = False,
        at: ast.AST | None = None,
    ) -> None:
        """Report the bare generics of ``e`` (at ``at``, the string holding it, if given)."""
        if e is None:
            return
        if isinstance(e, ast.Constant):
            if isinstance(e.value, str):
                parsed = parse_type_string(e.value, getattr(e, "lineno", 1))
                self.type_expr(parsed, scope, whole_alias, at or e)
            return
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.BitOr):
            self.type_expr(e.left, scope, at=at)
            self.type_expr(e.right, scope, at=at)
        elif isinstance(e, (ast.List, ast.Tuple)):
            for x in e.elts:
                self.type_expr(x, scope, at=at)
        elif isinstance(e, (ast.Name, ast.Attribute)):
            name = None if whole_alias else self.bare_name(e, scope)
            if name is not None:
                self.report(at or e, name)
        elif isinstance(e, ast.Subscript):
            head = self.ev.lookup_expr(e.value, scope)
            special = special_name(head.fullname) if head is not None else None
            args = list(e.slice.elts) if isinstance(e.slice, ast.Tuple) else [e.slice]
            if special == "Literal":
                return
            for a in args[:1] if special == "Annotated" else args:
                self.type_expr(a, scope, at=at)

    def bare_name(self, e: ast.expr, scope: TypeScope) -> str | None:
        """The name to report when ``e`` names a generic class or alias without arguments."""
        sym = self.ev.lookup_expr(e, scope)
        if sym is None:
            return None
        special = special_name(sym.fullname)
        if special is not None:
            return ast.unparse(e) if special in _GENERIC_FORMS else None
        if sym.kind == CLASS:
            if sym.fullname == "builtins.type":
                return None
            info = self.ev.p.class_info(sym.fullname)
            if info is None or not info.type_vars:
                return None
            if all(tv.default is not None for tv in info.type_vars):
                return None
            return sym.fullname.rpartition(".")[2]
        if sym.kind == VAR and self._generic_alias(sym.value, scope):
            return ast.unparse(e)
        return None

    def _generic_alias(self, value: ast.expr | None, scope: TypeScope) -> bool:
        """Whether an alias's target is generic: a bare generic class (``L = List``) or a type
        holding a type variable (``P = Pair[T, int]``). Anything else is left alone."""
        if isinstance(value, (ast.Name, ast.Attribute)):
            sym = self.ev.lookup_expr(value, scope)
            if sym is None or sym.kind != CLASS and special_name(sym.fullname) is None:
                return False
            return self.bare_name(value, scope) is not None
        if not isinstance(value, ast.Subscript):
            return False
        head = self.ev.lookup_expr(value.value, scope)
        if head is None or head.kind != CLASS and special_name(head.fullname) is None:
            return False
        for node in ast.walk(value.slice):
            if isinstance(node, ast.Name):
                sym = self.ev.lookup_expr(node, scope)
                if sym is not None and self.ev.typevar_template(sym) is not None:
                    return True
        return False


class _Scanner:
    """Walks the checked code of a module."""

    def __init__(
        self,
        ev: TypeEvaluator,
        mod: SourceModule,
        reach: ReachOptions,
        report: Report,
        check_untyped: bool,
    ) -> None:
        self.ev = ev
        self.mod = mod
        self.reach = reach
        self.check_untyped = check_untyped
        self.seen: set[tuple[int, str]] = set()
        self.report = report
        self.finder = _Finder(ev, self._once)  # the finder reports names, once per line

    def _once(self, node: ast.AST, name: str) -> None:
        key = (getattr(node, "lineno", 0), name)
        if key not in self.seen:
            self.seen.add(key)
            self.report(node, missing_type_arguments(name))

    def body(self, stmts: list[ast.stmt], classes: tuple[str, ...], checked: bool) -> None:
        for stmt in stmts:
            self.statement(stmt, classes, checked)

    def statement(self, stmt: ast.stmt, classes: tuple[str, ...], checked: bool) -> None:
        scope = TypeScope(self.mod, classes=classes)
        if _is_function(stmt):
            assert isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))
            self.function(stmt, scope)
            return
        if isinstance(stmt, ast.ClassDef):
            if checked:
                for base in stmt.bases:
                    self.finder.type_expr(base, scope)
            outer = [c.rpartition(".")[2] for c in classes]
            inner = (*classes, ".".join([self.mod.name, *outer, stmt.name]))
            self.body(stmt.body, inner, checked)
            return
        if isinstance(stmt, ast.If):
            live_body, live_else = branch_bodies(stmt, self.reach)
            self.body(stmt.body if live_body else [], classes, checked)
            self.body(stmt.orelse if live_else else [], classes, checked)
            return
        if checked:
            self.simple(stmt, scope)
        for name in ("body", "orelse", "finalbody"):
            block = getattr(stmt, name, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                self.body(block, classes, checked)
        for handler in getattr(stmt, "handlers", ()):
            self.body(handler.body, classes, checked)
        for case in getattr(stmt, "cases", ()):
            self.body(case.body, classes, checked)

    def function(self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: TypeScope) -> None:
        a = node.args
        for p in [*a.posonlyargs, *a.args, a.vararg, *a.kwonlyargs, a.kwarg]:
            if p is not None:
                self.finder.type_expr(p.annotation, scope)
        self.finder.type_expr(node.returns, scope)
        checked = self.check_untyped or _annotated(node)
        if checked:
            self.calls(node.decorator_list, scope)
        self.body(node.body, (), checked)

    def simple(self, stmt: ast.stmt, scope: TypeScope) -> None:
        if isinstance(stmt, ast.AnnAssign):
            alias = self._is_type_alias(stmt.annotation, scope)
            if alias:
                self.finder.type_expr(stmt.value, scope, whole_alias=True)
            else:
                self.finder.type_expr(stmt.annotation, scope)
        elif isinstance(stmt, ast.Assign) and self._assigns_alias(stmt, scope):
            self.finder.type_expr(stmt.value, scope, whole_alias=True)
        self.calls([c for c in ast.iter_child_nodes(stmt) if isinstance(c, ast.expr)], scope)

    def _is_type_alias(self, ann: ast.expr, scope: TypeScope) -> bool:
        if not isinstance(ann, (ast.Name, ast.Attribute)):
            return False
        sym = self.ev.lookup_expr(ann, scope)
        return sym is not None and special_name(sym.fullname) == "TypeAlias"

    def _assigns_alias(self, stmt: ast.Assign, scope: TypeScope) -> bool:
        """``A = List[int]`` at module level: the value reads as a type."""
        if len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Name):
            return False
        value = stmt.value
        target = value.value if isinstance(value, ast.Subscript) else value
        if not isinstance(target, (ast.Name, ast.Attribute)):
            return False
        sym = self.ev.lookup_expr(target, scope)
        return sym is not None and (sym.kind == CLASS or special_name(sym.fullname) is not None)

    def calls(self, exprs: list[ast.expr], scope: TypeScope) -> None:
        """The type arguments of ``cast``/``TypeVar``/``NewType``/``NamedTuple`` calls."""
        for expr in exprs:
            for node in walk(expr):
                if isinstance(node, ast.Call) and node.args:
                    self._call(node, scope)

    def _call(self, call: ast.Call, scope: TypeScope) -> None:
        callee = self.ev.lookup_expr(call.func, scope)
        name = special_name(callee.fullname) if callee is not None else None
        if name not in _DEFINING_CALLS:
            return
        if name == "cast":
            self.finder.type_expr(call.args[0], scope)
        elif name == "TypeVar":
            for x in call.args[1:]:
                self.finder.type_expr(x, scope)
            for kw in call.keywords:
                if kw.arg in ("bound", "default"):
                    self.finder.type_expr(kw.value, scope)
        elif name == "NewType" and len(call.args) == 2:
            self.finder.type_expr(call.args[1], scope)
        elif len(call.args) == 2 and isinstance(call.args[1], (ast.List, ast.Tuple)):
            for field in call.args[1].elts:  # NamedTuple("N", [("a", T), ...])
                if isinstance(field, (ast.Tuple, ast.List)) and len(field.elts) == 2:
                    self.finder.type_expr(field.elts[1], scope)


def check_bare_generics(
    ev: TypeEvaluator, mod: SourceModule, reach: ReachOptions, report: Report, check_untyped: bool
) -> None:
    """Report every generic written without type arguments in the checked code of ``mod``."""
    _Scanner(ev, mod, reach, report, check_untyped).body(mod.tree.body, (), True)
