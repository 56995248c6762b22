"""A checking session: options, sources, the program, and one check request at a time.

The batch CLI makes one session and checks once; the daemon keeps a session and checks again
after edits. Any exception raised by the analysis is caught here and reported as an internal
error (exit 2), naming the module being checked, so a bug fails one request only.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
import traceback
from dataclasses import dataclass
from typing import Iterator, Mapping, Sequence

from tycheck import __version__
from tycheck.checker.api import Analysis, Located, Program, SourceModule
from tycheck.errors.codes import ERROR_CODES
from tycheck.errors.diagnostics import Diagnostic
from tycheck.errors.ignores import IgnoreOptions, IgnoreScan, apply_ignores, ignore_comment_diagnostics, scan_ignore_comments
from tycheck.errors.render import exit_code as compute_exit_code
from tycheck.errors.render import format_diagnostic_lines, summary_line
from tycheck.errors.reports import format_json_lines, junit_messages, junit_xml
from tycheck.inputs import cmdline
from tycheck.inputs.fs import FileSystem, RealFileSystem, content_hash, write_text
from tycheck.inputs.options import Options
from tycheck.modules.failure import SourceError
from tycheck.modules.messages import module_not_found_messages
from tycheck.modules.resolve import ModuleFile, ModuleFinder, ModuleNotFound, finder_for_options, load_stdlib_versions
from tycheck.modules.search import SearchPaths, compute_search_paths, stdlib_dir
from tycheck.modules.sources import BuildSource, find_sources
from tycheck.semantic.reach import ReachOptions
from tycheck.service.api import CheckOutcome, Targets, UsageError
from tycheck.service.incremental import ProgramState, SourceEntry, check_q, module_options


def parse_args(argv: Sequence[str], cwd: str | None = None, environ: Mapping[str, str] | None = None, require_targets: bool = True) -> cmdline.CommandLine:
    try:
        return cmdline.parse_command_line(list(argv), cwd=cwd, environ=environ, require_targets=require_targets)
    except cmdline.UsageError as e:
        raise UsageError(e.message, e.exit_code, e.stdout) from None


def options_fingerprint(argv: Sequence[str], cwd: str | None = None, environ: Mapping[str, str] | None = None, require_targets: bool = False) -> str:
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

    def __init__(self, argv: Sequence[str], *, cwd: str | None = None, environ: Mapping[str, str] | None = None, fs: FileSystem | None = None, require_targets: bool = True) -> None:
        self.cwd = cwd or os.getcwd()
        self.environ = dict(os.environ if environ is None else environ)
        self.fs = fs or RealFileSystem()
        self.line = parse_args(argv, self.cwd, self.environ, require_targets)
        self.options: Options = self.line.options
        self.targets = Targets(self.line.targets.files, self.line.targets.modules, self.line.targets.packages, self.line.targets.command)
        self.fingerprint = _fingerprint(self.line)
        self.export_types = False
        self._seen: dict[str, _Seen] = {}
        self._state: ProgramState | None = None
        self._ignore_scans: dict[str, tuple[str, IgnoreScan]] = {}
        self._paths: tuple[tuple[tuple[str, str | None, str | None], ...], SearchPaths] | None = None
        # None: re-observe everything before the next check; a set: only these files; False: nothing.
        self._pending_refresh: set[str] | None | bool = None
        self._stub_cache: dict[tuple[str, float, int], SourceModule] = {}
        # Each recheck orders every module by its imports: walk a module's tree once per parse.
        self._imports: dict[str, tuple[SourceModule, list[str]]] = {}

    # -- file states ----------------------------------------------------------------

    def file_states(self) -> dict[str, tuple[float, int, str]]:
        if self._state is None:
            return {}
        state = self._state
        return {state.abspath(p): v for p, v in sorted(state.stats.items()) if state.durability(p) == 0}

    def _write_junit(self, lines: list[str], elapsed: float) -> None:
        """``--junit-xml``: mypy's report of this run's messages, written through ``inputs``."""
        by_file: dict[str, list[str]] = {}
        for line in lines:
            by_file.setdefault(line.split(":", 1)[0], []).append(line)
        messages = junit_messages(lines, by_file, self.options.junit_format)
        xml = junit_xml(elapsed, False, messages, tuple(self.options.python_version), self.options.platform)  # type: ignore[arg-type]
        write_text(os.path.join(self.cwd, self.options.junit_xml), xml)

    def ignore_scan(self, path: str, text: str) -> "IgnoreScan":
        """The ignore comments of a file, scanned again only when its text changed."""
        cached = self._ignore_scans.get(path)
        if cached is None or cached[0] != text:
            cached = (text, scan_ignore_comments(text))
            self._ignore_scans[path] = cached
        return cached[1]

    def search_paths(self, sources: list[BuildSource]) -> "SearchPaths":
        """Search paths for these sources (they depend only on the sources' locations)."""
        key = tuple((s.module, s.path, s.base_dir) for s in sources)
        if self._paths is None or self._paths[0] != key:
            paths = compute_search_paths(sources=sources, options=self.options, fs=self.fs, cwd=self.cwd, environ=self.environ)
            self._paths = (key, paths)
        return self._paths[1]

    def program_state(self, paths: object) -> ProgramState:
        """The long-lived engine state; refreshed against the disk before each request."""
        if self._state is None:
            opts = self.options
            reach = ReachOptions(tuple(opts.python_version), opts.platform, tuple(opts.always_true), tuple(opts.always_false))
            versions = load_stdlib_versions(self.fs, stdlib_dir(opts.custom_typeshed_dir, self.cwd))
            self._state = ProgramState(self.fs, self.cwd, opts, reach, versions)
        elif self._pending_refresh is not False:
            self._state.refresh(self._pending_refresh)
        self._pending_refresh = None
        return self._state

    def apply_changes(self, changed: Sequence[str] | None = None, removed: Sequence[str] | None = None) -> None:
        """Name what changed (``--update``/``--remove``), or None for both: find out by stat and hash."""
        if changed is None and removed is None:
            self._pending_refresh = None
            return
        self._pending_refresh = {os.path.abspath(os.path.join(self.cwd, p)) for p in list(changed or []) + list(removed or [])}

    def imports_of(self, mod: SourceModule) -> list[str]:
        """``imported_modules(mod)``, remembered until the file is parsed again."""
        got = self._imports.get(mod.path)
        if got is None or got[0] is not mod:
            got = (mod, imported_modules(mod))
            self._imports[mod.path] = got
        return got[1]

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
        if targets is not None:
            self.targets = targets
        start = time.perf_counter()
        prefix_out = "".join(m + "\n" for m in self.line.stdout_messages)
        prefix_err = "".join(m + "\n" for m in self.line.stderr_messages)
        current = "<startup>"
        try:
            try:
                sources = find_sources(self.targets, self.options, self.fs, self.cwd, environ=self.environ)
            except SourceError as e:
                return CheckOutcome(prefix_out, prefix_err + e.message + "\n", e.exit_code)
            run = _Run(self, sources)
            lines, blockers = run.execute()
            n_sources = len(sources)
            out_lines = list(lines)
            json_output = self.options.output == "json"
            if json_output:
                out_lines = format_json_lines(run.diagnostics, options_view=self.options)
            summary = None
            if self.options.error_summary:
                summary = summary_line(out_lines, n_sources, blockers=blockers, hide_success=json_output)
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
            return CheckOutcome(prefix_out + text, prefix_err, code, timings, tuple(s.path or "" for s in sources), tuple(run.diagnostics))
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
            return CheckOutcome(prefix_out, prefix_err + err, 2, {"total": time.perf_counter() - start})


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
        entries = tuple(SourceEntry(s.module, s.path if s.path is not None else "<string>") for s in sources if s.path is not None or s.text is not None)
        for s in sources:
            if s.text is not None:
                self.state.set_text("<string>", s.text)
        self.state.set_context(self.paths, entries)
        # A ``-m`` module is a source at the file the finder gives, whatever --follow-imports says.
        named = [s.module for s in sources if s.path is None and s.text is None]
        if named:
            finder = self.state.finder()
            found = [(m, finder.find(m)) for m in named]
            extra = tuple(SourceEntry(m, f.path) for m, f in found if isinstance(f, ModuleFile) and not f.is_namespace)
            if extra:
                self.state.set_context(self.paths, entries + extra)
        self.program, self.analysis = self.state.program()
        self.package_dirs = tuple(os.path.abspath(p) for p in self.paths.package_path)

    def is_installed(self, path: str) -> bool:
        ap = os.path.abspath(path)
        return any(ap.startswith(d + os.sep) for d in self.package_dirs)

    def module_order(self) -> list[SourceModule]:
        """Checked modules, dependencies first (as mypy processes them)."""
        order: list[SourceModule] = []
        seen: set[str] = set()

        def visit(name: str) -> None:
            if name in seen:
                return
            seen.add(name)
            loc = self.state.locate(name)
            # Stubs and installed packages are not checked: don't even parse them here.
            if loc is None or loc.is_typeshed or self.is_installed(loc.path) and name not in self.source_by_module:
                return
            mod = self.program.module(name)
            if mod is None:
                problem = self.state.read_errors.get(loc.path)
                if problem is not None:
                    self.unreadable.append(Diagnostic(display(loc.path, self.s.cwd), -1, -1, "error", problem, None, module=name, blocker=True))
                return
            # A module's parent packages are imported (and checked) before it, as in mypy.
            parts = name.split(".")
            for i in range(1, len(parts)):
                visit(".".join(parts[:i]))
            for dep in self.s.imports_of(mod):
                visit(dep)
            order.append(mod)

        for s in self.sources:
            visit(s.module)
        return order

    def execute(self) -> tuple[list[str], bool]:
        all_diags: list[Diagnostic] = []
        blockers = False
        self.unreadable: list[Diagnostic] = []
        seen_once: set[str] = set()
        for mod in self.module_order():
            mod_opts = module_options(self.opts, mod.name, mod.text)[0]
            follow = mod_opts.follow_imports
            is_source = mod.name in self.source_by_module
            try:
                diags = list(check_q(self.state.db, mod.name))
            except Exception as e:
                e._tycheck_module = mod.path  # type: ignore[attr-defined]
                raise
            if not is_source and follow == "silent":
                continue
            scan = self.s.ignore_scan(mod.path, mod.text)
            diags = ignore_comment_diagnostics(mod.path, scan, mod.name) + diags
            diags = [d.with_path(display(mod.path, self.s.cwd)) for d in diags]
            enabled = lambda c, o=mod_opts: _code_enabled(o, c)  # noqa: E731
            iopts = IgnoreOptions(
                code_enabled=enabled,
                report_unused=bool(mod_opts.warn_unused_ignores or "unused-ignore" in mod_opts.enabled_error_codes) and "unused-ignore" not in mod_opts.disabled_error_codes,
                warn_unused_ignores=mod_opts.warn_unused_ignores,
                ignore_errors=mod_opts.ignore_errors,
                code_links=bool(getattr(mod_opts, "show_error_code_links", False)) and not mod_opts.hide_error_codes,
            )
            diags = apply_ignores(display(mod.path, self.s.cwd), diags, scan, iopts, module=mod.name, seen_once=seen_once)
            if any(d.blocker for d in diags):
                blockers = True
            all_diags.extend(diags)
        if self.unreadable:
            all_diags = self.unreadable + all_diags
            blockers = True
        source_cache: dict[str, list[str] | None] = {}

        def lines_of(path: str) -> list[str] | None:
            if path not in source_cache:
                text = self.state.texts.get(path) if path in self.state.texts else self.s._read(path)
                source_cache[path] = text.splitlines() if text is not None else None
            return source_cache[path]

        lines = format_diagnostic_lines(all_diags, options_view=self.opts, source_lines=lines_of)
        self.diagnostics = all_diags
        return lines, blockers


def display(path: str, cwd: str | None = None) -> str:
    """Paths under the working directory print relative to it, as mypy prints them."""
    if not os.path.isabs(path):
        return path
    base = (cwd or os.getcwd()).rstrip(os.sep) + os.sep
    if path.startswith(base):
        return path[len(base):]
    return path


def _code_enabled(opts: Options, code: str) -> bool:
    ec = ERROR_CODES.get(code)
    if ec is None:
        return True
    return opts.is_code_enabled(code, ec.default_enabled, sub_code_of=ec.sub_code_of)


def imported_modules(mod: SourceModule) -> list[str]:
    """Modules a module imports (absolute names, in order), for ordering the checks."""
    import ast

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
    import ast

    for stmt in body:
        yield stmt
        for field in ("body", "orelse", "finalbody", "handlers"):
            sub = getattr(stmt, field, None)
            if isinstance(sub, list):
                yield from _statements([s for s in sub if isinstance(s, (ast.stmt, ast.ExceptHandler))])  # type: ignore[misc]
        if isinstance(stmt, ast.Match):
            for case in stmt.cases:
                yield from _statements(case.body)


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
