"""Checking a whole module: imports, its top-level code, its classes and its functions."""

from __future__ import annotations

import ast
from typing import Callable

from tycheck.checker.flow.prefix import infer_in_flow
from tycheck.checker.classes.attrs_checks import check_attrs_class
from tycheck.checker.classes.attrs import all_fields
from tycheck.checker.classes.abstract import check_class_status, is_trivial_body
from tycheck.checker.core import messages as msg
from tycheck.checker.infer.solve import value_expansions
from tycheck.checker.infer.partials import finish_scope
from tycheck.checker.flow.reachability import report_unreachable, suppressed_in_function
from tycheck.checker.flow.undefined import check_possibly_undefined
from tycheck.checker.core.evaluator import CheckContext
from tycheck.checker.stmt.checker import BodyChecker
from tycheck.checker.classes.enums import check_enum_extension
from tycheck.checker.declare.decorators import NO_TYPE_CHECK
from tycheck.checker.infer.decorators import apply_decorators, check_decorated
from tycheck.checker.classes.members import Members
from tycheck.checker.checks.overrides import check_method_overrides
from tycheck.checker.declare.final_members import final_override_errors
from tycheck.checker.checks.empty_body import check_empty_body
from tycheck.checker.checks.overload_defs import check_overload_defs
from tycheck.checker.core.program import ModuleLocator, Program, SourceModule, SourceReader
from tycheck.checker.declare.reexport import is_hidden_import, not_exported_message
from tycheck.checker.driver.semantic_pass import semantic_checks
from tycheck.checker.declare.untyped_defs import check_missing_annotations
from tycheck.checker.declare.explicit_any import check_explicit_any
from tycheck.checker.declare.bare_generics import check_bare_generics
from tycheck.checker.declare.type_args import check_function_type_args, check_module_type_args
from tycheck.checker.declare.typeeval import TypeEvaluator
from tycheck.checker.declare.alias_redef import check_alias_redefinitions
from tycheck.checker.declare.names import TypeScope, is_annotated, walk_body
from tycheck.engine import Database
from tycheck.errors.diagnostics import Diagnostic
from tycheck.semantic.class_scope import holding_def
from tycheck.semantic.reach import ReachOptions, branch_bodies
from tycheck.semantic.symbols import VAR, Symbol, resolve_relative
from tycheck.semantic.symbols import IMPORTED as IMPORTED_KIND, MODULE as MODULE_KIND
from tycheck.types.subst import expand
from tycheck.types.model import (
    STAR,
    STAR2,
    AnyType,
    CallableType,
    Instance,
    NeverType,
    NoneType,
    Type,
    UnionType,
    strip_literal,
)
from tycheck.errors import codes, messages as em
from tycheck.errors.messages import Message

ImportFailure = Callable[[str], "list[tuple[str, str, str | None]] | None"]


class Analysis:
    """The checker for one program: shared evaluator and members, one ``check_module`` per file."""

    def __init__(
        self,
        locate: ModuleLocator,
        read: SourceReader,
        reach: ReachOptions,
        import_failure: ImportFailure,
        options: object,
        parse_cache: "dict[tuple[str, str], SourceModule] | None" = None,
        db: Database | None = None,
        observe: Callable[[str], None] | None = None,
    ) -> None:
        self.reach = reach
        self.options = options
        self.import_failure = import_failure
        self.sink: list[Diagnostic] = []
        # The program asks the context for class facts, and the context is built on the
        # program: the program reads it through this function, only once both exist.
        self.p = Program(
            locate,
            read,
            reach,
            options,
            facts=lambda: self.ctx,
            parse_cache=parse_cache,
            db=db,
            observe=observe,
        )
        self.ctx = CheckContext(self.p, reach, self, make_types=TypeEvaluator, make_members=Members)
        self.ev = self.ctx.types
        self.members = self.ctx.members
        self.verbose = bool(getattr(options, "reveal_verbose_types", False))
        # Set by the daemon's engine: checks each top-level function or method as a query
        # of its own, so an edit inside one body re-checks only that body.
        self.function_hook: (
            Callable[
                [
                    SourceModule,
                    ast.FunctionDef | ast.AsyncFunctionDef,
                    str | None,
                    Callable[[Diagnostic], None],
                ],
                None,
            ]
            | None
        ) = None
        # Likewise for each class at module level: the hook gets the class after its bases
        # and decorators are checked in the module's flow, and checks the rest on its own.
        self.class_hook: (
            Callable[[SourceModule, ast.ClassDef, Callable[[Diagnostic], None]], None] | None
        ) = None

    @property
    def program(self) -> Program:
        return self.p

    # -- lazy inference of unannotated definitions ---------------------------------------

    def infer_value(
        self, sym: Symbol, mod: SourceModule, class_fullname: str | None, keep_literal: bool = False
    ) -> Type:
        """The inferred type of ``name = value`` outside the body being checked."""
        sink: list[Diagnostic] = []
        if (
            sym.attr
            and class_fullname
            and isinstance(sym.node, (ast.Assign, ast.AnnAssign))
            and sym.fullname.startswith(class_fullname + ".")
            and self._is_instance_attr(sym, class_fullname)
        ):
            return self._infer_in_method(sym, mod, class_fullname)
        chk = BodyChecker(
            self.ctx,
            mod,
            sink.append,
            class_fullname=class_fullname,
            scope=self.ev.class_scope(class_fullname) if class_fullname else TypeScope(mod),
            quiet=True,
            verbose_reveal=self.verbose,
        )
        node = sym.node
        if class_fullname:  # class-body names defined after this one are not seen
            chk.stmt_line = getattr(node, "lineno", None)
        if isinstance(node, (ast.For, ast.AsyncFor)):
            it = chk.infer(node.iter)
            t = chk.iter_item_type(it, node.iter, report=False)
            return (
                strip_literal(t)
                if not isinstance(node.target, (ast.Tuple, ast.List))
                else AnyType("special")
            )
        if isinstance(node, (ast.With, ast.AsyncWith)):
            return AnyType("special")
        if sym.value is None:
            return AnyType("special")
        if isinstance(node, ast.Assign) and not all(isinstance(t, ast.Name) for t in node.targets):
            return AnyType("special")
        t = None
        if class_fullname is None and isinstance(node, (ast.Assign, ast.AnnAssign)):
            # A module-level name: the narrowing of the statements before its assignment applies.
            t = infer_in_flow(chk, mod.tree.body, node, sym.value)
        if t is None:
            t = chk.infer(sym.value)
        if keep_literal:
            return t
        if isinstance(t, NoneType) and not class_fullname:
            return NoneType()
        if (
            isinstance(t, Instance)
            and t.fullname in ("builtins.list", "builtins.dict", "builtins.set")
            and isinstance(sym.value, (ast.List, ast.Dict, ast.Set))
            and not getattr(sym.value, "elts", getattr(sym.value, "keys", [1]))
        ):
            return t
        return strip_literal(t)

    def decorated_type(
        self,
        mod: SourceModule,
        node: ast.FunctionDef | ast.AsyncFunctionDef,
        class_fullname: str | None,
        sig: CallableType,
        decorators: list[ast.expr],
    ) -> Type:
        """The type of a decorated ``def``, computed quietly (errors come from the module's check)."""
        sink: list[Diagnostic] = []
        scope = self.ev.class_scope(class_fullname) if class_fullname else TypeScope(mod)
        chk = BodyChecker(
            self.ctx,
            mod,
            sink.append,
            class_fullname=class_fullname,
            scope=scope,
            quiet=True,
            verbose_reveal=self.verbose,
        )
        return apply_decorators(chk, node, sig, decorators, class_fullname)

    def _is_instance_attr(self, sym: Symbol, class_fullname: str) -> bool:
        return sym in self.members.instance_attrs(class_fullname).values()

    def _infer_in_method(self, sym: Symbol, mod: SourceModule, owner: str) -> Type:
        found = self.p.class_node(owner)
        if found is None:
            return AnyType("special")
        _, cnode = found
        method = holding_def(self.p.class_namespace(owner), cnode.body, sym.attr, sym.line)
        if method is None or sym.value is None:
            return AnyType("special")
        sig = self.ev.signature(mod, method, owner)
        scope = self.ev.function_scope(mod, method, owner)
        chk = BodyChecker(
            self.ctx,
            mod,
            lambda d: None,
            func=method,
            sig=sig,
            class_fullname=owner,
            scope=scope,
            quiet=True,
            verbose_reveal=self.verbose,
        )
        self.bind_params(chk, method, sig)
        chk.local_syms = self.local_symbols(mod, method)
        first = method.args.posonlyargs + method.args.args
        skip = frozenset(a.arg for a in first[:1])  # ``self``: its attributes are what is inferred
        flowed = infer_in_flow(chk, method.body, sym.node, sym.value, skip)  # type: ignore[arg-type]
        t = flowed if flowed is not None else chk.infer(sym.value)
        if isinstance(t, NoneType):
            return AnyType("special") if not is_annotated(method) else NoneType()
        return strip_literal(t)

    # -- modules --------------------------------------------------------------------------------

    def check_module(self, mod: SourceModule) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        if mod.syntax_error is not None:
            line, col, text = mod.syntax_error
            out.append(
                Diagnostic(
                    mod.path,
                    line,
                    col,
                    "error",
                    _syntax_message(text),
                    codes.SYNTAX.name,
                    module=mod.name,
                    blocker=True,
                )
            )
            return out
        self.check_imports(mod, mod.tree.body, out)
        if not mod.is_typeshed and self.semantic_checks(mod, out):
            return out  # a blocking error stops the module before type checking, as in mypy
        chk = BodyChecker(self.ctx, mod, out.append, verbose_reveal=self.verbose)
        if getattr(self.options, "disallow_any_explicit", False) and not mod.is_typeshed:  # preal3
            check_explicit_any(
                self.ev,
                mod,
                self.reach,
                lambda n: chk.fail(n, em.EXPLICIT_ANY),
                lambda c: [f.node for f in all_fields(self.members, c) or () if f.init],
            )
        if getattr(self.options, "disallow_any_generics", False) and not mod.is_typeshed:  # preal3
            untyped = bool(getattr(self.options, "check_untyped_defs", False))
            check_bare_generics(self.ev, mod, self.reach, chk.fail, untyped)
        check_overload_defs(chk, mod.tree.body, None)
        check_alias_redefinitions(chk, self.reach)  # preal4 hook: a type alias assigned again
        self.check_body(chk, mod, mod.tree.body, None)
        if not mod.is_typeshed:
            check_module_type_args(chk)  # breadth hook: bounds of type arguments
        if not mod.is_typeshed and not mod.is_stub:
            check_possibly_undefined(chk, mod.tree, self.reach, self.options)  # pflow4 hook
        return out

    def semantic_checks(self, mod: SourceModule, out: list[Diagnostic]) -> bool:
        """Report the semantic analyzer's errors (redefinitions, misplaced statements); True on a blocker."""
        return semantic_checks(
            self.p, self.reach, self.options, mod, self._imported_kind, self._star_names, out
        )

    def _star_names(self, base: str) -> list[str]:
        """The names ``from base import *`` binds (its ``__all__``, else its public names)."""
        target = self.p.module(base)
        if target is None:
            return []
        if target.ns.all_names is not None:
            return list(target.ns.all_names)
        return [
            n
            for n, sym in target.ns.names.items()
            if not n.startswith("_")
            and not sym.implicit
            and (
                not target.is_stub
                or sym.kind not in (MODULE_KIND, IMPORTED_KIND)
                or sym.explicit_reexport
            )
        ]

    def _imported_kind(self, base: str, name: str) -> str | None:
        """What ``from base import name`` binds: "module", "symbol", or None when unresolved."""
        for _ in range(10):  # follow re-exports a few steps
            if self.p.module(base) is None:
                return None
            sym = self.p.module_symbol(base, name)
            if sym is None:
                return "module" if self.p.module(f"{base}.{name}") is not None else None
            if sym.kind == MODULE_KIND:
                return "module"
            if sym.kind == VAR and isinstance(sym.value, ast.Name) and sym.annotation is None:
                name = sym.value.id  # ``path = _path``: a module alias when _path is a module
                continue
            if sym.kind != IMPORTED_KIND or sym.target is None or sym.attr is None:
                return f"symbol:{base}:{sym.line}"
            base, name = sym.target, sym.attr
            if self.p.module(f"{base}.{name}") is not None:
                return "module"
        return "symbol"

    def check_body(
        self, chk: BodyChecker, mod: SourceModule, body: list[ast.stmt], class_fullname: str | None
    ) -> None:
        for stmt in body:
            if chk.unreachable:
                report_unreachable(chk, stmt)
                break
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                chk.stmt_line = stmt.lineno
                if any(
                    self.ev._decorator_name(d, chk.scope) in NO_TYPE_CHECK
                    for d in stmt.decorator_list
                ):
                    continue  # neither its annotations nor its body are checked
                if stmt.decorator_list:
                    check_decorated(
                        chk, stmt, self.ev.signature(mod, stmt, class_fullname), class_fullname
                    )
                if self.function_hook is not None:
                    self.function_hook(mod, stmt, class_fullname, chk.report)
                else:
                    self.check_function(mod, stmt, class_fullname, None, sink=chk.report)
            elif isinstance(stmt, ast.ClassDef):
                if self.class_hook is not None and chk.func is None and class_fullname is None:
                    self.check_class_header(chk, stmt)
                    self.class_hook(mod, stmt, chk.report)
                else:
                    self.check_class(chk, mod, stmt, class_fullname)
            elif isinstance(stmt, ast.If):
                chk.infer(stmt.test)
                if_ok, else_ok = branch_bodies(stmt, self.reach)
                if any(
                    isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                    for s in ast.walk(stmt)
                    if s is not stmt
                ):
                    before = dict(chk.state)
                    yes, no = chk.narrow.condition_maps(stmt.test)
                    states = []
                    for ok, branch, m in ((if_ok, stmt.body, yes), (else_ok, stmt.orelse, no)):
                        if not ok or m is None:
                            continue
                        chk.state = dict(before)
                        chk.state.update(m)
                        chk.unreachable = False
                        self.check_body(chk, mod, branch, class_fullname)
                        states.append(None if chk.unreachable else dict(chk.state))
                    chk.finish_branches(states if states else [None])
                else:
                    chk.check_stmt(stmt)
            else:
                chk.check_stmt(stmt)

    def check_subclassing_any(self, chk: BodyChecker, base: ast.expr, t: object) -> None:
        """``--disallow-subclassing-any``: a base class whose type is ``Any`` (an unfollowed
        import, a variable declared ``Any``, ``Any`` itself). An ``Any`` standing for a construct
        the checker does not model is not reported."""
        if not getattr(self.options, "disallow_subclassing_any", False):
            return
        if not isinstance(t, AnyType) or t.reason in ("special", "unsupported", "error"):
            if not (
                isinstance(base, ast.Name)
                and base.id == "Any"
                or isinstance(base, ast.Attribute)
                and base.attr == "Any"
            ):
                return
        if isinstance(base, (ast.Name, ast.Attribute)):
            name = base.id if isinstance(base, ast.Name) else base.attr
            chk.fail(base, Message(f'Class cannot subclass "{name}" (has type "Any")', codes.MISC))
        else:
            chk.fail(base, em.CLASS_CANNOT_SUBCLASS_VALUE_OF_TYPE)

    def check_class(
        self, outer: BodyChecker, mod: SourceModule, node: ast.ClassDef, enclosing: str | None
    ) -> None:
        self.check_class_header(outer, node)
        self.check_class_body(outer, mod, node, self.class_fullname(mod, node, enclosing))

    def class_fullname(self, mod: SourceModule, node: ast.ClassDef, enclosing: str | None) -> str:
        fullname = f"{enclosing}.{node.name}" if enclosing else f"{mod.name}.{node.name}"
        if fullname not in mod.classes:
            fullname = self.p.local_class_fullname(mod, node)
        return fullname

    def check_class_header(self, outer: BodyChecker, node: ast.ClassDef) -> None:
        """A class's bases and decorators: values evaluated in the enclosing flow."""
        for b in node.bases:
            # Only the head of a subscripted base (``Generic[T]``) is a value.
            bt = outer.infer(b.value if isinstance(b, ast.Subscript) else b)
            self.check_subclassing_any(outer, b, bt)
        for d in node.decorator_list:
            outer.infer(d)

    def check_module_class(
        self, mod: SourceModule, node: ast.ClassDef, sink: Callable[[Diagnostic], None]
    ) -> None:
        """A module-level class after its header (``class_hook``), checked on its own."""
        outer = BodyChecker(self.ctx, mod, sink, verbose_reveal=self.verbose)
        self.check_class_body(outer, mod, node, self.class_fullname(mod, node, None))

    def check_class_body(
        self, outer: BodyChecker, mod: SourceModule, node: ast.ClassDef, fullname: str
    ) -> None:
        """Everything about a class but its header: its facts, body, methods and overrides."""
        info = self.p.class_info(fullname)
        for base in info.mro[1:] if info is not None else ():
            base_info = self.p.class_info(base)
            if base_info is not None and base_info.is_final:
                outer.fail(
                    node,
                    Message(msg.cannot_inherit_from_final(base.rsplit(".", 1)[-1]), codes.MISC),
                )
        check_enum_extension(outer, node, fullname)
        check_class_status(outer, node, fullname, mod.is_stub)
        check_attrs_class(
            outer, node, fullname, bool(getattr(self.options, "disallow_untyped_defs", False))
        )
        scope = self.ev.class_scope(fullname) or TypeScope(mod)
        chk = BodyChecker(
            self.ctx,
            mod,
            outer.report,
            class_fullname=fullname,
            scope=scope,
            verbose_reveal=self.verbose,
        )
        check_overload_defs(chk, node.body, fullname)
        self.check_body(chk, mod, node.body, fullname)
        check_method_overrides(chk, node, fullname)
        for where, text in final_override_errors(chk, node, fullname):  # breadth hook
            chk.fail(where, Message(text, codes.MISC))

    # -- functions ---------------------------------------------------------------------------

    def check_function(
        self,
        mod: SourceModule,
        node: ast.FunctionDef | ast.AsyncFunctionDef,
        class_fullname: str | None,
        outer: BodyChecker | None,
        sink: Callable[[Diagnostic], None] | None = None,
    ) -> None:
        report = (
            sink if sink is not None else (outer.report if outer is not None else self.sink.append)
        )
        sig = self.ev.signature(
            mod, node, class_fullname, outer.scope if outer is not None else None
        )
        opts = self.options
        annotated = is_annotated(node)
        checking = annotated or bool(getattr(opts, "check_untyped_defs", False))
        if outer is not None and not outer.checking:
            checking = checking and annotated
        scope = self.ev.function_scope(
            mod, node, class_fullname, outer.scope if outer is not None else None
        )
        class_info = self.p.class_info(class_fullname) if class_fullname else None
        expansions = value_expansions(
            tuple(sig.variables) + (class_info.type_vars if class_info is not None else ())
        )
        inherited = outer.tv_subst if outer is not None else {}
        for i, own in enumerate(expansions):
            # A nested function sees the values its enclosing function is being checked with.
            subst = {**inherited, **own}
            expanded = expand(sig, subst) if subst else sig
            assert isinstance(expanded, CallableType)
            self.check_function_once(
                mod,
                node,
                class_fullname,
                outer,
                report,
                expanded,
                sig,
                scope,
                checking,
                subst,
                first=i == 0,
            )

    def check_function_once(
        self,
        mod: SourceModule,
        node: ast.FunctionDef | ast.AsyncFunctionDef,
        class_fullname: str | None,
        outer: BodyChecker | None,
        report: Callable[[Diagnostic], None],
        sig: CallableType,
        generic_sig: CallableType,
        scope: TypeScope,
        checking: bool,
        subst: dict[int | str, Type],
        first: bool,
    ) -> None:
        """Check a function's body once, with value-restricted type variables replaced by ``subst``."""
        opts = self.options
        chk = BodyChecker(
            self.ctx,
            mod,
            report,
            func=node,
            sig=sig,
            class_fullname=class_fullname,
            scope=scope,
            outer=outer,
            checking=checking,
            verbose_reveal=self.verbose,
        )
        chk.tv_subst = subst
        chk.is_generator = any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in walk_body(node))
        chk.local_syms = self.local_symbols(mod, node)
        chk.unreachable_suppressed = suppressed_in_function(node, generic_sig.variables)
        chk.stmt_line = node.lineno
        if not mod.is_typeshed and first:
            check_missing_annotations(
                node,
                class_fullname is not None,
                bool(getattr(opts, "disallow_untyped_defs", False)),
                bool(getattr(opts, "disallow_incomplete_defs", False)),
                lambda severity, text: chk.emit(
                    node, severity, Message(text, codes.NO_UNTYPED_DEF)
                ),
            )
        self.bind_params(chk, node, sig)
        chk.check_defaults(node, sig)
        if first and not mod.is_typeshed:
            from tycheck.checker.flow.guards import check_guard_definition

            check_guard_definition(chk, node, generic_sig, class_fullname is not None)
        if (
            first
            and class_fullname
            and node.name in ("__init__", "__init_subclass__")
            and is_annotated(node)
            and not isinstance(sig.ret_type, (NoneType, NeverType))
        ):
            chk.fail(node, Message(f'The return type of "{node.name}" must be None', codes.MISC))
        chk.stmt_line = None
        if first:
            check_overload_defs(chk, node.body, None, in_function=True)
        chk.check_block(node.body)
        finish_scope(chk)
        if first and not mod.is_typeshed:
            check_function_type_args(chk, node, scope)  # breadth hook: bounds of type arguments
        if checking and not chk.unreachable and not chk.is_generator:
            self.check_missing_return(chk, node, sig)

    def local_symbols(
        self, mod: SourceModule, node: ast.FunctionDef | ast.AsyncFunctionDef
    ) -> dict[str, Symbol]:
        from tycheck.semantic.symbols import NamespaceBuilder

        b = NamespaceBuilder(
            mod.name, f"{mod.name}.{node.name}", self.reach, mod.is_stub, mod.is_package
        )
        b.in_class = True
        ns = b.build(node.body)
        return ns.names

    def bind_params(
        self, chk: BodyChecker, node: ast.FunctionDef | ast.AsyncFunctionDef, sig: CallableType
    ) -> None:
        a = node.args
        params = list(a.posonlyargs) + list(a.args)
        names = [p.arg for p in params]
        if a.vararg:
            names.append(a.vararg.arg)
        names += [p.arg for p in a.kwonlyargs]
        if a.kwarg:
            names.append(a.kwarg.arg)
        kinds = list(sig.arg_kinds)
        types = list(sig.arg_types)
        if len(types) != len(names):
            for n in names:
                chk.declared[n] = AnyType("special")
            return
        for n, k, t in zip(names, kinds, types):
            if k == STAR:
                t = Instance("builtins.tuple", (t,))
            elif k == STAR2:
                t = Instance("builtins.dict", (Instance("builtins.str"), t))
            chk.declared[n] = t

    def check_missing_return(
        self, chk: BodyChecker, node: ast.FunctionDef | ast.AsyncFunctionDef, sig: CallableType
    ) -> None:
        ret = chk.expected_return()
        if ret is None or isinstance(ret, (AnyType, NoneType)):
            return
        if isinstance(ret, UnionType) and any(isinstance(i, NoneType) for i in ret.items):
            return
        if chk.mod.is_stub:
            return
        if is_trivial_body(node.body):
            if not chk.p.relations.is_subtype(NoneType(), ret):
                check_empty_body(chk, node, ret)  # hook (pflow3): checks/empty_body.py
            return
        if isinstance(ret, NeverType):
            chk.emit(
                node, "error", em.IMPLICIT_RETURN_IN_FUNCTION_WHICH_DOES
            ) if chk.checking else None
            return
        if chk.p.relations.is_subtype(NoneType(), ret):
            return
        chk.unreachable = False
        chk.emit(node, "error", em.MISSING_RETURN_STATEMENT)

    # -- imports -------------------------------------------------------------------------------

    def check_imports(self, mod: SourceModule, body: list[ast.stmt], out: list[Diagnostic]) -> None:
        for stmt in body:
            if isinstance(stmt, ast.Import):
                for al in stmt.names:
                    if not self.report_import(mod, stmt, al.name, out):
                        # mypy also reports each missing parent package of a dotted import.
                        parts = al.name.split(".")
                        for n in range(len(parts) - 1, 0, -1):
                            parent = ".".join(parts[:n])
                            if self.p.module(parent) is not None or not self.import_failure(parent):
                                break
                            self.report_import(mod, stmt, parent, out)
            elif isinstance(stmt, ast.ImportFrom):
                base = resolve_relative(mod.name, stmt.module, stmt.level, mod.is_package)
                if base is None:
                    out.append(
                        Diagnostic(
                            mod.path,
                            stmt.lineno,
                            stmt.col_offset,
                            "error",
                            "No parent module -- cannot perform relative import",
                            codes.MISC.name,
                            module=mod.name,
                            blocker=True,
                        )
                    )
                    continue
                if not self.report_import(mod, stmt, base, out):
                    continue
                for al in stmt.names:
                    if al.name == "*":
                        continue
                    if (
                        self.p.module_symbol(base, al.name) is None
                        and self.p.module(f"{base}.{al.name}") is None
                    ):
                        target = self.p.module(base)
                        if target is not None and target.ns.get("__getattr__") is None:
                            out.append(
                                Diagnostic(
                                    mod.path,
                                    stmt.lineno,
                                    stmt.col_offset,
                                    "error",
                                    msg.module_has_no_attribute(base, al.name, target.ns.names),
                                    codes.ATTR_DEFINED.name,
                                    module=mod.name,
                                    origin_line=stmt.lineno,
                                )
                            )
                    elif is_hidden_import(self.p, base, al.name):
                        out.append(
                            Diagnostic(
                                mod.path,
                                stmt.lineno,
                                stmt.col_offset,
                                "error",
                                not_exported_message(base, al.name),
                                codes.ATTR_DEFINED.name,
                                module=mod.name,
                                origin_line=stmt.lineno,
                            )
                        )
            elif isinstance(stmt, ast.If):
                if_ok, else_ok = branch_bodies(stmt, self.reach)
                if if_ok:
                    self.check_imports(mod, stmt.body, out)
                if else_ok:
                    self.check_imports(mod, stmt.orelse, out)
            elif isinstance(stmt, ast.Try):
                self.check_imports(mod, stmt.body, out)
                for h in stmt.handlers:
                    self.check_imports(mod, h.body, out)
                self.check_imports(mod, stmt.orelse, out)
                self.check_imports(mod, stmt.finalbody, out)
            elif isinstance(
                stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.With, ast.For, ast.While)
            ):
                self.check_imports(mod, stmt.body, out)
            elif isinstance(stmt, ast.ClassDef):
                self.check_imports(mod, stmt.body, out)

    def in_partial_package(self, name: str) -> bool:
        """Whether the nearest existing parent of ``name`` is a stub ``__init__.pyi`` defining
        a module-level ``__getattr__`` (a partial stub package, as mypy calls it)."""
        while "." in name:
            name = name.rsplit(".", 1)[0]
            parent = self.p.module(name)
            if parent is not None:
                return (
                    parent.is_stub
                    and parent.is_package
                    and parent.ns.get("__getattr__") is not None
                )
        return False

    def report_import(
        self, mod: SourceModule, stmt: ast.stmt, name: str, out: list[Diagnostic]
    ) -> bool:
        if self.p.module(name) is not None:
            return True
        failure = self.import_failure(name)
        if failure is None:
            return False
        if self.in_partial_package(name):
            return False  # a stub package with a module ``__getattr__`` may have any submodule
        for severity, text, code in failure:
            # The documentation link is printed once per run, as mypy does.
            once = severity == "note" and text.startswith("See https://")
            out.append(
                Diagnostic(
                    mod.path,
                    stmt.lineno,
                    stmt.col_offset,
                    severity,
                    text,
                    code,
                    module=mod.name,
                    origin_line=stmt.lineno,
                    only_once=once,
                )
            )
        return False


def _syntax_message(text: str) -> str:
    if text.startswith("invalid syntax"):
        return "Invalid syntax"
    return text[:1].upper() + text[1:] if text else "Invalid syntax"
