"""The ``tycheck`` command: parse the command line, check once, print like mypy."""

from __future__ import annotations

import os
import sys
from typing import Mapping, Sequence, TextIO

from tycheck.cli.progress import progress_for
from tycheck.service.api import UsageError
from tycheck.service.session import Session
from tycheck.tools.report_files import write_reports


def main(
    argv: Sequence[str],
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    cwd: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> int:
    """Run one batch check; returns the exit code (0 clean, 1 errors, 2 usage or internal error)."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    try:
        session = Session(argv, cwd=cwd, environ=environ)
    except UsageError as e:
        if e.stdout:
            out.write(e.stdout)
        if e.message:
            err.write(e.message if e.message.endswith("\n") else e.message + "\n")
        return e.exit_code
    line = session.line
    if line.early_exit:
        out.write(line.stdout_text or "")
        return line.exit_code
    for flag in session.options.unsupported_flags:
        # Accepted for compatibility, but never silently: say that it does nothing yet.
        err.write(f"tycheck: note: {flag} is accepted but not supported yet; it has no effect\n")
    progress = progress_for(err, session.options.progress, environ)
    session.progress = progress
    try:
        outcome = session.check()
    finally:
        if progress is not None:
            progress.finish()
    out.write(outcome.stdout)
    out.write(write_reports(session))
    err.write(outcome.stderr)
    out.flush()
    return outcome.exit_code


def console_main() -> None:
    """Console-script entry point."""
    try:
        code = main(sys.argv[1:])
    except KeyboardInterrupt:
        code = 2
    hard_exit(code)


def hard_exit(code: int) -> None:
    """Flush the output and end the process without tearing the heap down.

    A normal interpreter exit runs a full garbage collection and frees every object of the
    check one by one: a third of a second after a cold check of a 100-module project, all
    of it for memory the operating system reclaims at once anyway. Everything a run writes
    (output, cache entries, ``--junit-xml``) is complete by now, each file closed.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 2  # output lost (closed pipe): not a success
    os._exit(code)
