"""Per-module results kept across runs: what makes a second run skip unchanged modules.

Two kinds of entries, both named by a digest of what they depend on (``inputs.cache_store``
keeps them on disk):

* a module's **summary**, keyed by the base key, its name, its source digest and how it was
  found: its interface digest, the modules it imports (to order the checks), its
  ``# type: ignore`` comments, and a *hint*: which modules its last check consulted. All but
  the hint are functions of the source text; the hint only says where to look next.
* a module's **result**, keyed by the base key, its name, its source digest, and each
  consulted module with its resolution and interface digest: the diagnostics of its check.

The base key hashes the tycheck version and code, the cache schema, and the options that
can change a result (target Python version and platform included). A warm run reads a
module's summary, evaluates the interfaces its hint names (from their summaries, without
parsing), and reuses the stored diagnostics when the result entry exists. A module with
errors is cached like any other, so it is not re-checked either.

Paths inside entries are relative to named roots (the project, installed packages,
typeshed), so a cache stays valid when the checkout moves or another machine built it.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator, Mapping, Sequence

from tycheck import __version__
from tycheck.errors.diagnostics import Diagnostic
from tycheck.errors.ignores import IgnoreProblem, IgnoreScan
from tycheck.inputs.cache_store import Store, entry_key, open_store, tree_digest
from tycheck.modules.resolve import ModuleNotFound
from tycheck.modules.search import SearchPaths
from tycheck.service.module_order import ImportEdge

if TYPE_CHECKING:
    from tycheck.checker.program import SourceModule
    from tycheck.inputs.options import Options

#: Bump when the layout or meaning of an entry changes.
SCHEMA = 1

#: Options that never change a module's diagnostics (where the cache is, how output is
#: printed, how many workers run); the rest are part of every key.
_OUTPUT_ONLY_OPTIONS = frozenset(
    {
        "incremental",
        "cache_dir",
        "sqlite_cache",
        "sqlite_num_shards",
        "fixed_format_cache",
        "debug_cache",
        "skip_version_check",
        "skip_cache_mtime_checks",
        "cache_fine_grained",
        "use_fine_grained_cache",
        "cache_map",
        "num_workers",
        "config_file",
        "files",
        "junit_xml",
        "junit_format",
        "report_dirs",
        "verbosity",
        "show_traceback",
        "pdb",
        "raise_exceptions",
        "output",
        "pretty",
        "color_output",
        "error_summary",
        "perf_stats_file",
        "timing_stats",
        "line_checking_stats",
        "fast_exit",
        "python_executable",
        # How messages are printed (applied after the checks, in ``errors/render.py``).
        "show_column_numbers",
        "show_error_end",
        "show_error_context",
        "hide_error_codes",
        "show_absolute_path",
        "show_error_code_links",
        "many_errors_threshold",
        "progress",
    }
)

# A dependency: ("r", module) for where it resolved, ("i", module) for its interface digest.
Dep = tuple[str, str]


@dataclass(frozen=True)
class Summary:
    """What a module's source text determines, plus the hint of what its check consulted."""

    interface: str
    imports: tuple[str, ...]
    ignores: IgnoreScan | None
    deps: tuple[Dep, ...] | None


@dataclass(frozen=True)
class ModuleFacts:
    """What the run needs of a module to order and report it, parsed or from the cache."""

    name: str
    path: str
    text: str
    imports: tuple[str, ...]
    ignores: IgnoreScan | None = None
    # The parsed tree when it was at hand (without syntax errors): scanning ignores needs no tokenizing.
    tree: ast.Module | None = None


@dataclass(frozen=True)
class GraphModule:
    """A module as the import graph sees it, from the cache: its edges, no statements."""

    name: str
    is_package: bool
    import_edges: tuple[ImportEdge, ...]

    @property
    def tree(self) -> ast.Module:
        # The graph reads ``import_edges``; there is nothing left to walk.
        return ast.Module(body=[], type_ignores=[])


class PortablePaths:
    """Absolute paths under named roots, written as ``\\x00label\\x00rest`` and back."""

    def __init__(self, roots: Sequence[tuple[str, str]]) -> None:
        # Longest first: a virtualenv inside the project belongs to "site", not "project".
        self.roots = sorted(
            ((label, os.path.join(os.path.normpath(d), "")) for label, d in roots),
            key=lambda r: -len(r[1]),
        )
        self.by_label = dict(self.roots)

    def out(self, text: str) -> str:
        for label, directory in self.roots:
            if directory in text:
                text = text.replace(directory, f"\x00{label}\x00")
        return text

    def back(self, text: str) -> str | None:
        """The path for this run, or None when a root it names does not exist here."""
        while "\x00" in text:
            _, label, _rest = text.split("\x00", 2)
            directory = self.by_label.get(label)
            if directory is None:
                return None
            text = text.replace(f"\x00{label}\x00", directory)
        return text


def code_digest() -> str:
    """A digest of tycheck's own source: a changed checker never reuses old results."""
    global _CODE_DIGEST
    if _CODE_DIGEST is None:
        import tycheck

        _CODE_DIGEST = tree_digest(os.path.dirname(os.path.abspath(tycheck.__file__)), ".py")
    return _CODE_DIGEST


_CODE_DIGEST: str | None = None


class ModuleCache:
    """The service's view of the persistent cache: keys, codecs, and in-process memos."""

    def __init__(self, store: Store, options: "Options", cwd: str) -> None:
        self.store = store
        self.options = options
        self.cwd = cwd
        self.paths = PortablePaths([("project", cwd)])
        self.base = ""
        self._summaries: dict[tuple[str, str, tuple[bool, ...]], Summary | None] = {}
        self._edges: dict[tuple[str, str, tuple[bool, ...]], tuple[ImportEdge, ...] | None] = {}
        self._persisted: dict[str, str] = {}
        self._functions: dict[str, dict[str, tuple[tuple[Dep, ...], str, list[list[object]]]]] = {}
        # Per module, the full key of each function item last saved, by the item's identity
        # (the item is held, so its ``id`` stays its own).
        self._item_keys: dict[str, dict[int, tuple[object, str]]] = {}
        self._inline: dict[str, tuple[str, str]] = {}
        self.hits: set[str] = set()
        # Per module, the engine's execution token of the check last stored (see persist_check).
        self.persisted_tokens: dict[str, object] = {}

    def set_roots(self, search: SearchPaths) -> None:
        """Name the roots of this run (the key of every entry depends on them)."""
        roots = [("project", self.cwd)]
        roots += [(f"site{i}", d) for i, d in enumerate(search.package_path)]
        roots += [(f"typeshed{i}", d) for i, d in enumerate(search.typeshed_path)]
        paths = PortablePaths(roots)
        if paths.roots != self.paths.roots or not self.base:
            self.paths = paths
            self.base = entry_key(__version__, SCHEMA, code_digest(), self._options_key())
            self._summaries.clear()
            self._edges.clear()
            self._functions.clear()
            self._item_keys.clear()

    def forget_misses(self) -> None:
        """Look again for the entries found missing so far (another process may have written them)."""
        for memo in (self._summaries, self._edges):
            for key in [k for k, v in memo.items() if v is None]:
                del memo[key]
        self._functions.clear()

    def _options_key(self) -> object:
        snap = {k: v for k, v in self.options.snapshot().items() if k not in _OUTPUT_ONLY_OPTIONS}
        text = json.dumps(_jsonable(snap), sort_keys=True, default=repr)
        return self.paths.out(text)

    # -- summaries ----------------------------------------------------------------------

    def summary(self, name: str, digest: str | None, flags: tuple[bool, ...]) -> Summary | None:
        if digest is None or not self.base:
            return None
        memo_key = (name, digest, flags)
        if memo_key not in self._summaries:
            payload = self.store.get(self._summary_key(name, digest, flags))
            self._summaries[memo_key] = _decode_summary(payload) if payload is not None else None
        return self._summaries[memo_key]

    def save_summary(
        self, name: str, digest: str, flags: tuple[bool, ...], summary: Summary
    ) -> None:
        if self.summary(name, digest, flags) == summary:
            return
        self._summaries[(name, digest, flags)] = summary
        self.store.put(self._summary_key(name, digest, flags), _encode_summary(summary))

    def _summary_key(self, name: str, digest: str, flags: tuple[bool, ...]) -> str:
        return entry_key(self.base, "summary", name, digest, flags)

    # -- import edges (the import graph orders the output; any module, stubs included) ------

    def import_edges(
        self, name: str, digest: str | None, flags: tuple[bool, ...]
    ) -> tuple[ImportEdge, ...] | None:
        """The stored import edges of a module's text (under this run's reachability options)."""
        if digest is None or not self.base:
            return None
        memo_key = (name, digest, flags)
        if memo_key not in self._edges:
            payload = self.store.get(self._edges_key(name, digest, flags))
            self._edges[memo_key] = _decode_edges(payload) if payload is not None else None
        return self._edges[memo_key]

    def save_import_edges(
        self, name: str, digest: str, flags: tuple[bool, ...], edges: Sequence[ImportEdge]
    ) -> None:
        if not self.base:
            return
        self._edges[(name, digest, flags)] = tuple(edges)
        rows = [[e.target, e.strength, e.line] for e in edges]
        payload = json.dumps(rows, separators=(",", ":")).encode("utf-8", "surrogatepass")
        self.store.put(self._edges_key(name, digest, flags), payload)

    def _edges_key(self, name: str, digest: str, flags: tuple[bool, ...]) -> str:
        return entry_key(self.base, "edges", name, digest, flags)

    # -- results ----------------------------------------------------------------------------

    def result_key(
        self, name: str, digest: str, flags: tuple[bool, ...], deps: Sequence[tuple[Dep, object]]
    ) -> str:
        portable = [[kind, other, self.portable_value(value)] for (kind, other), value in deps]
        return entry_key(self.base, "result", name, digest, flags, portable)

    def load_result(self, key: str) -> tuple[Diagnostic, ...] | None:
        payload = self.store.get(key)
        if payload is None:
            return None
        try:
            rows = json.loads(payload)
            diags = tuple(self._diagnostic(row) for row in rows)
        except (ValueError, TypeError, IndexError, _Unportable):
            return None
        return diags

    def save_result(self, name: str, key: str, diags: Sequence[Diagnostic]) -> None:
        if self._persisted.get(name) == key:
            return
        self._persisted[name] = key
        rows = [self._row(d) for d in diags]
        self.store.put(
            key, json.dumps(rows, separators=(",", ":")).encode("utf-8", "surrogatepass")
        )

    # -- function results (a hint index per module, each item checked by its full key) -----

    def function_base(
        self, name: str, where: tuple[str, str, int, int], text: str, interface: str, inline: str
    ) -> str:
        """What a function's result depends on besides other modules: its place and text,
        its module's interface and ``# mypy:`` comments."""
        return entry_key(self.base, "function", name, list(where), _digest(text), interface, inline)

    def inline_key(self, name: str, text: str) -> str:
        """``inline_config_key`` of a module's text, computed once per text (not per function)."""
        cached = self._inline.get(name)
        if cached is None or cached[0] is not text:
            cached = (text, inline_config_key(text))
            self._inline[name] = cached
        return cached[1]

    def function_result(
        self,
        name: str,
        base: str,
        deps_values: "Callable[[tuple[Dep, ...]], Sequence[tuple[Dep, object]]]",
    ) -> tuple[Diagnostic, ...] | None:
        """The stored diagnostics of a function, when what its check consulted is unchanged."""
        item = self._function_index(name).get(base)
        if item is None:
            return None
        deps, full, rows = item
        if self.result_key(name, base, (), deps_values(deps)) != full:
            return None
        try:
            return tuple(self._diagnostic(row) for row in rows)
        except (ValueError, TypeError, IndexError, _Unportable):
            return None

    def save_functions(
        self,
        name: str,
        items: Sequence[
            tuple[str, tuple[Dep, ...], Sequence[tuple[Dep, object]], Sequence[Diagnostic]]
        ],
    ) -> None:
        """Replace module ``name``'s function index (a hint: every item carries its full key)."""
        # A daemon saves a module's items again after each recheck of it; all but the
        # rechecked functions' items are the very same objects as last time (see
        # ``_persist_functions``), so their full keys (a hash of portable values) are kept.
        known = self._item_keys.get(name, {})
        keys: dict[int, tuple[object, str]] = {}
        index = {}
        for item in items:
            base, deps, values, diags = item
            seen = known.get(id(item))
            full = seen[1] if seen is not None and seen[0] is item else None
            if full is None:
                full = self.result_key(name, base, (), values)
            keys[id(item)] = (item, full)
            index[base] = (deps, full, [self._row(d) for d in diags])
        self._item_keys[name] = keys
        self._functions[name] = index
        data = [
            [base, [list(d) for d in deps], full, rows]
            for base, (deps, full, rows) in index.items()
        ]
        self.store.put(
            entry_key(self.base, "functions", name),
            json.dumps(data, separators=(",", ":")).encode("utf-8", "surrogatepass"),
        )

    def _function_index(
        self, name: str
    ) -> "dict[str, tuple[tuple[Dep, ...], str, list[list[object]]]]":
        index = self._functions.get(name)
        if index is None:
            index = {}
            payload = self.store.get(entry_key(self.base, "functions", name))
            try:
                for base, deps, full, rows in json.loads(payload) if payload is not None else ():
                    index[str(base)] = (tuple((str(k), str(m)) for k, m in deps), str(full), rows)
            except (ValueError, TypeError):
                index = {}
            self._functions[name] = index
        return index

    def already_saved(self, name: str, key: str) -> bool:
        return self._persisted.get(name) == key

    def mark_saved(self, name: str, key: str) -> None:
        self._persisted[name] = key

    def portable_value(self, value: object) -> object:
        """A resolution or interface digest as it goes into a key: paths made portable."""
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, ModuleNotFound):
            return ["missing", value.reason.name]
        fields = getattr(value, "__dataclass_fields__", None)
        if fields is None:
            return repr(value)
        values = [getattr(value, f) for f in fields]
        return [type(value).__name__] + [
            self.paths.out(v) if isinstance(v, str) else v for v in values
        ]

    def _row(self, d: Diagnostic) -> list[object]:
        out = self.paths.out
        return [
            out(d.path),
            d.line,
            d.column,
            d.severity,
            out(d.message),
            d.code,
            d.end_line,
            d.end_column,
            d.module,
            list(d.context) if d.context is not None else None,
            d.origin_line,
            d.sequence,
            d.only_once,
            d.blocker,
        ]

    def _diagnostic(self, row: list[object]) -> Diagnostic:
        path, message = self.paths.back(str(row[0])), self.paths.back(str(row[4]))
        if path is None or message is None:
            raise _Unportable
        context: tuple[str, ...] | None = tuple(row[9]) if row[9] is not None else None  # type: ignore[arg-type]
        return Diagnostic(
            path,
            row[1],
            row[2],
            row[3],
            message,
            row[5],
            row[6],
            row[7],
            row[8],
            context,
            row[10],
            row[11],
            row[12],
            row[13],
        )  # type: ignore[arg-type]

    def close(self) -> None:
        self.store.close()


class _Unportable(Exception):
    """An entry names a root this run does not have."""


def open_module_cache(
    options: "Options", cwd: str, environ: Mapping[str, str]
) -> ModuleCache | None:
    """The module cache of a session, or None when caching is off."""
    store = open_store(options.cache_dir, options.incremental, cwd, environ)
    return ModuleCache(store, options, cwd) if store is not None else None


# -- codecs ---------------------------------------------------------------------------------


def _encode_summary(s: Summary) -> bytes:
    data = {
        "interface": s.interface,
        "imports": list(s.imports),
        "deps": [list(d) for d in s.deps] if s.deps is not None else None,
        "ignores": _encode_scan(s.ignores) if s.ignores is not None else None,
    }
    return json.dumps(data, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _decode_summary(payload: bytes) -> Summary | None:
    try:
        data = json.loads(payload)
        deps = (
            tuple((str(k), str(m)) for k, m in data["deps"]) if data["deps"] is not None else None
        )
        scan = _decode_scan(data["ignores"]) if data["ignores"] is not None else None
        return Summary(str(data["interface"]), tuple(str(i) for i in data["imports"]), scan, deps)
    except (ValueError, TypeError, KeyError):
        return None


def _decode_edges(payload: bytes) -> tuple[ImportEdge, ...] | None:
    try:
        return tuple(ImportEdge(str(t), int(s), int(n)) for t, s, n in json.loads(payload))
    except (ValueError, TypeError):
        return None


def _encode_scan(scan: IgnoreScan) -> object:
    codes = lambda c: list(c) if c is not None else None  # noqa: E731
    return {
        "lines": [[line, codes(c)] for line, c in scan.lines.items()],
        "module_line": scan.module_ignore_line,
        "module_codes": codes(scan.module_ignore_codes),
        "problems": [[p.line, p.column, p.message] for p in scan.problems],
    }


def _decode_scan(data: dict[str, object]) -> IgnoreScan:
    codes = lambda c: tuple(c) if c is not None else None  # noqa: E731
    lines = {int(line): codes(c) for line, c in data["lines"]}  # type: ignore[attr-defined]
    problems = tuple(IgnoreProblem(int(a), int(b), str(c)) for a, b, c in data["problems"])  # type: ignore[attr-defined]
    return IgnoreScan(lines, data["module_line"], codes(data["module_codes"]), problems)  # type: ignore[arg-type]


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def inline_config_key(text: str) -> str:
    """The ``# mypy:`` comment lines of a module (its own options), as part of a key."""
    if "# mypy:" not in text:
        return ""
    return "\n".join(line for line in text.splitlines() if "# mypy:" in line)


def _jsonable(value: object) -> object:
    if isinstance(value, Mapping):
        return [[str(k), _jsonable(v)] for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))]
    if isinstance(value, (set, frozenset)):
        return sorted((_jsonable(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return repr(value)


# -- what a module imports (orders the checks; cached in its summary) ------------------------


def imported_modules(mod: "SourceModule") -> list[str]:
    """Modules a module imports (absolute names, in order), for ordering the checks."""
    from tycheck.semantic.symbols import resolve_relative

    out: list[str] = []
    for node in _statements(mod.tree.body):
        if isinstance(node, ast.Import):
            for al in node.names:
                out.append(al.name)
        elif isinstance(node, ast.ImportFrom):
            base = resolve_relative(mod.name, node.module, node.level, mod.is_package)
            if base is None:
                continue
            out.append(base)
            for al in node.names:
                if al.name != "*":
                    out.append(f"{base}.{al.name}")
    return out


def _statements(body: "list[ast.stmt]") -> "Iterator[ast.stmt]":
    """Every statement, nested ones included (imports are statements: no need to visit expressions)."""
    for stmt in body:
        yield stmt
        for field in ("body", "orelse", "finalbody", "handlers"):
            sub = getattr(stmt, field, None)
            if isinstance(sub, list):
                yield from _statements(
                    [s for s in sub if isinstance(s, (ast.stmt, ast.ExceptHandler))]
                )  # type: ignore[misc]
        if isinstance(stmt, ast.Match):
            for case in stmt.cases:
                yield from _statements(case.body)
