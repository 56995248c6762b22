"""Starting the daemon process, and running it in the foreground.

``spawn_daemon`` (client side) starts ``python -m tycheck.daemon daemon --detached ...``
as a new session leader (no fork without exec: the child is a clean interpreter) with its
stdout and stderr on a pipe. ``run_daemon`` (server side) builds the session, binds the
socket, writes the status file and only then points its stdout/stderr at the log file or
``/dev/null``. That closes the pipe, which is the client's signal that start-up is over:
whatever the child printed before (a usage error, say) reaches the user verbatim, and its
exit code tells success from failure without polling the status file.
"""

from __future__ import annotations

import os
import select
import sys
import time
import traceback
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple, TextIO

from tycheck.daemon.status import BadStatus, get_status

if TYPE_CHECKING:
    import subprocess

DEFAULT_STARTUP_TIMEOUT = 60.0


class SpawnResult(NamedTuple):
    """How a start attempt went: exit code 0 means the daemon is up."""

    exit_code: int
    output: str


def daemon_command(
    status_file: str,
    flags: Sequence[str],
    timeout: float | None = None,
    log_file: str | None = None,
) -> list[str]:
    """The argv that starts a detached daemon."""
    cmd = [sys.executable, "-m", "tycheck.daemon", "--status-file", os.path.abspath(status_file)]
    cmd += ["daemon", "--detached"]
    if timeout:
        cmd += ["--timeout", str(timeout)]
    if log_file:
        cmd += ["--log-file", os.path.abspath(log_file)]
    return cmd + ["--", *flags]


def spawn_daemon(
    status_file: str,
    flags: Sequence[str],
    timeout: float | None = None,
    log_file: str | None = None,
    startup_timeout: float = DEFAULT_STARTUP_TIMEOUT,
) -> SpawnResult:
    """Start a detached daemon and wait until it serves (or fails to start)."""
    import subprocess  # only a starting client needs it, not every request

    proc = subprocess.Popen(
        daemon_command(status_file, flags, timeout, log_file),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        close_fds=True,
    )
    assert proc.stdout is not None
    output, finished = _read_until_eof(proc.stdout.fileno(), startup_timeout)
    proc.stdout.close()
    text = output.decode("utf-8", errors="replace")
    if not finished:
        return SpawnResult(2, text + "Timed out waiting for daemon to start\n")
    code = _exit_code_soon(proc)
    if code is not None and code != 0:
        return SpawnResult(code if code > 0 else 2, text)
    try:
        get_status(status_file)
    except BadStatus as err:
        return SpawnResult(2, text + f"{err}\n")
    return SpawnResult(0, text)


def _read_until_eof(fd: int, limit: float) -> tuple[bytes, bool]:
    """Collect everything from ``fd`` until EOF; (data, False) if ``limit`` ran out."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + limit
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return b"".join(chunks), False
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)


def _exit_code_soon(proc: subprocess.Popen[bytes]) -> int | None:
    """The child's exit code if it exits right after closing its output, else None.

    A failing child closes the pipe by exiting, so its code arrives within moments; a
    healthy one keeps running.
    """
    import subprocess

    try:
        return proc.wait(timeout=0.05)
    except subprocess.TimeoutExpired:
        return None


def redirect_output(log_file: str | None) -> None:
    """Point fds 1 and 2 (and sys.stdout/err) at ``log_file`` (appending) or /dev/null."""
    sys.stdout.flush()
    sys.stderr.flush()
    if log_file:
        fd = os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    else:
        fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    # Line-buffered text streams over the new descriptors, so log lines appear promptly.
    sys.stdout = open(1, "w", buffering=1, encoding="utf-8", closefd=False)
    sys.stderr = open(2, "w", buffering=1, encoding="utf-8", closefd=False)


def run_daemon(
    status_file: str,
    flags: Sequence[str],
    timeout: float | None = None,
    log_file: str | None = None,
    detached: bool = False,
) -> int:
    """Serve in this process until stopped; return the process exit code.

    In the foreground the log file (if any) takes over at once; detached, output goes to
    the spawning client until start-up has succeeded, then to the log file or /dev/null.
    """
    # Imported here, not at the top: every client imports this module (for
    # ``spawn_daemon``), and the server's imports (handlers, the service layer) would add
    # tens of milliseconds to each ``tycheckd inspect`` an editor runs.
    from tycheck.daemon.server import Server, log
    from tycheck.service.api import UsageError

    if log_file and not detached:
        redirect_output(log_file)
    try:
        server = Server(flags, status_file, timeout=timeout)
        server.start()
    except UsageError as err:
        sys.stdout.write(err.stdout)
        sys.stdout.flush()
        _write_line(sys.stderr, err.message)
        return err.exit_code
    except Exception:
        traceback.print_exc()
        _write_line(sys.stderr, "tycheckd: failed to start the daemon")
        return 2
    try:
        server.serve(on_ready=(lambda: redirect_output(log_file)) if detached else None)
    except Exception:
        log("daemon crashed:\n" + traceback.format_exc().rstrip())
        return 2
    return 0


def _write_line(stream: TextIO, text: str) -> None:
    stream.write(text if text.endswith("\n") else text + "\n")
    stream.flush()
