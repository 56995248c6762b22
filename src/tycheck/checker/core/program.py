"""The program: modules, their symbol tables, classes and declared types, computed lazily.

``Program`` is the checker's view of everything outside the function being checked. Each
fact is computed on first use and memoised through ``memo``: a query of the session's engine
(``facts.py``), which records what the fact consulted, so a stub symbol that no code uses is
never evaluated and an edit re-computes only the facts it can reach.

A program outlives revisions of its database: a module is re-located and re-read once per
revision (the parse cache returns the same parse for the same text), and everything derived
from a parse is keyed by, or checked against, that parse.
"""

from __future__ import annotations

import ast
import itertools
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Hashable, Iterator, Protocol, TypeVar, cast, overload

from tycheck.checker.core.facts import EngineFacts, FactStore, Overlay, reads_module
from tycheck.engine import Database

from tycheck.semantic.definition_checks import walk_statements
from tycheck.semantic.reach import ReachOptions, live_module_body, reachable_first
from tycheck.syntax.parse import parse_module
from tycheck.semantic.synthetic import synthetic_class
from tycheck.semantic.symbols import (
    CLASS,
    FUNC,
    IMPORTED,
    MODULE,
    VAR,
    Namespace,
    Symbol,
    build_class_namespace,
    build_module_namespace,
)
from tycheck.types.model import (
    AnyType,
    CallableType,
    ClassTypeInfo,
    Instance,
    Overloaded,
    Type,
    TypeVarType,
)
from tycheck.types.relations import Relations

T = TypeVar("T")


@dataclass(eq=False)
class SourceModule:
    """One parsed module and its top-level symbol table."""

    name: str
    path: str
    is_stub: bool
    is_package: bool
    text: str
    tree: ast.Module
    ns: Namespace
    is_typeshed: bool = False
    syntax_error: tuple[int, int, str] | None = None
    classes: dict[str, tuple[ast.ClassDef, str]] = field(
        default_factory=dict
    )  # fullname -> (node, enclosing qual)
    # Unique per parse, never reused: facts about this parse's nodes are keyed by it.
    serial: int = field(default_factory=lambda: next(_SERIALS))


_SERIALS = itertools.count(1)


@dataclass(frozen=True)
class Located:
    """A file found for a module name."""

    path: str
    is_stub: bool
    is_package: bool
    is_typeshed: bool = False


ModuleLocator = Callable[[str], "Located | None"]
SourceReader = Callable[[str], "str | None"]


TYPING_SPECIALS = frozenset(
    {
        "List",
        "Dict",
        "Set",
        "FrozenSet",
        "Type",
        "DefaultDict",
        "Deque",
        "Counter",
        "ChainMap",
        "OrderedDict",
        "Text",
        "Any",
        "Optional",
        "Union",
        "Tuple",
        "Callable",
        "Literal",
        "ClassVar",
        "Final",
        "Annotated",
        "NoReturn",
        "Never",
        "Self",
        "TypeGuard",
        "TypeIs",
        "Required",
        "NotRequired",
        "ReadOnly",
        "Unpack",
        "Concatenate",
        "LiteralString",
        "TypeAlias",
    }
)


class ClassFacts(Protocol):
    """What the program asks the checker for: class facts and members (``core.evaluator.CheckContext``)."""

    def compute_class_info(self, fullname: str) -> ClassTypeInfo | None: ...
    def alias_target(self, sym: Symbol) -> Type | None: ...
    def structural_member(
        self, t: Type, name: str, self_type: Type | None = None
    ) -> Type | None: ...
    def instance_call_signature(self, t: Type) -> CallableType | Overloaded | None: ...


class Program:
    """Lazy access to modules, symbols, classes and declared types of one checked program."""

    def __init__(
        self,
        locate: ModuleLocator,
        read: SourceReader,
        reach: ReachOptions,
        options: object,
        facts: "Callable[[], ClassFacts]",
        parse_cache: "dict[tuple[str, str], SourceModule] | None" = None,
        db: Database | None = None,
        observe: Callable[[str], None] | None = None,
    ) -> None:
        self.locate = locate
        self.read = read
        self.reach = reach
        self.options = options
        self.db = db if db is not None else Database()
        # Called with each module name the running computation consults: the session
        # reads that module's resolution and interface there, so the engine records them.
        self._observe = observe
        self._modules: dict[str, SourceModule | None] = {}
        # The revision in which each entry of ``_modules`` was last located and read.
        self._module_revision: dict[str, int] = {}
        self._class_ns: dict[str, tuple[ast.ClassDef, Namespace | None]] = {}
        self._class_ns_seen: dict[str, tuple[int, str | None, Namespace | None]] = {}
        self._class_nodes: dict[str, tuple[SourceModule, ast.ClassDef]] = {}
        self._facts: FactStore = EngineFacts(self.db)
        # The owner module's parse serial of each key's first name, per revision (``_qualify``).
        self._owners: dict[str, tuple[int, int]] = {}
        # Keys that name no loaded module belong to this program: a new program (after a
        # structural change) computes them afresh.
        self._unowned = -next(_SERIALS)
        self.parse_cache = parse_cache
        self.strict_optional = bool(getattr(options, "strict_optional", True))
        self.relations = Relations(self)
        self._facts_of = facts

    # -- modules ------------------------------------------------------------

    def note_module(self, name: str) -> None:
        """Record that the running computation consulted module ``name``."""
        if self._observe is not None:
            self._observe(name)

    def module(self, name: str, track: bool = True) -> SourceModule | None:
        """Module ``name``'s current parse (None if missing); ``track``: note it as consulted."""
        if track and self._observe is not None:
            self._observe(name)
        revision = self.db.revision
        if self._module_revision.get(name) == revision:
            return self._modules.get(name)
        self._module_revision[name] = revision
        self._modules[name] = None  # guards against cycles while loading
        loc = self.locate(name)
        mod = None
        if loc is not None:
            mod = self.load(name, loc)
        self._modules[name] = mod
        return mod

    def loaded_modules(self) -> dict[str, SourceModule]:
        """The modules parsed so far (by name), in their latest parse."""
        return {name: mod for name, mod in self._modules.items() if mod is not None}

    def _current(self, found: tuple[SourceModule, ast.ClassDef]) -> bool:
        """Whether an indexed class belongs to its module's current parse."""
        return self.module(found[0].name) is found[0]

    def load(self, name: str, loc: Located) -> SourceModule | None:
        text = self.read(loc.path)
        if text is None:
            return None
        if self.parse_cache is not None:
            key = (loc.path, text)
            cached = self.parse_cache.get(key)
            if cached is not None and cached.name == name:
                for full, (node, _q) in cached.classes.items():
                    self._class_nodes[full] = (cached, node)
                return cached
            mod = self.parse(name, loc.path, text, loc.is_stub, loc.is_package, loc.is_typeshed)
            self.parse_cache[key] = mod
            return mod
        return self.parse(name, loc.path, text, loc.is_stub, loc.is_package, loc.is_typeshed)

    def parse(
        self, name: str, path: str, text: str, is_stub: bool, is_package: bool, is_typeshed: bool
    ) -> SourceModule:
        tree, error = parse_module(text, path, self.reach.python_version)
        tree.body = live_module_body(tree.body, self.reach)
        ns = build_module_namespace(tree, name, self.reach, is_stub, is_package)
        mod = SourceModule(name, path, is_stub, is_package, text, tree, ns, is_typeshed, error)
        self._index_classes(mod, tree.body, name, name)
        return mod

    def _index_classes(
        self, mod: SourceModule, body: list[ast.stmt], prefix: str, qual: str
    ) -> None:
        for stmt in body:
            if isinstance(stmt, ast.ClassDef):
                full = f"{prefix}.{stmt.name}"
                if full not in mod.classes:
                    mod.classes[full] = (stmt, qual)
                    self._class_nodes[full] = (mod, stmt)
                self._index_classes(mod, stmt.body, full, full)
            elif isinstance(stmt, ast.Assign) and (synth := synthetic_class(stmt)) is not None:
                full = f"{prefix}.{synth.name}"
                if full not in mod.classes:
                    mod.classes[full] = (synth, qual)
                    self._class_nodes[full] = (mod, synth)
            elif isinstance(stmt, ast.If):
                # The statically reachable branch first: its class wins over a same-named one
                # for another Python version or platform (typeshed's IntEnum under 3.10).
                for branch in reachable_first(stmt, self.reach):
                    self._index_classes(mod, branch, prefix, qual)
            elif isinstance(stmt, ast.Try):
                self._index_classes(mod, stmt.body, prefix, qual)
                self._index_classes(mod, stmt.orelse, prefix, qual)
                for h in stmt.handlers:
                    self._index_classes(mod, h.body, prefix, qual)
                self._index_classes(mod, stmt.finalbody, prefix, qual)
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self._index_local_classes(mod, stmt.body, f"{prefix}.{stmt.name}")
            elif isinstance(stmt, (ast.With, ast.AsyncWith, ast.For, ast.While)):
                self._index_classes(mod, stmt.body, prefix, qual)

    def _index_local_classes(self, mod: SourceModule, body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            for sub in walk_statements(node):
                if isinstance(sub, ast.ClassDef):
                    full = f"{mod.name}.{sub.name}@{sub.lineno}"
                    if full not in mod.classes:
                        mod.classes[full] = (sub, prefix)
                        self._class_nodes[full] = (mod, sub)

    def local_class_fullname(self, mod: SourceModule, node: ast.ClassDef) -> str:
        for full, (n, _q) in mod.classes.items():
            if n is node:
                return full
        return f"{mod.name}.{node.name}"

    # -- symbols --------------------------------------------------------------

    def module_symbol(
        self, module: str, name: str, seen: frozenset[str] = frozenset()
    ) -> Symbol | None:
        """The binding of ``name`` in ``module`` (following ``from m import *``)."""
        mod = self.module(module)
        if mod is None:
            return None
        sym = mod.ns.get(name)
        if sym is not None:
            return sym
        if module in ("typing", "typing_extensions") and name in TYPING_SPECIALS:
            # The checker knows these forms by name even where a stub omits them.
            return Symbol(name, VAR, f"{module}.{name}")
        if module in seen:
            return None
        for star in mod.ns.star_imports:
            target = self.module(star)
            if target is None:
                continue
            if not self._star_exports(target, name):
                continue
            found = self.module_symbol(star, name, seen | {module})
            if found is not None:
                return found
        return None

    def _star_exports(self, mod: SourceModule, name: str) -> bool:
        if mod.ns.all_names is not None:
            return name in mod.ns.all_names
        if name.startswith("_"):
            return False
        sym = mod.ns.get(name)
        if (
            sym is not None
            and mod.is_stub
            and sym.kind in (IMPORTED, MODULE)
            and not sym.explicit_reexport
        ):
            return False
        return True

    def resolve(self, sym: Symbol | None, depth: int = 0) -> Symbol | None:
        """Follow imports to the defining symbol; a module import resolves to itself."""
        while sym is not None and sym.kind == IMPORTED and depth < 30:
            depth += 1
            assert sym.target is not None and sym.attr is not None
            target = self.module_symbol(sym.target, sym.attr)
            if target is None or target is sym:  # preal3: ``from . import sub`` in sub's package
                sub = f"{sym.target}.{sym.attr}"
                if self.module(sub) is not None:
                    return Symbol(sym.attr, MODULE, sub, target=sub)
                return None
            sym = target
        return sym

    def lookup_fullname(self, fullname: str) -> Symbol | None:
        """The symbol a dotted name refers to: a module attribute or a class member."""
        found = self._indexed_class(fullname)
        if found is not None:
            node = found[1]
            return Symbol(node.name, CLASS, fullname, node, [node])
        parts = fullname.split(".")
        for i in range(len(parts) - 1, 0, -1):
            modname = ".".join(parts[:i])
            if self.module(modname) is None:
                continue
            sym = self.resolve(self.module_symbol(modname, parts[i]))
            for rest in parts[i + 1 :]:
                if sym is None:
                    return None
                if sym.kind == CLASS:
                    ns = self.class_namespace(sym.fullname)
                    sym = ns.get(rest) if ns else None
                elif sym.kind == MODULE and sym.target:
                    sym = self.resolve(self.module_symbol(sym.target, rest))
                else:
                    return None
            return sym
        if self.module(fullname) is not None:
            return Symbol(parts[-1], MODULE, fullname, target=fullname)
        return None

    def builtin(self, name: str) -> Symbol | None:
        return self.resolve(self.module_symbol("builtins", name))

    # -- classes --------------------------------------------------------------

    def _indexed_class(self, fullname: str) -> tuple[SourceModule, ast.ClassDef] | None:
        """The class indexed under ``fullname`` in its module's current parse."""
        found = self._class_nodes.get(fullname)
        if found is None or self._current(found):
            return found
        # Its module was parsed again (which re-indexed its classes) or is gone.
        found = self._class_nodes.get(fullname)
        if found is not None and self._current(found):
            return found
        self._class_nodes.pop(fullname, None)
        return None

    def class_node(self, fullname: str) -> tuple[SourceModule, ast.ClassDef] | None:
        found = self._indexed_class(fullname)
        if found is not None:
            return found
        sym = self.lookup_fullname(fullname)
        if sym is not None and sym.kind == CLASS:
            return self._indexed_class(sym.fullname)
        return None

    def class_namespace(self, fullname: str) -> Namespace | None:
        # The answer of this revision (a miss too: looking a non-class up again is costly).
        revision = self.db.revision
        known = self._class_ns_seen.get(fullname)
        if known is not None and known[0] == revision:
            if known[1] is not None:
                self.note_module(known[1])
            return known[2]
        found = self.class_node(fullname)
        ns = None
        if found is not None:
            mod, node = found
            cached = self._class_ns.get(fullname)
            if cached is not None and cached[0] is node:
                ns = cached[1]
            else:
                ns = build_class_namespace(node, mod.name, fullname, self.reach, mod.is_stub)
                self._class_ns[fullname] = (node, ns)
        self._class_ns_seen[fullname] = (revision, found[0].name if found else None, ns)
        return ns

    def class_info(self, fullname: str) -> ClassTypeInfo | None:
        # A class mentioned in its own bases sees None while its info is computed.
        return self.memo(
            "classinfo", fullname, lambda: self._facts_of().compute_class_info(fullname)
        )

    def protocol_members(self, fullname: str) -> tuple[str, ...] | None:
        info = self.class_info(fullname)
        if info is None or not info.is_protocol:
            return None
        names: list[str] = []
        for base in info.mro:
            binfo = self.class_info(base)
            if (
                binfo is None
                or not binfo.is_protocol
                or base in ("builtins.object", "typing.Protocol", "typing.Generic")
            ):
                continue
            ns = self.class_namespace(base)
            if ns is None:
                continue
            for name, sym in ns.names.items():
                if (
                    name.startswith("__")
                    and name.endswith("__")
                    and name
                    not in (
                        "__call__",
                        "__iter__",
                        "__next__",
                        "__len__",
                        "__getitem__",
                        "__contains__",
                        "__enter__",
                        "__exit__",
                        "__await__",
                        "__aiter__",
                        "__anext__",
                        "__hash__",
                        "__int__",
                        "__float__",
                        "__index__",
                        "__bytes__",
                        "__complex__",
                        "__abs__",
                        "__round__",
                        "__reversed__",
                        "__lt__",
                        "__gt__",
                        "__le__",
                        "__ge__",
                        "__add__",
                        "__sub__",
                        "__mul__",
                        "__fspath__",
                        "__buffer__",
                        "__setitem__",
                        "__delitem__",
                    )
                ):
                    continue
                if name in (
                    "__slots__",
                    "__doc__",
                    "__module__",
                    "__annotations__",
                    "__match_args__",
                    "__init__",
                    "__new__",
                    "__class_getitem__",
                    "__init_subclass__",
                ):
                    continue
                if sym.kind in (CLASS,) or self._auxiliary_protocol_symbol(sym):
                    continue
                if name not in names:
                    names.append(name)
        return tuple(names)

    def _auxiliary_protocol_symbol(self, sym: Symbol) -> bool:
        """Imports, type variables and type aliases in a protocol body are no members (mypy)."""
        if sym.kind == MODULE:
            return True
        rsym = self.resolve(sym) if sym.kind == IMPORTED else sym
        if rsym is not None and rsym.kind == MODULE:
            return True
        value = sym.value
        if sym.kind != VAR or sym.annotation is not None or value is None:
            return False
        if isinstance(value, ast.Call):
            f = value.func
            callee = (
                f.id
                if isinstance(f, ast.Name)
                else f.attr
                if isinstance(f, ast.Attribute)
                else None
            )
            return callee in ("TypeVar", "ParamSpec", "TypeVarTuple")
        if isinstance(value, (ast.Name, ast.Attribute, ast.Subscript)):
            return self._facts_of().alias_target(sym) is not None
        return False

    def member_type(self, t: Type, name: str, self_type: Type | None = None) -> Type | None:
        return self._facts_of().structural_member(t, name, self_type)

    def call_signature(self, t: Type) -> CallableType | Overloaded | None:
        return self._facts_of().instance_call_signature(t)

    # -- memo -------------------------------------------------------------

    @overload
    def memo(self, kind: str, key: object, compute: Callable[[], T], on_cycle: T) -> T: ...
    @overload
    def memo(
        self, kind: str, key: object, compute: Callable[[], T], on_cycle: None = None
    ) -> T | None: ...
    def memo(
        self, kind: str, key: object, compute: Callable[[], T], on_cycle: T | None = None
    ) -> T | None:
        """``compute()``, once per (kind, key); ``on_cycle`` while it is being computed.

        An engine query (``facts.py``): the key is qualified by the parse of the module it
        names, and the engine records what ``compute`` consulted.
        """
        return cast(T, self._facts.get(kind, self._qualify(key), compute, on_cycle))

    def _qualify(self, key: object) -> Hashable:
        """``(serial, key)``: the serial of the current parse of the module the key's first
        name belongs to (the longest loaded module prefix), or this program's own number."""
        first = key
        while isinstance(first, tuple) and first:
            first = first[0]
        if not isinstance(first, str):
            return (self._unowned, key)
        revision = self.db.revision
        known = self._owners.get(first)
        if known is not None and known[0] == revision:
            return (known[1], key)
        serial = self._unowned
        parts = first.split(".")
        for i in range(len(parts), 0, -1):
            name = ".".join(parts[:i])
            if self._modules.get(name) is not None:
                # Not noted as consulted: a fact records what it consulted when it runs.
                mod = self.module(name, track=False)
                serial = mod.serial if mod is not None else self._unowned
                break
        self._owners[first] = (revision, serial)
        return (serial, key)

    @contextmanager
    def trial(self, mod: SourceModule, node: ast.AST, signature: CallableType) -> Iterator[None]:
        """The program's facts with ``signature`` as ``node``'s (``suggest``); restored after.

        Facts about ``mod``, or that consulted it, are computed apart for the trial.
        """
        base = self._facts
        seen: dict[object, bool] = {}

        def reusable(kind: str, key: Hashable) -> bool:
            if isinstance(key, tuple) and key and key[0] == mod.serial:
                return False
            return not reads_module(self.db, kind, key, mod.name, seen)

        given = {("sig", self._qualify((mod.name, id(node)))): signature}
        self._facts = Overlay(base, given, reusable)
        try:
            yield
        finally:
            self._facts = base


__all__ = [
    "Program",
    "SourceModule",
    "Located",
    "CLASS",
    "FUNC",
    "VAR",
    "MODULE",
    "IMPORTED",
    "AnyType",
    "Instance",
    "TypeVarType",
    "CallableType",
]
