"""The statement checker: one body (a module, a class body or a function) with flow-sensitive types.

``BodyChecker`` is the one implementation of the ``Evaluator`` protocol (``core/evaluator.py``):
it holds the flow state of the body and the reporting switches, and dispatches statements to
``simple.py``, ``control.py`` and ``assign.py`` and expressions to ``infer/expr*.py``.
"""

from __future__ import annotations

import ast
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from tycheck.checker.core import messages as msg
from tycheck.checker.core.evaluator import CheckContext, Report, emits, record_type
from tycheck.checker.core.frames import BranchFrames
from tycheck.checker.declare.names import TypeScope
from tycheck.checker.flow.reachability import holds_never_call, report_unreachable
from tycheck.checker.flow.narrow import Narrower
from tycheck.checker.infer import expr, expr_access, expr_ops
from tycheck.checker.infer.calls import CallChecker
from tycheck.checker.infer.protocol_notes import call_note, protocol_notes
from tycheck.checker.stmt import assign, control, simple
from tycheck.checker.stmt.locals import scan_locals, scan_nonlocals
from tycheck.errors.diagnostics import Diagnostic
from tycheck.errors.render import local_context
from tycheck.checker.core.program import SourceModule
from tycheck.semantic.symbols import VAR, Symbol
from tycheck.types.subst import expand, proper, proper_items
from tycheck.types.display import format_types
from tycheck.types.model import (
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    NeverType,
    NoneType,
    Overloaded,
    PartialType,
    TupleType,
    Type,
    TypeType,
    TypeVarType,
    UnionType,
    make_union,
    strip_literal,
)
from tycheck.errors import codes
from tycheck.errors.codes import ErrorCode
from tycheck.errors.messages import Message


def _handlers(prefix: str, *modules: object) -> dict[str, Callable[..., Any]]:
    """``{"If": control.stmt_If, ...}``: the functions named ``prefix + node class name``."""
    table: dict[str, Callable[..., Any]] = {}
    for module in modules:
        for name, fn in vars(module).items():
            if name.startswith(prefix) and callable(fn):
                table[name[len(prefix) :]] = fn
    return table


# Statement checks and expression inference, by the class name of the ``ast`` node.
STMT_CHECKS = _handlers("stmt_", simple, control, assign)
EXPR_INFERENCE = _handlers("infer_", expr, expr_access, expr_ops)


class BodyChecker:
    """Checks one function (or module/class body) and infers its expressions."""

    def __init__(
        self,
        ctx: CheckContext,
        mod: SourceModule,
        report: Report,
        *,
        func: ast.FunctionDef | ast.AsyncFunctionDef | None = None,
        sig: CallableType | None = None,
        class_fullname: str | None = None,
        scope: TypeScope | None = None,
        outer: "BodyChecker | None" = None,
        checking: bool = True,
        quiet: bool = False,
        verbose_reveal: bool = True,
    ) -> None:
        self.ctx = ctx
        self.p = ctx.program
        self.ev = ctx.types
        self.members = ctx.members
        self.reach = ctx.reach
        self.mod = mod
        self.report = report
        self.func = func
        self.sig = sig
        self.class_fullname = class_fullname
        self.scope = scope or TypeScope(mod)
        self.outer = outer
        self.checking = checking
        self.verbose_reveal = verbose_reveal
        self.muted = quiet
        self.state: dict[str, Type] = {}
        self.declared: dict[str, Type] = {}
        self.locals: set[str] = set()
        self.comp_locals: set[str] = set()
        self.globals_decl: set[str] = set()
        # Calls and awaits whose type is Never (by node id): the statement holding one ends the flow.
        self.never_calls: set[int] = set()
        # Calls whose ``None`` value may be used (``x = f()`` where ``f`` returns None is fine
        # in a few places mypy allows): ids of the call nodes.
        self.none_ok: set[int] = set()
        self.unreachable = False
        self.calls = CallChecker(self)
        self.narrow = Narrower(self)
        self.return_types: list[Type] = []
        # Local variables with a partial type, and the assignment that created each.
        self.partial_sites: dict[str, ast.AST] = {}
        # Where each statement sits among if/loop/try branches (``T`` here, ``None`` there).
        self.frames = BranchFrames()
        if func is not None:
            self.collect_locals(func)

    @property
    def options(self) -> Any:
        """The options of the module being checked (per-module sections and inline comments)."""
        return self.ctx.driver.options

    # -- reporting ------------------------------------------------------------------

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Report nothing inside the block (a trial inference, or a type computed twice)."""
        was = self.muted
        self.muted = True
        try:
            yield
        finally:
            self.muted = was

    def fail(self, node: ast.AST, message: Message) -> None:
        if emits(muted=self.muted, unreachable=self.unreachable, checking=self.checking):
            self.emit(node, "error", message)

    def fail_semantic(self, node: ast.AST, message: Message) -> None:
        if emits(
            muted=self.muted, unreachable=self.unreachable, checking=self.checking, always=True
        ):
            self.emit(node, "error", message)

    def protocol_notes(self, node: ast.AST, actual: Type, expected: Type, code: ErrorCode) -> None:
        """Explain a failed match against a protocol (or callable) expected type."""
        if not emits(muted=self.muted, unreachable=self.unreachable, checking=self.checking):
            return
        for note in protocol_notes(self, actual, expected) + call_note(self, actual, expected):
            self.note(node, Message(note, code))

    def note(self, node: ast.AST, message: Message, reveal: bool = False) -> None:
        if emits(
            muted=self.muted, unreachable=self.unreachable, checking=self.checking, always=reveal
        ):
            self.emit(node, "note", message)

    def emit(self, node: ast.AST, severity: str, message: Message) -> None:
        line = getattr(node, "lineno", 1)
        col = getattr(node, "col_offset", 0)
        cls = self.class_fullname.rsplit(".", 1)[-1] if self.class_fullname else None
        ctx = local_context(cls, self.func.name if self.func is not None else None)
        self.report(
            Diagnostic(
                self.mod.path,
                line,
                col,
                severity,  # type: ignore[arg-type]
                message.text,
                message.code_name,
                getattr(node, "end_lineno", None),
                getattr(node, "end_col_offset", None),
                self.mod.name,
                ctx,  # type: ignore[arg-type]
                # hook (pinfer4): an expression's ignore span is its own lines, as in mypy
                None if isinstance(node, ast.expr) else self.stmt_line,
            )
        )

    stmt_line: int | None = None

    def fmt(self, t: Type) -> str:
        return format_types(t)[0]

    def fmts(self, *ts: Type) -> list[str]:
        return format_types(*ts)

    def join_all(self, types: list[Type]) -> Type:
        return self.p.relations.join_all(types)

    def reporting_none_value(self, node: ast.AST) -> bool:
        return False

    def apply_map(self, m: dict[str, Type] | None) -> None:
        if m is None:
            self.unreachable_state = True
            return
        self.state.update(m)

    unreachable_state = False

    # Value-restricted type variables replaced for this pass over the body (see value_expansions).
    tv_subst: dict[int | str, Type] = {}

    def analyze_type_expr(self, e: ast.expr) -> Type:
        scope = TypeScope(
            self.scope.module,
            self.scope.classes,
            self.scope.typevars,
            self.local_symbol,
            self.scope.self_type,
        )
        t = self.ev.analyze(e, scope)
        return expand(t, self.tv_subst) if self.tv_subst else t

    # -- names --------------------------------------------------------------------------

    def collect_locals(self, func: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        # Several checkers look at the same function (attribute inference, the body check):
        # scan each body once per program.
        names, declared_global = self.p.memo(
            "locals", (self.mod.name, id(func)), lambda: scan_locals(func)
        )  # type: ignore[misc]
        self.locals.update(names)
        self.globals_decl.update(declared_global)

    local_syms: dict[str, Symbol] | None = None

    def local_symbol(self, name: str) -> Symbol | None:
        if self.local_syms and name in self.local_syms:
            return self.local_syms[name]
        if self.outer is not None and name not in self.locals:
            return self.outer.local_symbol(name)
        return None

    def lookup_symbol_expr(self, e: ast.expr) -> Symbol | None:
        if isinstance(e, ast.Name):
            if e.id in self.locals or e.id in self.comp_locals:
                return self.local_symbol(e.id)
            if self.outer is not None and self.outer.func is not None:
                s = self.outer.lookup_symbol_expr(e)
                if s is not None or e.id in self.outer.locals:
                    return s
            if (self.func is None or self.in_defaults) and self.class_fullname:
                ns = self.p.class_namespace(self.class_fullname)
                if ns is not None and e.id in ns.names and self.sees_in_class(ns.names[e.id]):
                    return self.p.resolve(ns.names[e.id])
            sym = self.p.module_symbol(self.mod.name, e.id)
            if sym is None:
                sym = self.p.module_symbol("builtins", e.id)
            return self.p.resolve(sym)
        scope = TypeScope(self.mod, self.scope.classes, self.scope.typevars, self.local_symbol)
        return self.ev.lookup_expr(e, scope)

    def sees_in_class(self, sym: Symbol) -> bool:
        return simple.class_name_visible(self, sym, self.func if self.in_defaults else None)

    def lookup_name_type(self, name: str, node: ast.AST) -> Type | None:
        if name in self.state:
            return self.state[name]
        if name in self.comp_locals:
            return self.state.get(name, AnyType("special"))
        if name in self.locals:
            if name in self.declared:
                return self.declared[name]
            sym = self.local_symbol(name)
            if sym is not None:
                return self.members.symbol_type(sym)
            return AnyType("special")
        if self.in_defaults and self.class_fullname:
            ns = self.p.class_namespace(self.class_fullname)
            if ns is not None and name in ns.names and self.sees_in_class(ns.names[name]):
                return self.members.symbol_type(ns.names[name], self.class_fullname)
        if self.outer is not None:
            def_line = self.func.lineno if self.func is not None else None
            t = simple.lookup_name_type_outer(self.outer, name, node, def_line)
            if t is not None:
                return t
        return simple.global_type(self, name)

    # -- helpers ------------------------------------------------------------------------

    def iter_item_type(self, t: Type, node: ast.AST | None, report: bool = True) -> Type:
        if isinstance(t, AnyType):
            return t
        if isinstance(t, UnionType):
            return make_union([self.iter_item_type(i, node, report) for i in t.items])
        if isinstance(t, TupleType):
            return self.join_all([strip_literal(i) for i in t.items]) if t.items else NeverType()
        if isinstance(t, (Instance, LiteralType, TypeVarType, NoneType, CallableType, TypeType)):
            it = self.member_access_one(t, "__iter__", node or ast.Pass(), report=False)
            if isinstance(it, CallableType):
                iterator = it.ret_type
                nxt = self.member_access_one(iterator, "__next__", node or ast.Pass(), report=False)
                if isinstance(nxt, CallableType):
                    return nxt.ret_type
                if isinstance(nxt, Overloaded):
                    return nxt.items[0].ret_type
                return AnyType("special")
            if isinstance(it, AnyType) or isinstance(it, Overloaded):
                return AnyType("special")
            gi = self.member_access_one(t, "__getitem__", node or ast.Pass(), report=False)
            if isinstance(gi, CallableType):
                return gi.ret_type
            if report and node is not None:
                self.fail(node, Message(msg.not_iterable(t), codes.ATTR_DEFINED))
            return AnyType("error")
        return AnyType("special")

    def unpack_types(self, t: Type, n: int, target: ast.expr) -> list[Type]:
        return assign.unpack_types(self, t, n, target)

    # -- statements ---------------------------------------------------------------------

    def check_block(self, body: list[ast.stmt]) -> None:
        for stmt in body:
            if self.unreachable:
                report_unreachable(self, stmt)
                break
            self.check_stmt(stmt)
        # Static unreachability (a platform assert) covers only the rest of its own block.
        self.unreachable_silent = False

    # Set when the current unreachability comes from a static condition: not reported.
    unreachable_silent = False
    # Set for a whole function whose unreachable code is never reported.
    unreachable_suppressed = False

    # The states seen after each statement inside the innermost ``try`` body (None outside).
    try_snapshots: "list[dict[str, Type]] | None" = None

    def check_stmt(self, s: ast.stmt) -> None:
        if self.try_snapshots is not None:
            self.check_stmt_inner(s)
            if not self.unreachable:
                self.try_snapshots.append(dict(self.state))
        else:
            self.check_stmt_inner(s)

    def check_stmt_inner(self, s: ast.stmt) -> None:
        saved_line = self.stmt_line
        self.stmt_line = s.lineno
        try:
            check = STMT_CHECKS.get(type(s).__name__)
            if check is not None:
                check(self, s)
                if self.never_calls and not self.unreachable:
                    self.unreachable = holds_never_call(s, self.never_calls)
        except Exception as e:
            # An internal error (a checker bug, or recursion too deep for this statement):
            # remember the innermost statement, so that the service's report names it.
            if not hasattr(e, "_tycheck_line"):
                e._tycheck_line = s.lineno  # type: ignore[attr-defined]
            raise
        finally:
            self.stmt_line = saved_line

    def expected_return(self) -> Type | None:
        if self.sig is None or self.func is None:
            return None
        ret = self.sig.ret_type
        if (
            isinstance(self.func, ast.AsyncFunctionDef)
            and isinstance(ret, Instance)
            and ret.fullname == "typing.Coroutine"
        ):
            ret = ret.args[2]
        if self.is_generator:
            if (
                isinstance(ret, Instance)
                and ret.fullname in ("typing.Generator", "typing.AsyncGenerator")
                and len(ret.args) == 3
            ):
                return ret.args[2]
            return None
        return ret

    is_generator = False

    def run_branch(
        self,
        body: list[ast.stmt],
        m: dict[str, Type] | None,
        before: dict[str, Type],
        silent: bool = True,
    ) -> dict[str, Type] | None:
        """Check ``body`` starting from ``before`` narrowed by ``m``; its end state or None.

        ``m`` None means the branch cannot be taken: unless ``silent`` (a static
        condition), its first statement is reported under ``--warn-unreachable``.
        """
        if m is None:
            if not silent and body:
                self.state = dict(before)
                self.unreachable = True
                self.check_block(body)
            return None
        self.state = dict(before)
        self.state.update(m)
        self.unreachable = False
        self.check_block(body)
        if self.unreachable:
            return None
        return self.state

    def finish_branches(self, states: list[dict[str, Type] | None]) -> None:
        merged = control.merge_branch_states(self, states)
        if merged is None:
            self.unreachable = True
            self.state = {}
        else:
            self.unreachable = False
            self.state = merged

    loop_depth = 0
    # Checking the default values of the function's parameters (``check_defaults``).
    in_defaults = False
    break_states: list[dict[str, Type] | None] = []

    def declared_type_of(self, name: str) -> Type | None:
        if name in self.declared:
            return self.declared[name]
        if self.func is None:
            if self.class_fullname:
                ns = self.p.class_namespace(self.class_fullname)
                sym = ns.get(name) if ns else None
                if sym is not None and (sym.annotation is not None or sym.type_comment):
                    return self.members.symbol_type(sym, self.class_fullname)
                return None
            sym = self.mod.ns.get(name)
            if (
                sym is not None
                and sym.kind == VAR
                and (sym.annotation is not None or sym.type_comment)
            ):
                return self.members.symbol_type(sym)
        elif name in self.locals and self.local_syms and name in self.local_syms:
            sym = self.local_syms[name]
            if sym.annotation is not None:
                return self.analyze_type_expr(sym.annotation)
        elif name in self.globals_decl:
            owner = self.nonlocal_owner(name)
            if owner is not None:
                # ``nonlocal x``: the enclosing function's declaration holds here too.
                t = owner.declared_type_of(name)
                return None if isinstance(t, PartialType) else t
            sym = self.mod.ns.get(name)
            if sym is not None and sym.kind == VAR:
                return self.members.symbol_type(sym)
        return None

    def nonlocal_owner(self, name: str) -> BodyChecker | None:
        """The checker of the enclosing function whose variable ``name`` this function's
        ``nonlocal`` statement names."""
        func = self.func
        if func is None or self.outer is None:
            return None
        nonlocals = self.p.memo(
            "nonlocals", (self.mod.name, id(func)), lambda: scan_nonlocals(func)
        )
        if name not in nonlocals:
            return None
        c: BodyChecker | None = self.outer
        while c is not None and c.func is not None and name not in c.locals:
            c = c.outer
        return c if c is not None and c.func is not None else None

    unpack_context: ast.expr | None = None  # the value being unpacked, where item errors go

    def assign_to(
        self,
        target: ast.expr,
        t: Type,
        value: ast.expr | None,
        stmt: ast.AST,
        declared: Type | None = None,
        infer_decl: bool = False,
    ) -> None:
        return assign.assign_to(self, target, t, value, stmt, declared, infer_decl)

    # -- defaults ---------------------------------------------------------------------------

    def check_defaults(
        self, func: ast.FunctionDef | ast.AsyncFunctionDef, sig: CallableType
    ) -> None:
        a = func.args
        params = list(a.posonlyargs) + list(a.args)
        defaults = list(a.defaults)
        pairs = list(zip(params[len(params) - len(defaults) :], defaults)) + [
            (p, d) for p, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None
        ]
        # Defaults are evaluated where the function is defined: a parameter does not hide
        # an outer name (``box: Box = box.HEAVY`` reads the module ``box``).
        saved_locals = self.locals
        self.locals = saved_locals - {p.arg for p in params + list(a.kwonlyargs)}
        # A method's defaults see the names of its class body.
        self.in_defaults = self.outer is None or self.outer.func is None
        try:
            simple.check_default_pairs(self, func, pairs)
        finally:
            self.locals = saved_locals
            self.in_defaults = False

    def infer(self, e: ast.expr, ctx: Type | None = None) -> Type:
        handler = EXPR_INFERENCE.get(type(e).__name__)
        if handler is None:
            for child in ast.iter_child_nodes(e):
                if isinstance(child, ast.expr):
                    self.infer(child)
            return AnyType("unsupported")
        t = handler(self, e, proper_items(ctx) if ctx is not None else None)  # recursive alias hook
        record_type(e, t)
        if isinstance(t, NeverType) and t.is_noreturn and isinstance(e, (ast.Call, ast.Await)):
            self.never_calls.add(id(e))
        return t

    def member_access(
        self,
        base: Type,
        name: str,
        node: ast.AST,
        base_node: ast.expr | None = None,
        report: bool = True,
    ) -> Type:
        base = proper(base)  # recursive alias hook
        return expr_access.member_access(self, base, name, node, base_node, report)

    def member_access_one(
        self, base: Type, name: str, node: ast.AST, report: bool = True
    ) -> Type | None:
        base = proper(base)  # recursive alias hook
        return expr_access.member_access_one(self, base, name, node, report)

    def try_call(self, callee: Type, arg_types: list[Type]) -> Type | None:
        return expr_ops.try_call(self, callee, arg_types)

    def callee_names(self, func: ast.expr, callee: Type) -> tuple[str | None, str | None]:
        return expr_ops.callee_names(self, func, callee)

    def index_type(self, base: Type, index: Type, node: ast.AST, index_node: ast.expr) -> Type:
        base = proper(base)  # recursive alias hook
        return expr_access.index_type(self, base, index, node, index_node)
