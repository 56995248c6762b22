"""The command line: mypy 2.4.1's flags, parsed with the config file into ``Options``.

``parse_command_line`` never prints and never exits: help and version requests come back
as ``stdout_text`` with an exit code, warnings as message lines, and every usage problem as
a ``UsageError`` whose message is exactly what mypy writes to stderr (argparse's ``usage:``
block followed by ``<prog>: error: ...`` where mypy uses argparse, the bare text otherwise).

Parsing follows mypy's order, because later steps override earlier ones: a first pass to
find ``--config-file`` and ``--strict``; the config file; ``--strict``; environment
overrides; the real pass on top of the config values; then consistency checks.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from tycheck import __version__
from tycheck.inputs import config as cfg
from tycheck.inputs.flags import SPECIAL, _EarlyExit, _ParserError, build_parser
from tycheck.inputs.fs import FileSystem
from tycheck.inputs.options import (
    COMPLETE_FEATURES,
    INCOMPLETE_FEATURES,
    STRICT_FLAG_ASSIGNMENTS,
    FrozenMap,
    Options,
    builder_values,
    default_values,
    freeze,
    known_error_code_names,
    option_field_names,
)

MYPY_COMPAT_VERSION = "2.4.1"


@dataclass(frozen=True)
class Targets:
    """What to check, as given on a command line: files/directories, -m modules, -p packages, -c text.

    Same shape as ``tycheck.service.api.Targets`` (which should re-export this class).
    """

    files: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()
    command: str | None = None


class UsageError(Exception):
    """Bad command line or configuration: ``message`` goes to stderr (no trailing newline).

    ``stdout`` is text mypy prints on stdout in the same situation (may be empty).
    """

    def __init__(self, message: str, exit_code: int = 2, stdout: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.stdout = stdout


@dataclass(frozen=True)
class CommandLine:
    """The outcome of parsing: options and targets, or an early exit (help, version)."""

    options: Options
    targets: Targets
    config_file: str | None = None
    config_text_digest: str = ""
    #: Lines to print on stderr before checking (config warnings), without newlines.
    stderr_messages: tuple[str, ...] = ()
    #: Lines mypy prints on stdout before checking (deprecation warnings).
    stdout_messages: tuple[str, ...] = ()
    #: Set for --help/--version: print it and exit with ``exit_code`` without checking.
    stdout_text: str | None = None
    exit_code: int = 0

    @property
    def early_exit(self) -> bool:
        return self.stdout_text is not None


class _SplitNamespace(argparse.Namespace):
    """Routes ``special-opts:`` destinations to a side dictionary, the rest to option values."""

    def __init__(self, values: dict[str, Any], special: dict[str, Any]) -> None:
        self.__dict__["_values"] = values
        self.__dict__["_special"] = special

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith(SPECIAL):
            self._special[name[len(SPECIAL) :]] = value
        else:
            self._values[name] = value

    def __getattr__(self, name: str) -> Any:
        store = self.__dict__["_special"] if name.startswith(SPECIAL) else self.__dict__["_values"]
        key = name[len(SPECIAL) :] if name.startswith(SPECIAL) else name
        try:
            return store[key]
        except KeyError:
            raise AttributeError(name) from None

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and hasattr(self, key)


def version_text(prog: str) -> str:
    return f"{prog} {__version__} (mypy-compatible {MYPY_COMPAT_VERSION})\n"


# --------------------------------------------------------------------------- the parser


#: Option fields (and the flag that sets them) whose effect tycheck does not implement.
UNSUPPORTED_DESTS: tuple[tuple[str, str], ...] = (
    ("pdb", "--pdb"),
    ("raise_exceptions", "--raise-exceptions"),
    ("custom_typing_module", "--custom-typing-module"),
    ("shadow_file", "--shadow-file"),
    ("install_types", "--install-types"),
    ("non_interactive", "--non-interactive"),
    ("dump_type_stats", "--stats"),
    ("dump_inference_stats", "--inferstats"),
    ("dump_build_stats", "--dump-build-stats"),
    ("timing_stats", "--timing-stats"),
    ("line_checking_stats", "--line-checking-stats"),
    ("dump_deps", "--dump-deps"),
    ("dump_graph", "--dump-graph"),
    ("semantic_analysis_only", "--semantic-analysis-only"),
    ("logical_deps", "--logical-deps"),
    ("bazel", "--bazel"),
    ("cache_map", "--cache-map"),
    ("quickstart_file", "--quickstart-file"),
    ("export_ref_info", "--export-ref-info"),
    ("mypyc_annotation_file", "-a"),
    ("mypyc_skip_c_generation", "--skip-c-gen"),
    ("plugins", "plugins"),
)


@functools.lru_cache(maxsize=8)
def _cached_parser(prog: str) -> argparse.ArgumentParser:
    # Building the parser costs more than parsing; a parser is reusable across parses.
    return build_parser(prog, version_text(prog))


class _Run:
    """State of one parse: the option builder, side values and collected messages."""

    def __init__(
        self,
        argv: Sequence[str],
        cwd: str | None,
        environ: Mapping[str, str] | None,
        fs: FileSystem | None,
        prog: str,
    ) -> None:
        self.argv = list(argv)
        self.prog = prog
        self.ctx = cfg.default_context(cwd, environ, fs)
        self.parser = _cached_parser(prog)
        self.values: dict[str, Any] = builder_values(Options())
        self.special: dict[str, Any] = {}
        self.stderr: list[str] = []
        self.stdout: list[str] = []
        self.strict_set = False

    # -- failures ----------------------------------------------------------------

    def usage_error(self, message: str) -> NoReturn:
        """argparse's two-part error: the usage block, then ``prog: error: message``."""
        text = self.parser.format_usage() + f"{self.prog}: error: {message}"
        raise UsageError(self._with_pending(text))

    def fail(self, message: str) -> NoReturn:
        """A serious error printed as is (mypy's ``fail``)."""
        raise UsageError(self._with_pending(message), stdout=self._pending_stdout())

    def _with_pending(self, text: str) -> str:
        return "\n".join([*self.stderr, text])

    def _pending_stdout(self) -> str:
        return "".join(line + "\n" for line in self.stdout)

    def parse(self, namespace: argparse.Namespace) -> argparse.Namespace:
        try:
            return self.parser.parse_args(self.argv, namespace)
        except _ParserError as err:
            self.usage_error(err.message)

    def set_strict_flags(self) -> None:
        self.strict_set = True
        for dest, value in STRICT_FLAG_ASSIGNMENTS:
            self.values[dest] = value


def parse_command_line(
    argv: Sequence[str],
    *,
    cwd: str | None = None,
    environ: Mapping[str, str] | None = None,
    fs: FileSystem | None = None,
    prog: str = "tycheck",
    require_targets: bool = True,
) -> CommandLine:
    """Parse ``argv`` (without the program name) plus the config file into options."""
    run = _Run(argv, cwd, environ, fs, prog)
    try:
        dummy = run.parse(argparse.Namespace())
    except _EarlyExit as done:
        return CommandLine(Options(), Targets(), stdout_text=done.text, exit_code=0)
    config_file = dummy.config_file
    if config_file and not run.ctx.exists(config_file):
        run.usage_error(f"Cannot find config file '{config_file}'")
    load = _load_config(run, config_file)
    if getattr(dummy, SPECIAL + "strict"):
        run.set_strict_flags()
    _apply_environment(run)
    run.parse(_SplitNamespace(run.values, run.special))
    _post_process(run)
    targets = _targets(run, require_targets)
    _check_combinations(run)
    options = _finish_options(run)
    return CommandLine(
        options=options,
        targets=targets,
        config_file=load.config_file,
        config_text_digest=load.digest,
        stderr_messages=tuple(run.stderr),
        stdout_messages=tuple(run.stdout),
    )


def _load_config(run: _Run, config_file: str | None) -> cfg.ConfigLoad:
    if config_file == "":
        # An empty --config-file disables config files altogether.
        return cfg.ConfigLoad()
    load = cfg.apply_config_file(run.values, run.set_strict_flags, config_file, run.ctx)
    run.stderr.extend(load.messages)
    return load


def _apply_environment(run: _Run) -> None:
    environ = run.ctx.environ
    cache_dir = environ.get("MYPY_CACHE_DIR", "")
    if cache_dir.strip():
        run.values["cache_dir"] = cache_dir
    run.values["cache_dir"] = cfg.expand_user(run.values["cache_dir"], environ)
    workers = environ.get("MYPY_NUM_WORKERS", "")
    if workers.strip():
        try:
            run.values["num_workers"] = cfg.parse_num_workers(workers)
        except argparse.ArgumentTypeError as err:
            run.usage_error(f"MYPY_NUM_WORKERS: {err}")


def _post_process(run: _Run) -> None:
    """Everything mypy derives from the parsed flags before choosing targets."""
    values, special = run.values, run.special
    values["python_version"] = special.get("python_version") or values["python_version"]
    if values["python_version"] < (3,):
        run.usage_error(
            "Mypy no longer supports checking Python 2 code. "
            "Consider pinning to mypy<0.980 if you need to check Python 2 code."
        )
    _infer_python_executable(run)
    if special.get("no_executable") or values["no_site_packages"]:
        values["python_executable"] = None
    # Paths in the config file count only when the command line names no target.
    if not (special.get("files") or special.get("packages") or special.get("modules")):
        for key in ("files", "packages", "modules"):
            if values.get(key):
                special[key] = values[key]


def _infer_python_executable(run: _Run) -> None:
    """The interpreter used to find installed packages (mypy's rule)."""
    executable = run.special.get("python_executable") or run.values["python_executable"]
    if executable is None and not run.special.get("no_executable"):
        if not run.values["no_site_packages"]:
            executable = _executable_for_version(run, tuple(run.values["python_version"]))
    run.values["python_executable"] = executable


def _executable_for_version(run: _Run, version: tuple[int, ...]) -> str:
    if tuple(sys.version_info[:2]) == version:
        return sys.executable
    import shutil

    found = shutil.which(f"python{version[0]}.{version[1]}", path=run.ctx.environ.get("PATH"))
    if found is None:
        run.usage_error(
            f"failed to find a Python executable matching version {version},"
            " perhaps try --python-executable, or --no-site-packages?"
        )
    return found


def _targets(run: _Run, require_targets: bool) -> Targets:
    special = run.special
    modules = list(special.get("modules") or [])
    packages = list(special.get("packages") or [])
    command = special.get("command")
    files = list(special.get("files") or [])
    if require_targets:
        methods = sum(bool(c) for c in (modules + packages, command, files))
        if methods == 0 and not run.values["install_types"]:
            run.usage_error("Missing target module, package, files, or command.")
        elif methods > 1:
            run.usage_error("May only specify one of: module/package, files, or command.")
    if modules or packages:
        return Targets(modules=tuple(modules), packages=tuple(packages))
    if command:
        return Targets(command="\n".join(command))
    return Targets(files=tuple(files))


def _check_combinations(run: _Run) -> None:
    """mypy's checks on combined settings, in mypy's order."""
    values = run.values
    if values["explicit_package_bases"] and not values["namespace_packages"]:
        run.usage_error(
            "Can only use --explicit-package-bases with --namespace-packages, since otherwise "
            "examining __init__.py's is sufficient to determine module names for files"
        )
    overlap = set(values["always_true"]) & set(values["always_false"])
    if overlap:
        run.usage_error(
            "You can't make a variable always true and always false (%s)"
            % ", ".join(sorted(overlap))
        )
    for key in ("untyped_calls_exclude", "deprecated_calls_exclude"):
        try:
            cfg.validate_package_allow_list(values[key])
        except argparse.ArgumentTypeError as err:
            run.usage_error(str(err))
    _check_features(run)
    _check_side_flags(run)
    _derive_flags(run)
    _check_packages_and_modes(run)


def _check_features(run: _Run) -> None:
    for feature in run.values["enable_incomplete_feature"] or []:
        if feature not in INCOMPLETE_FEATURES | COMPLETE_FEATURES:
            run.usage_error(f"Unknown incomplete feature: {feature}")
        if feature in COMPLETE_FEATURES:
            run.stdout.append(f"Warning: {feature} is already enabled by default")


def _check_side_flags(run: _Run) -> None:
    values, special = run.values, run.special
    if values["custom_typeshed_dir"] is not None:
        values["abs_custom_typeshed_dir"] = run.ctx.abspath(values["custom_typeshed_dir"])
    occurrences = special.get("find_occurrences")
    if occurrences:
        parts = occurrences.split(".")
        if len(parts) < 2:
            run.usage_error("Can only find occurrences of class members.")
        if len(parts) != 2:
            run.usage_error("Can only find occurrences of non-nested class members.")
    for key, val in special.items():
        if key.endswith("_report") and val is not None:
            values["report_dirs"][key[:-7].replace("_", "-")] = val
    if values["package_root"]:
        values["package_root"] = _package_roots(run, values["package_root"])
    if special.get("cache_map"):
        if values["sqlite_cache"]:
            run.usage_error("--cache-map is incompatible with --sqlite-cache")
        _cache_map(run, special["cache_map"])


def _package_roots(run: _Run, roots: list[str]) -> list[str]:
    result = []
    for root in roots:
        if os.path.isabs(root):
            run.usage_error(f"Package root cannot be absolute: {root!r}")
        if root:
            root = os.path.relpath(run.ctx.abspath(root), run.ctx.cwd)
            if not root.endswith(os.sep):
                root += os.sep
            if root.startswith(os.pardir + os.sep):
                run.usage_error(f"Package root cannot be above current directory: {root!r}")
            if root in (os.curdir, os.curdir + os.sep):
                root = ""
        result.append(root)
    return result


def _cache_map(run: _Run, items: list[str]) -> None:
    if len(items) % 3 != 0:
        run.usage_error("--cache-map requires one or more triples (see source)")
    mapping = run.values["cache_map"]
    for i in range(0, len(items), 3):
        source, meta_file, data_file = items[i : i + 3]
        if source in mapping:
            run.usage_error(f"Duplicate --cache-map source {source})")
        if not source.endswith((".py", ".pyi")):
            run.usage_error(f"Invalid --cache-map source {source} (triple[0] must be *.py[i])")
        if not meta_file.endswith((".meta.json", ".meta.ff")):
            run.usage_error(
                f"Invalid --cache-map meta_file {meta_file} "
                "(triple[1] must be *.meta.json or *.meta.ff)"
            )
        if not data_file.endswith((".data.json", ".data.ff")):
            run.usage_error(
                f"Invalid --cache-map data_file {data_file} "
                "(triple[2] must be *.data.json or *.data.ff)"
            )
        mapping[source] = (meta_file, data_file)


def _derive_flags(run: _Run) -> None:
    values = run.values
    # --strict-bytes decides both promotions (kept for backwards compatibility).
    values["disable_bytearray_promotion"] = bool(values["strict_bytes"])
    values["disable_memoryview_promotion"] = bool(values["strict_bytes"])
    if values["cache_fine_grained"]:
        values["local_partial_types"] = True
    if values["show_error_end"]:
        values["show_column_numbers"] = True
    if values["logical_deps"]:
        values["cache_fine_grained"] = True
    if values["strict_concatenate"] and not run.strict_set:
        run.stdout.append("Warning: --strict-concatenate is deprecated; use --extra-checks instead")


def _check_packages_and_modes(run: _Run) -> None:
    """Checks mypy makes after option processing, printed without a usage line."""
    for package in run.special.get("packages") or []:
        if os.sep in package or (os.altsep and os.altsep in package):
            run.fail(f"Package name '{package}' cannot have a slash in it.")
    values = run.values
    if values["num_workers"]:
        _check_parallel(run)
    if values["allow_redefinition"] and not values["local_partial_types"]:
        run.fail("error: --local-partial-types must be enabled if using --allow-redefinition")
    if values["allow_redefinition"] and values["allow_redefinition_old"]:
        run.fail("--allow-redefinition-old and --allow-redefinition should not be used together")
    if values["non_interactive"] and not values["install_types"]:
        run.fail("error: --non-interactive is only supported with --install-types")
    if values["install_types"] and not values["incremental"]:
        run.fail("error: --install-types not supported with incremental mode disabled")
    if values["install_types"] and values["python_executable"] is None:
        run.fail("error: --install-types not supported without python executable or site packages")


def _check_parallel(run: _Run) -> None:
    values = run.values
    values["native_parser"] = True
    if not values["incremental"] and run.ctx.fs.is_dir(run.ctx.abspath(values["cache_dir"])):
        run.stdout.append("Warning: disabling incremental mode may severely reduce performance")
        run.stdout.append(
            f"If this is intentional, delete '{values['cache_dir']}' to suppress this warning"
        )
    if values["num_workers"] < 0:
        run.fail("error: Number of workers cannot be negative")
    if values["cache_dir"] == os.devnull:
        run.fail("error: Cache must be enabled in parallel mode")
    if not values["local_partial_types"]:
        run.fail("error: --local-partial-types must be enabled in parallel mode")
    if values["report_dirs"]:
        run.fail(
            "error: Reports are not supported in parallel mode yet\n"
            "note: Use -n0 to disable parallel checking"
        )


def _finish_options(run: _Run) -> Options:
    """Validate error codes, then freeze the builder into ``Options``."""
    values = run.values
    _resolve_error_codes(run)
    mypy_path_env = run.ctx.environ.get("MYPYPATH")
    if mypy_path_env:
        # MYPYPATH entries come before the config file's mypy_path, as in mypy's search.
        values["mypy_path"] = mypy_path_env.split(os.pathsep) + list(values["mypy_path"])
    values["unsupported_flags"] = _unsupported(values)
    names = option_field_names()
    # Values were type-checked as they were parsed; freezing only changes their shape.
    kwargs: dict[str, Any] = {k: freeze(v) for k, v in values.items() if k in names}
    return Options(**kwargs)


def _resolve_error_codes(run: _Run) -> None:
    values = run.values
    disabled = set(values["disable_error_code"])
    enabled = set(values["enable_error_code"])
    known = known_error_code_names()
    if known is not None:
        invalid = (enabled | disabled) - known
        if invalid:
            summary = (
                "Found 1 error in 1 file (errors prevented further checking)\n"
                if values["error_summary"]
                else ""
            )
            raise UsageError(
                run._with_pending(
                    f"{run.prog}: error: Invalid error code(s): {', '.join(sorted(invalid))}"
                ),
                stdout=run._pending_stdout() + summary,
            )
    # Enabling a code always overrides disabling it.
    values["enabled_error_codes"] = enabled
    values["disabled_error_codes"] = disabled - enabled


def _unsupported(values: Mapping[str, Any]) -> list[str]:
    """Names of flags set whose effect tycheck does not implement, for the CLI to warn."""
    defaults = default_values()
    found = []
    for dest, flag in UNSUPPORTED_DESTS:
        if freeze(values.get(dest)) != defaults.get(dest, None):
            found.append(flag)
    for report in sorted(set(values["report_dirs"]) - {"lineprecision", "xml"}):  # tools/
        found.append(f"--{report}-report")
    return found


__all__ = [
    "CommandLine",
    "Targets",
    "UsageError",
    "parse_command_line",
    "version_text",
]
