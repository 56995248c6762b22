"""The daemon's server loop.

One process, one thread, one request at a time: the listening socket's backlog queues
other clients until the current request is answered, which is exactly dmypy's "one
type-checking request at a time". The loop

- accepts a connection, reads one request frame (with a deadline, so a client that
  connects and says nothing cannot wedge the daemon), runs it, sends the final frame and
  closes the connection;
- survives everything a request can do: an exception in a command is logged with its
  traceback and answered as an error (exit 2), a client that vanishes before reading its
  answer is simply forgotten;
- shuts down after ``timeout`` seconds without a request, on ``stop``, and on SIGTERM,
  removing its status file (only if it is still ours) and its socket directory.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import time
import traceback
from collections.abc import Mapping, Sequence
from types import FrameType
from typing import Any, Callable

from tycheck import __version__
from tycheck.daemon.handlers import CommandHandler, Response
from tycheck.daemon.protocol import receive_message, send_message
from tycheck.daemon.status import (
    SOCKET_NAME,
    StatusInfo,
    make_socket_dir,
    remove_socket_dir,
    remove_status_if_owned,
    write_status,
)

# How long a connected client may take to send its request.
REQUEST_READ_TIMEOUT = 30.0
# Answers are small; a client that stops reading for this long is considered gone.
RESPONSE_WRITE_TIMEOUT = 30.0
LISTEN_BACKLOG = 64


def log(message: str) -> None:
    """One timestamped line on the daemon's stderr (the --log-file, if any)."""
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    sys.stderr.write(f"[{stamp}] tycheckd[{os.getpid()}]: {message}\n")
    sys.stderr.flush()


class Server:
    """A listening daemon bound to one status file and one session."""

    def __init__(
        self,
        flags: Sequence[str],
        status_file: str,
        timeout: float | None = None,
        cwd: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.status_file = os.path.abspath(status_file)
        self.timeout = timeout if timeout and timeout > 0 else None
        self.handler = CommandHandler(flags, cwd=cwd, environ=environ)
        self.socket_path = ""
        self._listener: socket.socket | None = None
        self._stopping = False

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> None:
        """Build the session, bind the socket and publish the status file.

        Raises UsageError for bad flags before anything is published.
        """
        self.handler.open_session()
        directory = make_socket_dir()
        self.socket_path = os.path.join(directory, SOCKET_NAME)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            listener.bind(self.socket_path)
            os.chmod(self.socket_path, 0o600)
            listener.listen(LISTEN_BACKLOG)
        except BaseException:
            listener.close()
            remove_socket_dir(self.socket_path)
            raise
        self._listener = listener
        info = StatusInfo(os.getpid(), self.socket_path, __version__, self.handler.fingerprint)
        write_status(self.status_file, info)

    def serve(self, on_ready: Callable[[], None] | None = None) -> None:
        """Start (unless already started), then serve until stopped or idle too long."""
        if self._listener is None:
            self.start()
        if on_ready is not None:
            on_ready()
        # Logged only now: before on_ready a detached daemon still writes to its client.
        log(f"listening on {self.socket_path} (status file {self.status_file})")
        previous = signal.signal(signal.SIGTERM, _raise_system_exit)
        try:
            while not self._stopping:
                if not self._serve_one():
                    log(f"no request for {self.timeout} seconds; shutting down")
                    break
        finally:
            signal.signal(signal.SIGTERM, previous)
            self.shutdown()

    def shutdown(self) -> None:
        """Close the socket and remove what we published. Safe to call twice."""
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        remove_status_if_owned(self.status_file, os.getpid())
        if self.socket_path:
            remove_socket_dir(self.socket_path)
        log("stopped")

    # -- one request -------------------------------------------------------------------

    def _serve_one(self) -> bool:
        """Serve one connection; False when the inactivity timeout expired."""
        assert self._listener is not None
        self._listener.settimeout(self.timeout)
        try:
            conn, _ = self._listener.accept()
        except TimeoutError:
            return False
        with conn:
            self._handle_connection(conn)
        return True

    def _handle_connection(self, conn: socket.socket) -> None:
        """Read, run and answer one request; never raises for a misbehaving client."""
        conn.settimeout(REQUEST_READ_TIMEOUT)
        try:
            request = receive_message(conn)
        except OSError as err:
            log(f"dropped a connection without a readable request: {err}")
            # If the peer is still there (it sent garbage), tell it why; else no harm done.
            self._answer(conn, None, {"error": f"Bad request: {err}"})
            return
        command = request.get("command")
        self._answer(conn, command, self._run(command, request))

    def _answer(self, conn: socket.socket, command: object, response: Response) -> None:
        """Send the final frame; a client that has gone away is only logged."""
        response.update(self.handler.metadata())
        response["final"] = True
        conn.settimeout(RESPONSE_WRITE_TIMEOUT)
        try:
            send_message(conn, response)
        except OSError as err:
            if command is not None:
                log(f"client went away before reading the answer to {command!r}: {err}")

    def _run(self, command: object, request: dict[str, Any]) -> Response:
        """Dispatch one request, turning any exception into an error answer."""
        if command is None:
            return {"error": "No command found in request"}
        if not isinstance(command, str):
            return {"error": "Command is not a string"}
        if command == "stop":
            return self._stop()
        started = time.perf_counter()
        try:
            response = self.handler.handle(command, request)
        except Exception:
            tb = traceback.format_exc()
            log(f"internal error while handling {command!r}:\n{tb.rstrip()}")
            return {"error": f"Internal error in tycheckd while handling '{command}':\n{tb}"}
        log(f"{command}: {time.perf_counter() - started:.3f}s")
        return response

    def _stop(self) -> Response:
        """Stop after answering. The status file goes first, so that no client that
        reads it in the meantime mistakes this dying daemon for a live one."""
        remove_status_if_owned(self.status_file, os.getpid())
        self._stopping = True
        return {}


def _raise_system_exit(signum: int, frame: FrameType | None) -> None:
    """SIGTERM unwinds through ``serve``'s clean-up like a normal stop."""
    raise SystemExit(128 + signum)
