"""Misplaced ``Final`` and ``@final``: mypy's semantic-analysis errors about where they stand.

- ``x: Final = ...`` in the body of a ``for``/``while`` loop: 'Cannot use Final inside a loop';
- ``Final`` inside another type (``Tuple[Final]``, ``ClassVar[Final[int]]``) or in a
  function's annotations: 'Final can be only used as an outermost qualifier in a variable
  annotation' [valid-type]; ``Final[ClassVar[int]]``: 'Variable should not be annotated with
  both ClassVar and Final'; ``Final[int, str]``: 'Final[...] takes at most one type argument';
- ``self.x: Final`` in a method other than ``__init__``, ``other.x: Final`` in a method;
- ``Final`` members and ``@final`` methods of a protocol;
- ``@final`` on a function that is not a method, on an overload item rather than the
  implementation (in a stub: on an item other than the first).

The names are recognised only when imported from ``typing``/``typing_extensions`` (or used
as attributes of those modules), so a user's own ``Final`` is never judged.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Callable

from tycheck.errors import codes
from tycheck.semantic.definition_checks import walk_statements
from tycheck.errors.messages import Message

Emit = Callable[[int, int, str, "str | None", bool], None]

_TYPING = ("typing", "typing_extensions")
_WATCHED = ("Final", "final", "ClassVar", "Protocol", "overload")
_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)

OUTERMOST = "Final can be only used as an outermost qualifier in a variable annotation"


class _Names:
    """Which local names stand for typing's ``Final``, ``final``, ``ClassVar``, ``Protocol``."""

    def __init__(self, tree: ast.Module) -> None:
        self.alias: dict[str, str] = {}
        self.modules: set[str] = set()
        for node in walk_statements(tree):  # facts4: imports are statements
            if isinstance(node, ast.ImportFrom) and node.module in _TYPING and not node.level:
                for a in node.names:
                    if a.name in _WATCHED:
                        self.alias[a.asname or a.name] = a.name
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name in _TYPING:
                        self.modules.add(a.asname or a.name)

    def kind(self, e: ast.expr) -> str | None:
        if isinstance(e, ast.Subscript):
            e = e.value
        if isinstance(e, ast.Call):
            e = e.func
        if isinstance(e, ast.Name):
            return self.alias.get(e.id)
        if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name):
            if e.value.id in self.modules and e.attr in _WATCHED:
                return e.attr
        return None


@dataclass(frozen=True)
class _Where:
    """Where a statement stands: in a loop body, a class body (a protocol's?), a method."""

    in_loop: bool = False
    class_node: ast.ClassDef | None = None
    is_protocol: bool = False
    method: ast.FunctionDef | ast.AsyncFunctionDef | None = None


class FinalForms:
    def __init__(
        self, tree: ast.Module, is_stub: bool, emit: Emit, python_version: tuple[int, int]
    ) -> None:
        # Python 3.13 allows ``ClassVar`` and ``Final`` together in a class body.
        self.classvar_final_ok = python_version >= (3, 13)
        self.names = _Names(tree)
        self.is_stub = is_stub
        self.emit = emit
        self.tree = tree

    def run(self) -> None:
        if not self.names.alias and not self.names.modules:
            return
        self.visit_body(self.tree.body, _Where())

    def fail(self, node: ast.AST, message: Message) -> None:
        line, col = getattr(node, "lineno", 1), getattr(node, "col_offset", 0)
        self.emit(line, col, message.text, message.code_name, False)

    def visit_body(self, body: list[ast.stmt], where: _Where) -> None:
        if where.class_node is not None:
            self.check_overload_groups(body)
        for stmt in body:
            self.visit_stmt(stmt, where)

    def visit_stmt(self, stmt: ast.stmt, where: _Where) -> None:
        if isinstance(stmt, ast.AnnAssign):
            self.check_ann_assign(stmt, where)
        elif isinstance(stmt, _FUNCS):
            self.check_function(stmt, where)
        elif isinstance(stmt, ast.ClassDef):
            protocol = any(self.names.kind(b) == "Protocol" for b in stmt.bases)
            self.visit_body(stmt.body, _Where(class_node=stmt, is_protocol=protocol))
        elif isinstance(stmt, (ast.For, ast.AsyncFor, ast.While)):
            inner = _Where(True, where.class_node, where.is_protocol, where.method)
            self.visit_body(stmt.body, inner)
            self.visit_body(stmt.orelse, where)
        else:
            for part in ("body", "orelse", "finalbody"):
                block = getattr(stmt, part, None)
                if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                    self.visit_body(block, where)
            for handler in getattr(stmt, "handlers", None) or ():
                self.visit_body(handler.body, where)
            for case in getattr(stmt, "cases", None) or ():
                self.visit_body(case.body, where)

    # -- functions -------------------------------------------------------------------------

    def check_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef, where: _Where) -> None:
        for d in node.decorator_list:
            if self.names.kind(d) != "final":
                continue
            if where.class_node is None:
                self.fail(d, Message("@final cannot be used with non-method functions", codes.MISC))
            elif where.is_protocol:
                self.fail(d, Message("Protocol member cannot be final", codes.MISC))
        args = node.args
        for a in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
            if a is not None and a.annotation is not None:
                self.check_nested_final(a.annotation)
        if node.returns is not None:
            self.check_nested_final(node.returns)
        method = node if where.class_node is not None else None
        self.visit_body(node.body, _Where(method=method))

    def check_overload_groups(self, body: list[ast.stmt]) -> None:
        """``@final`` on an overload item of a method (not its implementation, or in a stub
        not its first item)."""
        groups: list[list[ast.FunctionDef | ast.AsyncFunctionDef]] = []
        for stmt in body:
            if (
                isinstance(stmt, _FUNCS)
                and groups
                and groups[-1]
                and groups[-1][0].name == stmt.name
            ):
                groups[-1].append(stmt)
            elif isinstance(stmt, _FUNCS):
                groups.append([stmt])
            else:
                groups.append([])
        for group in groups:
            items = [f for f in group if self._has(f, "overload")]
            if len(items) < 2:
                continue
            has_impl = not self._has(group[-1], "overload")
            for i, item in enumerate(items):
                deco = next((d for d in item.decorator_list if self.names.kind(d) == "final"), None)
                if deco is None:
                    continue
                if self.is_stub and i > 0:
                    self.fail(
                        deco,
                        Message(
                            "In a stub file @final must be applied only to the first overload",
                            codes.MISC,
                        ),
                    )
                elif not self.is_stub and has_impl:
                    self.fail(
                        deco,
                        Message(
                            "@final should be applied only to overload implementation", codes.MISC
                        ),
                    )

    def _has(self, f: ast.AST, kind: str) -> bool:
        return any(self.names.kind(d) == kind for d in getattr(f, "decorator_list", []))

    # -- variable annotations ----------------------------------------------------------------

    def check_ann_assign(self, stmt: ast.AnnAssign, where: _Where) -> None:
        ann = stmt.annotation
        if self.names.kind(ann) != "Final":
            if not (
                self.classvar_final_ok and where.class_node and self.names.kind(ann) == "ClassVar"
            ):
                self.check_nested_final(ann)
            return
        args = _args(ann)
        if len(args) > 1:
            self.fail(stmt, Message("Final[...] takes at most one type argument", codes.MISC))
        for a in args:
            if self.names.kind(a) == "ClassVar":
                if self.classvar_final_ok and where.class_node is not None:
                    continue
                self.fail(
                    stmt,
                    Message(
                        "Variable should not be annotated with both ClassVar and Final", codes.MISC
                    ),
                )
                return
            else:
                self.check_nested_final(a)
        if where.in_loop:
            self.fail(stmt, Message("Cannot use Final inside a loop", codes.MISC))
        target = stmt.target
        if where.is_protocol and isinstance(target, ast.Name):
            self.fail(stmt, Message("Protocol member cannot be final", codes.MISC))
        if isinstance(target, ast.Attribute) and where.method is not None:
            self.check_attribute_target(stmt, target, where.method)

    def check_attribute_target(
        self, stmt: ast.AnnAssign, target: ast.Attribute, method: ast.AST
    ) -> None:
        params = getattr(method, "args", None)
        first = (params.posonlyargs + params.args)[:1] if params is not None else []
        on_self = (
            bool(first) and isinstance(target.value, ast.Name) and target.value.id == first[0].arg
        )
        if not on_self:
            self.fail(
                stmt,
                Message("Final can be only applied to a name or an attribute on self", codes.MISC),
            )
        elif getattr(method, "name", "") != "__init__":
            self.fail(
                stmt,
                Message("Can only declare a final attribute in class body or __init__", codes.MISC),
            )

    def check_nested_final(self, e: ast.expr) -> None:
        """``Final`` anywhere in ``e``, a type that is not a variable's outermost one."""
        for node in ast.walk(e):
            if isinstance(node, (ast.Name, ast.Attribute)) and self.names.kind(node) == "Final":
                self.fail(node, Message(OUTERMOST, codes.VALID_TYPE))
                return


def _args(ann: ast.expr) -> list[ast.expr]:
    if not isinstance(ann, ast.Subscript):
        return []
    return list(ann.slice.elts) if isinstance(ann.slice, ast.Tuple) else [ann.slice]


def check_final_forms(
    tree: ast.Module, is_stub: bool, emit: Emit, python_version: tuple[int, int]
) -> None:
    FinalForms(tree, is_stub, emit, python_version).run()
