"""A checking session: options, sources, the program, and one check request at a time.

The batch CLI makes one session and checks once; the daemon keeps a session and checks again
after edits. Any exception raised by the analysis is caught here and reported as an internal
error (exit 2), naming the module being checked, so a bug fails one request only.
"""

from __future__ import annotations

import ast
import gc
import hashlib
import os
import sys
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Callable, Iterator, Mapping, Sequence

from tycheck import __version__
from tycheck.checker.api import Located, Program, SourceModule
from tycheck.errors.codes import ERROR_CODES
from tycheck.errors.diagnostics import Diagnostic
from tycheck.errors.ignores import (
    IgnoreOptions,
    IgnoreScan,
    apply_ignores,
    ignore_comment_diagnostics,
    scan_ignore_comments,
)
from tycheck.errors.render import exit_code as compute_exit_code
from tycheck.errors.render import format_diagnostic_lines, summary_line
from tycheck.errors.reports import format_json_lines, junit_messages, junit_xml
from tycheck.inputs import cmdline
from tycheck.inputs.fs import (
    FileSystem,
    ModuleSearchFS,
    RealFileSystem,
    content_hash,
    write_text,
)
from tycheck.inputs.options import Options
from tycheck.modules.failure import SourceError
from tycheck.modules.import_report import arrange_import_failures, is_once_per_run
from tycheck.modules.messages import module_not_found_messages
from tycheck.modules.resolve import (
    ModuleFile,
    ModuleFinder,
    ModuleNotFound,
    finder_for_options,
    load_stdlib_versions,
)
from tycheck.modules.search import SearchPaths, compute_search_paths, stdlib_dir
from tycheck.modules.sources import BuildSource, DuplicateModule, find_duplicate, find_sources
from tycheck.semantic.skipped import SkippedLines
from tycheck.semantic.reach import ReachOptions
from tycheck.service.module_order import (
    ImportEdge,
    ModuleGraph,
    ModuleLike,
    import_skeleton,
    module_imports,
)
from tycheck.service.api import CheckOutcome, Targets, UsageError
from tycheck.service.deep_stack import run_with_deep_stack
from tycheck.service.incremental import (
    ProgramState,
    SourceEntry,
    check_q,
    module_facts,
    module_options,
    persist_check,
)
from tycheck.service.module_cache import GraphModule, ModuleFacts, open_module_cache
from tycheck.service.workers import WorkerPool, start_workers, worker_share


def parse_args(
    argv: Sequence[str],
    cwd: str | None = None,
    environ: Mapping[str, str] | None = None,
    require_targets: bool = True,
) -> cmdline.CommandLine:
    try:
        return cmdline.parse_command_line(
            list(argv), cwd=cwd, environ=environ, require_targets=require_targets
        )
    except cmdline.UsageError as e:
        raise UsageError(e.message, e.exit_code, e.stdout) from None


def options_fingerprint(
    argv: Sequence[str],
    cwd: str | None = None,
    environ: Mapping[str, str] | None = None,
    require_targets: bool = False,
) -> str:
    """Effective options, config content and version, hashed: a change means a restart."""
    return _fingerprint(parse_args(argv, cwd, environ, require_targets=False))


def _fingerprint(line: cmdline.CommandLine) -> str:
    h = hashlib.sha256()
    h.update(__version__.encode())
    h.update(line.options.fingerprint().encode())
    h.update((line.config_text_digest or "").encode())
    return h.hexdigest()


@dataclass
class _Seen:
    mtime: float
    size: int
    digest: str


class Session:
    """Options and targets parsed once; ``check`` runs the analysis on the current files."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        cwd: str | None = None,
        environ: Mapping[str, str] | None = None,
        fs: FileSystem | None = None,
        require_targets: bool = True,
    ) -> None:
        self.cwd = cwd or os.getcwd()
        self.environ = dict(os.environ if environ is None else environ)
        self.argv = list(argv)
        # In a worker process of ``-n N``: the modules to check into the cache (see workers).
        self.worker_share = worker_share(self.environ)
        self.fs = fs or RealFileSystem()
        self.line = parse_args(argv, self.cwd, self.environ, require_targets)
        self.options: Options = self.line.options
        self.targets = Targets(
            self.line.targets.files,
            self.line.targets.modules,
            self.line.targets.packages,
            self.line.targets.command,
        )
        self.fingerprint = _fingerprint(self.line)
        self.export_types = False
        self._seen: dict[str, _Seen] = {}
        self._state: ProgramState | None = None
        self._ignore_scans: dict[str, tuple[str, IgnoreScan]] = {}
        self._paths: tuple[tuple[tuple[str, str | None, str | None], ...], SearchPaths] | None = (
            None
        )
        # None: re-observe everything before the next check; a set: only these files; False: nothing.
        self._pending_refresh: set[str] | None | bool = None
        # Per path, the import edges of its last version (content digest, how it was found).
        self._edges: dict[str, tuple[tuple[str, tuple[bool, ...]], tuple[ImportEdge, ...]]] = {}
        # Called with (modules done, modules in all) while a check runs; the CLI shows it.
        self.progress: Callable[[int, int], None] | None = None

    # -- file states ----------------------------------------------------------------

    def file_states(self) -> dict[str, tuple[float, int, str]]:
        if self._state is None:
            return {}
        state = self._state
        return {
            state.abspath(p): v for p, v in sorted(state.stats.items()) if state.durability(p) == 0
        }

    def _write_junit(self, lines: list[str], elapsed: float) -> None:
        """``--junit-xml``: mypy's report of this run's messages, written through ``inputs``."""
        by_file: dict[str, list[str]] = {}
        for line in lines:
            by_file.setdefault(line.split(":", 1)[0], []).append(line)
        messages = junit_messages(lines, by_file, self.options.junit_format)
        xml = junit_xml(
            elapsed, False, messages, tuple(self.options.python_version), self.options.platform
        )  # type: ignore[arg-type]
        write_text(os.path.join(self.cwd, self.options.junit_xml), xml)

    def ignore_scan(self, path: str, text: str, tree: "ast.Module | None" = None) -> "IgnoreScan":
        """The ignore comments of a file, scanned again only when its text changed."""
        cached = self._ignore_scans.get(path)
        if cached is None or cached[0] != text:
            cached = (text, scan_ignore_comments(text, tree))
            self._ignore_scans[path] = cached
        return cached[1]

    def search_paths(self, sources: list[BuildSource]) -> "SearchPaths":
        """Search paths for these sources (they depend only on the sources' locations)."""
        key = tuple((s.module, s.path, s.base_dir) for s in sources)
        if self._paths is None or self._paths[0] != key:
            paths = compute_search_paths(
                sources=sources,
                options=self.options,
                fs=self.fs,
                cwd=self.cwd,
                environ=self.environ,
            )
            self._paths = (key, paths)
        return self._paths[1]

    def program_state(self, paths: object) -> ProgramState:
        """The long-lived engine state; refreshed against the disk before each request."""
        if self._state is None:
            opts = self.options
            reach = ReachOptions(
                tuple(opts.python_version),
                opts.platform,
                tuple(opts.always_true),
                tuple(opts.always_false),
            )
            versions = load_stdlib_versions(self.fs, stdlib_dir(opts.custom_typeshed_dir, self.cwd))
            # Listings cut to what module search reads: unrelated files coming and going
            # in a searched directory do not start a fresh program on the next request.
            self._state = ProgramState(ModuleSearchFS(self.fs), self.cwd, opts, reach, versions)
            if isinstance(self.fs, RealFileSystem):
                self._state.cache = open_module_cache(opts, self.cwd, self.environ)
        elif self._pending_refresh is not False:
            self._state.refresh(self._pending_refresh)
        self._pending_refresh = None
        return self._state

    def apply_changes(
        self, changed: Sequence[str] | None = None, removed: Sequence[str] | None = None
    ) -> None:
        """Name what changed (``--update``/``--remove``), or None for both: find out by stat and hash."""
        if changed is None and removed is None:
            self._pending_refresh = None
            return
        self._pending_refresh = {
            os.path.abspath(os.path.join(self.cwd, p))
            for p in list(changed or []) + list(removed or [])
        }

    def revise_targets(
        self, previous: Targets, update: Sequence[str], remove: Sequence[str]
    ) -> Targets:
        """``recheck --update/--remove``: the previous targets, revised by module identity.

        A file is added only when no source of the targets already is its module (however
        the path is spelt: ``p/box.py``, ``./p/box.py``, absolute, or inside a directory
        target), so rechecks never count a module twice. Removed files leave the file list.
        """
        removed = {self._abspath(p) for p in remove}
        files = [f for f in previous.files if self._abspath(f) not in removed]
        known = self._identities(
            Targets(tuple(files), previous.modules, previous.packages, previous.command)
        )
        # Stubs first, as a .pyi shadows its .py when both are added in one go.
        for path in sorted(update, key=lambda p: os.path.splitext(p)[1], reverse=True):
            ident = self._identities(Targets(files=(path,)))
            if self._abspath(path) in removed or not ident or ident & known:
                continue
            files.append(path)
            known |= ident
        return Targets(tuple(files), previous.modules, previous.packages, previous.command)

    def _abspath(self, path: str) -> str:
        return os.path.normpath(os.path.join(self.cwd, path))

    def _identities(self, targets: Targets) -> set[str]:
        """Module names and absolute paths of the sources ``targets`` name."""
        try:
            sources = find_sources(targets, self.options, self.fs, self.cwd, environ=self.environ)
        except SourceError:
            return {self._abspath(f) for f in targets.files}
        return {s.module for s in sources} | {
            self._abspath(s.path) for s in sources if s.path is not None
        }

    def release_memory(self) -> None:
        """Drop engine memos no longer reachable from the last check (keeps the daemon flat)."""
        if self._state is not None:
            self._state.release()
        _return_freed_memory()

    def _read(self, path: str) -> str | None:
        full = path if os.path.isabs(path) else os.path.join(self.cwd, path)
        data = self.fs.read_bytes(full)
        if data is None:
            return None
        st = self.fs.stat(full)
        if st is not None:
            self._seen[os.path.abspath(full)] = _Seen(st.mtime, st.size, content_hash(data))
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return data.decode("latin-1")

    # -- checking ----------------------------------------------------------------------

    def check(self, targets: Targets | None = None) -> CheckOutcome:
        """Check ``targets`` (default: the last ones) against the current files.

        The work runs on a deep-stack worker thread (``deep_stack``), in the batch command
        and the daemon alike, so deeply nested code gets the same answer from both.
        """
        if targets is not None:
            self.targets = targets
        with _few_collections():
            return run_with_deep_stack(self._check)

    def _check(self) -> CheckOutcome:
        start = time.perf_counter()
        prefix_out = "".join(m + "\n" for m in self.line.stdout_messages)
        prefix_err = "".join(m + "\n" for m in self.line.stderr_messages)
        current = "<startup>"
        try:
            try:
                sources = find_sources(
                    self.targets, self.options, self.fs, self.cwd, environ=self.environ
                )
            except SourceError as e:
                return CheckOutcome(prefix_out, prefix_err + e.message + "\n", e.exit_code)
            duplicate = find_duplicate(sources)
            if duplicate is not None:
                return self._duplicate_outcome(duplicate, len(sources), prefix_out, prefix_err)
            run = _Run(self, sources)
            lines, blockers = run.execute()
            if self._state is not None and self._state.cache is not None:
                self._state.cache.close()
            if self.worker_share is not None:
                return CheckOutcome("", "", 0)
            n_sources = len(sources)
            out_lines = list(lines)
            json_output = self.options.output == "json"
            if json_output:
                out_lines = format_json_lines(run.diagnostics, options_view=self.options)
            summary = None
            if self.options.error_summary:
                summary = summary_line(
                    out_lines, n_sources, blockers=blockers, hide_success=json_output
                )
            if json_output:
                code = (2 if blockers else 1) if out_lines else 0
            else:
                code = compute_exit_code(out_lines, blockers=blockers)
            text = "".join(line + "\n" for line in out_lines)
            if summary:
                text += summary + "\n"
            if self.options.junit_xml:
                self._write_junit(list(lines), time.perf_counter() - start)
            timings = {"total": time.perf_counter() - start}
            return CheckOutcome(
                prefix_out + text,
                prefix_err,
                code,
                timings,
                tuple(s.path or "" for s in sources),
                tuple(run.diagnostics),
            )
        except Exception as exc:  # an internal error: report it and keep the process alive
            current = getattr(exc, "_tycheck_module", current)
            if hasattr(exc, "_tycheck_line") and current != "<startup>":
                current = f"{display(current, self.cwd)}:{exc._tycheck_line}"  # type: ignore[attr-defined]
            tb = traceback.format_exc()
            err = f"{current}: error: INTERNAL ERROR -- Please try using tycheck from source or report the bug.\n"
            if getattr(self.options, "show_traceback", False):
                err += tb
            else:
                err += f"{current}: note: use --show-traceback to see the stack trace\n"
            return CheckOutcome(
                prefix_out, prefix_err + err, 2, {"total": time.perf_counter() - start}
            )

    def _duplicate_outcome(
        self, duplicate: DuplicateModule, n_sources: int, prefix_out: str, prefix_err: str
    ) -> CheckOutcome:
        """Two sources are one module: like mypy, report it (a blocker) and check nothing."""
        diagnostics = duplicate_diagnostics(duplicate, self.cwd)
        json_output = self.options.output == "json"
        if json_output:
            lines = format_json_lines(diagnostics, options_view=self.options)
        else:
            lines = format_diagnostic_lines(
                diagnostics, options_view=self.options, source_lines=lambda _: None
            )
        summary = (
            summary_line(lines, n_sources, blockers=True, hide_success=json_output)
            if self.options.error_summary
            else None
        )
        text = "".join(line + "\n" for line in lines) + (summary + "\n" if summary else "")
        return CheckOutcome(prefix_out + text, prefix_err, 2)


class _Run:
    """One check: resolve, load, analyse and render."""

    def __init__(self, session: Session, sources: list[BuildSource]) -> None:
        self.s = session
        self.sources = sources
        opts = session.options
        self.opts = opts
        self.paths = session.search_paths(sources)
        self.source_by_module = {s.module: s for s in sources}
        self.state = session.program_state(self.paths)
        # A ``-m`` module has neither path nor text: the module finder locates it.
        entries = tuple(
            SourceEntry(s.module, s.path if s.path is not None else "<string>")
            for s in sources
            if s.path is not None or s.text is not None
        )
        for s in sources:
            if s.text is not None:
                self.state.set_text("<string>", s.text)
        self.state.set_context(self.paths, entries)
        # A ``-m`` module is a source at the file the finder gives, whatever --follow-imports says.
        named = [s.module for s in sources if s.path is None and s.text is None]
        if named:
            finder = self.state.finder()
            found = [(m, finder.find(m)) for m in named]
            extra = tuple(
                SourceEntry(m, f.path)
                for m, f in found
                if isinstance(f, ModuleFile) and not f.is_namespace
            )
            if extra:
                self.state.set_context(self.paths, entries + extra)
        if self.state.cache is not None:
            self.state.cache.set_roots(self.paths)
        self.package_dirs = tuple(os.path.abspath(p) for p in self.paths.package_path)
        self._located: dict[str, Located | None] = {}
        self._graph_modules: dict[str, ModuleLike | None] = {}

    def is_installed(self, path: str) -> bool:
        ap = os.path.abspath(path)
        return any(ap.startswith(d + os.sep) for d in self.package_dirs)

    def module_order(self) -> list[ModuleFacts]:
        """Checked modules, dependencies first (as mypy processes them)."""
        order: list[ModuleFacts] = []
        seen: set[str] = set()

        def visit(name: str) -> None:
            if name in seen:
                return
            seen.add(name)
            loc = self._locate(name)
            # Stubs and installed packages are not checked: don't even parse them here.
            if (
                loc is None
                or loc.is_typeshed
                or self.is_installed(loc.path)
                and name not in self.source_by_module
            ):
                return
            mod = module_facts(self.state, name, loc)
            if mod is None:
                problem = self.state.read_errors.get(loc.path)
                if problem is not None:
                    self.unreadable.append(
                        Diagnostic(
                            display(loc.path, self.s.cwd),
                            -1,
                            -1,
                            "error",
                            problem,
                            None,
                            module=name,
                            blocker=True,
                        )
                    )
                return
            # A module's parent packages are imported (and checked) before it, as in mypy.
            parts = name.split(".")
            for i in range(1, len(parts)):
                visit(".".join(parts[:i]))
            for dep in mod.imports:
                visit(dep)
            order.append(mod)

        for s in self.sources:
            visit(s.module)
        # The walk above decides what is checked; mypy's processing order decides the sequence.
        self.graph = ModuleGraph.build(
            (s.module for s in self.sources), self._graph_module, self.state.reach
        )
        position = {name: i for i, name in enumerate(self.graph.processing_order())}
        return sorted(order, key=lambda m: position.get(m.name, len(position)))

    def _locate(self, name: str) -> Located | None:
        """``state.locate``, remembered for this run (the graph asks for each name many times)."""
        if name not in self._located:
            self._located[name] = self.state.locate(name)
        return self._located[name]

    def _graph_module(self, name: str) -> ModuleLike | None:
        if name not in self._graph_modules:
            self._graph_modules[name] = self._load_graph_module(name)
        return self._graph_modules[name]

    def _load_graph_module(self, name: str) -> ModuleLike | None:
        """A module's import edges for the graph: from the cache when its text is known there,
        else from its parsed imports (stubs: only their import lines are parsed)."""
        loc = self._locate(name)
        if loc is None:
            return None
        digest: str | None = self.state.db.read_input(("file", loc.path))
        if digest is None:
            return None
        flags = (loc.is_stub, loc.is_package, loc.is_typeshed)
        known = self.s._edges.get(loc.path)
        edges = known[1] if known is not None and known[0] == (digest, flags) else None
        cache = self.state.cache
        if edges is None and cache is not None:
            edges = cache.import_edges(name, digest, flags)
        if edges is None:
            mod = self._parsed_imports(name, loc)
            if mod is None:
                return None
            edges = tuple(module_imports(mod, self.state.reach))
            if cache is not None:
                cache.save_import_edges(name, digest, flags, edges)
        self.s._edges[loc.path] = ((digest, flags), edges)
        return GraphModule(name, loc.is_package, edges)

    def _parsed_imports(self, name: str, loc: Located) -> ModuleLike | None:
        if loc.is_typeshed:  # only its imports matter here: no need to parse the whole stub
            text = self.state.read_text(loc.path)
            skeleton = import_skeleton(name, text, loc.is_package) if text is not None else None
            if skeleton is not None:
                return skeleton
        return self.state.program()[0].module(name)

    def execute(self) -> tuple[list[str], bool]:
        all_diags: list[Diagnostic] = []
        blockers = False
        self.unreadable: list[Diagnostic] = []
        seen_once: set[str] = set()
        order = self.module_order()
        raw = self._check_modules(order)
        if self.s.worker_share is not None:
            return [], False  # a worker's results went to the cache; the parent reports them
        dropped = self._repeated_import_notes(order, raw)
        for mod in order:
            if (
                mod.name not in self.source_by_module
                and module_options(self.opts, mod.name, mod.text)[0].follow_imports == "silent"
            ):
                continue
            diags = [d for d in raw[mod.name] if id(d) not in dropped]
            path, scan, iopts = self._ignore_context(mod)
            diags = ignore_comment_diagnostics(mod.path, scan, mod.name) + diags
            diags = [d.with_path(path) for d in diags]
            skipped = SkippedLines(mod.text, mod.tree, self.state.reach)  # hook: preal3
            diags = apply_ignores(
                path,
                diags,
                scan,
                iopts,
                module=mod.name,
                seen_once=seen_once,
                skipped_lines=skipped,
            )
            if any(d.blocker for d in diags):
                blockers = True
            all_diags.extend(diags)
        if self.unreadable:
            # Like mypy, the first file that cannot be read stops the build: nothing else is reported.
            all_diags = self.unreadable[:1]
            blockers = True
        source_cache: dict[str, list[str] | None] = {}

        def lines_of(path: str) -> list[str] | None:
            if path not in source_cache:
                text = (
                    self.state.texts.get(path) if path in self.state.texts else self.s._read(path)
                )
                source_cache[path] = text.splitlines() if text is not None else None
            return source_cache[path]

        lines = format_diagnostic_lines(all_diags, options_view=self.opts, source_lines=lines_of)
        self.diagnostics = all_diags
        return lines, blockers

    def _check_modules(self, order: list[ModuleFacts]) -> dict[str, list[Diagnostic]]:
        """Each module's diagnostics. With ``-n N`` workers check shares into the cache while
        this process checks its own; their modules then come from the cache (``workers``)."""
        pool, own = self._start_workers(order)
        share = self.s.worker_share if self.s.worker_share is not None else own
        mine = [m for m in order if share is None or m.name in share]
        rest = [m for m in order if pool is not None and m.name in pool.assigned]
        raw: dict[str, list[Diagnostic]] = {}
        try:
            for mod in mine:
                self._report_progress(len(raw), len(order))
                raw[mod.name] = self._module_diagnostics(mod)
            if pool is not None:
                pool.wait()
                assert self.state.cache is not None
                self.state.cache.forget_misses()  # entries the workers wrote meanwhile
        finally:
            if pool is not None:
                pool.stop()
        for mod in rest:
            self._report_progress(len(raw), len(order))
            raw[mod.name] = self._module_diagnostics(mod)
        return raw

    def _start_workers(self, order: list[ModuleFacts]) -> tuple[WorkerPool | None, set[str] | None]:
        """Workers for the modules no cached summary knows (with ``-n N``, N > 1, and a cache),
        and this process's own share of them (None: every module is its own)."""
        cache = self.state.cache
        if (
            self.opts.num_workers < 2
            or self.s.worker_share is not None
            or cache is None
            or not self.opts.incremental
        ):
            return None, None
        todo = [(m.name, len(m.text)) for m in order if m.ignores is None]
        pool, _ = start_workers(
            self.s.argv, self.s.cwd, self.s.environ, todo, self.opts.num_workers
        )
        if pool is None:
            return None, None
        return pool, {m.name for m in order if m.name not in pool.assigned}

    def _report_progress(self, done: int, total: int) -> None:
        if self.s.progress is not None:
            self.s.progress(done, total)

    def _module_diagnostics(self, mod: ModuleFacts) -> list[Diagnostic]:
        """The checker's diagnostics of a module (stored in the persistent cache), import
        failures arranged as mypy reports them."""
        try:
            diags = check_q(self.state.db, mod.name)
        except Exception as e:
            e._tycheck_module = mod.path  # type: ignore[attr-defined]
            raise
        persist_check(self.state, mod.name, tuple(diags), self._scan(mod))
        return arrange_import_failures(diags)

    def _scan(self, mod: ModuleFacts) -> IgnoreScan:
        """A module's ``# type: ignore`` comments, from the cache's facts when it has them."""
        return (
            mod.ignores
            if mod.ignores is not None
            else self.s.ignore_scan(mod.path, mod.text, mod.tree)
        )

    def _ignore_context(self, mod: ModuleFacts) -> tuple[str, IgnoreScan, IgnoreOptions]:
        """The displayed path, the ``# type: ignore`` scan and the ignore options of a module."""
        mod_opts = module_options(self.opts, mod.name, mod.text)[0]
        scan = self._scan(mod)
        enabled = lambda c, o=mod_opts: _code_enabled(o, c)  # noqa: E731
        iopts = IgnoreOptions(
            code_enabled=enabled,
            report_unused=bool(
                mod_opts.warn_unused_ignores or "unused-ignore" in mod_opts.enabled_error_codes
            )
            and "unused-ignore" not in mod_opts.disabled_error_codes,
            warn_unused_ignores=mod_opts.warn_unused_ignores,
            ignore_errors=mod_opts.ignore_errors,
            code_links=bool(getattr(mod_opts, "show_error_code_links", False))
            and not mod_opts.hide_error_codes,
        )
        return display(mod.path, self.s.cwd), scan, iopts

    def _repeated_import_notes(
        self, order: list[ModuleFacts], raw: dict[str, list[Diagnostic]]
    ) -> set[int]:
        """The once-per-run import notes to drop: all but the first printed in mypy's load order.

        mypy reports import failures while loading modules, before it checks any; a note
        whose error is ignored is not printed and does not count.
        """
        by_name = {mod.name: mod for mod in order}
        seen: set[str] = set()
        dropped: set[int] = set()
        for name in self.graph.load_order:
            mod = by_name.get(name)
            if mod is None or (
                name not in self.source_by_module
                and module_options(self.opts, name, mod.text)[0].follow_imports == "silent"
            ):
                continue
            notes = [d for d in raw[name] if d.only_once and is_once_per_run(d.message)]
            if not notes:
                continue
            path, scan, iopts = self._ignore_context(mod)
            # Which notes escape the ignores (as plain notes, so that none is deduplicated here).
            plain = [replace(d, only_once=False) for d in notes]
            kept = {
                id(d)
                for d in apply_ignores(
                    path, plain, scan, replace(iopts, report_unused=False), module=name
                )
            }
            for d, p in zip(notes, plain):
                if id(p) not in kept:
                    continue
                if d.message in seen:
                    dropped.add(id(d))
                seen.add(d.message)
        return dropped


def duplicate_diagnostics(duplicate: DuplicateModule, cwd: str) -> list[Diagnostic]:
    """mypy's blocking "Duplicate module named" error with its notes, at no line."""
    path = display(os.path.abspath(os.path.join(cwd, duplicate.path)), cwd)
    return [
        Diagnostic(
            path,
            -1,
            -1,
            severity,
            text,
            None,
            end_column=0,
            module=duplicate.module,
            sequence=i,
            blocker=True,
        )  # type: ignore[arg-type]
        for i, (severity, text) in enumerate(duplicate.messages())
    ]


def display(path: str, cwd: str | None = None) -> str:
    """Paths under the working directory print relative to it, as mypy prints them."""
    if not os.path.isabs(path):
        return path
    base = (cwd or os.getcwd()).rstrip(os.sep) + os.sep
    if path.startswith(base):
        return path[len(base) :]
    return path


def _code_enabled(opts: Options, code: str) -> bool:
    ec = ERROR_CODES.get(code)
    if ec is None:
        return True
    return opts.is_code_enabled(code, ec.default_enabled, sub_code_of=ec.sub_code_of)


@contextmanager
def _few_collections() -> Iterator[None]:
    """Collect garbage less often while a check runs, then as before.

    A check allocates millions of objects that live until it ends (trees, types, memos);
    with the interpreter's default thresholds the young generations are scanned every 700
    allocations and about a fifth of a cold run's time went to collections that freed
    nothing (rich: 1.13 of 4.93 CPU seconds; 0.42 with these thresholds).
    """
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], 50_000), max(old[1], 20), old[2])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _return_freed_memory() -> None:
    """Ask the C allocator to give freed memory back to the system (glibc only).

    Without it a daemon's resident size settles about 10 MiB above what it really uses,
    memory freed by one recheck and kept by the allocator for the next.
    """
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
