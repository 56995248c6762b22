"""The one interface feature modules receive: the ``Evaluator`` protocol and the frozen context.

Feature modules (narrowing, calls, special classes, checks...) never import the statement
checker. They receive an ``Evaluator``: inference of expressions, reporting (with a scoped
``quiet()``), the flow state of the body being checked, member access, the options and the
program. The statement checker (``stmt/``) is the one implementation.

``CheckContext`` is built once per analysis and never changes: the program, the declared-type
evaluator, the members table and the driver's hooks. The evaluator and the members table call
each other, so each receives the context and reads its peer from it when it needs it.
"""

from __future__ import annotations

import ast
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Protocol

from tycheck.checker.core.actuals import Actual
from tycheck.checker.core.frames import BranchFrames
from tycheck.checker.core.program import Program, SourceModule
from tycheck.errors.codes import ErrorCode
from tycheck.errors.diagnostics import Diagnostic
from tycheck.errors.messages import Message
from tycheck.semantic.reach import ReachOptions
from tycheck.semantic.symbols import Symbol
from tycheck.types.model import CallableType, ClassTypeInfo, Instance, Overloaded, Type
from tycheck.types.relations import Relations

FuncDef = ast.FunctionDef | ast.AsyncFunctionDef
Report = Callable[[Diagnostic], None]


def emits(*, muted: bool, unreachable: bool, checking: bool, always: bool = False) -> bool:
    """Whether a diagnostic is emitted: the one rule behind every ``fail`` and ``note``.

    Nothing is reported while quiet (a trial inference) or in unreachable code; outside a
    checked body (an unannotated function without ``--check-untyped-defs``) only the
    messages that are reported regardless (semantic errors, ``reveal_type``) are.
    """
    return not muted and not unreachable and (checking or always)


class ExpressionSink:
    """The expression-type sink of ``inspect``/``suggest`` (set by ``service.queries``).

    While ``receive`` is set, every expression a checker infers, and every name it binds
    by an assignment or a comprehension, is reported with its type (mypy's type map).
    """

    receive: ClassVar[Callable[[ast.expr, Type], None] | None] = None


def record_type(node: ast.expr, t: Type) -> None:
    """Report ``node``'s type to the sink, if one is listening."""
    if ExpressionSink.receive is not None:
        ExpressionSink.receive(node, t)


class DeclaredTypes(Protocol):
    """What feature modules use of the declared-type evaluator (``declare/typeeval.py``)."""

    p: Program

    def analyze(self, expr: ast.expr | None, scope: Any) -> Type: ...
    def analyze_string(self, text: str, scope: Any, line: int = 1) -> Type: ...
    def lookup_expr(self, expr: ast.expr, scope: Any) -> Symbol | None: ...
    def class_scope(self, fullname: str) -> Any: ...
    def function_scope(
        self, mod: SourceModule, node: FuncDef, class_fullname: str | None
    ) -> Any: ...
    def signature(
        self, mod: SourceModule, node: FuncDef, class_fullname: str | None
    ) -> CallableType: ...
    def self_instance(self, class_fullname: str) -> Instance: ...
    def alias_target(self, sym: Symbol) -> Type | None: ...
    def compute_class_info(self, fullname: str) -> ClassTypeInfo | None: ...
    def typevar_template(self, sym: Symbol) -> Any: ...
    def _decorator_name(self, d: ast.expr, scope: Any) -> str | None: ...


class MemberAccess(Protocol):
    """What feature modules use of the members table (``classes/members.py``)."""

    p: Program
    ev: DeclaredTypes

    def symbol_type(self, sym: Symbol, class_fullname: str | None = None) -> Type: ...
    def var_type(self, sym: Symbol, class_fullname: str | None = None) -> Type: ...
    def type_object(self, fullname: str) -> Type: ...
    def find_member(self, fullname: str, name: str) -> Any: ...
    def class_member_type(self, *args: Any, **kwargs: Any) -> Type | None: ...
    def class_mapping(self, *args: Any) -> Any: ...
    def class_attribute(self, *args: Any, **kwargs: Any) -> Type | None: ...
    def instance_attrs(self, fullname: str) -> dict[str, Symbol]: ...
    def decorator_names(self, node: FuncDef, scope: Any) -> list[str]: ...
    def decorated(self, *args: Any) -> Any: ...
    def call_signature(self, t: Type) -> CallableType | Overloaded | None: ...
    def structural_member(
        self, t: Type, name: str, self_type: Type | None = None
    ) -> Type | None: ...


class Calls(Protocol):
    """What feature modules use of the call checker (``infer/calls.py``) of a body."""

    chk: "Evaluator"
    rel: Relations

    def check_call(
        self,
        callee: Type,
        args: list[ast.expr],
        keywords: list[ast.keyword],
        node: ast.AST,
        name: str | None,
        of_class: str | None,
        ctx: Type | None,
    ) -> Type: ...
    def call_actuals(
        self,
        callee: Type,
        actuals: list[Actual],
        node: ast.AST,
        name: str | None,
        of_class: str | None,
        ctx: Type | None,
    ) -> Type: ...
    def call_callable(
        self,
        c: CallableType,
        actuals: list[Actual],
        node: ast.AST,
        name: str | None,
        of_class: str | None,
        ctx: Type | None,
        report: bool = True,
    ) -> Type: ...
    def callee_label(self, name: str | None, of_class: str | None) -> str: ...
    def actual_item_type(self, a: Actual, k: int, at: Type | None = None) -> Type | None: ...
    def copy(self, actuals: list[Actual]) -> list[Actual]: ...
    def infer_type_vars(
        self,
        c: CallableType,
        actuals: list[Actual],
        formals: list[list[int]],
        ctx: Type | None,
        node: ast.AST | None = None,
        label: str = "",
        report: bool = False,
    ) -> CallableType: ...
    def matches(self, c: CallableType, actuals: list[Actual]) -> bool: ...
    def match_simple(self, c: CallableType, arg_types: list[Type]) -> Type | None: ...


class Narrowing(Protocol):
    """What the type-guard rules use of the narrower (``flow/narrow.py``) of a body."""

    chk: "Evaluator"
    rel: Relations

    def current(self, e: ast.expr) -> Type | None: ...

    guard_forced: set[tuple[str, Type]]

    def overlap_possible(self, a: Type, b: Type) -> bool: ...
    def condition_maps(
        self, e: ast.expr
    ) -> tuple[dict[str, Type] | None, dict[str, Type] | None]: ...


class Driver(Protocol):
    """The module driver's hooks: the options of the module being checked, lazy inference of
    definitions outside the current body, decorated ``def`` types, nested functions."""

    @property
    def options(self) -> Any: ...
    def infer_value(
        self, sym: Symbol, mod: SourceModule, class_fullname: str | None, keep_literal: bool = False
    ) -> Type: ...
    def decorated_type(
        self,
        mod: SourceModule,
        node: FuncDef,
        class_fullname: str | None,
        sig: CallableType,
        decorators: list[ast.expr],
    ) -> Type: ...
    def check_function(
        self,
        mod: SourceModule,
        node: FuncDef,
        class_fullname: str | None,
        outer: Any,
        sink: Report | None = None,
    ) -> None: ...
    def check_body(
        self, chk: Any, mod: SourceModule, body: list[ast.stmt], class_fullname: str | None
    ) -> None: ...  # hook (pflow4): definitions inside module-level try/with/for/while


@dataclass(frozen=True)
class CheckContext:
    """Everything shared by the bodies of one analysis, built once.

    ``make_types`` and ``make_members`` build the declared-type evaluator and the members
    table from the context itself (they read each other through it); nothing is attached
    after construction.
    """

    program: Program
    reach: ReachOptions
    driver: Driver
    make_types: "Callable[[CheckContext], DeclaredTypes]" = field(repr=False, compare=False)
    make_members: "Callable[[CheckContext], MemberAccess]" = field(repr=False, compare=False)
    types: DeclaredTypes = field(init=False, repr=False, compare=False)
    members: MemberAccess = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "types", self.make_types(self))
        object.__setattr__(self, "members", self.make_members(self))

    @property
    def relations(self) -> Relations:
        return self.program.relations

    # -- the class facts the program asks for (``core.program.ClassFacts``) --------------

    def compute_class_info(self, fullname: str) -> ClassTypeInfo | None:
        return self.types.compute_class_info(fullname)

    def alias_target(self, sym: Symbol) -> Type | None:
        return self.types.alias_target(sym)

    def structural_member(self, t: Type, name: str, self_type: Type | None = None) -> Type | None:
        return self.members.structural_member(t, name, self_type)

    def instance_call_signature(self, t: Type) -> CallableType | Overloaded | None:
        return self.members.call_signature(t)


class Evaluator(Protocol):
    """The body being checked, as feature modules see it (implemented by ``stmt``'s checker)."""

    # -- the program, options, declared types, members ---------------------------------
    ctx: CheckContext
    p: Program
    ev: DeclaredTypes
    members: MemberAccess
    reach: ReachOptions
    mod: SourceModule
    func: FuncDef | None
    sig: CallableType | None
    class_fullname: str | None
    scope: Any
    report: Report
    calls: Calls
    narrow: Narrowing

    @property
    def options(self) -> Any: ...

    # -- the flow state -------------------------------------------------------------------
    state: dict[str, Type]
    declared: dict[str, Type]
    partial_sites: dict[str, ast.AST]
    frames: BranchFrames
    return_types: list[Type]
    locals: set[str]
    comp_locals: set[str]
    globals_decl: set[str]
    none_ok: set[int]
    unreachable: bool
    unreachable_silent: bool
    unreachable_suppressed: bool
    checking: bool
    muted: bool
    stmt_line: int
    is_generator: bool

    def apply_map(self, m: dict[str, Type] | None) -> None: ...
    def run_branch(
        self,
        body: list[ast.stmt],
        m: dict[str, Type] | None,
        before: dict[str, Type],
        silent: bool = True,
    ) -> dict[str, Type] | None: ...
    def finish_branches(self, states: list[dict[str, Type] | None]) -> None: ...
    def check_block(self, body: list[ast.stmt]) -> None: ...
    def check_stmt(self, s: ast.stmt) -> None: ...
    def declared_type_of(self, name: str) -> Type | None: ...
    def lookup_symbol_expr(self, e: ast.expr) -> Symbol | None: ...
    def expected_return(self) -> Type | None: ...
    def check_defaults(self, func: FuncDef, sig: CallableType) -> None: ...

    # -- reporting ------------------------------------------------------------------------
    def quiet(self) -> AbstractContextManager[None]: ...
    def fail(self, node: ast.AST, message: Message) -> None: ...
    def fail_semantic(self, node: ast.AST, message: Message) -> None: ...
    def note(self, node: ast.AST, message: Message, reveal: bool = False) -> None: ...
    def emit(self, node: ast.AST, severity: str, message: Message) -> None: ...
    def protocol_notes(
        self, node: ast.AST, actual: Type, expected: Type, code: ErrorCode
    ) -> None: ...
    def reporting_none_value(self, node: ast.AST) -> bool: ...
    def fmt(self, t: Type) -> str: ...
    def fmts(self, *ts: Type) -> list[str]: ...

    # -- inference and member access -------------------------------------------------------
    def infer(self, e: ast.expr, ctx: Type | None = None) -> Type: ...
    def member_access(
        self,
        base: Type,
        name: str,
        node: ast.AST,
        base_node: ast.expr | None = None,
        report: bool = True,
    ) -> Type: ...
    def member_access_one(
        self, base: Type, name: str, node: ast.AST, report: bool = True
    ) -> Type | None: ...
    def iter_item_type(self, t: Type, node: ast.AST | None, report: bool = True) -> Type: ...
    def index_type(self, base: Type, index: Type, node: ast.AST, index_node: ast.expr) -> Type: ...
    def try_call(self, callee: Type, arg_types: list[Type]) -> Type | None: ...
    def callee_names(self, func: ast.expr, callee: Type) -> tuple[str | None, str | None]: ...
