"""mypy 2.4.1's flags as an argparse parser: groups, help texts, destinations equal to option field names."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any, NoReturn

from tycheck.inputs import config as cfg
from tycheck.inputs.options import INCOMPLETE_FEATURES, STRICT_FLAG_NAMES

# Destinations of values that are no option fields (targets, report directories...).
SPECIAL = "special-opts:"


class _EarlyExit(Exception):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class _ParserError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that raises instead of printing and exiting."""

    def error(self, message: str) -> NoReturn:
        raise _ParserError(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise _ParserError(message or "")

    def print_help(self, file: Any = None) -> None:
        raise _EarlyExit(self.format_help())


USAGE = """%(prog)s [-h] [-v] [-V] [more options; see below]
            [-m MODULE] [-p PACKAGE] [-c PROGRAM_TEXT] [files ...]"""

DESCRIPTION = """
tycheck type checks Python code, accepting mypy's command line and config files.

Pass the files or folders to check; folders are searched for .py and .pyi files:

    $ tycheck my_program.py my_src_folder

A config file (mypy.ini, .mypy.ini, pyproject.toml or setup.cfg) can hold the same
settings, globally and per module.
"""

EPILOG = """Environment variables:
  Define MYPYPATH for additional module search path entries.
  Define MYPY_CACHE_DIR to override configuration cache_dir path.
  Define MYPY_NUM_WORKERS to override configuration num_workers value."""

REPORT_TYPES = (
    "any-exprs", "cobertura-xml", "html", "linecount", "linecoverage",
    "lineprecision", "txt", "xml", "xslt-html", "xslt-txt",
)  # fmt: skip

_PREFIX_PAIRS = {"allow": "disallow", "disallow": "allow", "show": "hide", "hide": "show"}


def invert_flag_name(flag: str) -> str:
    """The opposite spelling: --allow-x/--disallow-x, --show-x/--hide-x, --x/--no-x."""
    parts = flag[2:].split("-", 1)
    if len(parts) == 2:
        prefix, rest = parts
        if prefix in _PREFIX_PAIRS:
            return f"--{_PREFIX_PAIRS[prefix]}-{rest}"
        if prefix == "no":
            return f"--{rest}"
    return f"--no-{flag[2:]}"


class _VersionAction(argparse.Action):
    """Ends parsing with the version text (no printing here)."""

    def __init__(self, option_strings: Sequence[str], version: str, dest: str, help: str) -> None:
        super().__init__(
            option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0, help=help
        )
        self.version = version

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: Any,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        raise _EarlyExit(self.version)


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str, **kwargs: Any) -> None:
        super().__init__(prog=prog, max_help_position=28, **kwargs)


class _Groups:
    """Adds flags to argument groups the way mypy does (with invertible pairs)."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self.parser = parser

    def invertible(
        self, group: Any, flag: str, *, default: bool, help: str,
        dest: str | None = None, inverse: str | None = None,
    ) -> None:  # fmt: skip
        inverse = inverse or invert_flag_name(flag)
        if help is not argparse.SUPPRESS:
            help += f" (inverse: {inverse})"
        arg = group.add_argument(
            flag, action="store_false" if default else "store_true", dest=dest, help=help
        )
        group.add_argument(
            inverse, action="store_true" if default else "store_false", dest=arg.dest,
            help=argparse.SUPPRESS,
        )  # fmt: skip


def build_parser(prog: str, version: str) -> argparse.ArgumentParser:
    """All of mypy 2.4.1's flags, destinations equal to option field names."""
    parser = _Parser(
        prog=prog, usage=USAGE, description=DESCRIPTION, epilog=EPILOG,
        fromfile_prefix_chars="@", formatter_class=_HelpFormatter, add_help=False,
    )  # fmt: skip
    g = _Groups(parser)
    _general_flags(parser, g, version)
    _import_flags(parser, g)
    _strictness_flags(parser, g)
    _output_flags(parser, g)
    _internal_flags(parser, g)
    _hidden_flags(parser, g)
    _code_flags(parser, g)
    return parser


def _general_flags(parser: argparse.ArgumentParser, g: _Groups, version: str) -> None:
    general = parser.add_argument_group(title="Optional arguments")
    general.add_argument("-h", "--help", action="help", help="Show this help message and exit")
    general.add_argument(
        "-v", "--verbose", action="count", dest="verbosity", help="More verbose messages"
    )
    general.add_argument(
        "-V",
        "--version",
        action=_VersionAction,
        version=version,
        help="Show program's version number and exit",
    )
    general.add_argument(
        "-O", "--output", metavar="FORMAT", choices=["json"], help="Set a custom output format"
    )
    conf = parser.add_argument_group(title="Config file")
    conf.add_argument(
        "--config-file",
        help="Configuration file, must have a [mypy] section (defaults to mypy.ini, .mypy.ini, pyproject.toml, setup.cfg)",
    )
    g.invertible(
        conf,
        "--warn-unused-configs",
        default=False,
        help="Warn about unused '[mypy-<pattern>]' or '[[tool.mypy.overrides]]' config sections",
    )


def _import_flags(parser: argparse.ArgumentParser, g: _Groups) -> None:
    imports = parser.add_argument_group(title="Import discovery")
    g.invertible(
        imports,
        "--no-namespace-packages",
        dest="namespace_packages",
        default=True,
        help="Disable support for namespace packages (PEP 420, __init__.py-less)",
    )
    imports.add_argument(
        "--ignore-missing-imports",
        action="store_true",
        help="Silently ignore imports of missing modules",
    )
    imports.add_argument(
        "--follow-untyped-imports",
        action="store_true",
        help="Typecheck modules without stubs or py.typed marker",
    )
    imports.add_argument(
        "--follow-imports",
        choices=["normal", "silent", "skip", "error"],
        default="normal",
        help="How to treat imports (default normal)",
    )
    imports.add_argument(
        "--python-executable",
        metavar="EXECUTABLE",
        dest=SPECIAL + "python_executable",
        help="Python executable used for finding installed packages and stubs",
    )
    imports.add_argument(
        "--no-site-packages",
        action="store_true",
        dest=SPECIAL + "no_executable",
        help="Do not search for installed PEP 561 compliant packages",
    )
    imports.add_argument(
        "--no-silence-site-packages",
        action="store_true",
        help="Do not silence errors in installed packages",
    )
    plat = parser.add_argument_group(title="Platform configuration")
    plat.add_argument(
        "--python-version",
        type=cfg.parse_version,
        metavar="x.y",
        dest=SPECIAL + "python_version",
        help="Type check code assuming it will be running on Python x.y",
    )
    plat.add_argument(
        "--platform",
        metavar="PLATFORM",
        help="Type check special-cased code for the given OS platform (defaults to sys.platform)",
    )
    plat.add_argument(
        "--always-true",
        metavar="NAME",
        action="append",
        default=[],
        help="Additional variable to be considered True (may be repeated)",
    )
    plat.add_argument(
        "--always-false",
        metavar="NAME",
        action="append",
        default=[],
        help="Additional variable to be considered False (may be repeated)",
    )


def _strictness_flags(parser: argparse.ArgumentParser, g: _Groups) -> None:
    anyg = parser.add_argument_group(title="Disallow dynamic typing")
    anyg.add_argument(
        "--disallow-any-expr",
        action="store_true",
        help="Disallow all expressions that have type Any",
    )
    anyg.add_argument(
        "--disallow-any-decorated",
        action="store_true",
        help="Disallow functions that have Any in their signature after decoration",
    )
    anyg.add_argument(
        "--disallow-any-explicit",
        action="store_true",
        help="Disallow explicit Any in type positions",
    )
    g.invertible(
        anyg,
        "--disallow-any-generics",
        default=False,
        help="Disallow generic types without explicit type parameters",
    )
    g.invertible(
        anyg,
        "--disallow-any-unimported",
        default=False,
        help="Disallow Any types resulting from unfollowed imports",
    )
    g.invertible(
        anyg,
        "--disallow-subclassing-any",
        default=False,
        help="Disallow subclassing values of type 'Any'",
    )
    untyped = parser.add_argument_group(title="Untyped definitions and calls")
    g.invertible(
        untyped,
        "--disallow-untyped-calls",
        default=False,
        help="Disallow calling untyped functions from typed ones",
    )
    untyped.add_argument(
        "--untyped-calls-exclude",
        metavar="MODULE",
        action="append",
        default=[],
        help="Allow untyped calls to functions from this package, module or class",
    )
    g.invertible(
        untyped,
        "--disallow-untyped-defs",
        default=False,
        help="Disallow defining functions without (complete) type annotations",
    )
    g.invertible(
        untyped,
        "--disallow-incomplete-defs",
        default=False,
        help="Disallow partly annotated function definitions",
    )
    g.invertible(
        untyped,
        "--check-untyped-defs",
        default=False,
        help="Type check the interior of functions without type annotations",
    )
    g.invertible(
        untyped,
        "--disallow-untyped-decorators",
        default=False,
        help="Disallow decorating typed functions with untyped decorators",
    )
    none = parser.add_argument_group(title="None and Optional handling")
    g.invertible(
        none,
        "--implicit-optional",
        default=False,
        help="Assume arguments with default values of None are Optional",
    )
    none.add_argument("--strict-optional", action="store_true", help=argparse.SUPPRESS)
    none.add_argument(
        "--no-strict-optional",
        action="store_false",
        dest="strict_optional",
        help="Disable strict Optional checks (inverse: --strict-optional)",
    )
    lint = parser.add_argument_group(title="Configuring warnings")
    g.invertible(
        lint,
        "--warn-redundant-casts",
        default=False,
        help="Warn about casting an expression to its inferred type",
    )
    g.invertible(
        lint,
        "--warn-unused-ignores",
        default=False,
        help="Warn about unneeded '# type: ignore' comments",
    )
    g.invertible(
        lint,
        "--no-warn-no-return",
        dest="warn_no_return",
        default=True,
        help="Do not warn about functions that end without returning",
    )
    g.invertible(
        lint,
        "--warn-return-any",
        default=False,
        help="Warn about returning Any from functions with a precise return type",
    )
    g.invertible(
        lint,
        "--warn-unreachable",
        default=False,
        help="Warn about statements or expressions inferred to be unreachable",
    )
    g.invertible(
        lint,
        "--report-deprecated-as-note",
        default=False,
        help="Report uses of deprecated features as notes instead of errors",
    )
    lint.add_argument(
        "--deprecated-calls-exclude",
        metavar="MODULE",
        action="append",
        default=[],
        help="Do not report deprecated calls to functions from this package, module or class",
    )
    misc = parser.add_argument_group(title="Miscellaneous strictness flags")
    g.invertible(
        misc,
        "--allow-untyped-globals",
        default=False,
        help="Suppress toplevel errors caused by missing annotations",
    )
    g.invertible(
        misc,
        "--allow-redefinition",
        default=False,
        help="Allow flexible variable redefinition with a new type",
    )
    g.invertible(
        misc,
        "--allow-redefinition-old",
        default=False,
        help="Allow restricted, unconditional variable redefinition with a new type",
    )
    g.invertible(
        misc,
        "--allow-redefinition-new",
        default=False,
        dest="allow_redefinition",
        help="Deprecated alias for --allow-redefinition",
    )
    g.invertible(
        misc,
        "--no-implicit-reexport",
        default=True,
        dest="implicit_reexport",
        help="Treat imports as private unless aliased",
    )
    g.invertible(
        misc,
        "--strict-equality",
        default=False,
        help="Prohibit equality, identity and container checks for non-overlapping types (except `None`)",
    )
    g.invertible(
        misc,
        "--strict-equality-for-none",
        default=False,
        help="Extend `--strict-equality` for `None` checks",
    )
    g.invertible(
        misc,
        "--no-strict-bytes",
        default=True,
        dest="strict_bytes",
        help="Treat bytearray and memoryview as subtypes of bytes",
    )
    g.invertible(
        misc,
        "--extra-checks",
        default=False,
        help="Enable additional checks that are technically correct but may be impractical",
    )
    g.invertible(misc, "--check-unreachable", default=False, help=argparse.SUPPRESS)
    misc.add_argument(
        "--strict",
        action="store_true",
        dest=SPECIAL + "strict",
        help="Strict mode; enables the following flags: " + ", ".join(STRICT_FLAG_NAMES),
    )
    misc.add_argument(
        "--disable-error-code",
        metavar="NAME",
        action="append",
        default=[],
        help="Disable a specific error code",
    )
    misc.add_argument(
        "--enable-error-code",
        metavar="NAME",
        action="append",
        default=[],
        help="Enable a specific error code",
    )


def _output_flags(parser: argparse.ArgumentParser, g: _Groups) -> None:
    out = parser.add_argument_group(title="Configuring error messages")
    g.invertible(
        out,
        "--show-error-context",
        default=False,
        help='Precede errors with "note:" messages explaining context',
    )
    g.invertible(
        out, "--show-column-numbers", default=False, help="Show column numbers in error messages"
    )
    g.invertible(
        out,
        "--show-error-end",
        default=False,
        help="Show end line/end column numbers in error messages. This implies --show-column-numbers",
    )
    g.invertible(
        out, "--hide-error-codes", default=False, help="Hide error codes in error messages"
    )
    g.invertible(
        out, "--show-error-code-links", default=False, help="Show links to error code documentation"
    )
    g.invertible(
        out,
        "--pretty",
        default=False,
        help="Use visually nicer output: soft word wrap, source snippets and location markers",
    )
    g.invertible(
        out,
        "--no-color-output",
        dest="color_output",
        default=True,
        help="Do not colorize error messages",
    )
    g.invertible(
        out,
        "--no-error-summary",
        dest="error_summary",
        default=True,
        help="Do not show error stats summary",
    )
    g.invertible(out, "--show-absolute-path", default=False, help="Show absolute paths to files")
    out.add_argument(
        "--soft-error-limit",
        default=-1,
        type=int,
        dest="many_errors_threshold",
        help=argparse.SUPPRESS,
    )
    inc = parser.add_argument_group(title="Incremental mode")
    inc.add_argument("-i", "--incremental", action="store_true", help=argparse.SUPPRESS)
    inc.add_argument(
        "--no-incremental",
        action="store_false",
        dest="incremental",
        help="Disable module cache (inverse: --incremental)",
    )
    inc.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="Store module cache info in the given folder in incremental mode (defaults to '.mypy_cache')",
    )
    g.invertible(
        inc, "--sqlite-cache", default=False, help="Use a sqlite database to store the cache"
    )
    inc.add_argument(
        "--sqlite-num-shards",
        type=int,
        default=16,
        dest="sqlite_num_shards",
        help=argparse.SUPPRESS,
    )
    inc.add_argument(
        "--cache-fine-grained",
        action="store_true",
        help="Include fine-grained dependency information in the cache",
    )
    g.invertible(
        inc,
        "--no-fixed-format-cache",
        dest="fixed_format_cache",
        default=True,
        help="Do not use new fixed format cache",
    )
    inc.add_argument(
        "--skip-version-check",
        action="store_true",
        help="Allow using cache written by older versions",
    )
    inc.add_argument(
        "--skip-cache-mtime-checks",
        action="store_true",
        help="Skip cache internal consistency checks based on mtime",
    )


def _internal_flags(parser: argparse.ArgumentParser, g: _Groups) -> None:
    adv = parser.add_argument_group(title="Advanced options")
    adv.add_argument("--pdb", action="store_true", help="Invoke pdb on fatal error")
    adv.add_argument(
        "--show-traceback", "--tb", action="store_true", help="Show traceback on fatal error"
    )
    adv.add_argument(
        "--raise-exceptions", action="store_true", help="Raise exception on fatal error"
    )
    adv.add_argument(
        "--custom-typing-module",
        metavar="MODULE",
        dest="custom_typing_module",
        help="Use a custom typing module",
    )
    adv.add_argument("--old-type-inference", action="store_true", help=argparse.SUPPRESS)
    adv.add_argument("--disable-expression-cache", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--enable-incomplete-feature",
        action="append",
        metavar="{" + ",".join(sorted(INCOMPLETE_FEATURES)) + "}",
        help="Enable support of incomplete/experimental features for early preview",
    )
    adv.add_argument("--custom-typeshed-dir", metavar="DIR", help="Use the custom typeshed in DIR")
    g.invertible(
        adv,
        "--warn-incomplete-stub",
        default=False,
        help="Warn if missing type annotation in typeshed",
    )
    adv.add_argument(
        "--shadow-file",
        nargs=2,
        metavar=("SOURCE_FILE", "SHADOW_FILE"),
        dest="shadow_file",
        action="append",
        help="When encountering SOURCE_FILE, check the contents of SHADOW_FILE instead.",
    )
    adv.add_argument("--fast-exit", action="store_true", help=argparse.SUPPRESS)
    adv.add_argument(
        "--no-fast-exit", action="store_false", dest="fast_exit", help=argparse.SUPPRESS
    )
    g.invertible(adv, "--allow-empty-bodies", default=False, help=argparse.SUPPRESS)
    adv.add_argument("--export-ref-info", action="store_true", help=argparse.SUPPRESS)
    adv.add_argument(
        "-n",
        "--num-workers",
        type=cfg.parse_num_workers,
        metavar="VALUE",
        default=0,
        help="Number of separate worker processes, or 'auto'",
    )
    reports = parser.add_argument_group(title="Report generation")
    for report in REPORT_TYPES:
        reports.add_argument(f"--{report}-report", metavar="DIR", dest=f"{SPECIAL}{report}_report")
    reports.add_argument(
        "-a", dest="mypyc_annotation_file", type=str, default=None, help=argparse.SUPPRESS
    )
    reports.add_argument(
        "--skip-c-gen", dest="mypyc_skip_c_generation", action="store_true", help=argparse.SUPPRESS
    )
    misc = parser.add_argument_group(title="Miscellaneous")
    misc.add_argument("--quickstart-file", help=argparse.SUPPRESS)
    misc.add_argument(
        "--junit-xml",
        metavar="JUNIT_XML_OUTPUT_FILE",
        help="Write a JUnit XML test result document to the given file",
    )
    misc.add_argument(
        "--junit-format",
        choices=["global", "per_file"],
        default="global",
        help="With --junit-xml: one test for all errors (global) or one per file (per_file)",
    )
    misc.add_argument(
        "--find-occurrences",
        metavar="CLASS.MEMBER",
        dest=SPECIAL + "find_occurrences",
        help="Print out all usages of a class member (experimental)",
    )
    misc.add_argument(
        "--no-progress",
        action="store_false",
        dest="progress",
        help="Do not show tycheck's progress line (shown on stderr only on a terminal, for runs over a second)",
    )
    misc.add_argument(
        "--scripts-are-modules",
        action="store_true",
        help="Script x becomes module x instead of __main__",
    )
    g.invertible(
        misc,
        "--install-types",
        default=False,
        help="Install detected missing library stub packages using pip",
    )
    g.invertible(
        misc,
        "--non-interactive",
        default=False,
        inverse="--interactive",
        help="Install stubs without asking for confirmation and hide errors, with --install-types",
    )


def _hidden_flags(parser: argparse.ArgumentParser, g: _Groups) -> None:
    hide = argparse.SUPPRESS
    for flag, dest in (
        ("--stats", "dump_type_stats"), ("--inferstats", "dump_inference_stats"),
        ("--dump-build-stats", None), ("--debug-cache", None), ("--dump-deps", None),
        ("--dump-graph", None), ("--semantic-analysis-only", None), ("--test-env", None),
        ("--logical-deps", None), ("--bazel", None), ("--debug-serialize", None),
        ("--disable-bytearray-promotion", None), ("--disable-memoryview-promotion", None),
        ("--strict-concatenate", None),
    ):  # fmt: skip
        if dest is None:
            parser.add_argument(flag, action="store_true", help=hide)
        else:
            parser.add_argument(flag, action="store_true", dest=dest, help=hide)
    parser.add_argument("--timing-stats", dest="timing_stats", help=hide)
    parser.add_argument("--line-checking-stats", dest="line_checking_stats", help=hide)
    g.invertible(
        parser,
        "--no-local-partial-types",
        inverse="--local-partial-types",
        default=True,
        dest="local_partial_types",
        help=hide,
    )
    g.invertible(
        parser,
        "--no-native-parser",
        default=True,
        dest="native_parser",
        help="Do not use the faster native parser",
    )
    parser.add_argument("--package-root", metavar="ROOT", action="append", default=[], help=hide)
    parser.add_argument("--cache-map", nargs="+", dest=SPECIAL + "cache_map", help=hide)


def _code_flags(parser: argparse.ArgumentParser, g: _Groups) -> None:
    code = parser.add_argument_group(title="Running code")
    g.invertible(
        code,
        "--explicit-package-bases",
        default=False,
        help="Use current directory and MYPYPATH to determine module names of files passed",
    )
    g.invertible(code, "--fast-module-lookup", default=False, help=argparse.SUPPRESS)
    code.add_argument(
        "--exclude",
        action="append",
        metavar="PATTERN",
        default=[],
        help="Regular expression for file and directory names to skip when discovering files (may be repeated)",
    )
    g.invertible(
        code,
        "--exclude-gitignore",
        default=False,
        help="Use .gitignore file(s) to exclude files from checking",
    )
    code.add_argument(
        "-m",
        "--module",
        action="append",
        metavar="MODULE",
        default=[],
        dest=SPECIAL + "modules",
        help="Type-check module; can repeat for more modules",
    )
    code.add_argument(
        "-p",
        "--package",
        action="append",
        metavar="PACKAGE",
        default=[],
        dest=SPECIAL + "packages",
        help="Type-check package recursively; can be repeated",
    )
    code.add_argument(
        "-c",
        "--command",
        action="append",
        metavar="PROGRAM_TEXT",
        dest=SPECIAL + "command",
        help="Type-check program passed in as string",
    )
    code.add_argument(
        metavar="files",
        nargs="*",
        dest=SPECIAL + "files",
        help="Type-check given files or directories",
    )
