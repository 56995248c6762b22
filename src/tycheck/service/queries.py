"""Queries about a session's program for the tools layer (``inspect``, ``suggest``).

``SessionAnalyzer`` implements ``tools.analysis_api.Analyzer`` over a live ``Session``: it
brings the session's inputs up to date (so answers are for the text on disk now), computes
expression types on demand for the definitions that hold the asked-about expressions (the
checker's expression sink records them while that definition is re-checked quietly), and
checks trial signatures for ``suggest`` on a scratch copy of the program's facts that is
restored afterwards, so nothing a tool does changes what the next check prints.
"""

from __future__ import annotations

import ast
import os
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace

from tycheck.checker.api import (
    Analysis,
    BodyChecker,
    ExpressionSink,
    Program,
    SourceModule,
    TypeScope,
    dataclass_options,
    is_annotated,
    simplify_union,
)
from tycheck.checker.classes.dataclasses import all_fields as dataclass_fields
from tycheck.errors.diagnostics import Diagnostic
from tycheck.semantic.symbols import CLASS, FUNC, IMPORTED, MODULE, Symbol
from tycheck.service.definitions import DefinitionFinder
from tycheck.service.type_fixups import finish_types
from tycheck.service.incremental import ProgramState, module_options_q
from tycheck.service.module_cache import imported_modules
from tycheck.service.session import Session, display
from tycheck.service.query_data import (
    Actual,
    CallSite,
    FunctionView,
    Location,
    ModuleView,
    Region,
    Trial,
    map_actuals,
)
from tycheck.types.model import (
    NAMED,
    POS,
    STAR,
    STAR2,
    AnyType,
    CallableType,
    Instance,
    NoneType,
    Overloaded,
    Type,
    TypeType,
    TypeVarType,
    UnionType,
    strip_literal,
)
from tycheck.types.subst import expand_callable, has_type_vars

MODULE_REGION: Region = ("module", None, None)


class NoProgram(Exception):
    """The session has not checked anything yet."""


class _Enough(BaseException):
    """Raised through the checker once every wanted expression has its type (a BaseException,
    so that no ``except Exception`` on the way swallows it)."""


# The import graph of a session's last check, by (program, revision): walking every module's
# imports again for each request would cost more than the request itself on a large tree.
_GRAPHS: "weakref.WeakKeyDictionary[Session, tuple[tuple[int, int], dict[str, SourceModule]]]" = (
    weakref.WeakKeyDictionary()
)


class SessionAnalyzer:
    """The tools' view of one session, valid for one request."""

    def __init__(self, session: Session) -> None:
        if session._state is None:
            raise NoProgram()
        self.session = session
        self.state: ProgramState = session.program_state(None)
        self.program: Program
        self.analysis: Analysis
        self.program, self.analysis = self.state.program()
        self._graph: dict[str, SourceModule] | None = None
        self._views: dict[str, ModuleView] = {}
        self._regions_done: dict[tuple[str, Region], dict[ast.AST, Type]] = {}
        # Types mypy never records but definitions need (the module in ``module.name``).
        self.hidden: dict[ast.AST, Type] = {}
        self.defs = DefinitionFinder(self)

    # -- modules ---------------------------------------------------------------------

    def graph(self) -> dict[str, SourceModule]:
        """The modules of the last check: its sources and what they import, transitively.

        Kept between requests while the program and its revision stay the same.
        """
        key = (id(self.program), self.state.db.revision)
        cached = _GRAPHS.get(self.session)
        if self._graph is None and cached is not None and cached[0] == key:
            self._graph = cached[1]
        if self._graph is None:
            sources = self.state.db.read_input(("sources",))
            todo = [s.module for s in sources]
            seen: dict[str, SourceModule] = {}
            while todo:
                name = todo.pop()
                if name in seen:
                    continue
                mod = self.program.module(name)
                if mod is None or mod.is_typeshed:
                    continue
                seen[name] = mod
                parts = name.split(".")
                todo += [".".join(parts[:i]) for i in range(1, len(parts))]
                todo += imported_modules(mod)
            self._graph = seen
            _GRAPHS[self.session] = (key, seen)
        return self._graph

    def view(self, mod: SourceModule) -> ModuleView:
        if mod.name not in self._views:
            self._views[mod.name] = ModuleView(
                mod.name, display(mod.path, self.session.cwd), mod.tree, mod.is_package
            )
        return self._views[mod.name]

    def source(self, view: ModuleView) -> SourceModule:
        mod = self.program.module(view.name)
        assert mod is not None
        return mod

    def module_by_path(self, path: str) -> ModuleView | None:
        target = os.path.normpath(os.path.join(self.session.cwd, path))
        # Command-line sources first: found without walking the import graph.
        for entry in self.state.db.read_input(("sources",)):
            if os.path.normpath(os.path.join(self.session.cwd, entry.path)) == target:
                mod = self.program.module(entry.module)
                if mod is not None:
                    return self.view(mod)
        for mod in self.graph().values():
            if os.path.normpath(os.path.join(self.session.cwd, mod.path)) == target:
                return self.view(mod)
        return None

    def module(self, name: str) -> ModuleView | None:
        mod = self.graph().get(name)
        return self.view(mod) if mod is not None else None

    def is_module(self, name: str) -> bool:
        return name in self.graph() or self.program._modules.get(name) is not None

    def module_names(self, name: str) -> list[str]:
        mod = self.program.module(name)
        if mod is None:
            return []
        out = []
        for n, sym in mod.ns.names.items():
            if sym.implicit and (n == "__dict__" or n == "__path__" and not mod.is_package):
                continue
            out.append(n)
        return sorted(out)

    # -- classes ---------------------------------------------------------------------

    def class_mro(self, fullname: str) -> tuple[str, ...]:
        info = self.program.class_info(fullname)
        return info.mro if info is not None and info.mro else (fullname,)

    def class_names(self, fullname: str) -> list[str]:
        ns = self.program.class_namespace(fullname)
        names = set(ns.names) if ns is not None else set()
        names |= set(self.analysis.members.instance_attrs(fullname))
        names |= self._dataclass_names(fullname)
        return sorted(names)

    def _dataclass_names(self, fullname: str) -> set[str]:
        """The members mypy's dataclass support adds to a dataclass."""
        options = dataclass_options(self.analysis.members, fullname)
        if options is None:
            return set()
        found = self.program.class_node(fullname)
        flags = {"match_args": True, "order": False, "slots": False, "unsafe_hash": False}
        for deco in found[1].decorator_list if found is not None else []:
            for kw in deco.keywords if isinstance(deco, ast.Call) else []:
                if kw.arg in flags and isinstance(kw.value, ast.Constant):
                    flags[kw.arg] = bool(kw.value.value)
        names = {"__dataclass_fields__", "__mypy-replace"}
        if options.get("init", True):
            names.add("__init__")
        if flags["match_args"]:
            names.add("__match_args__")
        if flags["order"]:
            names |= {"__lt__", "__gt__", "__le__", "__ge__"}
        if flags["slots"]:
            names.add("__slots__")
        if flags["unsafe_hash"]:
            names.add("__hash__")
        return names

    def generated_defaults(self, fullname: str) -> int:
        """How many default values (each an ``...`` without a type) the methods mypy adds
        to a dataclass's body hold: one per defaulted field in ``__init__`` and in the
        internal ``replace`` signature. dmypy's inspect meets them at every position in
        the class, as expressions without a type."""
        options = dataclass_options(self.analysis.members, fullname)
        fields = dataclass_fields(self.analysis.members, fullname) if options else None
        if not fields:
            return 0
        count = sum(f.has_default for f in fields)
        own_init = "__init__" in getattr(self.program.class_namespace(fullname), "names", ())
        if options is not None and options.get("init", True) and not own_init:
            count += sum(f.has_default and f.init for f in fields)
        return count

    def metaclass(self, fullname: str) -> str:
        info = self.program.class_info(fullname)
        if info is not None and info.metaclass is not None:
            return info.metaclass.fullname
        return "builtins.type"

    # -- expression types -------------------------------------------------------------

    def expression_types(self, module: ModuleView, nodes: Sequence[ast.AST]) -> dict[ast.AST, Type]:
        """The types of ``nodes``: their regions are checked only as far as needed."""
        mod = self.source(module)
        out: dict[ast.AST, Type] = {}
        by_region: dict[Region, list[ast.AST]] = {}
        for node in nodes:
            region = region_of(mod, node, self.program)
            wanted = by_region.setdefault(region, [])
            wanted.append(node)
            # A callee's type is settled by its call (type[C[int]]); a module's attribute
            # tells that the module name itself has no type of its own.
            wanted += _users_of(region[1] if region[1] is not None else mod.tree, node)
        for region, wanted in by_region.items():
            done = self._regions_done.get((mod.name, region))
            if done is None:
                done, _ = self.check_region(mod, region, stop_when=set(wanted))
            out.update(done)
        return out

    def region_types(self, mod: SourceModule, region: Region) -> dict[ast.AST, Type]:
        key = (mod.name, region)
        if key not in self._regions_done:
            self.check_region(mod, region)
        return self._regions_done[key]

    def check_region(
        self,
        mod: SourceModule,
        region: Region,
        signature: CallableType | None = None,
        stop_when: set[ast.AST] | None = None,
    ) -> tuple[dict[ast.AST, Type], int]:
        """Re-check one region quietly; its expression types and how many errors it has.

        With ``stop_when``, the check stops as soon as all those nodes have a type (the
        rest of the region cannot change them); the partial result is not kept.
        """
        types: dict[ast.AST, Type] = {}
        errors: list[Diagnostic] = []

        def sink(d: Diagnostic) -> None:
            if d.severity == "error":
                errors.append(d)

        complete = True
        try:
            with self.recording(types, stop_when), self.module_options(mod.name):
                kind, node, cls = region
                if kind == "module":
                    self._check_module_level(mod, sink)
                else:
                    assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                    self._check_function(mod, node, cls, sink, signature)
        except _Enough:
            complete = False
        finish_types(
            types, mod, self, region, dynamic=signature is None and not self._checked(mod, region)
        )
        if complete and signature is None:
            self._regions_done[(mod.name, region)] = types
        return types, len(errors)

    @contextmanager
    def recording(
        self, types: dict[ast.AST, Type], stop_when: set[ast.AST] | None = None
    ) -> Iterator[None]:
        previous = ExpressionSink.receive
        missing = set(stop_when) if stop_when else None

        def record(node: ast.expr, t: Type) -> None:
            types[node] = t
            if missing is not None:
                missing.discard(node)
                if not missing:
                    raise _Enough()

        ExpressionSink.receive = record
        try:
            yield
        finally:
            ExpressionSink.receive = previous

    @contextmanager
    def module_options(self, name: str) -> Iterator[None]:
        saved = self.analysis.options
        self.analysis.options = module_options_q(self.state.db, name)[0]
        try:
            yield
        finally:
            self.analysis.options = saved

    def _check_module_level(self, mod: SourceModule, sink: Callable[[Diagnostic], None]) -> None:
        hook = self.analysis.function_hook
        self.analysis.function_hook = lambda *args: None  # bodies are regions of their own
        try:
            for d in self.analysis.check_module(mod):
                sink(d)
        finally:
            self.analysis.function_hook = hook

    def _check_function(
        self,
        mod: SourceModule,
        node: ast.FunctionDef | ast.AsyncFunctionDef,
        cls: str | None,
        sink: Callable[[Diagnostic], None],
        signature: CallableType | None,
    ) -> None:
        ev = self.analysis.ev
        declared = ev.signature(mod, node, cls)
        sig = signature or declared
        scope = ev.function_scope(mod, node, cls)
        checking = (
            signature is not None
            or is_annotated(node)
            or bool(getattr(self.analysis.options, "check_untyped_defs", False))
        )
        # The generic signature, unexpanded: a value-restricted type variable stays itself.
        self.analysis.check_function_once(
            mod, node, cls, None, sink, sig, declared, scope, checking, {}, first=False
        )

    def _checked(self, mod: SourceModule, region: Region) -> bool:
        """Does mypy type-check this region (rather than treat its values as Any)?"""
        node = region[1]
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return True
        options = module_options_q(self.state.db, mod.name)[0]
        return is_annotated(node) or bool(getattr(options, "check_untyped_defs", False))

    def checker_for(self, mod: SourceModule, region: Region) -> BodyChecker:
        """A quiet checker with the scope of ``region`` (to read annotations in it)."""
        kind, node, cls = region
        ev = self.analysis.ev
        if kind == "func" and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            scope = ev.function_scope(mod, node, cls)
        elif cls is not None:
            outer = ev.class_scope(cls) or TypeScope(mod)
            info = self.program.class_info(cls)
            tvs = {tv.fullname: tv for tv in info.type_vars} if info is not None else {}
            scope = TypeScope(mod, outer.classes + (cls,), tvs, allow_unbound_tvars=True)
        else:
            scope = TypeScope(mod)
        return BodyChecker(
            self.analysis.ctx,
            mod,
            lambda d: None,
            class_fullname=cls,
            scope=scope,
            quiet=True,
            verbose_reveal=False,
        )

    # -- reports (--lineprecision-report, --xml-report) ---------------------------------

    def source_views(self) -> list[ModuleView]:
        """The command-line sources of the last check: the modules reports cover."""
        views = []
        for entry in self.state.db.read_input(("sources",)):
            mod = self.program.module(entry.module)
            if mod is not None and not mod.is_typeshed:
                views.append(self.view(mod))
        return views

    def module_text(self, view: ModuleView) -> str:
        return self.source(view).text

    def has_module(self, name: str) -> bool:
        """Is ``name`` a module of the build (found and loaded, stubs included)?"""
        return self.program._modules.get(name) is not None

    def module_types(self, view: ModuleView) -> dict[ast.AST, Type]:
        """The types of every expression the checker reaches in the module, region by region
        (an unreachable expression has none)."""
        mod = self.source(view)
        out: dict[ast.AST, Type] = {}
        for region in module_regions(mod, self.program):
            out.update(self.region_types(mod, region))
        return out

    def signature_of(
        self, view: ModuleView, node: ast.FunctionDef | ast.AsyncFunctionDef
    ) -> CallableType | None:
        """The declared signature of a function of the module (None if it cannot be read)."""
        mod = self.source(view)
        classes = {id(r[1]): r[2] for r in module_regions(mod, self.program) if r[1] is not None}
        try:
            with self.module_options(mod.name):
                return self.analysis.ev.signature(mod, node, classes.get(id(node)))
        except Exception:  # a nested definition the evaluator cannot place: no signature
            return None

    # -- definitions -------------------------------------------------------------------

    def definitions(
        self, module: ModuleView, node: ast.expr, types: Mapping[ast.AST, Type]
    ) -> list[Location]:
        return self.defs.find(self.source(module), node, {**self.hidden, **types})

    def symbol_module(self, sym: Symbol) -> SourceModule | None:
        """The module that defines ``sym`` (the longest loaded prefix of its full name)."""
        if sym.kind == MODULE and sym.target:
            return self.program.module(sym.target)
        parts = sym.fullname.split(".")
        for i in range(len(parts) - 1, 0, -1):
            mod = self.program._modules.get(".".join(parts[:i]))
            if mod is not None:
                return mod
        return None

    # -- suggest -----------------------------------------------------------------------

    def function(
        self,
        module: ModuleView,
        node: ast.FunctionDef | ast.AsyncFunctionDef,
        qualname: str,
        class_fullname: str | None,
    ) -> FunctionView:
        mod = self.source(module)
        with self.module_options(mod.name):
            sig = self.analysis.ev.signature(mod, node, class_fullname)
        names = {self.analysis.ev._decorator_name(d, TypeScope(mod)) for d in node.decorator_list}
        is_static = "builtins.staticmethod" in names
        is_class = "builtins.classmethod" in names or node.name in (
            "__new__",
            "__init_subclass__",
            "__class_getitem__",
        )
        has_first = bool(node.args.posonlyargs or node.args.args)
        return FunctionView(
            module,
            node,
            qualname,
            class_fullname,
            sig,
            class_fullname is not None and not is_static and has_first,
            is_class,
            is_static,
        )

    def parent_signature(self, func: FunctionView) -> CallableType | None:
        if func.class_fullname is None:
            return None
        for base in self.class_mro(func.class_fullname)[1:]:
            ns = self.program.class_namespace(base)
            sym = ns.get(func.node.name) if ns is not None else None
            if (
                sym is None
                or sym.kind != FUNC
                or not isinstance(sym.node, (ast.FunctionDef, ast.AsyncFunctionDef))
            ):
                continue
            found = self.program.class_node(base)
            if found is None:
                continue
            sig = self.analysis.ev.signature(found[0], sym.node, base)
            if sig.implicit:
                continue  # an unannotated override says nothing: look further up
            if len(sig.arg_types) != len(func.signature.arg_types):
                return None
            return _foreign_class_vars(sig)
        return None

    def call_sites(self, func: FunctionView) -> list[CallSite]:
        sites, _ = self._call_sites(func)
        return sites

    def _call_sites(
        self, func: FunctionView
    ) -> tuple[list[CallSite], list[tuple[SourceModule, Region]]]:
        wanted = func.node.name
        by_class = func.class_fullname is not None and wanted in ("__init__", "__new__")
        if by_class:
            assert func.class_fullname is not None
            wanted = func.class_fullname.rsplit(".", 1)[-1]
        sites: list[CallSite] = []
        regions: list[tuple[SourceModule, Region]] = []
        for mod in sorted(self.graph().values(), key=lambda m: m.path):
            calls = [
                c
                for c in ast.walk(mod.tree)
                if isinstance(c, ast.Call) and _callee_name(c.func) == wanted
            ]
            if not calls:
                continue
            for call in calls:
                region = region_of(mod, call, self.program)
                if not self._checked(mod, region):
                    continue  # mypy sees no call at all in a function it does not check
                types = self.region_types(mod, region)
                callee = types.get(call.func)
                if not _is_target(callee, func, by_class) or not _receiver_is_owner(
                    call, func, types, by_class
                ):
                    continue
                if (mod, region) not in regions:
                    regions.append((mod, region))
                assert isinstance(callee, (CallableType, Overloaded))
                formal = callee if isinstance(callee, CallableType) else callee.items[0]
                sites.append(
                    CallSite(
                        display(mod.path, self.session.cwd),
                        call.lineno,
                        _actuals_by_formal(call, formal, types),
                    )
                )
        sites.sort(key=lambda s: (s.path, s.line))
        return sites, regions

    def try_signature(self, func: FunctionView, signature: CallableType) -> Trial:
        mod = self.source(func.module)
        _, callers = self._call_sites(func)
        if (
            func.is_method
            and func.signature.arg_types
            and isinstance(signature.arg_types[0], AnyType)
        ):
            # A guess leaves self/cls open: the checker binds it as declared. (A parent's
            # signature keeps its own self type, and may fail in this body for it.)
            signature = _with_first(signature, func.signature.arg_types[0])
        region: Region = ("func", func.node, func.class_fullname)
        body_sig = signature
        if _has_suggestion_any(signature.ret_type):
            # A return type still to be found gives no context to the returned values: an
            # Any of this reason adds no constraint when a generic call is inferred.
            body_sig = replace(signature, ret_type=AnyType("suggestion"))
        with self.scratch(mod, func.node, signature):
            types, errors = self.check_region(mod, region, body_sig)
            for caller_mod, caller_region in callers:
                if caller_mod is mod and caller_region == region:
                    continue
                _, more = self.check_region(caller_mod, caller_region)
                errors += more
        return Trial(errors, types)

    @contextmanager
    def scratch(self, mod: SourceModule, node: ast.AST, signature: CallableType) -> Iterator[None]:
        """The program's facts with ``signature`` for ``node``; everything restored after."""
        with self.program.trial(mod, node, signature):
            yield

    def join(self, types: Sequence[Type]) -> Type:
        result = types[0]
        for t in types[1:]:
            result = self._join2(result, t)
        return result

    def _join2(self, a: Type, b: Type) -> Type:
        # mypy joins one invariant generic with different arguments to object
        # (list[int], list[str] -> object); relations.join widens to a covariant base
        # (Sequence[object]), which would make suggest prefer a guess mypy never makes.
        if (
            isinstance(a, Instance)
            and isinstance(b, Instance)
            and a.fullname == b.fullname
            and a.args != b.args
        ):
            info = self.program.class_info(a.fullname)
            if info is not None and any(
                tv.variance == 0 and x != y for tv, x, y in zip(info.type_vars, a.args, b.args)
            ):
                return Instance("builtins.object")
        return self.program.relations.join(a, b)

    def union(self, types: Sequence[Type]) -> Type:
        return simplify_union(list(types), self.program.relations.is_subtype)

    def truth_part(self, module: ModuleView, t: Type, truthy: bool) -> Type:
        """The part of ``t`` that can be truthy (or falsy), as the checker narrows it."""
        checker = self.checker_for(self.source(module), MODULE_REGION)
        return checker.narrow.restrict_truthiness(t, truthy)

    def meet(self, types: Sequence[Type]) -> Type:
        real: list[Type] = [t for t in types if not isinstance(t, AnyType)] or list(types)
        result = real[0]
        for t in real[1:]:
            result = self.program.relations.meet(result, t)
        return result


def _users_of(root: ast.AST, node: ast.AST) -> list[ast.AST]:
    """The call whose callee is ``node`` and the attribute whose base it is, found by
    descending only into what spans ``node``'s line."""
    line = getattr(node, "lineno", 0)
    found: list[ast.AST] = []
    stack = [root]
    while stack:
        current = stack.pop()
        for child in ast.iter_child_nodes(current):
            start = getattr(child, "lineno", None)
            if start is not None and not start <= line <= (
                getattr(child, "end_lineno", None) or start
            ):
                continue
            if (
                isinstance(child, ast.Call)
                and child.func is node
                or isinstance(child, ast.Attribute)
                and child.value is node
            ):
                found.append(child)
            stack.append(child)
    return found


def _has_suggestion_any(t: Type) -> bool:
    if isinstance(t, AnyType):
        return t.reason == "suggestion"
    if isinstance(t, Instance):
        return any(_has_suggestion_any(a) for a in t.args)
    if isinstance(t, UnionType):
        return any(_has_suggestion_any(i) for i in t.items)
    return False


def _with_first(sig: CallableType, first: Type) -> CallableType:
    return replace(sig, arg_types=(first,) + tuple(sig.arg_types[1:]))


def _callee_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _is_target(callee: Type | None, func: FunctionView, by_class: bool) -> bool:
    if isinstance(callee, Overloaded) and callee.items:
        callee = callee.items[0]
    if not isinstance(callee, CallableType):
        return False
    if by_class:
        return callee.is_type_obj and callee.type_obj_name == func.class_fullname
    owner = func.class_fullname.rsplit(".", 1)[-1] if func.class_fullname else None
    return (
        callee.name == func.node.name
        and callee.def_module in (None, func.module.name)
        and callee.from_method == owner
        and not callee.is_type_obj
    )


def _receiver_is_owner(
    call: ast.Call, func: FunctionView, types: Mapping[ast.AST, Type], by_class: bool
) -> bool:
    """dmypy counts a method call as a call site of ``C.m`` only when the receiver's class
    is ``C`` itself: ``sub.m()`` on a subclass instance is a call of ``Sub.m``, even when
    the method is inherited from ``C``."""
    if by_class or func.class_fullname is None or not isinstance(call.func, ast.Attribute):
        return True
    receiver = types.get(call.func.value)
    if isinstance(receiver, TypeType):
        receiver = receiver.item
    if isinstance(receiver, CallableType) and receiver.is_type_obj:
        return receiver.type_obj_name in (None, func.class_fullname)
    if isinstance(receiver, Instance):
        return receiver.fullname == func.class_fullname
    return True


def _actuals_by_formal(
    call: ast.Call, callee: CallableType, types: Mapping[ast.AST, Type]
) -> tuple[tuple[Actual, ...], ...]:
    actuals: list[Actual] = []
    for arg in call.args:
        if isinstance(arg, ast.Starred):
            actuals.append(Actual(STAR, None, _type_of(arg.value, types)))
        else:
            actuals.append(Actual(POS, None, _type_of(arg, types)))
    for kw in call.keywords:
        if kw.arg is None:
            actuals.append(Actual(STAR2, None, _type_of(kw.value, types)))
        else:
            actuals.append(Actual(NAMED, kw.arg, _type_of(kw.value, types)))
    mapping = map_actuals(
        [a.kind for a in actuals],
        [a.name for a in actuals],
        list(callee.arg_kinds),
        list(callee.arg_names),
    )
    return tuple(tuple(actuals[i] for i in idxs) for idxs in mapping)


def _type_of(node: ast.AST, types: Mapping[ast.AST, Type]) -> Type:
    t = types.get(node)
    return strip_literal(t) if t is not None else AnyType("special")


def region_of(mod: SourceModule, node: ast.AST, program: Program) -> Region:
    """The definition a node is checked in: a top-level function or method, else the module."""
    line, col = getattr(node, "lineno", 0), getattr(node, "col_offset", 0)
    return _region_in(mod.tree.body, (line, col), None, mod, program)


def module_regions(mod: SourceModule, program: Program) -> list[Region]:
    """Every region of a module (as ``region_of`` finds them): the module, then its top-level
    functions and methods."""
    out: list[Region] = [MODULE_REGION]

    def walk(body: list[ast.stmt], cls: str | None) -> None:
        for stmt in body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                out.append(("func", stmt, cls))
            elif isinstance(stmt, ast.ClassDef):
                walk(stmt.body, _class_fullname(stmt, cls, mod, program))
            elif isinstance(stmt, ast.If):
                walk(stmt.body + stmt.orelse, cls)

    walk(mod.tree.body, None)
    return out


def _class_fullname(
    stmt: ast.ClassDef, cls: str | None, mod: SourceModule, program: Program
) -> str:
    full = f"{cls}.{stmt.name}" if cls else f"{mod.name}.{stmt.name}"
    return full if full in mod.classes else program.local_class_fullname(mod, stmt)


def _region_in(
    body: list[ast.stmt], pos: tuple[int, int], cls: str | None, mod: SourceModule, program: Program
) -> Region:
    for stmt in body:
        start = (stmt.lineno, stmt.col_offset)
        end = (stmt.end_lineno or stmt.lineno, stmt.end_col_offset or 0)
        if not start <= pos <= end:
            continue
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return ("func", stmt, cls)
        if isinstance(stmt, ast.ClassDef):
            full = _class_fullname(stmt, cls, mod, program)
            return _region_in(stmt.body, pos, full, mod, program)
        if isinstance(stmt, ast.If):
            inner = _region_in(stmt.body + stmt.orelse, pos, cls, mod, program)
            if inner[0] == "func":
                return inner
    return MODULE_REGION


# Added to the ids of a base class's type variables in a signature taken from that base.
_FOREIGN_VAR_OFFSET = 1_000_000


def _foreign_class_vars(sig: CallableType) -> CallableType:
    """The base's signature as it stands in the base (dmypy takes it unmapped): its class
    type variables are the base's, not the subclass's same-named ones, so a body that mixes
    them with its own class's variables gets errors, as it does in mypy (where a variable's
    id carries its class)."""
    found: dict[int | str, Type] = {}

    def collect(v: TypeVarType) -> bool:
        if v.id > 0:
            found[v.id] = replace(v, id=v.id + _FOREIGN_VAR_OFFSET)
        return False

    has_type_vars(sig, collect)
    return expand_callable(sig, found) if found else sig
