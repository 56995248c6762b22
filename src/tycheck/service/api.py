"""The one API boundary between the analysis layers and the front ends (batch CLI, daemon).

A ``Session`` owns an engine database, the parsed options and the file system view. The batch
run is a session that checks once; the daemon keeps one session alive and calls
``apply_changes`` then ``check`` for each request. Every analysis failure is caught here and
turned into an internal-error outcome (exit 2) so that a bug fails one request, never the
process.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tycheck.errors.diagnostics import Diagnostic


@dataclass(frozen=True)
class Targets:
    """What to check, as given on a command line: files/directories, -m modules, -p packages, -c text."""

    files: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()
    command: str | None = None


@dataclass(frozen=True)
class CheckOutcome:
    """The result of one check request: exactly what the batch ``tycheck`` would print."""

    stdout: str
    stderr: str
    exit_code: int
    timings: dict[str, float] = field(default_factory=dict)
    checked_files: tuple[str, ...] = ()
    # The messages behind ``stdout`` (ignores applied, paths as printed), for editors.
    diagnostics: tuple[Diagnostic, ...] = ()


class UsageError(Exception):
    """Bad command line or configuration: ``message`` is printed to stderr, exit code 2."""

    def __init__(self, message: str, exit_code: int = 2, stdout: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.stdout = stdout
