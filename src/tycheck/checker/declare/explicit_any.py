"""``--disallow-any-explicit``: ``Explicit "Any" is not allowed`` where a written type holds ``Any``.

An ``Any`` is explicit when the annotation spells it (``Any``, ``typing.Any``, ``"Any"``) or
when it writes ``Callable[..., R]`` (the ellipsis stands for explicit ``Any`` parameters), and
also when it names a type variable whose bound, values or default hold one. An alias used in
an annotation does not count (its ``Any`` is reported once, at the alias), nor do ``Literal``
contents or ``Annotated`` metadata.

mypy reports it at every definition that writes a type, in checked and unchecked code alike:
function signatures (at the ``def``), annotated assignments and type comments, aliases,
``TypeVar``/``NewType``/``NamedTuple`` calls, ``cast`` targets, class bases, and the class
line of a dataclass whose fields hold one (its generated methods take the fields). The scan is
syntactic over the module's tree, names resolved through the type evaluator; a name it cannot
resolve counts as no ``Any``: a miss, never a false error.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from tycheck.checker.declare.names import TypeScope, parse_type_string, special_name
from tycheck.semantic.reach import ReachOptions, branch_bodies
from tycheck.semantic.symbols import CLASS, VAR

if TYPE_CHECKING:
    from tycheck.checker.core.program import SourceModule
    from tycheck.checker.declare.typeeval import TypeEvaluator

Report = Callable[[ast.AST], None]  # reports the message at the node's line and column
InitFields = Callable[[str], "Iterable[ast.AST | None]"]  # class full name -> field statements

_DATACLASS_DECORATORS = {"dataclasses.dataclass"}


class _Finder:
    """Whether type expressions hold an explicit ``Any``."""

    def __init__(self, ev: TypeEvaluator) -> None:
        self.ev = ev
        self._typevars: dict[str, bool] = {}

    def holds_any(self, e: ast.expr | None, scope: TypeScope) -> bool:
        if e is None:
            return False
        if isinstance(e, ast.Constant):
            if isinstance(e.value, str):
                return self.holds_any(parse_type_string(e.value, getattr(e, "lineno", 1)), scope)
            return False
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.BitOr):
            return self.holds_any(e.left, scope) or self.holds_any(e.right, scope)
        if isinstance(e, (ast.List, ast.Tuple)):
            return any(self.holds_any(x, scope) for x in e.elts)
        if isinstance(e, (ast.Name, ast.Attribute)):
            return self._name_holds_any(e, scope)
        if isinstance(e, ast.Subscript):
            return self._subscript_holds_any(e, scope)
        return False

    def _name_holds_any(self, e: ast.expr, scope: TypeScope) -> bool:
        sym = self.ev.lookup_expr(e, scope)
        if sym is None:
            return False
        if special_name(sym.fullname) == "Any":
            return True
        if sym.kind == VAR and isinstance(sym.value, ast.Call):
            return self._typevar_holds_any(sym.fullname, sym.value, scope)
        return False

    def _typevar_holds_any(self, fullname: str, call: ast.Call, scope: TypeScope) -> bool:
        """A type variable (``T = TypeVar("T", ...)``) counts when its declaration writes ``Any``."""
        if fullname in self._typevars:
            return self._typevars[fullname]
        callee = self.ev.lookup_expr(call.func, scope)
        if callee is None or special_name(callee.fullname) != "TypeVar":
            return False
        self._typevars[fullname] = False  # a cycle through the declaration finds nothing
        home = self._home_scope(fullname, scope)
        found = home is not None and any(self.holds_any(x, home) for x in _typevar_types(call))
        self._typevars[fullname] = found
        return found

    def _home_scope(self, fullname: str, scope: TypeScope) -> TypeScope | None:
        """The scope a module-level declaration was written in."""
        mod_name = fullname.rpartition(".")[0]
        if mod_name == scope.module.name:
            return TypeScope(scope.module)
        mod = self.ev.p.module(mod_name)
        return TypeScope(mod) if mod is not None else None

    def _subscript_holds_any(self, e: ast.Subscript, scope: TypeScope) -> bool:
        head = self.ev.lookup_expr(e.value, scope)
        special = special_name(head.fullname) if head is not None else None
        args = list(e.slice.elts) if isinstance(e.slice, ast.Tuple) else [e.slice]
        if special in ("Literal", "TypeGuard", "TypeIs"):
            # A guard's type is kept apart from the signature's types: mypy does not look there.
            return False
        if special == "Annotated":
            return self.holds_any(args[0], scope)
        if special == "Callable" and args:
            first = args[0]
            if isinstance(first, ast.Constant) and first.value is Ellipsis:
                return True
        return self.holds_any(e.value, scope) or any(self.holds_any(a, scope) for a in args)

    def is_type_head(self, e: ast.expr, scope: TypeScope) -> bool:
        """Whether an assigned value reads as a type (so the assignment makes an alias)."""
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.BitOr):
            return self.is_type_head(e.left, scope) and self.is_type_head(e.right, scope)
        if isinstance(e, ast.Constant):
            return e.value is None
        target = e.value if isinstance(e, ast.Subscript) else e
        if not isinstance(target, (ast.Name, ast.Attribute)):
            return False
        sym = self.ev.lookup_expr(target, scope)
        return sym is not None and (sym.kind == CLASS or special_name(sym.fullname) is not None)


def _typevar_types(call: ast.Call) -> list[ast.expr]:
    """The type expressions of a ``TypeVar(...)`` call: its values, bound and default."""
    out = list(call.args[1:])
    out += [kw.value for kw in call.keywords if kw.arg in ("bound", "default")]
    return out


def _signature_types(node: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.expr]:
    a = node.args
    for p in [*a.posonlyargs, *a.args, a.vararg, *a.kwonlyargs, a.kwarg]:
        if p is not None and p.annotation is not None:
            yield p.annotation
    if node.returns is not None:
        yield node.returns


class _Scanner:
    """Walks a module's statements and expressions, reporting each definition holding ``Any``."""

    def __init__(
        self,
        ev: TypeEvaluator,
        mod: SourceModule,
        reach: ReachOptions,
        report: Report,
        init_fields: InitFields,
    ) -> None:
        self.reach = reach
        self.init_fields = init_fields
        self.func_depth = 0  # classes inside functions have no full name to look up
        self.finder = _Finder(ev)
        self.ev = ev
        self.mod = mod
        self.report = report

    def scope(self, classes: tuple[str, ...]) -> TypeScope:
        return TypeScope(self.mod, classes=classes)

    def body(self, stmts: list[ast.stmt], classes: tuple[str, ...]) -> None:
        for stmt in stmts:
            self.statement(stmt, classes)

    def statement(self, stmt: ast.stmt, classes: tuple[str, ...]) -> None:
        scope = self.scope(classes)
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if any(self.finder.holds_any(t, scope) for t in _signature_types(stmt)):
                self.report(stmt)
            self.expressions(stmt.decorator_list + _defaults(stmt), scope)
            self.func_depth += 1
            self.body(stmt.body, ())
            self.func_depth -= 1
            return
        if isinstance(stmt, ast.ClassDef):
            self.class_def(stmt, classes, scope)
            return
        if isinstance(stmt, ast.AnnAssign):
            if (
                self.finder.holds_any(stmt.annotation, scope)
                or _typevar_call_any(self, stmt.value, scope)
                or (
                    self._is_type_alias(stmt.annotation, scope)
                    and self.finder.holds_any(stmt.value, scope)
                )
            ):
                self.report(stmt)
        elif isinstance(stmt, ast.Assign):
            self.assignment(stmt, scope)
        for child in ast.iter_child_nodes(stmt):
            if isinstance(child, ast.expr):
                self.expressions([child], scope)
        if isinstance(stmt, ast.If):  # statically dead branches are never analysed
            live_body, live_else = branch_bodies(stmt, self.reach)
            self.body(stmt.body if live_body else [], classes)
            self.body(stmt.orelse if live_else else [], classes)
            return
        for name in ("body", "orelse", "finalbody"):
            block = getattr(stmt, name, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                self.body(block, classes)
        for handler in getattr(stmt, "handlers", ()):
            self.body(handler.body, classes)
        for case in getattr(stmt, "cases", ()):
            self.body(case.body, classes)

    def assignment(self, stmt: ast.Assign, scope: TypeScope) -> None:
        if stmt.type_comment and self.finder.holds_any(
            parse_type_string(stmt.type_comment, stmt.lineno), scope
        ):
            self.report(stmt)
            return
        if _typevar_call_any(self, stmt.value, scope):
            self.report(stmt)
            return
        alias = (
            len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and not isinstance(stmt.value, ast.Call)
            and self.finder.is_type_head(stmt.value, scope)
        )
        if alias and self.finder.holds_any(stmt.value, scope):
            self.report(stmt)

    def class_def(self, node: ast.ClassDef, classes: tuple[str, ...], scope: TypeScope) -> None:
        for base in node.bases:
            if self.finder.holds_any(base, scope):
                self.report(base)
        self.expressions(node.decorator_list + node.bases, scope)
        fullname = ".".join([self.mod.name, *[c.rpartition(".")[2] for c in classes], node.name])
        inner = (*classes, fullname)
        made = self._is_dataclass(node, scope) and self._fields_hold_any(node, self.scope(inner))
        if made or any(
            isinstance(f, ast.AnnAssign) and self.finder.holds_any(f.annotation, self.scope(inner))
            for f in (self.init_fields(fullname) if not self.func_depth else ())
        ):
            self.report(node)
        self.body(node.body, inner)

    def _is_type_alias(self, ann: ast.expr, scope: TypeScope) -> bool:
        sym = (
            self.ev.lookup_expr(ann, scope) if isinstance(ann, (ast.Name, ast.Attribute)) else None
        )
        return sym is not None and special_name(sym.fullname) == "TypeAlias"

    def _is_dataclass(self, node: ast.ClassDef, scope: TypeScope) -> bool:
        for deco in node.decorator_list:
            target = deco.func if isinstance(deco, ast.Call) else deco
            sym = self.ev.lookup_expr(target, scope)
            if sym is not None and sym.fullname in _DATACLASS_DECORATORS:
                return True
        return False

    def _fields_hold_any(self, node: ast.ClassDef, scope: TypeScope, depth: int = 0) -> bool:
        """Whether a field of the dataclass, or of a dataclass it derives from, holds ``Any``."""
        if depth > 20:  # a cycle of bases: reported elsewhere
            return False
        for base in node.bases:
            sym = (
                self.ev.lookup_expr(base, scope)
                if isinstance(base, (ast.Name, ast.Attribute))
                else None
            )
            home = self.ev.module_of(sym) if sym is not None and sym.kind == CLASS else None
            if home is None or not isinstance(sym.node, ast.ClassDef):
                continue
            base_scope = TypeScope(home, classes=(sym.fullname,))
            if self._is_dataclass(sym.node, TypeScope(home)) and self._fields_hold_any(
                sym.node, base_scope, depth + 1
            ):
                return True
        for stmt in node.body:
            if not isinstance(stmt, ast.AnnAssign) or not isinstance(stmt.target, ast.Name):
                continue
            ann = stmt.annotation
            head = ann.value if isinstance(ann, ast.Subscript) else ann
            sym = self.ev.lookup_expr(head, scope) if isinstance(head, ast.expr) else None
            if sym is not None and special_name(sym.fullname) == "ClassVar":
                continue
            if self.finder.holds_any(ann, scope):
                return True
        return False

    def expressions(self, exprs: list[ast.expr], scope: TypeScope) -> None:
        """``cast``/``TypeVar``/``NewType``/``NamedTuple`` calls anywhere in these expressions."""
        for expr in exprs:
            for node in ast.walk(expr):
                if isinstance(node, ast.Call) and self._call_holds_any(node, scope):
                    self.report(node)

    def _call_holds_any(self, call: ast.Call, scope: TypeScope) -> bool:
        callee = self.ev.lookup_expr(call.func, scope) if call.args else None
        name = special_name(callee.fullname) if callee is not None else None
        if name == "cast":
            return self.finder.holds_any(call.args[0], scope)
        if name == "NewType" and len(call.args) == 2:
            return self.finder.holds_any(call.args[1], scope)
        if name == "NamedTuple" and len(call.args) == 2 and isinstance(call.args[1], ast.List):
            fields = [
                f.elts[1]
                for f in call.args[1].elts
                if isinstance(f, ast.Tuple) and len(f.elts) == 2
            ]
            return any(self.finder.holds_any(t, scope) for t in fields)
        return False


def _typevar_call_any(scanner: _Scanner, value: ast.expr | None, scope: TypeScope) -> bool:
    """Whether ``value`` is a ``TypeVar(...)`` call whose bound, values or default hold ``Any``."""
    if not isinstance(value, ast.Call):
        return False
    callee = scanner.ev.lookup_expr(value.func, scope)
    if callee is None or special_name(callee.fullname) != "TypeVar":
        return False
    return any(scanner.finder.holds_any(x, scope) for x in _typevar_types(value))


def _defaults(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.expr]:
    a = node.args
    return [*a.defaults, *(d for d in a.kw_defaults if d is not None)]


def check_explicit_any(
    ev: TypeEvaluator,
    mod: SourceModule,
    reach: ReachOptions,
    report: Report,
    init_fields: InitFields = lambda _: (),
) -> None:
    """Report every definition in ``mod`` that writes an explicit ``Any``.

    ``init_fields`` gives the statements declaring the ``__init__`` parameters that a class
    decorator other than ``dataclass`` generates (attrs), from the class layer above.
    """
    _Scanner(ev, mod, reach, report, init_fields).body(mod.tree.body, ())
