"""The command line: flags, strictness, environment, usage errors (compared with mypy)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.oracle import needs_oracle, oracle_script
from tycheck.inputs.cmdline import CommandLine, UsageError, parse_command_line
from tycheck.inputs.fs import MemoryFileSystem
from tycheck.inputs.options import STRICT_FLAG_ASSIGNMENTS

MYPY = oracle_script("mypy")
ENV = {"HOME": "/users/u", "PATH": "/usr/bin"}


def parse(argv: list[str], files: dict[str, str] | None = None,
          env: dict[str, str] | None = None) -> CommandLine:  # fmt: skip
    fs = MemoryFileSystem({"/proj/a.py": "x = 1\n", **(files or {})})
    return parse_command_line(argv, cwd="/proj", environ=env or ENV, fs=fs)


def usage_error(argv: list[str], **kw: object) -> UsageError:
    with pytest.raises(UsageError) as info:
        parse(argv, **kw)  # type: ignore[arg-type]
    return info.value


def test_defaults_and_targets() -> None:
    cl = parse(["a.py", "b"])
    assert cl.targets.files == ("a.py", "b") and cl.exit_code == 0 and not cl.early_exit
    assert cl.options.follow_imports == "normal" and cl.options.warn_no_return
    assert parse(["-m", "x", "-p", "y", "-m", "z"]).targets.modules == ("x", "z")
    assert parse(["-c", "x = 1", "-c", "y = 2"]).targets.command == "x = 1\ny = 2"


def test_strict_sets_strict_flags_and_later_flags_override() -> None:
    o = parse(["--strict", "a.py"]).options
    for dest, value in STRICT_FLAG_ASSIGNMENTS:
        assert getattr(o, dest) == value, dest
    o = parse(["--allow-untyped-defs", "--strict", "--implicit-reexport", "a.py"]).options
    assert o.disallow_untyped_defs is False and o.implicit_reexport is True


def test_invertible_flags() -> None:
    o = parse(["--no-warn-no-return", "--hide-error-codes", "--no-strict-optional",
               "--disallow-any-generics", "--allow-any-generics", "--show-error-end",
               "--no-strict-bytes", "--allow-redefinition-new", "a.py"]).options  # fmt: skip
    assert not o.warn_no_return and o.hide_error_codes and not o.strict_optional
    assert not o.disallow_any_generics
    assert o.show_error_end and o.show_column_numbers  # end implies columns
    assert not o.strict_bytes and not o.disable_bytearray_promotion
    assert o.allow_redefinition


def test_repeatable_and_valued_flags() -> None:
    o = parse(["--always-true", "A", "--always-true", "B", "--exclude", "x/", "--exclude",
               "y/", "--python-version", "3.12", "--platform", "win32", "-O", "json",
               "--enable-error-code", "truthy-bool", "--disable-error-code", "misc",
               "--cache-dir", "~/c", "--no-incremental", "-n", "2", "a.py"]).options  # fmt: skip
    assert o.always_true == ("A", "B") and o.exclude == ("x/", "y/")
    assert o.python_version == (3, 12) and o.platform == "win32" and o.output == "json"
    assert o.enabled_error_codes == frozenset({"truthy-bool"})
    assert o.disabled_error_codes == frozenset({"misc"})
    assert o.cache_dir == "~/c" and not o.incremental and o.num_workers == 2


def test_config_values_are_extended_and_overridden_by_flags() -> None:
    ini = "[mypy]\nalways_true = A\npretty = True\nfiles = a.py\n"
    cl = parse(["--always-true", "B", "--no-pretty", "other.py"], {"/proj/mypy.ini": ini})
    assert cl.options.always_true == ("A", "B") and not cl.options.pretty
    assert cl.targets.files == ("other.py",)


def test_environment() -> None:
    env = dict(ENV, MYPYPATH="/s1:/s2", MYPY_CACHE_DIR="/cache", MYPY_NUM_WORKERS="3")
    cl = parse(["a.py"], {"/proj/mypy.ini": "[mypy]\nmypy_path = cfg\n"}, env=env)
    assert cl.options.mypy_path == ("/s1", "/s2", "cfg")
    assert cl.options.cache_dir == "/cache" and cl.options.num_workers == 3
    err = usage_error(["a.py"], env=dict(ENV, MYPY_NUM_WORKERS="many"))
    assert err.message.endswith(
        "error: MYPY_NUM_WORKERS: Invalid number of workers 'many' (expected an integer or 'auto')"
    )


def test_version_and_help() -> None:
    cl = parse(["--version"])
    assert cl.early_exit and cl.stdout_text == "tycheck 0.1.0 (mypy-compatible 2.4.1)\n"
    helptext = parse(["-h"]).stdout_text or ""
    assert helptext.startswith("usage: tycheck [-h]") and "--strict" in helptext


def test_unsupported_flags_are_recorded() -> None:
    o = parse(["--pdb", "--html-report", "out", "--install-types", "a.py"]).options
    assert set(o.unsupported_flags) == {"--pdb", "--html-report", "--install-types"}
    assert parse(["--native-parser", "--no-native-parser", "a.py"]).options.unsupported_flags == ()


def test_invalid_error_code() -> None:
    err = usage_error(["--enable-error-code", "foo", "--disable-error-code", "bar", "a.py"])
    assert err.message == "tycheck: error: Invalid error code(s): bar, foo"
    assert err.stdout == "Found 1 error in 1 file (errors prevented further checking)\n"
    err = usage_error(["--enable-error-code", "foo", "--no-error-summary", "a.py"])
    assert err.stdout == ""


def test_fail_style_errors() -> None:
    assert usage_error(["--allow-redefinition", "--no-local-partial-types", "a.py"]).message == (
        "error: --local-partial-types must be enabled if using --allow-redefinition"
    )
    assert usage_error(["--non-interactive", "a.py"]).message == (
        "error: --non-interactive is only supported with --install-types"
    )
    assert usage_error(["-p", "a/b"]).message == "Package name 'a/b' cannot have a slash in it."


def test_config_warnings_precede_usage_error() -> None:
    err = usage_error([], files={"/proj/mypy.ini": "[mypy]\nfoo = 1\n"})
    assert err.message.startswith("mypy.ini: [mypy]: Unrecognized option: foo = 1\nusage: ")


def test_strict_concatenate_warning_goes_to_stdout() -> None:
    cl = parse(["--strict-concatenate", "a.py"])
    assert cl.stdout_messages == (
        "Warning: --strict-concatenate is deprecated; use --extra-checks instead",
    )
    assert parse(["--strict", "--strict-concatenate", "a.py"]).stdout_messages == ()


def test_no_targets_allowed_when_not_required() -> None:
    fs = MemoryFileSystem({})
    cl = parse_command_line([], cwd="/proj", environ=ENV, fs=fs, require_targets=False)
    assert cl.targets.files == ()


# ---------------------------------------------------------------- differential against mypy

ORACLE_CASES = [
    [],
    ["--bogus", "a.py"],
    ["--python-version", "3.8", "a.py"],
    ["--python-version", "4.1", "a.py"],
    ["--python-version", "2.7", "a.py"],
    ["--python-version", "x", "a.py"],
    ["--config-file", "nope.ini", "a.py"],
    ["-m", "a", "a.py"],
    ["--follow-imports=bad", "a.py"],
    ["--always-true", "X", "--always-false", "X", "a.py"],
    ["--no-namespace-packages", "--explicit-package-bases", "a.py"],
    ["--enable-incomplete-feature", "Nope", "a.py"],
    ["--num-workers", "x", "a.py"],
    ["-O", "xml", "a.py"],
    ["--enable-error-code", "nope", "a.py"],
    ["--allow-redefinition", "--allow-redefinition-old", "a.py"],
    ["--package-root", "/abs", "a.py"],
    ["--find-occurrences", "x", "a.py"],
]


@needs_oracle()
@pytest.mark.parametrize("argv", ORACLE_CASES, ids=lambda a: " ".join(a) or "<none>")
def test_errors_match_mypy(argv: list[str], tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / ".git").mkdir()  # keep the config search inside the temp tree
    env = {"HOME": str(tmp_path), "PATH": os.environ.get("PATH", "")}
    proc = subprocess.run([MYPY, *argv], cwd=tmp_path, capture_output=True, text=True, env=env)
    try:
        cl = parse_command_line(argv, cwd=str(tmp_path), environ=env)
    except UsageError as err:
        ours = err.message + "\n"
        code = err.exit_code
    else:
        ours, code = "".join(m + "\n" for m in cl.stderr_messages), 0
    expected = proc.stderr.replace("usage: mypy ", "usage: tycheck ").replace(
        "mypy: error:", "tycheck: error:"
    )
    assert ours == expected
    assert code == proc.returncode
