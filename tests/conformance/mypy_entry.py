"""An in-process entry point that runs *mypy* (the oracle) instead of tycheck.

Used to validate the runner itself: run it with the oracle's interpreter,
``$TYCHECK_ORACLE_PYTHON -m tests.conformance.runner --entry
tests.conformance.mypy_entry:main``, and its verdicts must match the reference
runner's subprocess verdicts for mypy case by case.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO


def main(
    argv: list[str],
    *,
    stdout: TextIO,
    stderr: TextIO,
    cwd: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> int:
    """Run mypy's command line in-process (cwd and environment are already set)."""
    from mypy.main import main as mypy_main  # only present in the oracle's venv

    try:
        mypy_main(args=list(argv), stdout=stdout, stderr=stderr, clean_exit=True)
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 1
    return 0
