"""The daemon's status file and its socket directory.

The status file (``.tycheckd.json`` in the current directory unless ``--status-file``
says otherwise) tells clients where a running daemon listens: its pid, the path of its
Unix socket, the tycheck version and the options fingerprint it was started with.

It is written atomically (a temporary file in the same directory, then ``os.replace``)
with mode 0600, so a client never reads half a file and other users cannot read it. The
socket lives in a fresh directory made by ``mkdtemp`` (mode 0700): only the owner can
even reach the socket.

A status file is *stale* when its pid is dead (a zombie counts as dead) or its socket is
gone; :func:`check_status` reports that with dmypy's messages and
:func:`clean_stale` removes the leftovers.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import socket
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

DEFAULT_STATUS_FILE = ".tycheckd.json"
SOCKET_DIR_PREFIX = "tycheckd-"
SOCKET_NAME = "tycheckd.sock"
# Beside the socket: the daemon's pid, so that leftovers of killed daemons can be told apart.
PID_NAME = "pid"
# A socket directory this young without a pid file may belong to a daemon being started.
_YOUNG_DIR_SECONDS = 60.0

# sockaddr_un.sun_path is 108 bytes on Linux (104 on macOS); stay safely below.
_MAX_SOCKET_PATH = 100


class BadStatus(Exception):
    """The status file is missing or malformed, or the daemon it names is not running."""


class StatusInfo(NamedTuple):
    """What a status file records about one running daemon.

    A named tuple, not a dataclass: every client imports this module, and ``dataclasses``
    pulls in ``inspect`` and its dependencies (milliseconds per ``tycheckd`` call).
    """

    pid: int
    connection_name: str
    version: str
    fingerprint: str

    def to_json(self) -> dict[str, Any]:
        """The dict written to the status file."""
        return {
            "pid": self.pid,
            "connection_name": self.connection_name,
            "version": self.version,
            "fingerprint": self.fingerprint,
        }


def write_status(path: str, info: StatusInfo) -> None:
    """Write the status file atomically with mode 0600."""
    import tempfile  # only writers need it (see StatusInfo on import costs)

    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tycheckd-status-", dir=directory)
    try:
        # mkstemp already creates the file 0600; chmod guards against odd umask handling.
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(info.to_json(), f)
            f.write("\n")
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise


def read_status(path: str) -> dict[str, Any]:
    """Read the status file as a dict; BadStatus if missing or not a JSON object."""
    if not os.path.isfile(path):
        raise BadStatus("No status file found")
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as err:
        raise BadStatus(f"Malformed status file: {err}") from err
    if not isinstance(data, dict):
        raise BadStatus(f"Invalid status file (not a dict): {data}")
    return data


def check_status(data: dict[str, Any]) -> tuple[int, str]:
    """Validate status data and check that its daemon is alive; return (pid, socket path)."""
    pid = data.get("pid")
    if pid is None:
        raise BadStatus("Invalid status file (no pid field)")
    if not isinstance(pid, int) or isinstance(pid, bool):
        raise BadStatus("pid field is not an int")
    if not process_alive(pid):
        raise BadStatus("Daemon has died")
    name = data.get("connection_name")
    if name is None:
        raise BadStatus("Invalid status file (no connection_name field)")
    if not isinstance(name, str):
        raise BadStatus("connection_name field is not a string")
    if not os.path.exists(name):
        raise BadStatus("Daemon has died")
    return pid, name


def get_status(path: str) -> tuple[int, str]:
    """Read and check the status file in one step."""
    return check_status(read_status(path))


def is_running(path: str) -> bool:
    """True when the status file names a live daemon with its socket in place."""
    try:
        get_status(path)
    except BadStatus:
        return False
    return True


def process_alive(pid: int) -> bool:
    """True if ``pid`` exists and is not a zombie.

    A killed daemon whose parent has exited may linger as a zombie when nothing reaps it
    (common in containers); it can serve nothing, so it counts as dead.
    """
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        # Someone else's process reuses the pid: certainly not our daemon.
        return False
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """Read the process state from /proc where available (Linux)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            stat = f.read()
    except OSError:
        return False
    # The command name (in parentheses) may contain spaces; the state follows the last ')'.
    tail = stat.rpartition(")")[2].split()
    return bool(tail) and tail[0] in ("Z", "X")


def kill_process(pid: int) -> None:
    """Send SIGKILL to ``pid`` (raises OSError if it is gone or not ours)."""
    os.kill(pid, signal.SIGKILL)


def make_socket_dir() -> str:
    """Create a fresh private (0700) directory for the daemon's socket and return it."""
    import tempfile  # server side only

    directory = tempfile.mkdtemp(prefix=SOCKET_DIR_PREFIX)
    if len(os.path.join(directory, SOCKET_NAME)) > _MAX_SOCKET_PATH:
        # A long TMPDIR would overflow sun_path: fall back to /tmp.
        os.rmdir(directory)
        directory = tempfile.mkdtemp(prefix=SOCKET_DIR_PREFIX, dir="/tmp")
    os.chmod(directory, 0o700)
    with open(os.path.join(directory, PID_NAME), "w", encoding="ascii") as f:
        f.write(f"{os.getpid()}\n")
    return directory


def remove_socket_dir(socket_path: str) -> None:
    """Remove a daemon socket and its directory, touching nothing that is not ours.

    Only the socket file itself is unlinked and the directory removed only when it has
    our prefix and is then empty: a corrupted status file can never make us delete more.
    """
    directory = os.path.dirname(socket_path)
    if not os.path.basename(directory).startswith(SOCKET_DIR_PREFIX):
        return
    if os.path.basename(socket_path) == SOCKET_NAME:
        _unlink_quietly(socket_path)
        _unlink_quietly(os.path.join(directory, PID_NAME))
    try:
        os.rmdir(directory)
    except OSError:
        pass


def remove_stale_socket_dirs(parents: tuple[str, ...] | None = None) -> int:
    """Remove the socket directories of daemons that were killed; return how many.

    A directory is ours to remove when it has our prefix, belongs to this user and either
    names a pid that is no longer a tycheck daemon or, having no pid file (an older daemon),
    is over a minute old and nobody answers on its socket.
    """
    import tempfile  # server side only

    removed = 0
    for parent in parents or tuple(dict.fromkeys([tempfile.gettempdir(), "/tmp"])):
        try:
            names = [n for n in os.listdir(parent) if n.startswith(SOCKET_DIR_PREFIX)]
        except OSError:
            continue
        for name in names:
            directory = os.path.join(parent, name)
            if _is_stale_socket_dir(directory):
                remove_socket_dir(os.path.join(directory, SOCKET_NAME))
                removed += not os.path.exists(directory)
    return removed


def _is_stale_socket_dir(directory: str) -> bool:
    try:
        st = os.lstat(directory)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
        return False
    try:
        with open(os.path.join(directory, PID_NAME), encoding="ascii") as f:
            pid: int | None = int(f.read().strip())
    except (OSError, ValueError):
        pid = None
    if pid is not None:
        return not (process_alive(pid) and is_daemon_process(pid))
    if time.time() - st.st_mtime < _YOUNG_DIR_SECONDS:
        return False
    return not _answers(os.path.join(directory, SOCKET_NAME))


def _answers(socket_path: str) -> bool:
    """False only when nobody listens on ``socket_path`` (refused, or no socket at all).

    Any other failure (a full backlog, a timeout) may be a live daemon: it counts as one.
    """
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(1.0)
        sock.connect(socket_path)
    except (ConnectionRefusedError, FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True
    finally:
        sock.close()
    return True


def command_line(pid: int) -> list[str] | None:
    """The argv of process ``pid`` (from /proc, else ``ps``), or None if unknown."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            raw = f.read()
        return [part.decode("utf-8", "replace") for part in raw.split(b"\0") if part]
    except OSError:
        pass
    import subprocess  # rarely needed: /proc answers on Linux

    try:
        out = subprocess.run(
            ["ps", "-o", "args=", "-p", str(pid)], capture_output=True, text=True, timeout=5
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out.split() if out else None


def is_daemon_process(pid: int, status_file: str | None = None) -> bool:
    """True if ``pid``'s command line is a tycheck daemon server (for ``status_file``).

    Daemons run as ``python -m tycheck.daemon [--status-file F] daemon ...`` (what the
    client spawns) or ``tycheckd [--status-file F] daemon ...`` (in the foreground).
    """
    argv = command_line(pid)
    if not argv or "daemon" not in argv:
        return False
    spawned = any(a == "tycheck.daemon" for a in argv)
    foreground = any(
        os.path.basename(a) in ("tycheckd", "daemon_client.py") or a == "tycheck.cli.daemon_client"
        for a in argv
    )
    if not (spawned or foreground):
        return False
    if status_file is None:
        return True
    given = (
        argv[argv.index("--status-file") + 1]
        if "--status-file" in argv[:-1]
        else DEFAULT_STATUS_FILE
    )
    if not os.path.isabs(given):
        try:
            given = os.path.join(os.readlink(f"/proc/{pid}/cwd"), given)
        except OSError:
            return False
    return os.path.realpath(given) == os.path.realpath(status_file)


def process_state(pid: int) -> str | None:
    """The one-letter state of ``pid`` from /proc (``T`` is stopped), or None if unknown."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            tail = f.read().rpartition(")")[2].split()
    except OSError:
        return None
    return tail[0] if tail else None


@contextmanager
def status_lock(path: str) -> Iterator[None]:
    """Hold an exclusive lock for the daemon of status file ``path`` (blocking).

    Whoever starts, restarts or replaces a daemon holds it, so that clients started in
    parallel agree on one daemon: the first starts it, the others wait, then find it
    running. The lock is ``flock`` on ``<path>.lock`` (the status file itself is replaced
    atomically, so it cannot carry a lock); the kernel releases it if the holder dies.
    """
    fd = os.open(os.path.abspath(path) + ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def remove_status_if_owned(path: str, pid: int) -> None:
    """Delete the status file only if it still names ``pid``.

    A dying daemon must not remove the status file of a successor started meanwhile.
    """
    try:
        data = read_status(path)
    except BadStatus:
        return
    if data.get("pid") == pid:
        _unlink_quietly(path)


def clean_stale(path: str) -> None:
    """Remove a stale status file and its daemon's socket directory, if they are stale.

    Does nothing when the status file names a live daemon.
    """
    try:
        data = read_status(path)
    except BadStatus:
        if os.path.isfile(path):
            _unlink_quietly(path)  # malformed: useless to everyone
        return
    try:
        check_status(data)
    except BadStatus:
        name = data.get("connection_name")
        pid = data.get("pid")
        if isinstance(name, str) and not (isinstance(pid, int) and process_alive(pid)):
            remove_socket_dir(name)
        _unlink_quietly(path)


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
