"""Unit tests for the length-prefixed JSON wire protocol."""

from __future__ import annotations

import socket
import struct
import threading

import pytest

from tycheck.daemon.protocol import (
    MAX_MESSAGE_BYTES,
    ProtocolError,
    decode_body,
    encode_message,
    receive_message,
    send_message,
)


def pair() -> tuple[socket.socket, socket.socket]:
    return socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)


def test_encode_is_big_endian_length_then_utf8_json() -> None:
    frame = encode_message({"command": "status", "text": "é"})
    (size,) = struct.unpack(">I", frame[:4])
    assert size == len(frame) - 4
    assert frame[4:].decode("utf-8") == '{"command":"status","text":"é"}'


def test_round_trip_over_a_socket() -> None:
    a, b = pair()
    with a, b:
        message = {"command": "check", "files": ["a.py", "ü/b.py"], "n": 3, "x": None}
        send_message(a, message)
        assert receive_message(b) == message


def test_large_message_split_across_many_reads() -> None:
    a, b = pair()
    payload = {"out": "x" * 3_000_000}
    received: list[dict[str, object]] = []
    reader = threading.Thread(target=lambda: received.append(receive_message(b)))
    reader.start()
    with a, b:
        send_message(a, payload)
        reader.join(10)
    assert received == [payload]


def test_several_messages_in_sequence() -> None:
    a, b = pair()
    with a, b:
        for i in range(5):
            send_message(a, {"i": i})
        assert [receive_message(b)["i"] for _ in range(5)] == list(range(5))


def test_peer_closing_before_any_data_is_a_protocol_error() -> None:
    a, b = pair()
    a.close()
    with b, pytest.raises(ProtocolError, match="No data received"):
        receive_message(b)


def test_truncated_frame_is_a_protocol_error() -> None:
    a, b = pair()
    frame = encode_message({"command": "run"})
    a.sendall(frame[:-3])
    a.close()
    with b, pytest.raises(ProtocolError, match="middle of a message"):
        receive_message(b)


def test_truncated_header_is_a_protocol_error() -> None:
    a, b = pair()
    a.sendall(b"\x00\x00")
    a.close()
    with b, pytest.raises(ProtocolError):
        receive_message(b)


def test_oversized_length_is_refused_without_reading_it() -> None:
    a, b = pair()
    with a, b:
        a.sendall(struct.pack(">I", MAX_MESSAGE_BYTES + 1))
        with pytest.raises(ProtocolError, match="too large"):
            receive_message(b)


@pytest.mark.parametrize("body", [b"not json", b"\xff\xfe", b"[1, 2]", b'"text"'])
def test_bad_bodies_are_protocol_errors(body: bytes) -> None:
    with pytest.raises(ProtocolError):
        decode_body(body)


def test_protocol_error_is_an_oserror() -> None:
    # Callers treat every transport failure uniformly as OSError.
    assert issubclass(ProtocolError, OSError)


def test_only_dicts_can_be_sent() -> None:
    with pytest.raises(TypeError):
        encode_message([1, 2])  # type: ignore[arg-type]


def test_silent_peer_times_out() -> None:
    a, b = pair()
    with a, b:
        b.settimeout(0.1)
        with pytest.raises(TimeoutError):
            receive_message(b)


def test_sending_to_a_vanished_peer_raises_oserror() -> None:
    a, b = pair()
    b.close()
    with a, pytest.raises(OSError):
        for _ in range(100):
            send_message(a, {"out": "x" * 100_000})
