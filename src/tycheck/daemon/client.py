"""The client side of the wire: send one request to the daemon named by a status file.

``request`` returns the daemon's final answer as a dict. Problems with the status file
raise ``BadStatus`` (the caller prints its message: "No status file found", "Daemon has
died"...); problems talking to a live daemon (refused, timed out, hung up, garbage) come
back as ``{"error": <text>}`` like dmypy, so that ``status`` and ``stop`` can say the
daemon may be busy.

A daemon sends an empty heartbeat frame every few seconds while it works on a request, so
a client never needs to wait forever: when nothing at all arrives for ``frame_timeout``
seconds the daemon is stopped (SIGSTOP) or wedged, and the answer says so.

With ``raise_gone=True`` a daemon that went away before answering anything (it was stopped
or replaced by another client meanwhile) raises ``DaemonGone`` instead, so that ``run``
can start or find the daemon again and retry.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, TextIO

from tycheck.daemon.protocol import ProtocolError, connect, receive_message, send_message
from tycheck.daemon.status import get_status, process_state

# Seconds without any frame (heartbeats included) after which a client gives up.
DEFAULT_FRAME_TIMEOUT = 30.0
FRAME_TIMEOUT_ENV = "TYCHECKD_CLIENT_TIMEOUT"


class DaemonGone(Exception):
    """The daemon closed or refused the connection before answering anything."""


def frame_timeout() -> float:
    """The client's patience between frames: ``$TYCHECKD_CLIENT_TIMEOUT`` or 30 s."""
    try:
        value = float(os.environ.get(FRAME_TIMEOUT_ENV, ""))
    except ValueError:
        return DEFAULT_FRAME_TIMEOUT
    return value if value > 0 else DEFAULT_FRAME_TIMEOUT


def request(
    status_file: str,
    command: str,
    *,
    timeout: float | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    raise_gone: bool = False,
    **kwds: Any,
) -> dict[str, Any]:
    """Send ``command`` with ``kwds`` and wait for the final answer.

    ``timeout`` bounds the whole wait; without it each frame may take ``frame_timeout()``
    (heartbeats keep a busy daemon's connection alive).
    Intermediate frames may carry ``stdout``/``stderr`` text from the server (progress or
    debugging output); it is copied to ``out``/``err`` (default: sys.stdout/sys.stderr).
    """
    pid, socket_path = get_status(status_file)
    message: dict[str, Any] = dict(kwds)
    message["command"] = command
    message["is_tty"] = sys.stdout.isatty()
    message["cwd"] = os.getcwd()
    limit = frame_timeout() if timeout is None else timeout
    deadline = None if timeout is None else time.monotonic() + timeout
    response: dict[str, Any] = {}
    frames = 0
    try:
        with connect(socket_path, limit) as sock:
            send_message(sock, message)
            final = False
            while not final:
                if deadline is not None:
                    # An explicit timeout bounds the whole wait, heartbeats or not.
                    sock.settimeout(max(deadline - time.monotonic(), 0.001))
                response = receive_message(sock)
                frames += 1
                final = bool(response.pop("final", False))
                _relay(response.pop("stdout", None), out or sys.stdout)
                _relay(response.pop("stderr", None), err or sys.stderr)
    except TimeoutError:
        # An explicit timeout (status, stop, hang) keeps dmypy's terse text.
        return {"error": "timed out" if timeout is not None else _silence_message(pid, limit)}
    except OSError as error:
        if raise_gone and frames == 0 and _hung_up(error):
            raise DaemonGone(str(error) or type(error).__name__) from error
        return {"error": str(error) or type(error).__name__}
    return response


def _hung_up(error: OSError) -> bool:
    """The daemon refused, reset or closed the connection without a word."""
    if isinstance(error, ProtocolError):
        return str(error) == "No data received"
    return isinstance(error, (ConnectionError, FileNotFoundError))


def _silence_message(pid: int, seconds: float) -> str:
    """Why the daemon said nothing for ``seconds``, as precisely as we can tell."""
    if process_state(pid) == "T":
        return (
            f"Daemon (pid {pid}) is stopped (SIGSTOP?) and did not answer within {seconds:g} "
            f"seconds; resume it with 'kill -CONT {pid}' or use tycheckd kill"
        )
    return (
        f"Daemon (pid {pid}) sent nothing for {seconds:g} seconds (timed out); "
        "it may be hung: consider tycheckd kill"
    )


def _relay(text: object, stream: TextIO) -> None:
    if isinstance(text, str) and text:
        stream.write(text)
        stream.flush()
