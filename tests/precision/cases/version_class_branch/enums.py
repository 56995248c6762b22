import enum
class P(enum.IntEnum):
    A = enum.auto()
    B = enum.auto()
class F(enum.IntFlag):
    X = enum.auto()
x: P = P.A
reveal_type(P.A)
reveal_type(F.X)
import socket
reveal_type(socket.AF_INET)
