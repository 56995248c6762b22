"""The client side of the wire: send one request to the daemon named by a status file.

``request`` returns the daemon's final answer as a dict. Problems with the status file
raise ``BadStatus`` (the caller prints its message: "No status file found", "Daemon has
died"...); problems talking to a live daemon (refused, timed out, hung up, garbage) come
back as ``{"error": <text>}`` like dmypy, so that ``status`` and ``stop`` can say the
daemon may be busy.
"""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

from tycheck.daemon.protocol import connect, receive_message, send_message
from tycheck.daemon.status import get_status


def request(
    status_file: str,
    command: str,
    *,
    timeout: float | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    **kwds: Any,
) -> dict[str, Any]:
    """Send ``command`` with ``kwds`` and wait for the final answer.

    Intermediate frames may carry ``stdout``/``stderr`` text from the server (progress or
    debugging output); it is copied to ``out``/``err`` (default: sys.stdout/sys.stderr).
    """
    _, socket_path = get_status(status_file)
    message: dict[str, Any] = dict(kwds)
    message["command"] = command
    message["is_tty"] = sys.stdout.isatty()
    message["cwd"] = os.getcwd()
    response: dict[str, Any] = {}
    try:
        with connect(socket_path, timeout) as sock:
            send_message(sock, message)
            final = False
            while not final:
                response = receive_message(sock)
                final = bool(response.pop("final", False))
                _relay(response.pop("stdout", None), out or sys.stdout)
                _relay(response.pop("stderr", None), err or sys.stderr)
    except OSError as error:
        return {"error": str(error) or type(error).__name__}
    return response


def _relay(text: object, stream: TextIO) -> None:
    if isinstance(text, str) and text:
        stream.write(text)
        stream.flush()
