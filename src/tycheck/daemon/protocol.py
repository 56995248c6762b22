"""The wire protocol between ``tycheckd`` clients and the daemon.

A message is one JSON object, encoded as UTF-8 and preceded by its length as a 4-byte
big-endian unsigned integer. JSON (never pickle) keeps the daemon safe from a hostile
peer: the worst a bad frame can do is fail one request.

A request carries a ``command`` key; the server answers with one or more frames, the last
of which has ``"final": true``. Every failure of the transport (peer gone, truncated
frame, bad JSON, oversized frame) surfaces as :class:`ProtocolError`, a subclass of
``OSError``, so callers handle "the other side is unusable" in a single place.
"""

from __future__ import annotations

import json
import socket
import struct
from typing import Any

# Frames above this size are refused: a corrupt length prefix must not make us allocate
# gigabytes. Check outputs for very large projects stay far below it.
MAX_MESSAGE_BYTES = 256 * 1024 * 1024

_HEADER = struct.Struct(">I")


class ProtocolError(OSError):
    """The peer sent something unreadable, or went away in the middle of a message."""


def encode_message(data: dict[str, Any]) -> bytes:
    """Serialise ``data`` as one frame (length prefix + UTF-8 JSON)."""
    if not isinstance(data, dict):
        raise TypeError(f"a message must be a dict, not {type(data).__name__}")
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if len(body) > MAX_MESSAGE_BYTES:
        raise ProtocolError(f"Message too large ({len(body)} bytes)")
    return _HEADER.pack(len(body)) + body


def decode_body(body: bytes) -> dict[str, Any]:
    """Parse the JSON body of one frame; it must be an object."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise ProtocolError("Data received is not valid JSON") from err
    if not isinstance(data, dict):
        raise ProtocolError(f"Data received is not a dict ({type(data).__name__})")
    return data


def send_message(sock: socket.socket, data: dict[str, Any]) -> None:
    """Send one frame; a vanished peer raises ``OSError`` (``BrokenPipeError`` and friends)."""
    sock.sendall(encode_message(data))


def _recv_exactly(sock: socket.socket, size: int, *, at_start: bool) -> bytes:
    """Read exactly ``size`` bytes or raise ProtocolError if the stream ends first."""
    chunks: list[bytes] = []
    remaining = size
    while remaining:
        chunk = sock.recv(min(remaining, 1 << 20))
        if not chunk:
            if at_start and remaining == size:
                raise ProtocolError("No data received")
            raise ProtocolError("Connection closed in the middle of a message")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def receive_message(sock: socket.socket) -> dict[str, Any]:
    """Receive one frame and return its JSON object.

    Raises ProtocolError when the peer closes the connection, sends a truncated frame, an
    oversized length, or a body that is not a JSON object; ``socket.timeout`` (an
    ``OSError``) propagates when the socket has a timeout and the peer is silent.
    """
    header = _recv_exactly(sock, _HEADER.size, at_start=True)
    (size,) = _HEADER.unpack(header)
    if size > MAX_MESSAGE_BYTES:
        raise ProtocolError(f"Message too large ({size} bytes)")
    return decode_body(_recv_exactly(sock, size, at_start=False))


def connect(path: str, timeout: float | None = None) -> socket.socket:
    """Open a client connection to the daemon's Unix socket at ``path``."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(path)
    except BaseException:
        sock.close()
        raise
    return sock
