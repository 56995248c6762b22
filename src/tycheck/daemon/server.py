"""The daemon's server loop.

One process and one session; every connection is served on a thread of its own, so that a
client that connects and says nothing (or reads slowly) holds up only itself. The work
itself stays one request at a time, as in dmypy: every command that touches the session
takes the check lock; only a plain ``status`` answers without it, so that it answers at
once even while a long check runs. The loop

- accepts connections, polling every ``POLL_SECONDS``; each connection thread reads one
  request frame (with a deadline), runs it, sends the final frame and closes;
- sends an empty heartbeat frame every ``HEARTBEAT_SECONDS`` while a request waits for the
  lock or runs, so that a client can tell a busy daemon from a stopped or wedged one;
- survives everything a request can do: an exception in a command is logged with its
  traceback and answered as an error (exit 2), a client that vanishes is forgotten;
- shuts down after ``timeout`` seconds without a request, on ``stop``, on SIGTERM, and when
  its status file no longer names it (deleted, or replaced by another daemon's), removing
  its status file (only if it is still ours) and its socket directory.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import threading
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
    BadStatus,
    StatusInfo,
    make_socket_dir,
    read_status,
    remove_socket_dir,
    remove_stale_socket_dirs,
    remove_status_if_owned,
    write_status,
)

# How long a connected client may take to send its request.
REQUEST_READ_TIMEOUT = 30.0
# Answers are small; a client that stops reading for this long is considered gone.
RESPONSE_WRITE_TIMEOUT = 30.0
LISTEN_BACKLOG = 64
# How often the accept loop wakes up to check for stop, idleness and its status file.
POLL_SECONDS = 0.5
# A request that waits or runs sends an empty frame this often (clients time out at 30 s).
HEARTBEAT_SECONDS = 2.0
# Commands that never touch the session, answered without waiting for the check lock.
LIGHT_COMMANDS = frozenset({"status"})


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
        self._stopping = threading.Event()
        # Set by ``stop`` before it removes the status file, so that the loop does not take
        # the missing file for a reason to leave before the answer is sent.
        self._stop_requested = threading.Event()
        self._check_lock = threading.Lock()
        self._active = 0
        self._active_lock = threading.Lock()
        self._last_activity = time.monotonic()

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> None:
        """Build the session, bind the socket and publish the status file.

        Raises UsageError for bad flags before anything is published.
        """
        self.handler.open_session()
        remove_stale_socket_dirs()
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
        self._last_activity = time.monotonic()
        try:
            while not self._stopping.is_set():
                reason = self._accept_one()
                if reason:
                    log(reason)
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

    # -- the accept loop ---------------------------------------------------------------

    def _accept_one(self) -> str | None:
        """Accept one connection (or time out); a reason to shut down, or None."""
        assert self._listener is not None
        self._listener.settimeout(POLL_SECONDS)
        try:
            conn, _ = self._listener.accept()
        except TimeoutError:
            return self._reason_to_exit()
        with self._active_lock:
            self._active += 1
        thread = threading.Thread(target=self._serve_connection, args=(conn,), daemon=True)
        thread.start()
        return None

    def _reason_to_exit(self) -> str | None:
        """Why the daemon should go away now: idle too long, or its status file is gone."""
        with self._active_lock:
            idle = self._active == 0 and not self._stopping.is_set()
            quiet = time.monotonic() - self._last_activity
        if idle and self.timeout is not None and quiet > self.timeout:
            return f"no request for {self.timeout} seconds; shutting down"
        if not self._stop_requested.is_set() and not self._status_names_us():
            return "the status file no longer names this daemon; shutting down"
        return None

    def _status_names_us(self) -> bool:
        """True while the status file exists and names this process and socket."""
        try:
            data = read_status(self.status_file)
        except BadStatus:
            return False
        return data.get("pid") == os.getpid() and data.get("connection_name") == self.socket_path

    # -- one connection ----------------------------------------------------------------

    def _serve_connection(self, conn: socket.socket) -> None:
        """Read, run and answer one request; never raises for a misbehaving client."""
        try:
            with conn:
                self._handle_connection(conn)
        except Exception:  # a bug here must not kill the thread silently
            log("error while serving a connection:\n" + traceback.format_exc().rstrip())
        finally:
            with self._active_lock:
                self._active -= 1
                self._last_activity = time.monotonic()

    def _handle_connection(self, conn: socket.socket) -> None:
        conn.settimeout(REQUEST_READ_TIMEOUT)
        sender = _Sender(conn)
        try:
            request = receive_message(conn)
        except OSError as err:
            log(f"dropped a connection without a readable request: {err}")
            # If the peer is still there (it sent garbage), tell it why; else no harm done.
            self._answer(sender, None, {"error": f"Bad request: {err}"})
            return
        command = request.get("command")
        if command in LIGHT_COMMANDS and not request.get("fswatcher_dump_file"):
            self._answer(sender, command, self._run(command, request))
            return
        with _Heartbeat(sender):
            with self._check_lock:
                response = self._run(command, request)
        self._answer(sender, command, response)
        if command == "stop":
            self._stopping.set()

    def _answer(self, sender: "_Sender", command: object, response: Response) -> None:
        """Send the final frame; a client that has gone away is only logged."""
        response.update(self.handler.metadata())
        response["final"] = True
        try:
            sender.send(response)
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
        # The server's own time per request, in the log file only (bench/inspect_bench.py
        # reads it): the answers keep dmypy's JSON shape.
        log(f"{command}: {(time.perf_counter() - started) * 1000:.1f} ms")
        return response

    def _stop(self) -> Response:
        """Stop after answering. The status file goes first, so that no client that
        reads it in the meantime mistakes this dying daemon for a live one."""
        self._stop_requested.set()
        remove_status_if_owned(self.status_file, os.getpid())
        return {}


class _Sender:
    """Frames to one client, from the connection's thread and its heartbeat alike."""

    def __init__(self, conn: socket.socket) -> None:
        self.conn = conn
        self.lock = threading.Lock()

    def send(self, message: dict[str, Any]) -> None:
        with self.lock:
            self.conn.settimeout(RESPONSE_WRITE_TIMEOUT)
            send_message(self.conn, message)


class _Heartbeat:
    """While its block runs, send an empty frame every HEARTBEAT_SECONDS (until one fails)."""

    def __init__(self, sender: _Sender) -> None:
        self.sender = sender
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._beat, daemon=True)

    def __enter__(self) -> "_Heartbeat":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.thread.join()

    def _beat(self) -> None:
        while not self.done.wait(HEARTBEAT_SECONDS):
            try:
                self.sender.send({})
            except OSError:
                return


def _raise_system_exit(signum: int, frame: FrameType | None) -> None:
    """SIGTERM unwinds through ``serve``'s clean-up like a normal stop."""
    raise SystemExit(128 + signum)
