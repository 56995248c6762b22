"""The program: modules, their symbol tables, classes and declared types, computed lazily.

``Program`` is the checker's view of everything outside the function being checked. Each
fact is computed on first use and memoised through ``memo`` (backed by the engine's queries in
a session), so a stub symbol that no code uses is never evaluated.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Callable, Protocol, TypeVar, cast, overload

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
    ) -> None:
        self.locate = locate
        self.read = read
        self.reach = reach
        self.options = options
        self._modules: dict[str, SourceModule | None] = {}
        self._class_ns: dict[str, Namespace | None] = {}
        self._class_infos: dict[str, ClassTypeInfo | None] = {}
        self._class_nodes: dict[str, tuple[SourceModule, ast.ClassDef]] = {}
        self._memo: dict[tuple[str, object], object] = {}
        # Which modules each memoised fact consulted, so that a check that reuses a fact
        # computed for another module still learns what it depends on (the daemon records
        # these as engine dependencies).
        self._memo_deps: dict[tuple[str, object], frozenset[str]] = {}
        self.dep_stack: list[set[str]] = []
        self.parse_cache = parse_cache
        self._in_progress: set[tuple[str, object]] = set()
        self.strict_optional = bool(getattr(options, "strict_optional", True))
        self.relations = Relations(self)
        self._facts = facts

    # -- modules ------------------------------------------------------------

    def note_module(self, name: str) -> None:
        """Record that the running computation consulted module ``name``."""
        if self.dep_stack:
            self.dep_stack[-1].add(name)

    def module(self, name: str) -> SourceModule | None:
        if self.dep_stack:
            self.dep_stack[-1].add(name)
        if name in self._modules:
            return self._modules[name]
        self._modules[name] = None  # guards against cycles while loading
        loc = self.locate(name)
        mod = None
        if loc is not None:
            mod = self.load(name, loc)
        self._modules[name] = mod
        return mod

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
            for sub in ast.walk(node):
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
        if fullname in self._class_nodes:
            mod, node = self._class_nodes[fullname]
            self.note_module(mod.name)
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

    def class_node(self, fullname: str) -> tuple[SourceModule, ast.ClassDef] | None:
        if fullname in self._class_nodes:
            found = self._class_nodes[fullname]
            self.note_module(found[0].name)
            return found
        sym = self.lookup_fullname(fullname)
        if sym is not None and sym.kind == CLASS and sym.fullname in self._class_nodes:
            return self._class_nodes[sym.fullname]
        return None

    def class_namespace(self, fullname: str) -> Namespace | None:
        if fullname in self._class_ns:
            node = self._class_nodes.get(fullname)
            if node is not None:
                self.note_module(node[0].name)
            return self._class_ns[fullname]
        found = self.class_node(fullname)
        ns = None
        if found is not None:
            mod, node = found
            ns = build_class_namespace(node, mod.name, fullname, self.reach, mod.is_stub)
        self._class_ns[fullname] = ns
        return ns

    def class_info(self, fullname: str) -> ClassTypeInfo | None:
        if fullname in self._class_infos:
            if self.dep_stack:
                self.dep_stack[-1].update(self._memo_deps.get(("classinfo", fullname), ()))
            return self._class_infos[fullname]
        self._class_infos[fullname] = None  # recursion guard: a class mentioned in its own bases
        self.dep_stack.append(set())
        try:
            info = self._facts().compute_class_info(fullname)
        finally:
            deps = self.dep_stack.pop()
            self._memo_deps[("classinfo", fullname)] = frozenset(deps)
            if self.dep_stack:
                self.dep_stack[-1] |= deps
        self._class_infos[fullname] = info
        return info

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
            return self._facts().alias_target(sym) is not None
        return False

    def member_type(self, t: Type, name: str, self_type: Type | None = None) -> Type | None:
        return self._facts().structural_member(t, name, self_type)

    def call_signature(self, t: Type) -> CallableType | Overloaded | None:
        return self._facts().instance_call_signature(t)

    # -- memo -------------------------------------------------------------

    def forget_modules(self, names: set[str]) -> None:
        """Drop every fact about, or computed from, these modules (their files changed).

        A fact goes when it consulted one of them (recorded dependencies) or when its key
        names one of them or something inside them, which covers keys holding node ids.
        Facts about unchanged modules, the standard library's above all, stay warm.
        """
        if not names:
            return

        def mentions(value: object) -> bool:
            if isinstance(value, str):
                return any(
                    value == n or value.startswith(n + ".") or value.startswith(n + "@")
                    for n in names
                )
            if isinstance(value, tuple):
                return any(mentions(v) for v in value)
            return False

        for name in names:
            self._modules.pop(name, None)
        for full in [f for f in self._class_nodes if mentions(f)]:
            del self._class_nodes[full]
        for table in (self._class_ns, self._class_infos):
            for full in [f for f in table if mentions(f)]:
                del table[full]
        for k in [
            k for k in self._memo if mentions(k) or names & self._memo_deps.get(k, frozenset())
        ]:
            self._memo.pop(k, None)
            self._memo_deps.pop(k, None)
            if k[0] == "classinfo":
                self._class_infos.pop(k[1], None)  # type: ignore[call-overload]
        for k in [k for k in self._memo_deps if k[0] == "classinfo" and names & self._memo_deps[k]]:
            self._memo_deps.pop(k, None)
            self._class_infos.pop(k[1], None)  # type: ignore[call-overload]
            self._class_ns.pop(k[1], None)  # type: ignore[call-overload]

    @overload
    def memo(self, kind: str, key: object, compute: Callable[[], T], on_cycle: T) -> T: ...
    @overload
    def memo(
        self, kind: str, key: object, compute: Callable[[], T], on_cycle: None = None
    ) -> T | None: ...
    def memo(
        self, kind: str, key: object, compute: Callable[[], T], on_cycle: T | None = None
    ) -> T | None:
        """``compute()``, once per (kind, key); ``on_cycle`` while it is being computed."""
        k = (kind, key)
        if k in self._memo:
            if self.dep_stack:
                self.dep_stack[-1].update(self._memo_deps.get(k, ()))
            return cast(T, self._memo[k])
        if k in self._in_progress:
            return on_cycle
        self._in_progress.add(k)
        self.dep_stack.append(set())
        try:
            value = compute()
        finally:
            self._in_progress.discard(k)
            deps = self.dep_stack.pop()
            if self.dep_stack:
                self.dep_stack[-1] |= deps
        self._memo_deps[k] = frozenset(deps)
        self._memo[k] = value
        return value


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
