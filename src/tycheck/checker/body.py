"""Checking a body of statements (a module, a class body or a function) with flow-sensitive types."""

from __future__ import annotations

import ast
from typing import Callable

from tycheck.checker import exceptions, noneret, typeddicts
from tycheck.checker import messages as msg
from tycheck.checker.attrassign import REJECTED, attribute_lvalue_type
from tycheck.checker.binder import invalidate, merge_states, ref_key, simplify_union
from tycheck.checker.calls import CallChecker
from tycheck.checker.decorators import check_decorated
from tycheck.checker.expr import ExprMixin
from tycheck.checker.infer import infer_context_dependent, infer_with_union_fallback
from tycheck.checker.partials import ambiguous_never_to_any, is_empty_collection, none_initialized, start_attribute_partial, try_complete_by_setitem
from tycheck.checker.members import Members
from tycheck.checker.narrow import Narrower
from tycheck.checker.overrides import check_variable_override
from tycheck.checker.program import Program, SourceModule
from tycheck.checker.reachability import report_unreachable
from tycheck.checker.typeeval import TypeEvaluator, TypeScope, is_annotated, special_name, walk_body
from tycheck.errors.diagnostics import Diagnostic
from tycheck.errors.render import local_context
from tycheck.semantic.reach import FALSE, MYPY_FALSE, MYPY_TRUE, TRUE, ReachOptions, branch_bodies, infer_condition
from tycheck.checker.protocol_notes import call_note, protocol_notes
from tycheck.checker.enum_members import check_enum_extension
from tycheck.semantic.synthetic import synthetic_class
from tycheck.semantic.symbols import CLASS, FUNC, IMPORTED, MODULE, VAR, Symbol, target_names
from tycheck.types.display import format_types
from tycheck.types.subst import expand
from tycheck.types.model import (
    AnyType,
    CallableType,
    DeletedType,
    Instance,
    LiteralType,
    ModuleType,
    NeverType,
    NoneType,
    Overloaded,
    PartialType,
    TupleType,
    TypedDictType,
    Type,
    TypeType,
    TypeVarType,
    UnionType,
    make_union,
    strip_literal,
    union_items,
)

Report = Callable[[Diagnostic], None]


class BodyChecker(ExprMixin):
    """Checks one function (or module/class body) and infers its expressions."""

    def __init__(
        self,
        p: Program,
        ev: TypeEvaluator,
        members: Members,
        mod: SourceModule,
        report: Report,
        reach: ReachOptions,
        *,
        func: ast.FunctionDef | ast.AsyncFunctionDef | None = None,
        sig: CallableType | None = None,
        class_fullname: str | None = None,
        scope: TypeScope | None = None,
        outer: "BodyChecker | None" = None,
        checking: bool = True,
        verbose_reveal: bool = True,
    ) -> None:
        self.p = p
        self.ev = ev
        self.members = members
        self.mod = mod
        self.report = report
        self.reach = reach
        self.func = func
        self.sig = sig
        self.class_fullname = class_fullname
        self.scope = scope or TypeScope(mod)
        self.outer = outer
        self.checking = checking
        self.verbose_reveal = verbose_reveal
        self.muted = False
        self.state: dict[str, Type] = {}
        self.declared: dict[str, Type] = {}
        self.locals: set[str] = set()
        self.comp_locals: set[str] = set()
        self.globals_decl: set[str] = set()
        self.unreachable = False
        self.calls = CallChecker(self)
        self.narrow = Narrower(self)
        self.return_types: list[Type] = []
        # Local variables with a partial type, and the assignment that created each.
        self.partial_sites: dict[str, ast.AST] = {}
        if func is not None:
            self.collect_locals(func)

    # -- reporting ------------------------------------------------------------------

    def fail(self, node: ast.AST, message: str, code: str | None) -> None:
        if self.muted or not self.checking or self.unreachable:
            return
        self.emit(node, "error", message, code)

    def fail_semantic(self, node: ast.AST, message: str, code: str | None) -> None:
        if self.muted or self.unreachable:
            return
        self.emit(node, "error", message, code)

    def protocol_notes(self, node: ast.AST, actual: Type, expected: Type, code: str) -> None:
        """Explain a failed match against a protocol (or callable) expected type."""
        if self.muted or not self.checking or self.unreachable:
            return
        for note in protocol_notes(self, actual, expected) + call_note(self, actual, expected):
            self.note(node, note, code)

    def note(self, node: ast.AST, message: str, code: str | None = None, reveal: bool = False) -> None:
        if self.muted or self.unreachable or (not self.checking and not reveal):
            return
        self.emit(node, "note", message, code)

    def emit(self, node: ast.AST, severity: str, message: str, code: str | None) -> None:
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
                message,
                code,
                getattr(node, "end_lineno", None),
                getattr(node, "end_col_offset", None),
                self.mod.name,
                ctx,  # type: ignore[arg-type]
                self.stmt_line,
            )
        )

    stmt_line: int | None = None

    def fmt(self, t: Type) -> str:
        return format_types(t)[0]

    def fmts(self, *ts: Type) -> list[str]:
        return format_types(*ts)

    def join_all(self, types: list[Type]) -> Type:
        return self.p.relations.join_all(types)

    def underlying_none(self, t: Type) -> Type:
        return t

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
        scope = TypeScope(self.scope.module, self.scope.classes, self.scope.typevars, self.local_symbol, self.scope.self_type)
        t = self.ev.analyze(e, scope)
        return expand(t, self.tv_subst) if self.tv_subst else t

    # -- names --------------------------------------------------------------------------

    def collect_locals(self, func: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        # Several checkers look at the same function (attribute inference, the body check):
        # scan each body once per program.
        names, declared_global = self.p.memo("locals", (self.mod.name, id(func)), lambda: scan_locals(func))  # type: ignore[misc]
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
            if self.func is None and self.class_fullname:
                ns = self.p.class_namespace(self.class_fullname)
                if ns is not None and e.id in ns.names:
                    return self.p.resolve(ns.names[e.id])
            sym = self.p.module_symbol(self.mod.name, e.id)
            if sym is None:
                sym = self.p.module_symbol("builtins", e.id)
            return self.p.resolve(sym)
        scope = TypeScope(self.mod, self.scope.classes, self.scope.typevars, self.local_symbol)
        return self.ev.lookup_expr(e, scope)

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
        if self.outer is not None:
            t = self.outer.lookup_name_type_outer(name, node)
            if t is not None:
                return t
        return self.global_type(name)

    def lookup_name_type_outer(self, name: str, node: ast.AST) -> Type | None:
        if self.func is None:
            return None if self.class_fullname else None
        if name in self.locals:
            if name in self.declared:
                return self.declared[name]
            if name in self.state:
                return self.state[name]
            sym = self.local_symbol(name)
            if sym is not None:
                return self.members.symbol_type(sym)
            return AnyType("special")
        if self.outer is not None:
            return self.outer.lookup_name_type_outer(name, node)
        return None

    def global_type(self, name: str) -> Type | None:
        if self.func is None and self.class_fullname:
            ns = self.p.class_namespace(self.class_fullname)
            if ns is not None and name in ns.names:
                if name in self.declared:
                    return self.declared[name]
                return self.members.symbol_type(ns.names[name], self.class_fullname)
        if self.func is None and not self.class_fullname and name in self.declared:
            return self.declared[name]
        sym = self.mod.ns.get(name) or self.p.module_symbol(self.mod.name, name)
        if sym is not None:
            rs = self.p.resolve(sym)
            if rs is None:
                # Imported from a module that is not followed (missing or skipped).
                unfollowed = sym.kind == IMPORTED and sym.target is not None and self.p.module(sym.target) is None
                if sym.kind == IMPORTED and sym.target is not None and not unfollowed:
                    target = self.p.module(sym.target)
                    if target is not None and target.ns.get("__getattr__") is not None and self.p.module(f"{sym.target}.{sym.attr}") is None:
                        return self.module_getattr_type(sym.target)
                return AnyType("unimported" if unfollowed else "special")
            return self.members.symbol_type(rs)
        bsym = self.p.module_symbol("builtins", name)
        if bsym is not None:
            rs = self.p.resolve(bsym)
            return self.members.symbol_type(rs) if rs else AnyType("special")
        if name in ("reveal_type", "reveal_locals", "__builtins__"):
            return AnyType("special")
        return None

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
                self.fail(node, msg.not_iterable(t), "attr-defined")
            return AnyType("error")
        return AnyType("special")

    def unpack_types(self, t: Type, n: int, target: ast.expr) -> list[Type]:
        elts = target.elts if isinstance(target, (ast.Tuple, ast.List)) else []
        star = next((i for i, e in enumerate(elts) if isinstance(e, ast.Starred)), None)
        if isinstance(t, TupleType):
            if star is None:
                if len(t.items) != n:
                    if len(t.items) > n:
                        self.fail(target, f"Too many values to unpack ({n} expected, {len(t.items)} provided)", "misc")
                    else:
                        self.fail(target, f"Need more than {len(t.items)} value{'s' if len(t.items) != 1 else ''} to unpack ({n} expected)", "misc")
                    return [AnyType("error")] * n
                return list(t.items)
            before = list(t.items[:star])
            after_n = n - star - 1
            if len(t.items) < n - 1:
                return [AnyType("error")] * n
            mid = list(t.items[star : len(t.items) - after_n])
            after = list(t.items[len(t.items) - after_n :]) if after_n else []
            return before + [self.join_all([strip_literal(x) for x in mid]) if mid else NeverType()] + after
        if isinstance(t, AnyType):
            return [t] * n
        if isinstance(t, UnionType):
            # Each member unpacks on its own; position by position, the results join.
            # Tuples of another length are left out silently: ``len(x) == 2`` checks
            # would have narrowed them away, and that narrowing is not implemented yet.
            fitting = [i for i in t.items if not (isinstance(i, TupleType) and star is None and len(i.items) != n)]
            if not fitting:
                return [AnyType("special")] * n
            per_item = [self.unpack_types(i, n, target) for i in fitting]
            return [make_union([types[k] for types in per_item]) for k in range(n)]
        if isinstance(t, Instance) and not t.args:
            info = self.p.class_info(t.fullname)
            if info is not None and info.tuple_base is not None:
                return self.unpack_types(info.tuple_base, n, target)
        item = self.declared_iterable_item(t)
        if item is None:
            item = self.iter_item_type(t, target, report=False)
        if isinstance(item, AnyType) and item.reason == "error":
            # Unpacking says so in its own words (mypy's type_not_iterable).
            self.fail(target, msg.object_not_iterable(t), "misc")
        return [item] * n

    def declared_iterable_item(self, t: Type) -> Type | None:
        """Unpacking reads the item type from an ``Iterable[X]`` base first (mypy), even when
        ``__iter__`` itself is unannotated."""
        if not isinstance(t, Instance):
            return None
        mapped = self.p.relations.map_to_supertype(strip_literal(t), "typing.Iterable")  # type: ignore[arg-type]
        if mapped is None or not mapped.args or isinstance(mapped.args[0], AnyType):
            return None
        return mapped.args[0]

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
            method = getattr(self, "stmt_" + type(s).__name__, None)
            if method is not None:
                method(s)
        except RecursionError:
            pass
        except Exception as e:
            # An internal error: remember the innermost statement, to name it in the report.
            if not hasattr(e, "_tycheck_line"):
                e._tycheck_line = s.lineno  # type: ignore[attr-defined]
            raise
        finally:
            self.stmt_line = saved_line

    def stmt_Expr(self, s: ast.Expr) -> None:
        v = s.value
        noneret.allow_none(self, v)
        t = self.infer(v)
        if isinstance(v, ast.Call) and isinstance(t, NeverType):
            self.unreachable = True
        if isinstance(v, ast.Call) and isinstance(t, NoneType) and False:
            pass

    def stmt_Pass(self, s: ast.Pass) -> None:
        pass

    def stmt_Return(self, s: ast.Return) -> None:
        expected = self.expected_return()
        if s.value is not None and (isinstance(expected, (NoneType, AnyType)) or self.sig is None or self.func is None):
            noneret.allow_none(self, s.value)
        if s.value is not None and _context_dependent(s.value):
            t = infer_context_dependent(self, s.value, expected)
        elif s.value is not None:
            t = self.infer(s.value, expected)
        else:
            t = NoneType()
        self.return_types.append(t)
        if expected is not None and self.func is not None:
            self.check_return(s, t, expected)
        self.unreachable = True

    def expected_return(self) -> Type | None:
        if self.sig is None or self.func is None:
            return None
        ret = self.sig.ret_type
        if isinstance(self.func, ast.AsyncFunctionDef) and isinstance(ret, Instance) and ret.fullname == "typing.Coroutine":
            ret = ret.args[2]
        if self.is_generator:
            if isinstance(ret, Instance) and ret.fullname in ("typing.Generator", "typing.AsyncGenerator") and len(ret.args) == 3:
                return ret.args[2]
            return None
        return ret

    is_generator = False

    def check_return(self, s: ast.Return, t: Type, expected: Type) -> None:
        if isinstance(expected, AnyType):
            return
        if self.sig is not None and self.sig.implicit:
            return
        if s.value is None:
            if not isinstance(expected, (NoneType, AnyType)) and not self.p.relations.is_subtype(NoneType(), expected):
                self.fail(s, "Return value expected", "return-value")
            return
        if isinstance(expected, NoneType) and not isinstance(t, (NoneType, AnyType)):
            if not (isinstance(s.value, ast.Constant) and s.value.value is None):
                self.fail(s.value, "No return value expected", "return-value")
            return
        if not self.p.relations.is_subtype(t, expected):
            self.fail(s.value, msg.incompatible_return(t, expected), "return-value")
            self.protocol_notes(s.value, t, expected, "return-value")

    def stmt_Raise(self, s: ast.Raise) -> None:
        exceptions.check_raise(self, s)
        self.unreachable = True

    def stmt_Assert(self, s: ast.Assert) -> None:
        self.infer(s.test)
        yes, no = self.narrow.condition_maps(s.test)
        if s.msg is not None and no is not None:
            # The message runs only when the test failed: check it with the test negated.
            saved = dict(self.state)
            self.state.update(no)
            self.infer(s.msg)
            self.state = saved
        if yes is None:
            self.unreachable = True
            # ``assert sys.platform == ...`` makes the rest of the block silently unreachable.
            if infer_condition(s.test, self.reach) in (FALSE, MYPY_FALSE):
                self.unreachable_silent = True
        else:
            self.state.update(yes)

    def stmt_Delete(self, s: ast.Delete) -> None:
        for t in s.targets:
            if isinstance(t, ast.Name):
                self.state[t.id] = DeletedType(t.id)
            elif isinstance(t, ast.Subscript):
                base = self.infer(t.value)
                index = self.infer(t.slice)
                if isinstance(base, TypedDictType):
                    typeddicts.delete_item(self, base, index, t.slice)
            elif isinstance(t, ast.Attribute):
                self.infer(t.value)

    def stmt_Global(self, s: ast.Global) -> None:
        pass

    def stmt_Nonlocal(self, s: ast.Nonlocal) -> None:
        pass

    def stmt_Import(self, s: ast.Import) -> None:
        for al in s.names:
            if self.func is not None:
                name = (al.asname or al.name).split(".")[0]
                self.declared[name] = ModuleType(al.name if al.asname else name)

    def stmt_ImportFrom(self, s: ast.ImportFrom) -> None:
        if self.func is not None:
            from tycheck.semantic.symbols import resolve_relative

            base = resolve_relative(self.mod.name, s.module, s.level, self.mod.is_package)
            for al in s.names:
                if al.name == "*" or base is None:
                    continue
                sym = self.p.resolve(Symbol(al.name, IMPORTED, f"{base}.{al.name}", target=base, attr=al.name))
                self.declared[al.asname or al.name] = self.members.symbol_type(sym) if sym else AnyType("special")

    def stmt_If(self, s: ast.If) -> None:
        self.infer(s.test)
        static = infer_condition(s.test, self.reach)
        yes, no = self.narrow.condition_maps(s.test)
        if static in (FALSE, MYPY_FALSE):
            yes = None
        if static in (TRUE, MYPY_TRUE):
            no = None
        before = dict(self.state)
        after_yes = self.run_branch(s.body, yes, before, silent=static in (FALSE, MYPY_FALSE))
        after_no = self.run_branch(s.orelse, no, before, silent=static in (TRUE, MYPY_TRUE))
        self.finish_branches([after_yes, after_no])

    def run_branch(self, body: list[ast.stmt], m: dict[str, Type] | None, before: dict[str, Type], silent: bool = True) -> dict[str, Type] | None:
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
        merged = self.merge_branch_states(states)
        if merged is None:
            self.unreachable = True
            self.state = {}
        else:
            self.unreachable = False
            self.state = merged

    def merge_branch_states(self, states: list[dict[str, Type] | None]) -> dict[str, Type] | None:
        """Branch states joined: simplified unions, and names widened back to their declaration."""
        rel = self.p.relations
        merged = merge_states(states, lambda ts: simplify_union(ts, rel.is_subtype))
        if merged is None:
            return None
        for key in [k for k in merged if k in self.declared and k not in self.comp_locals]:
            # A union covering the whole declared type is the declared type (and its spelling).
            decl = self.declared[key]
            t = merged[key]
            # (Any is a subtype both ways, so a union holding Any is kept as it is.)
            if isinstance(t, UnionType) and not isinstance(decl, (AnyType, PartialType)) and not any(isinstance(i, AnyType) for i in t.items) and rel.is_subtype(decl, t) and rel.is_subtype(t, decl):
                del merged[key]
        return merged

    def stmt_While(self, s: ast.While) -> None:
        self.infer(s.test)
        static = infer_condition(s.test, self.reach)
        before = dict(self.state)
        yes, no = self.narrow.condition_maps(s.test)
        # Two passes over the body so that assignments in it widen the state at its top.
        self.loop_depth += 1
        saved_breaks = self.break_states
        self.break_states = []
        # The first pass is muted: errors (and unreachability) are judged on the state
        # widened by the body's own assignments, as they hold from the second iteration on.
        first: list[dict[str, Type] | None] = []
        self.muted_pass(lambda: first.append(self.run_branch(s.body, yes, before)))
        widened = merge_states([before, first[0]]) or before
        self.state = dict(widened)
        yes_w, _ = self.narrow.condition_maps(s.test)
        self.run_branch(s.body, yes_w, widened, silent=static in (FALSE, MYPY_FALSE))
        self.loop_depth -= 1
        breaks = self.break_states
        self.break_states = saved_breaks
        self.state = dict(widened)
        self.unreachable = False
        always = static in (TRUE, MYPY_TRUE) or (isinstance(s.test, ast.Constant) and bool(s.test.value))
        exits: list[dict[str, Type] | None] = list(breaks)
        if not always:
            _, no2 = self.narrow.condition_maps(s.test)
            after_else = self.run_branch(s.orelse, no2 if no2 is not None else None, widened)
            exits.append(after_else)
        self.finish_branches(exits)

    loop_depth = 0
    break_states: list[dict[str, Type] | None] = []

    def muted_pass(self, fn: Callable[[], object]) -> None:
        was = self.muted
        self.muted = True
        try:
            fn()
        finally:
            self.muted = was

    def stmt_Break(self, s: ast.Break) -> None:
        self.break_states.append(dict(self.state))
        self.unreachable = True

    def stmt_Continue(self, s: ast.Continue) -> None:
        self.unreachable = True

    def stmt_For(self, s: ast.For | ast.AsyncFor) -> None:
        it = self.infer(s.iter)
        item = self.iter_item_type(it, s.iter) if isinstance(s, ast.For) else self.async_item(it)
        before = dict(self.state)
        self.assign_to(s.target, item, None, s, infer_decl=True)
        start = dict(self.state)
        saved_breaks = self.break_states
        self.break_states = []
        first: list[dict[str, Type] | None] = []
        self.muted_pass(lambda: first.append(self.run_branch(s.body, {}, start)))
        after_body = first[0]
        widened = merge_states([start, after_body]) or start
        self.run_branch(s.body, {}, widened)
        breaks = self.break_states
        self.break_states = saved_breaks
        merged_before = merge_states([before, after_body]) or before
        after_else = self.run_branch(s.orelse, {}, merged_before)
        self.finish_branches(list(breaks) + [after_else])

    stmt_AsyncFor = stmt_For

    def async_item(self, t: Type) -> Type:
        return AnyType("special")

    def stmt_With(self, s: ast.With | ast.AsyncWith) -> None:
        may_swallow = False
        for item in s.items:
            t = self.infer(item.context_expr)
            entered = self.enter_type(t, item.context_expr, isinstance(s, ast.AsyncWith))
            may_swallow = may_swallow or self.exit_may_swallow(t, item.context_expr, isinstance(s, ast.AsyncWith))
            if item.optional_vars is not None:
                self.assign_to(item.optional_vars, entered, None, s, infer_decl=True)
        before = dict(self.state)
        self.check_block(s.body)
        if may_swallow and self.unreachable:
            # An ``__exit__`` returning ``bool`` may swallow the exception that ended the body.
            self.finish_branches([before])

    def exit_may_swallow(self, t: Type, node: ast.expr, is_async: bool) -> bool:
        """Whether a context manager's ``__exit__`` is declared to return ``bool``."""
        name = "__aexit__" if is_async else "__exit__"
        was = self.muted
        self.muted = True
        try:
            for item in union_items(t):
                if not isinstance(item, Instance):
                    continue
                m = self.member_access_one(item, name, node, report=False)
                ret = m.ret_type if isinstance(m, CallableType) else None
                if is_async and isinstance(ret, Instance) and ret.args:
                    ret = ret.args[-1]
                if isinstance(ret, Instance) and ret.fullname == "builtins.bool" and ret.last_known_value is None:
                    return True
        finally:
            self.muted = was
        return False

    stmt_AsyncWith = stmt_With

    def enter_type(self, t: Type, node: ast.expr, is_async: bool) -> Type:
        name = "__aenter__" if is_async else "__enter__"
        results = []
        for item in union_items(t):
            if isinstance(item, AnyType):
                results.append(item)
                continue
            m = self.member_access_one(item, name, node, report=False)
            if isinstance(m, CallableType):
                r = m.ret_type
                if is_async:
                    r = self.awaited_type(r, node)
                results.append(r)
            elif m is None:
                self.fail(node, f'"{self.fmt(item)}" has no attribute "{name}"', "attr-defined")
                results.append(AnyType("error"))
            else:
                results.append(AnyType("special"))
        return make_union(results) if results else AnyType("special")

    def stmt_Try(self, s: ast.Try) -> None:
        before = dict(self.state)
        self.unreachable = False
        # An exception may leave the body after any statement: handlers see every state
        # the body passed through, not just its start and end.
        snapshots = self.check_block_collecting(s.body)
        handler_snapshots: list[dict[str, Type]] = []
        body_state = None if self.unreachable else dict(self.state)
        if body_state is not None and s.orelse:
            self.check_block(s.orelse)
            body_state = None if self.unreachable else dict(self.state)
        results: list[dict[str, Type] | None] = [body_state]
        # Handlers may start anywhere in the body: use what was known before it.
        for h in s.handlers:
            merged = merge_states([before, body_state, *snapshots])
            self.state = merged if merged is not None else dict(before)
            self.unreachable = False
            if h.type is not None:
                et = self.infer(h.type)
                if isinstance(s, ast.Try):
                    caught = exceptions.handler_type(self, et, h.type)
                else:
                    caught = self.exception_instance(et)  # ``except*``: exception groups are not modelled
                if h.name:
                    self.state[h.name] = caught
                    self.declared.setdefault(h.name, self.state[h.name])
            elif h.name:
                self.state[h.name] = AnyType("special")
            if s.finalbody:
                handler_snapshots.extend(self.check_block_collecting(h.body))
            else:
                self.check_block(h.body)
            results.append(None if self.unreachable else dict(self.state))
            if h.name:
                self.state.pop(h.name, None)
        self.finish_branches(results)
        if s.finalbody:
            self.check_finally(s.finalbody, before, snapshots + handler_snapshots)

    def check_block_collecting(self, body: list[ast.stmt]) -> list[dict[str, Type]]:
        """Check a block, returning the state after each statement in it (nested ones too)."""
        outer = self.try_snapshots
        self.try_snapshots = []
        try:
            self.check_block(body)
        finally:
            collected = self.try_snapshots
            self.try_snapshots = outer
            if outer is not None:
                outer.extend(collected)
        return collected

    def check_finally(self, finalbody: list[ast.stmt], before: dict[str, Type], snapshots: list[dict[str, Type]]) -> None:
        """``finally`` runs after an abnormal exit from anywhere in the try statement (checked
        and reported on the join of all those states), then on the normal path (muted: its
        state is narrower, and the errors were reported already)."""
        was_unreachable = self.unreachable
        normal = None if self.unreachable else dict(self.state)
        abnormal = merge_states([before, normal, *snapshots])
        self.state = abnormal if abnormal is not None else dict(before)
        self.unreachable = False
        self.check_block(finalbody)
        if normal is None:
            self.unreachable = True
            return
        self.state = normal
        self.unreachable = False
        was_muted = self.muted
        self.muted = True
        try:
            self.check_block(finalbody)
        finally:
            self.muted = was_muted
        self.unreachable = self.unreachable or was_unreachable

    stmt_TryStar = stmt_Try

    def exception_instance(self, t: Type) -> Type:
        out: list[Type] = []
        for item in union_items(t):
            if isinstance(item, CallableType) and item.is_type_obj and isinstance(item.ret_type, Instance):
                out.append(item.ret_type)
            elif isinstance(item, Overloaded) and item.items and item.items[0].is_type_obj:
                out.append(item.items[0].ret_type)
            elif isinstance(item, TupleType):
                out.append(self.exception_instance(make_union(list(item.items))))
            elif isinstance(item, TypeType):
                out.append(item.item)
            else:
                out.append(AnyType("special"))
        return make_union(out)

    def stmt_Match(self, s: ast.Match) -> None:
        from tycheck.checker.patterns import check_match

        check_match(self, s)

    # -- assignment --------------------------------------------------------------------

    def stmt_Assign(self, s: ast.Assign) -> None:
        if synthetic_class(s) is not None:
            return  # a class definition in disguise (NamedTuple('P', ...)): see semantic/synthetic.py
        first = s.targets[0]
        declared = None
        if s.type_comment and isinstance(first, ast.Name):
            declared = self.analyze_type_expr(ast.Constant(s.type_comment, lineno=s.lineno, col_offset=s.col_offset))
        elif s.type_comment and isinstance(first, ast.Tuple):
            ct = self.analyze_type_expr(ast.Constant(s.type_comment)) if False else None
        # mypy checks a chained assignment's last target first: its type is the context.
        last = s.targets[-1]
        ctx = declared if declared is not None else self.target_context(last)
        if ctx is None and isinstance(last, (ast.Tuple, ast.List)) and not isinstance(s.value, (ast.Tuple, ast.List)):
            t = self.infer_for_unpacking(last, s.value)
        else:
            t = infer_with_union_fallback(self, s.value, ctx) if isinstance(ctx, UnionType) else self.infer(s.value, ctx)
        for target in s.targets:
            self.assign_to(target, t, s.value, s, declared=declared, infer_decl=True)
            if isinstance(target, ast.Name) and self.func is None and self.class_fullname and declared is None:
                check_variable_override(self, target, s.value, None, s)

    def infer_for_unpacking(self, target: ast.Tuple | ast.List, value: ast.expr) -> Type:
        """``a, b = f(x)``: infer without context; if that gives a tuple, infer again with the
        targets' declared types as context (mypy's lvalue_type_for_inference)."""
        if any(isinstance(e, ast.Starred) for e in target.elts):
            return self.infer(value)
        was = self.muted
        self.muted = True
        try:
            first = self.infer(value)
        finally:
            self.muted = was
        if not isinstance(first, TupleType) or len(first.items) != len(target.elts):
            return self.infer(value)
        items: list[Type] = []
        for el, rv in zip(target.elts, first.items):
            declared = self.target_context(el) if isinstance(el, (ast.Name, ast.Attribute)) else None
            items.append(declared if declared is not None else rv)
        return self.infer(value, TupleType(tuple(items), Instance("builtins.tuple", (AnyType("special"),))))

    def target_context(self, target: ast.expr) -> Type | None:
        if isinstance(target, ast.Name):
            d = self.declared_type_of(target.id)
            # A variable known only as None is (like a partial type) no useful context.
            if d is not None and not isinstance(d, (PartialType, NoneType)):
                return d
        if isinstance(target, ast.Attribute):
            was = self.muted
            self.muted = True
            try:
                base = self.infer(target.value)
                # What an assignment expects (a descriptor's __set__ value, a property
                # setter's) comes first; the attribute's read type otherwise.
                lvalue = attribute_lvalue_type(self, base, target)
                t = lvalue if lvalue is not None and lvalue is not REJECTED else self.member_access(base, target.attr, target, report=False)
            finally:
                self.muted = was
            if not isinstance(t, AnyType):
                return t
        return None

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
            if sym is not None and sym.kind == VAR and (sym.annotation is not None or sym.type_comment):
                return self.members.symbol_type(sym)
        elif name in self.locals and self.local_syms and name in self.local_syms:
            sym = self.local_syms[name]
            if sym.annotation is not None:
                return self.analyze_type_expr(sym.annotation)
        elif name in self.globals_decl:
            sym = self.mod.ns.get(name)
            if sym is not None and sym.kind == VAR:
                return self.members.symbol_type(sym)
        return None

    def stmt_AnnAssign(self, s: ast.AnnAssign) -> None:
        scope_classes = self.scope.classes
        t_decl = self.analyze_type_expr(s.annotation)
        spec = self.final_classvar(s.annotation)
        if spec == "bare":
            t_decl = None  # type: ignore[assignment]
        if isinstance(s.target, ast.Name):
            name = s.target.id
            if self.func is None and self.class_fullname and t_decl is not None:
                check_variable_override(self, s.target, s.value, t_decl, s)
            if t_decl is not None:
                self.declared[name] = t_decl
            if s.value is not None:
                t = infer_with_union_fallback(self, s.value, t_decl) if isinstance(t_decl, UnionType) else self.infer(s.value, t_decl)
                if t_decl is None:
                    self.declared[name] = strip_literal(t) if spec != "bare" else t
                    self.state[name] = t
                    return
                self.check_assignment_compat(t, t_decl, s.value)
                # A declaration does not narrow: ``x: int | None = None`` leaves ``int | None``.
                invalidate(self.state, name)
            return
        if s.value is not None:
            t = self.infer(s.value, t_decl)
            self.assign_to(s.target, t, s.value, s, declared=t_decl)
        else:
            self.infer(s.target.value if isinstance(s.target, (ast.Attribute, ast.Subscript)) else s.target)

    def final_classvar(self, ann: ast.expr) -> str | None:
        target = ann.value if isinstance(ann, ast.Subscript) else ann
        if not isinstance(target, (ast.Name, ast.Attribute)):
            return None
        sym = self.lookup_symbol_expr(target)
        spec = special_name(sym.fullname) if sym else None
        if spec in ("Final", "ClassVar") and not isinstance(ann, ast.Subscript):
            return "bare"
        return None

    def narrow_on_assign(self, key: str, t: Type, declared: Type) -> None:
        if isinstance(declared, AnyType):
            self.state.pop(key, None)
            return
        if isinstance(t, AnyType) and isinstance(declared, UnionType) and any(isinstance(i, NoneType) for i in declared.items):
            # An untyped value replacing None (``x = untyped()`` for ``x: T | None``):
            # None's place goes to Any, as mypy's binder does.
            self.state[key] = make_union([t if isinstance(i, NoneType) else i for i in declared.items])
            invalidate(self.state, key + "\0")
            return
        if isinstance(declared, UnionType) or isinstance(t, NeverType):
            if self.p.relations.is_subtype(t, declared) and not isinstance(t, AnyType):
                self.state[key] = self.narrowed_assigned(t, declared)
            else:
                self.state.pop(key, None)
            invalidate(self.state, key + "\0")
            return
        if isinstance(declared, Instance) and isinstance(t, Instance) and strip_literal(t) != strip_literal(declared) and self.p.relations.is_subtype(t, declared):
            # A value of a subclass narrows (``x: Sequence[str]``; ``x = []`` is a list).
            self.state[key] = strip_literal(t) if declared.last_known_value is None else t
            invalidate(self.state, key + "\0")
            return
        self.state.pop(key, None)

    def narrowed_assigned(self, t: Type, declared: Type) -> Type:
        # Keep literal types only where the declaration mentions literals.
        if isinstance(t, Instance) and t.last_known_value is not None:
            if any(isinstance(i, LiteralType) for i in union_items(declared)):
                return t.last_known_value
            return strip_literal(t)
        if isinstance(t, UnionType):
            return make_union([self.narrowed_assigned(i, declared) for i in t.items])
        return t

    def check_assignment_compat(self, t: Type, declared: Type, node: ast.AST) -> bool:
        if not self.p.relations.is_subtype(t, declared):
            self.fail(node, msg.incompatible_assignment(t, declared), "assignment")
            for note in msg.invariance_notes(self.p.relations, t, declared):
                self.note(node, note, code="assignment")
            self.protocol_notes(node, t, declared, "assignment")
            return False
        return True

    unpack_context: ast.expr | None = None  # the value being unpacked, where item errors go

    def assign_to(self, target: ast.expr, t: Type, value: ast.expr | None, stmt: ast.AST, declared: Type | None = None, infer_decl: bool = False) -> None:
        if isinstance(target, ast.Name):
            self.assign_name(target, t, value, declared)
        elif isinstance(target, (ast.Tuple, ast.List)):
            if value is not None and isinstance(value, (ast.Tuple, ast.List)) and not any(isinstance(e, ast.Starred) for e in target.elts + value.elts) and len(value.elts) == len(target.elts):
                # Item by item (a list display too: ``a, b = [A(), B()]`` gives a: A, b: B).
                if isinstance(t, TupleType) and len(t.items) == len(value.elts):
                    item_types = list(t.items)
                else:
                    was = self.muted
                    self.muted = True
                    try:
                        item_types = [self.infer(vn) for vn in value.elts]
                    finally:
                        self.muted = was
                for el, vt, vn in zip(target.elts, item_types, value.elts):
                    self.assign_to(el, vt, vn, stmt)
                return
            items = self.unpack_types(t, len(target.elts), target)
            # mypy reports an item that does not fit its target at the unpacked value.
            saved_ctx = self.unpack_context
            self.unpack_context = value if value is not None else saved_ctx
            try:
                for el, it in zip(target.elts, items):
                    if isinstance(el, ast.Starred):
                        self.assign_to(el.value, Instance("builtins.list", (strip_literal(it),)), None, stmt)
                    else:
                        self.assign_to(el, it, None, stmt)
            finally:
                self.unpack_context = saved_ctx
        elif isinstance(target, ast.Attribute):
            if start_attribute_partial(self, target, value, t):
                return
            base = self.infer(target.value)
            lvalue = attribute_lvalue_type(self, base, target)
            if lvalue is REJECTED:
                return
            if lvalue is not None:
                expected: Type | None = lvalue
            else:
                expected = self.member_access(base, target.attr, target, report=True) if not self.is_self_attr_def(target) else self.self_attr_declared(target)
            if expected is not None and not isinstance(expected, AnyType):
                node = value if value is not None else (self.unpack_context or target)
                if self.check_assignment_compat(t, expected, node):
                    key = ref_key(target)
                    if key is not None:
                        self.narrow_on_assign(key, t, expected)
            key = ref_key(target)
            if key is not None and (expected is None or isinstance(expected, AnyType)):
                self.state.pop(key, None)
        elif isinstance(target, ast.Subscript):
            if self.partial_sites and try_complete_by_setitem(self, target, t):
                return
            base = self.infer(target.value)
            index = self.infer(target.slice)
            self.check_setitem(base, index, t, target, value)
        elif isinstance(target, ast.Starred):
            self.assign_to(target.value, t, value, stmt)

    def is_self_attr_def(self, target: ast.Attribute) -> bool:
        return False

    def self_attr_declared(self, target: ast.Attribute) -> Type | None:
        return None

    def check_setitem(self, base: Type, index: Type, value: Type, node: ast.Subscript, value_node: ast.expr | None) -> None:
        for item in union_items(base):
            if isinstance(item, (AnyType, NeverType)):
                continue
            if isinstance(item, TypeVarType) and isinstance(item.upper_bound, TypedDictType) and not item.values:
                item = item.upper_bound
            if isinstance(item, TypedDictType):
                typeddicts.set_item(self, item, index, node.slice, value, value_node or node)
                continue
            m = self.member_access_one(item, "__setitem__", node, report=False)
            if m is None:
                self.fail(node, f'Unsupported target for indexed assignment ("{self.fmt(item)}")', "index")
                continue
            if isinstance(m, CallableType) and len(m.arg_types) >= 2 and not m.variables:
                if not self.p.relations.is_subtype(index, m.arg_types[0]):
                    self.fail(node.slice, msg.invalid_index(index, item, m.arg_types[0]), "index")
                elif not self.p.relations.is_subtype(value, m.arg_types[1]):
                    a, f = self.fmts(value, m.arg_types[1])
                    self.fail(value_node or node, f'Incompatible types in assignment (expression has type "{a}", target has type "{f}")', "assignment")
            elif isinstance(m, Overloaded):
                r = self.try_call(m, [index, value])
                if r is None:
                    pass

    def assign_name(self, target: ast.Name, t: Type, value: ast.expr | None, declared: Type | None) -> None:
        name = target.id
        if declared is not None:
            self.declared[name] = declared
            self.check_assignment_compat(t, declared, value or self.unpack_context or target)
            invalidate(self.state, name)  # declarations do not narrow
            return
        if name == "_" and self.func is not None and isinstance(self.declared.get(name, AnyType()), AnyType):
            # A local "_" is a throwaway: each assignment may give it a new type.
            self.declared[name] = AnyType("special")
            self.state.pop(name, None)
            return
        decl = self.declared_type_of(name)
        if isinstance(decl, NoneType) and (self.func is None or name in self.globals_decl) and none_initialized(self.class_sym(name) if self.class_fullname and self.func is None else self.mod.ns.get(name)):
            self.widen_none(name, t)
            return
        if decl is None and self.func is None:
            # Module or class level: the first binding defines the variable's type.
            sym = self.class_sym(name) if self.class_fullname else self.mod.ns.get(name)
            if sym is not None and sym.kind == VAR and sym.node is not None and getattr(sym.node, "lineno", -1) != getattr(target, "lineno", -2):
                decl = self.members.symbol_type(sym, self.class_fullname) if self.class_fullname else self.members.symbol_type(sym)
                if isinstance(decl, AnyType) and decl.reason == "special":
                    decl = None
                elif isinstance(decl, NoneType) and none_initialized(sym) and name not in self.declared:
                    self.widen_none(name, t)
                    return
            elif sym is not None and sym.kind in (FUNC, CLASS, MODULE, IMPORTED) and False:
                decl = None
        if decl is None:
            inferred = self.infer_declared(name, t, value)
            if isinstance(inferred, PartialType) and inferred.fullname is not None and (self.func is not None or not self.class_fullname):
                self.partial_sites[name] = target
            elif not isinstance(inferred, PartialType) and (fixed := ambiguous_never_to_any(inferred)) is not None:
                self.fail(target, msg.need_annotation(name, None), "var-annotated")
                inferred = t = fixed
            self.declared[name] = inferred
            self.state[name] = t if not isinstance(inferred, PartialType) else inferred
            if isinstance(inferred, PartialType):
                # A None partial reads as None (and joins as None where branches meet).
                self.state[name] = inferred if inferred.fullname is not None else NoneType()
            else:
                self.state.pop(name, None) if not isinstance(inferred, UnionType) else None
                if isinstance(t, Instance) and t.last_known_value is not None:
                    self.state.pop(name, None)
            return
        if isinstance(decl, PartialType):
            if decl.fullname is None:
                # x = None, then x = <something>: x is Optional of it.
                new = make_union([strip_literal(t), NoneType()]) if not isinstance(t, NoneType) else NoneType()
                self.declared[name] = new
                self.state[name] = strip_literal(t)
                return
            self.declared[name] = strip_literal(t)
            self.state.pop(name, None)
            return
        self.check_assignment_compat(t, decl, value or self.unpack_context or target)
        self.narrow_on_assign(name, t, decl)

    def widen_none(self, name: str, t: Type) -> None:
        """``x = None`` earlier, now ``x = value``: x is ``value | None``, narrowed to value."""
        value = strip_literal(t)
        prev = self.declared.get(name)
        base = prev if prev is not None and not isinstance(prev, PartialType) else NoneType()
        if isinstance(value, NoneType):
            self.declared[name] = base
        else:
            # mypy spells the widened type with None last: ``int | None``.
            self.declared[name] = make_union([value, base]) if isinstance(base, NoneType) else make_union([base, value])
        self.state[name] = value

    def class_sym(self, name: str) -> Symbol | None:
        ns = self.p.class_namespace(self.class_fullname) if self.class_fullname else None
        return ns.get(name) if ns else None

    def infer_declared(self, name: str, t: Type, value: ast.expr | None) -> Type:
        if isinstance(t, NoneType) and self.func is not None and not self.local_partial_ok():
            return PartialType(None, name)
        if isinstance(t, Instance) and t.fullname in ("builtins.list", "builtins.dict", "builtins.set") and value is not None and (
            (isinstance(value, (ast.List, ast.Set)) and not value.elts) or (isinstance(value, ast.Dict) and not value.keys)
        ) and all(isinstance(a, AnyType) for a in t.args):
            return PartialType(t.fullname, name)
        if isinstance(value, ast.Call) and self.func is not None and is_empty_collection(t):
            return PartialType(t.fullname, name)  # type: ignore[union-attr]
        return strip_literal(t)

    def local_partial_ok(self) -> bool:
        return False

    def stmt_AugAssign(self, s: ast.AugAssign) -> None:
        left = self.infer(s.target) if not isinstance(s.target, ast.Name) or self.lookup_name_type(s.target.id, s.target) is not None else AnyType("error")
        if isinstance(s.target, ast.Name) and self.lookup_name_type(s.target.id, s.target) is None:
            self.fail_semantic(s.target, msg.name_not_defined(s.target.id), "name-defined")
        from tycheck.checker.expr import BINOP_METHODS

        method, rmethod, op = BINOP_METHODS[type(s.op)]
        imethod = "__i" + method[2:]
        result = None
        # With ``__iop__`` the statement is ``x = x.__iop__(y)``: its argument errors are a
        # call's, and only the result's fit to ``x`` is checked (mypy's in-place path).
        m = self.member_access_one(left, imethod, s, report=False) if isinstance(left, Instance) else None
        if isinstance(m, (CallableType, Overloaded)):
            from tycheck.checker.calls import Actual
            from tycheck.types.model import POS

            name, of_class = self.callee_names(s.target, m)
            result = self.calls.call_actuals(m, [Actual(s.value, POS, None)], s, name or imethod, of_class, None)
            if not self.p.relations.is_subtype(result, left):
                self.fail(s, f"Result type of {op} incompatible in assignment", "misc")
            if isinstance(s.target, ast.Name):
                self.state.pop(s.target.id, None)
            return
        right = self.infer(s.value)
        if result is None:
            result = self.binary_op(left, right, method, rmethod, op, s, s.target, s.value)
        if isinstance(s.target, ast.Name):
            decl = self.declared_type_of(s.target.id) or self.lookup_name_type(s.target.id, s.target)
            if decl is not None and not isinstance(decl, (AnyType, PartialType)) and not self.p.relations.is_subtype(result, decl):
                self.fail(s.value, msg.incompatible_assignment(result, decl), "assignment")
            elif decl is not None and isinstance(decl, UnionType):
                self.state[s.target.id] = strip_literal(result)
            else:
                self.state.pop(s.target.id, None)
        elif isinstance(s.target, ast.Attribute):
            key = ref_key(s.target)
            if key:
                self.state.pop(key, None)

    # -- nested definitions ------------------------------------------------------------------

    def stmt_FunctionDef(self, s: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for d in s.decorator_list:
            if isinstance(d, ast.Attribute) and d.attr in ("setter", "getter", "deleter") and isinstance(d.value, ast.Name) and self.func is None and self.class_fullname:
                continue  # @prop.setter: the property object is modelled by the class, not here
            if self.func is None:
                self.infer(d)  # a nested function's decorators are checked with it below
        if self.func is not None:
            # A nested function: check it now, seeing this function's state as its closure.
            sig = self.ev.signature(self.mod, s, None, self.scope)
            if self.tv_subst:
                sig = expand(sig, self.tv_subst)  # type: ignore[assignment]
            self.declared[s.name] = check_decorated(self, s, sig, None) if s.decorator_list else sig
            self.state.pop(s.name, None)
            self.driver.check_function(self.mod, s, None, self)

    stmt_AsyncFunctionDef = stmt_FunctionDef

    def stmt_ClassDef(self, s: ast.ClassDef) -> None:
        for b in s.bases:
            # A base is a type expression (``Generic[T]``, ``List[int]``): only its head is
            # a value; subscripting a special form's runtime stand-in is no error.
            self.infer(b.value if isinstance(b, ast.Subscript) else b)
        if s.bases:
            check_enum_extension(self, s)
        if self.func is not None:
            self.declared[s.name] = AnyType("special")

    driver: "object" = None  # set by the module checker

    # -- defaults ---------------------------------------------------------------------------

    def check_defaults(self, func: ast.FunctionDef | ast.AsyncFunctionDef, sig: CallableType) -> None:
        a = func.args
        params = list(a.posonlyargs) + list(a.args)
        defaults = list(a.defaults)
        pairs = list(zip(params[len(params) - len(defaults) :], defaults)) + [(p, d) for p, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None]
        # Defaults are evaluated where the function is defined: a parameter does not hide
        # an outer name (``box: Box = box.HEAVY`` reads the module ``box``).
        saved_locals = self.locals
        self.locals = saved_locals - {p.arg for p in params + list(a.kwonlyargs)}
        try:
            self.check_default_pairs(func, pairs)
        finally:
            self.locals = saved_locals

    def check_default_pairs(self, func: ast.FunctionDef | ast.AsyncFunctionDef, pairs: list[tuple[ast.arg, ast.expr]]) -> None:
        for p, d in pairs:
            if p.annotation is None:
                self.infer(d)
                continue
            declared = self.analyze_type_expr(p.annotation)
            t = self.infer(d, declared)
            if isinstance(d, ast.Constant) and d.value is Ellipsis and (self.mod.is_stub or self.func_is_stub_like(func)):
                continue
            if not self.p.relations.is_subtype(t, declared):
                self.fail(d, msg.incompatible_default(p.arg, t, declared), "assignment")

    def func_is_stub_like(self, func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
        return True


def _pattern_names(p: ast.pattern) -> list[str]:
    from tycheck.semantic.symbols import pattern_names

    return pattern_names(p)


def _context_dependent(e: ast.expr) -> bool:
    """Expressions whose type strongly depends on the context (calls and displays)."""
    if isinstance(e, ast.Await):
        return isinstance(e.value, ast.Call)
    return isinstance(e, (ast.Call, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.BinOp))


def scan_locals(func: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[frozenset[str], frozenset[str]]:
    """(names bound in the function's own scope, names it declares global/nonlocal)."""
    a = func.args
    names: set[str] = {p.arg for p in list(a.posonlyargs) + list(a.args) + list(a.kwonlyargs) + [x for x in (a.vararg, a.kwarg) if x]}
    declared: set[str] = set()
    for node in walk_body(func):
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, (ast.Store, ast.Del)):
                names.add(node.id)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            declared.update(node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for al in node.names:
                if al.name != "*":
                    names.add((al.asname or al.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return frozenset(names - declared), frozenset(declared)
