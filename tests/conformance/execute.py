"""Running one check case in-process, step by step.

:func:`run_check_case` materialises the case, builds each step's command line and
calls the checker's ``main`` in this process (inside the case directory, with the
case's environment), then compares the normalised output with the expectation.
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

from . import harness
from .casedir import CaseDir, write_file
from .cases import Case, parse_case


class MainFunction(Protocol):
    """The in-process entry point: ``tycheck.cli.batch.main``."""

    def __call__(
        self,
        argv: list[str],
        *,
        stdout: TextIO,
        stderr: TextIO,
        cwd: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> int: ...


@dataclass(frozen=True)
class Paths:
    """Where mypy's test data lives."""

    mypy_src: str

    @property
    def unit_dir(self) -> str:
        return os.path.join(self.mypy_src, "test-data", "unit")

    @property
    def lib_stub(self) -> str:
        return os.path.join(self.unit_dir, "lib-stub")

    @property
    def typeshed(self) -> str:
        return os.path.join(self.mypy_src, "mypy", "typeshed")


@contextlib.contextmanager
def inside(cwd: str, environ: Mapping[str, str]) -> Iterator[None]:
    """Run with ``cwd`` as working directory and ``environ`` as ``os.environ``.

    Only safe in a process that runs one case at a time (our pool workers): a
    checker that reads the process state directly still sees the case's."""
    old_cwd = os.getcwd()
    old_env = dict(os.environ)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(environ)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(old_env)
        os.chdir(old_cwd)


def invoke(
    main: MainFunction, argv: list[str], cwd: str, environ: Mapping[str, str]
) -> tuple[int, str, str]:
    """Call ``main`` like a subprocess would run it: (exit code, stdout, stderr).

    An exception escaping ``main`` becomes exit code 2 with the traceback on
    stderr, which :func:`harness.crashed` counts as a crash."""
    out, err = io.StringIO(), io.StringIO()
    # print() calls that bypass the given streams are captured too, as a
    # subprocess's would be.
    with inside(cwd, environ), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = main(argv, stdout=out, stderr=err, cwd=cwd, environ=environ)
        except SystemExit as e:
            rc = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
            if not isinstance(e.code, (int, type(None))):
                err.write(f"{e.code}\n")
        except BaseException:  # noqa: BLE001 - any escape is a checker crash
            err.write(traceback.format_exc())
            rc = 2
    return int(rc or 0), out.getvalue(), err.getvalue()


def _step_args(case: Case, cd: CaseDir, step: int) -> tuple[list[str], dict[str, list[str]]]:
    """The full argument list of one step, and the injected config sections."""
    targets = harness.find_module_targets(case.main_text, step)
    if targets is None:
        targets = ["main"]
        if case.output_files:
            # The harness passes the program text, making every module a report source.
            targets += harness.report_sources(cd.root)
    flags = harness.find_flags(case.main_text, step)
    args = harness.harness_args(case, flags)
    if not (step and (flags is None or "--no-incremental" not in flags)):
        args.append("--no-incremental")
        if not case.writescache:
            args.append("--cache-dir=" + os.devnull)
    keys, sections = harness.harness_keys(case), dict(harness.HARNESS_SECTIONS)
    own_config = harness.config_file_from_flags(flags or [])
    if own_config:
        harness.inject_config(os.path.join(cd.root, own_config), keys, sections)
    else:
        config = os.path.join(cd.root, ".harness", "mypy.ini")
        if not os.path.exists(config):
            write_file(cd.root, ".harness/mypy.ini", harness.config_text(keys, sections))
        args = ["--config-file", config] + args
    args = ["--custom-typeshed-dir", cd.overlay] + args
    return args + targets, sections


def _steps(case: Case) -> range:
    if harness.is_incremental(case):
        return range(1, max([2] + list(case.output2)) + 1)
    return range(0, 1)


def _prepare_step(case: Case, cd: CaseDir, step: int) -> None:
    if step <= 1:
        if harness.find_module_targets(case.main_text, 1) is None:
            write_file(cd.root, "main", case.main_text)
    else:
        cd.apply_step(step)


def _run_steps(case: Case, cd: CaseDir, main: MainFunction) -> dict[str, Any]:
    environ = harness.case_environ(dict(os.environ), cd.root)
    for step in _steps(case):
        _prepare_step(case, cd, step)
        argv, sections = _step_args(case, cd, step)
        rc, out, err = invoke(main, argv, cd.root, environ)
        actual = harness.drop_injected_sections(harness.clean_up(out.splitlines()), sections)
        for overlay in {cd.overlay, os.path.realpath(cd.overlay)}:
            actual = harness.normalize_stub_paths(actual, overlay, cd.lib_stub)
        actual = [ln for ln in actual if not harness.REPORT_NOTE.match(ln)]
        if harness.crashed(rc, err):
            return {
                "status": "error",
                "reason": "crash",
                "step": step,
                "stderr": err[-3000:],
                "actual": actual,
            }
        if step < 2:
            expected = harness.sort_expected(case, case.output, actual)
        else:
            expected = case.output2.get(step, [])
        if expected != actual:
            result = {
                "status": "fail",
                "step": step,
                "expected": expected,
                "actual": actual,
                "cmd": shlex.join(argv),
            }
            if err.strip():
                result["stderr"] = err[-2000:]
            return result
        if case.output_files:
            problem = harness.check_output_files(case, cd.root)
            if problem:
                return {"status": "fail", "step": step, "reason": problem}
    return {"status": "pass"}


def run_check_case(
    case: Case,
    paths: Paths,
    main: MainFunction,
    runtime: tuple[int, ...],
    tmp_root: str | None = None,
    keep_failed: bool = False,
) -> dict[str, Any]:
    """Parse, lay out and run one case; the result dict has at least ``status``.

    ``status`` is ``pass``, ``fail``, ``error`` (crash) or ``unsupported``."""
    try:
        parse_case(case, paths.mypy_src, runtime)
        harness.check_supported(case, runtime)
    except harness.Unsupported as e:
        return {"status": "unsupported", "reason": str(e)}
    cd = CaseDir(case, paths.lib_stub, paths.typeshed, tmp_root)
    result: dict[str, Any] = {"status": "error", "reason": "not run"}
    try:
        result = _run_steps(case, cd, main)
    finally:
        if keep_failed and result["status"] != "pass":
            result["dir"] = cd.root
        else:
            cd.cleanup()
    return result
