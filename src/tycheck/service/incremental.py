"""The engine-backed program state of a session: what makes rechecks incremental and exact.

Every observation of the file system is an engine input: a file's content digest
(``("file", path)``) and each probe the module finder makes (``("isfile", path)``...).
Queries on top: ``resolve_q`` (where a module is), ``interface_q`` (the digest of what other
modules see of it: a body edit leaves it unchanged), ``check_q`` (a module's diagnostics),
and inside it ``function_q``/``class_q`` (one definition, keyed by its id). The program's
facts are engine queries too (``checker/core/facts.py``); whatever consults a module reads
its ``resolve_q`` and ``interface_q`` (``ProgramState.consulted``), so a change elsewhere
re-runs a check only when that module's interface changed. The session refreshes the inputs
before each request; a cold run is the same code with an empty database, so an incremental
answer equals a cold one as long as every observation goes through an input.
"""

from __future__ import annotations

import ast
import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Hashable

from tycheck.checker.api import Located, Program, SourceModule, is_fact
from tycheck.engine import Database, Durability, QueryInfo, query
from tycheck.errors.diagnostics import Diagnostic
from tycheck.inputs.fs import FileStat, FileSystem, content_hash
from tycheck.modules.messages import known_module_names, module_not_found_messages
from tycheck.modules.resolve import ModuleFile, ModuleFinder, ModuleNotFound
from tycheck.modules.search import SearchPaths
from tycheck.modules.typeshed_versions import StdlibVersions
from tycheck.semantic.reach import ReachOptions
from tycheck.service.reads import CHECK_PARTS, module_reads
from tycheck.service.sources import ParseCache, decode_source, module_options
from tycheck.service.def_ids import (
    DefIndex,
    MethodCheck,
    def_span,
    index_defs,
    position_dependent,
    rebase,
)
from tycheck.service.module_cache import Dep, ModuleCache, ModuleFacts, Summary, imported_modules
from tycheck.syntax.interface import interface_digest

if TYPE_CHECKING:
    from tycheck.checker.api import Analysis
    from tycheck.errors.ignores import IgnoreScan
    from tycheck.inputs.options import Options


# A function's entry in the persistent cache: base key, dependencies, their values, results.
FunctionItem = tuple[str, "tuple[Dep, ...]", "list[tuple[Dep, object]]", "tuple[Diagnostic, ...]"]


@dataclass(frozen=True)
class Skipped:
    """A module found but not followed (``--follow-imports=skip/error``)."""

    name: str
    path: str


@dataclass(frozen=True)
class SourceEntry:
    """A command-line source: its module name and file."""

    module: str
    path: str


# Seconds: coarser than any file system's mtime granularity (FAT has 2 s).
RACY_WINDOW = 2.5


class CheckDatabase(Database):
    """The engine database plus the session state its queries need."""

    __slots__ = ("state",)


class ProgramState:
    """Inputs, caches and the per-request program of one session."""

    def __init__(
        self,
        fs: FileSystem,
        cwd: str,
        options: "Options",
        reach: ReachOptions,
        stdlib_versions: StdlibVersions,
    ) -> None:
        self.fs = fs
        self.cwd = cwd
        self.options = options
        self.reach = reach
        self.stdlib_versions = stdlib_versions
        self._known_modules: frozenset[str] | None = None
        self.db = CheckDatabase(loader=self._load)
        self.db.state = self
        self.texts: dict[str, str | None] = {}
        # Why a file's text is missing: "Cannot read file: ..." or "Cannot decode file: ...".
        self.read_errors: dict[str, str] = {}
        self._lines: tuple[str, str, list[str]] = ("", "", [])
        self.stats: dict[str, tuple[float, int, str]] = {}
        # Per readable file: its stat signature and when it was read (see ``_unchanged``).
        self.signatures: dict[str, tuple[tuple[float, int, int], float]] = {}
        self.parse_cache = ParseCache(lambda path: self.durability(path) == Durability.HIGH)
        self.high_roots: tuple[str, ...] = ()
        self._durabilities: dict[tuple[str, tuple[str, ...]], Durability] = {}
        self._program: Program | None = None
        self._analysis: Analysis | None = None
        # Whether a file appeared, vanished or became (un)readable, or the sources or search
        # paths changed, since the program was made (see ``program``).
        self._structural_change = False
        self._finder: ModuleFinder | None = None
        self._finder_revision = -1
        self.tracked = TrackedFS(self)
        # The persistent cache of per-module results (None: caching is off).
        self.cache: ModuleCache | None = None
        # Per function check: what ``_persist_functions`` stored for its last execution.
        self.function_items: dict[tuple[Hashable, ...], tuple[object, object, FunctionItem]] = {}
        # Each module's definition index, for its current parse (``_defs``).
        self.def_indexes: dict[str, tuple[SourceModule, DefIndex]] = {}

    # -- inputs -------------------------------------------------------------------

    def durability(self, path: str) -> Durability:
        # Memoized (tools3): every refresh asks it of each input, thousands per request.
        key = (path, self.high_roots)
        found = self._durabilities.get(key)
        if found is None:
            ap = os.path.normpath(self.abspath(path))
            high = any(ap.startswith(root) for root in self.high_roots)
            found = self._durabilities[key] = Durability.HIGH if high else Durability.LOW
        return found

    def abspath(self, path: str) -> str:
        return path if os.path.isabs(path) else os.path.join(self.cwd, path)

    def _observe(self, key: Hashable) -> object:
        kind, path = key  # type: ignore[misc]
        path = self.abspath(path) if kind != "file" else path
        if kind == "file":
            return self._read_file(path)
        if kind == "isfile":
            return self.fs.is_file(path)
        if kind == "isdir":
            return self.fs.is_dir(path)
        if kind == "listdir":
            return self.fs.listdir(path)
        if kind == "stat":
            st = self.fs.stat(path)
            return None if st is None else (st.mtime, st.size, st.is_dir, st.mode)
        if kind == "bytes":
            data = self.fs.read_bytes(path)
            return None if data is None else content_hash(data)
        raise KeyError(key)

    def _load(self, key: Hashable) -> tuple[object, Durability]:
        if isinstance(key, tuple) and len(key) == 2 and isinstance(key[1], str):
            return self._observe(key), self.durability(key[1])
        raise KeyError(key)

    def _read_file(self, path: str) -> str | None:
        data = self.fs.read_bytes(self.abspath(path))
        self.read_errors.pop(path, None)
        observed_at = time.time()
        if data is None:
            self.texts[path] = None
            self.stats.pop(path, None)
            self.signatures.pop(path, None)
            reason = (
                "No such file or directory"
                if self.fs.stat(self.abspath(path)) is None
                else "Permission denied"
            )
            self.read_errors[path] = f"Cannot read file: {reason}"
            return None
        digest = content_hash(data)
        try:
            text: str | None = decode_source(data)
        except (UnicodeDecodeError, SyntaxError, LookupError) as e:
            # Like mypy: a file that does not decode is a blocking error, not a guess.
            text = None
            self.read_errors[path] = f"Cannot decode file: {e}"
        st = self.fs.stat(self.abspath(path))
        if st is not None:
            self.stats[path] = (st.mtime, st.size, digest)
            self.signatures[path] = (st.signature(), observed_at)
        self.texts[path] = text
        return digest

    def lines_of(self, path: str) -> list[str]:
        """The lines of a file's current text, split once per text (not once per function).

        Functions are checked module by module, so remembering the last file is enough.
        """
        text = self.texts.get(path) or ""
        if self._lines[0] != path or self._lines[1] is not text:
            self._lines = (path, text, text.splitlines())
        return self._lines[2]

    def set_text(self, path: str, text: str) -> None:
        """Program text given on the command line (``-c``): an input like a file's content."""
        self.texts[path] = text
        self.db.set_input(("file", path), content_hash(text.encode("utf-8", "surrogatepass")))

    def set_context(self, search: SearchPaths, sources: tuple[SourceEntry, ...]) -> None:
        self.high_roots = tuple(
            os.path.abspath(p) + os.sep for p in search.typeshed_path + search.package_path
        )
        if self.db.set_input(("search",), search) | self.db.set_input(("sources",), sources):
            self._structural_change = True

    def refresh(self, only: set[str] | None = None) -> int:
        """Re-observe the inputs seen so far (the low-durability ones); return how many changed."""
        changed = 0
        for key in self.db.input_keys():
            if not (isinstance(key, tuple) and len(key) == 2 and isinstance(key[1], str)):
                continue
            kind, path = key
            if (
                only is not None
                and os.path.normpath(self.abspath(path)) not in only
                and kind == "file"
            ):
                continue
            if self.durability(path) != Durability.LOW or path == "<string>":
                continue
            if kind == "file" and self._unchanged(path):
                continue
            # A file that could not be read, or can no longer be, is absent from the
            # program's module table: like a deleted or created file, a structural change.
            was_readable = kind == "file" and self.texts.get(path) is not None
            if self.db.set_input(key, self._observe(key), self.durability(path)):
                changed += 1
                if not (was_readable and self.texts.get(path) is not None):
                    self._structural_change = True
        return changed

    def _unchanged(self, path: str) -> bool:
        """True when a stat proves the file unchanged since it was read.

        The signature holds mtime, size and mode. A file modified within ``RACY_WINDOW``
        of its reading may be modified again within the same clock tick with the same size
        (so the same signature): such a file is hashed again, as git does with racy entries.
        """
        seen = self.signatures.get(path)
        if seen is None:
            return False
        st = self.fs.stat(self.abspath(path))
        signature, observed_at = seen
        return (
            st is not None and st.signature() == signature and observed_at - st.mtime > RACY_WINDOW
        )

    def release(self) -> None:
        """After a request: forget engine memos that the last check no longer reached."""
        self.db.sweep()

    # -- the per-request program --------------------------------------------------------

    def program(self) -> "tuple[Program, Analysis]":
        """The program of the current revision.

        It outlives revisions: it re-reads each module once per revision, and its facts are
        engine queries, re-validated by what they consulted, so facts about the standard
        library stay warm. A change to anything but file contents (a file created or
        deleted, other sources or search paths) starts a fresh program.
        """
        if self._structural_change:
            self._program = self._analysis = None
        self._structural_change = False
        if self._program is None:
            # Imported on first use: a run whose results all come from the cache never needs
            # the checker's code (see checker/api.py).
            from tycheck.checker.api import Analysis

            analysis = Analysis(
                self.locate,
                self.read_text,
                self.reach,
                self.import_failure,
                self.options,
                parse_cache=self.parse_cache,
                db=self.db,
                observe=self.consulted,
            )
            self._program, self._analysis = analysis.program, analysis
        assert self._analysis is not None
        return self._program, self._analysis

    def consulted(self, name: str) -> None:
        """The running query consulted module ``name``: it depends on where the module is
        and on its interface (not its whole text: a body edit there leaves it valid)."""
        if self.db.first_note(name):
            resolve_q(self.db, name)
            interface_q(self.db, name)

    def locate(self, name: str) -> Located | None:
        found = resolve_q(self.db, name)
        return found if isinstance(found, Located) else None

    def read_text(self, path: str) -> str | None:
        if path not in self.texts:
            self.db.read_input(("file", path))
        return self.texts.get(path)

    def import_failure(self, name: str) -> list[tuple[str, str, str | None]] | None:
        found = resolve_q(self.db, name)
        if isinstance(found, Located):
            return None
        if found is None:
            return []
        if isinstance(found, Skipped):
            if self.options.for_module(name).follow_imports == "error":
                return [
                    ("error", f'Import of "{name}" ignored', "misc"),
                    (
                        "note",
                        "(Using --follow-imports=error, module not passed on command line)",
                        "misc",
                    ),
                ]
            return []
        if self.options.for_module(name).ignore_missing_imports:
            return []
        return module_not_found_messages(name, found.reason, known_modules=self.known_modules())

    def known_modules(self) -> frozenset[str]:
        """Names offered by "Did you mean" for a missing module (stdlib of the target version)."""
        if self._known_modules is None:
            stdlib = self.stdlib_versions.top_level_modules(self.options.python_version)
            self._known_modules = known_module_names(stdlib)
        return self._known_modules

    def finder(self) -> ModuleFinder:
        """One finder per revision: its directory index is costly to rebuild for every name.

        Queries that use it record the directory listings it is built from (see
        ``resolve_q``), so a change to any of them still invalidates every resolution.
        """
        if self._finder is not None and self._finder_revision == self.db.revision:
            return self._finder
        opts = self.options
        search = self.db.read_input(("search",))
        self._finder_revision = self.db.revision
        self._finder = ModuleFinder(
            search,
            self.tracked,
            python_version=opts.python_version,
            stdlib_versions=self.stdlib_versions,
            namespace_packages=opts.namespace_packages,
            follow_untyped_imports=lambda module: opts.for_module(module).follow_untyped_imports,
            cwd=self.cwd,
        )
        return self._finder


class TrackedFS:
    """A ``FileSystem`` whose every answer is an engine input, so lookups are dependencies."""

    def __init__(self, state: ProgramState) -> None:
        self.state = state

    def _abs(self, path: str) -> str:
        return path if os.path.isabs(path) else os.path.join(self.state.cwd, path)

    def read_bytes(self, path: str) -> bytes | None:
        self.state.db.read_input(("bytes", self._abs(path)))
        return self.state.fs.read_bytes(self._abs(path))

    def stat(self, path: str) -> FileStat | None:
        got = self.state.db.read_input(("stat", self._abs(path)))
        return None if got is None else FileStat(*got)

    def is_file(self, path: str) -> bool:
        return bool(self.state.db.read_input(("isfile", self._abs(path))))

    def is_dir(self, path: str) -> bool:
        return bool(self.state.db.read_input(("isdir", self._abs(path))))

    def listdir(self, path: str) -> tuple[str, ...] | None:
        return self.state.db.read_input(("listdir", self._abs(path)))  # type: ignore[no-any-return]


# -- queries -------------------------------------------------------------------------------


@query
def resolve_q(db: CheckDatabase, name: str) -> Located | ModuleNotFound | Skipped | None:
    """Where module ``name`` is: a command-line source, a found file, or why it is missing."""
    state = db.state
    sources: tuple[SourceEntry, ...] = db.read_input(("sources",))
    for src in sources:
        if src.module == name:
            return Located(
                src.path,
                src.path.endswith(".pyi"),
                os.path.basename(src.path).startswith("__init__."),
            )
    search: SearchPaths = db.read_input(("search",))
    # The shared finder indexes the search directories once per revision: depend on them.
    for directory in (
        search.python_path + search.mypy_path + search.package_path + search.typeshed_path
    ):
        db.read_input(("listdir", directory))
    if "." in name:
        resolve_q(db, name.rpartition(".")[0])
    found = state.finder().find(name)
    if isinstance(found, ModuleFile):
        if found.is_namespace:
            return None
        is_typeshed = state.durability(found.path) == Durability.HIGH and any(
            os.path.abspath(found.path).startswith(os.path.abspath(p) + os.sep)
            for p in db.read_input(("search",)).typeshed_path
        )
        follow = state.options.for_module(name).follow_imports
        if follow in ("skip", "error") and not is_typeshed:
            return Skipped(name, found.path)
        return Located(found.path, found.is_stub, found.is_package, is_typeshed)
    return found


@query
def interface_q(db: CheckDatabase, name: str) -> str:
    """The digest of module ``name`` as other modules see it."""
    loc = resolve_q(db, name)
    if not isinstance(loc, Located):
        return repr(loc)
    digest = db.read_input(("file", loc.path))
    if digest is None:
        return "missing"
    if db.state.durability(loc.path) == Durability.HIGH:
        # Stubs and installed packages: the content digest is interface enough, and cheap.
        return digest
    cache = db.state.cache
    summary = cache.summary(name, digest, _flags(loc)) if cache is not None else None
    if summary is not None:
        return summary.interface
    program, _ = db.state.program()
    mod = program.module(name, track=False)
    if mod is None:
        return "unparsed"
    return interface_digest(mod.tree, mod.text)


@query
def module_options_q(db: CheckDatabase, name: str) -> "tuple[Options, tuple[tuple[int, str], ...]]":
    """Module ``name``'s effective options (config sections, then ``# mypy:`` comments)."""
    loc = resolve_q(db, name)
    if isinstance(loc, Located) and db.read_input(("file", loc.path)) is not None:
        opts, errors = module_options(db.state.options, name, db.state.texts.get(loc.path) or "")
        return opts, tuple(errors)
    return db.state.options.for_module(name), ()


@query
def check_q(db: CheckDatabase, name: str) -> tuple[Diagnostic, ...]:
    """The diagnostics of module ``name`` (before ignores and rendering)."""
    loc = resolve_q(db, name)
    if not isinstance(loc, Located):
        return ()
    digest = db.read_input(("file", loc.path))
    if db.state.cache is not None:
        cached = _cached_check(db, db.state.cache, name, loc, digest)
        if cached is not None:
            return cached
        db.state.cache.hits.discard(name)  # checked below: its result must be stored again
    program, analysis = db.state.program()

    def per_function(
        mod: SourceModule,
        node: ast.FunctionDef | ast.AsyncFunctionDef,
        class_fullname: str | None,
        sink: Callable[[Diagnostic], None],
    ) -> None:
        ordinal = _defs(db, name).ordinals.get(id(node))
        if ordinal is None:  # not a definition the index knows: check it in place
            analysis.check_function(mod, node, class_fullname, None, sink=sink)
            return
        _replay_function(db, name, mod, class_fullname or "", node.name, ordinal, sink)

    def per_class(
        mod: SourceModule, node: ast.ClassDef, sink: Callable[[Diagnostic], None]
    ) -> None:
        ordinal = _defs(db, name).class_ordinals.get(id(node))
        if ordinal is None:
            analysis.check_module_class(mod, node, sink)
            return
        for item in class_q(db, name, node.name, ordinal):
            if isinstance(item, MethodCheck):
                _replay_function(db, name, mod, item.class_fullname, item.func, item.ordinal, sink)
            else:
                sink(rebase(item, mod.path, node.lineno - 1))

    try:
        mod = program.module(name)
        analysis.options, inline_errors = module_options_q(db, name)
        analysis.function_hook = per_function
        analysis.class_hook = per_class
        diags = tuple(analysis.check_module(mod)) if mod is not None else ()
        if inline_errors and mod is not None:
            diags = (
                tuple(
                    Diagnostic(mod.path, line, 0, "error", text, "misc", module=name)
                    for line, text in inline_errors
                )
                + diags
            )
    finally:
        analysis.function_hook = None
        analysis.class_hook = None
    return diags


def _replay_function(
    db: CheckDatabase,
    name: str,
    mod: SourceModule,
    class_fullname: str,
    func: str,
    ordinal: int,
    sink: Callable[[Diagnostic], None],
) -> None:
    """Function ``func`` #``ordinal``'s diagnostics from its query, where the def is now."""
    node = _defs(db, name).by_id[(func, ordinal)]
    # The query's positions count from the def's line; put them where the def is now.
    for diag in function_q(db, name, class_fullname, func, ordinal):
        sink(rebase(diag, mod.path, node.lineno - 1))


def _flags(loc: Located) -> tuple[bool, ...]:
    return (loc.is_stub, loc.is_package, loc.is_typeshed)


def _dep_values(db: CheckDatabase, deps: "tuple[Dep, ...]") -> list[tuple[Dep, object]]:
    """Each dependency with its current value (recorded as a dependency of the running query)."""
    return [
        ((kind, other), resolve_q(db, other) if kind == "r" else interface_q(db, other))
        for kind, other in deps
    ]


def _cached_check(
    db: CheckDatabase, cache: ModuleCache, name: str, loc: Located, digest: str | None
) -> tuple[Diagnostic, ...] | None:
    """The stored diagnostics of module ``name``, when its text and what it consulted are unchanged."""
    summary = cache.summary(name, digest, _flags(loc))
    if summary is None or summary.deps is None or digest is None:
        return None
    key = cache.result_key(name, digest, _flags(loc), _dep_values(db, summary.deps))
    diags = cache.load_result(key)
    if diags is not None:
        cache.hits.add(name)
        cache.mark_saved(name, key)
    return diags


def _consulted(db: CheckDatabase, name: str) -> tuple[Dep, ...]:
    """The other modules whose resolution or interface the last ``check_q(name)`` read
    (``module_reads`` in one pass of the engine: a huge module's check reads thousands)."""
    found = db.reached(check_q, (name,), _MODULE_READS, _follow_check)
    return tuple(sorted(("r" if q == "resolve_q" else "i", str(m)) for q, m in found if m != name))


_MODULE_READS = frozenset(("resolve_q", "interface_q"))


def _follow_check(info: QueryInfo) -> bool:
    return info.name in CHECK_PARTS or is_fact(info)


def module_facts(state: ProgramState, name: str, loc: Located) -> ModuleFacts | None:
    """A checked module's text and imports: from its cached summary, else by parsing it."""
    if state.cache is not None:
        text = state.read_text(loc.path)
        summary = state.cache.summary(name, state.db.read_input(("file", loc.path)), _flags(loc))
        if text is not None and summary is not None:
            return ModuleFacts(name, loc.path, text, summary.imports, summary.ignores)
    mod = state.program()[0].module(name)
    if mod is None:
        return None
    return ModuleFacts(
        name,
        mod.path,
        mod.text,
        tuple(imported_modules(mod)),
        None,
        mod.tree if mod.syntax_error is None else None,
    )


def _function_base(
    db: CheckDatabase, cache: ModuleCache, name: str, where: tuple[str, str, int, int], text: str
) -> str:
    loc = resolve_q(db, name)
    module_text = db.state.texts.get(loc.path) if isinstance(loc, Located) else None
    module_options_q(db, name)  # what the check would read: its result depends on it
    return cache.function_base(
        name, where, text, interface_q(db, name), cache.inline_key(name, module_text or "")
    )


def _persist_functions(state: ProgramState, cache: ModuleCache, name: str) -> None:
    """Store the results of the function checks the last ``check_q(name)`` ran (or reused)."""
    db = state.db
    items = []
    for qname, args in db.query_reads(check_q, (name,)):
        if qname != "function_q":
            continue
        # A function check that did not run again since its item was made has the same item.
        token = db.execution_token(function_q, args)
        kept = state.function_items.get(args)
        if kept is not None and kept[0] is token and kept[1] is cache:
            items.append(kept[2])
            continue
        class_fullname, func, ordinal = str(args[1]), str(args[2]), int(str(args[3]))
        text = function_text_q(db, name, func, ordinal)
        if text is None:
            continue
        deps = module_reads(db, function_q, args, "", follow=())
        base = _function_base(db, cache, name, (class_fullname, func, ordinal, 0), text)
        item = (
            base,
            deps,
            _dep_values(db, deps),
            function_q(db, name, class_fullname, func, ordinal),
        )
        state.function_items[args] = (token, cache, item)
        items.append(item)
    if items:
        cache.save_functions(name, items)


def persist_check(
    state: ProgramState, name: str, diags: tuple[Diagnostic, ...], ignores: "IgnoreScan | None"
) -> None:
    """Store module ``name``'s last check in the persistent cache (after ``check_q`` ran)."""
    cache = state.cache
    if cache is None or name in cache.hits:
        return
    loc = resolve_q(state.db, name)
    if not isinstance(loc, Located):
        return
    digest = state.db.read_input(("file", loc.path))
    token = state.db.execution_token(check_q, (name,))
    if digest is None or token is None or cache.persisted_tokens.get(name) is token:
        return  # not run again since it was stored (a daemon's later requests)
    cache.persisted_tokens[name] = token
    deps = _consulted(state.db, name)
    key = cache.result_key(name, digest, _flags(loc), _dep_values(state.db, deps))
    if cache.already_saved(name, key):
        return
    old = cache.summary(name, digest, _flags(loc))
    if old is not None:
        imports = old.imports
        ignores = ignores if ignores is not None else old.ignores
    else:
        mod = state.program()[0].module(name)
        if mod is None:
            return
        imports = tuple(imported_modules(mod))
    cache.save_summary(
        name, digest, _flags(loc), Summary(interface_q(state.db, name), imports, ignores, deps)
    )
    cache.save_result(name, key, diags)
    _persist_functions(state, cache, name)


def _defs(db: CheckDatabase, name: str) -> DefIndex:
    """Module ``name``'s definitions by id, indexed once per parse (asked once per definition
    on every recheck, so a plain dict: the parse itself is what the reader depends on)."""
    program, _ = db.state.program()
    mod = program.module(name)
    if mod is None:
        return DefIndex({}, {})
    known = db.state.def_indexes.get(name)
    if known is None or known[0] is not mod:
        known = db.state.def_indexes[name] = (mod, index_defs(mod.tree))
    return known[1]


@query
def function_text_q(db: CheckDatabase, name: str, func: str, ordinal: int) -> str | None:
    """The source text of definition ``func`` #``ordinal`` of module ``name`` (no position:
    lines inserted above it leave it equal, so what depends on it is not re-run)."""
    loc = resolve_q(db, name)
    if not isinstance(loc, Located) or db.read_input(("file", loc.path)) is None:
        return None
    node = _defs(db, name).by_id.get((func, ordinal))
    if node is None:
        return None
    lines = db.state.lines_of(loc.path)[node.lineno - 1 : node.end_lineno or node.lineno]
    return "\n".join(lines)


@query
def function_q(
    db: CheckDatabase, name: str, class_fullname: str, func: str, ordinal: int
) -> tuple[Diagnostic, ...]:
    """The diagnostics of one top-level function or method body, keyed by its definition id.

    Its lines count from the def's line (1 is the ``def``); ``check_q`` re-bases them. It
    depends on the function's own text, its module's options and interface, and the
    interfaces of what its check consulted, never on the rest of its module's text: editing
    another function's body, or moving this one, leaves it valid. (A result that names
    positions outside the def also depends on the whole text.)
    """
    text = function_text_q(db, name, func, ordinal)
    if text is None:
        return ()
    cache = db.state.cache
    if cache is not None:
        cached = cache.function_result(
            name,
            _function_base(db, cache, name, (class_fullname, func, ordinal, 0), text),
            lambda deps: _dep_values(db, deps),
        )
        if cached is not None:
            return cached
    program, analysis = db.state.program()
    mod = program.module(name)
    node = _defs(db, name).by_id.get((func, ordinal))
    if mod is None or node is None:
        return ()
    saved = analysis.options
    analysis.options, _ = module_options_q(db, name)
    out: list[Diagnostic] = []
    # Its own module's interface, as any other module it consults (``ProgramState.consulted``).
    db.state.consulted(name)
    try:
        analysis.check_function(mod, node, class_fullname or None, None, sink=out.append)
    finally:
        analysis.options = saved
    relative = [rebase(d, mod.path, 1 - node.lineno) for d in out]
    if position_dependent(relative, mod.path, (node.end_lineno or node.lineno) - node.lineno + 1):
        loc = resolve_q(db, name)
        if isinstance(loc, Located):
            db.read_input(("file", loc.path))
    return tuple(relative)


@query
def class_text_q(db: CheckDatabase, name: str, cls: str, ordinal: int) -> str | None:
    """The source text of module-level class ``cls`` #``ordinal`` of module ``name``, its
    decorators included (no position, like ``function_text_q``)."""
    loc = resolve_q(db, name)
    if not isinstance(loc, Located) or db.read_input(("file", loc.path)) is None:
        return None
    node = _defs(db, name).classes.get((cls, ordinal))
    if node is None:
        return None
    first, last = def_span(node)
    return "\n".join(db.state.lines_of(loc.path)[first - 1 : last])


@query
def class_q(
    db: CheckDatabase, name: str, cls: str, ordinal: int
) -> tuple[Diagnostic | MethodCheck, ...]:
    """The diagnostics of one module-level class, but for its header (bases and decorators,
    evaluated in the module's flow) and its methods' bodies (``MethodCheck`` marks where each
    method's ``function_q`` results go). Lines count from the ``class`` line; it depends on
    the class's own text and on what it consulted, as ``function_q`` does."""
    text = class_text_q(db, name, cls, ordinal)
    program, analysis = db.state.program()
    mod = program.module(name)
    index = _defs(db, name)
    node = index.classes.get((cls, ordinal))
    if text is None or mod is None or node is None:
        return ()
    out: list[Diagnostic | MethodCheck] = []

    def method(
        _mod: SourceModule,
        fnode: ast.FunctionDef | ast.AsyncFunctionDef,
        class_fullname: str | None,
        sink: Callable[[Diagnostic], None],
    ) -> None:
        out.append(MethodCheck(class_fullname or "", fnode.name, index.ordinals[id(fnode)]))

    saved = analysis.options, analysis.function_hook
    analysis.options, _ = module_options_q(db, name)
    analysis.function_hook = method
    db.state.consulted(name)
    try:
        analysis.check_module_class(mod, node, out.append)  # type: ignore[arg-type]
    finally:
        analysis.options, analysis.function_hook = saved
    relative = [
        rebase(d, mod.path, 1 - node.lineno) if isinstance(d, Diagnostic) else d for d in out
    ]
    span = (node.end_lineno or node.lineno) - node.lineno + 1
    diags = [d for d in relative if isinstance(d, Diagnostic)]
    if position_dependent(diags, mod.path, span):
        db.read_input(("file", mod.path))
    return tuple(relative)
