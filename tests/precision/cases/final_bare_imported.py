import socket
from typing import Literal
def f(kind: Literal[socket.SocketKind.SOCK_STREAM, socket.SocketKind.SOCK_SEQPACKET] = socket.SOCK_STREAM) -> None: ...
reveal_type(socket.SOCK_STREAM)
