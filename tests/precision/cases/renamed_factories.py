from collections import namedtuple as _nt
from enum import Enum as _Enum, IntEnum as _IE
from typing import NamedTuple as _NT, NewType as _NewType

_State = _Enum("_State", ["OK", "BROKEN", "CLOSED"])
Level = _IE("Level", "LOW HIGH")
P = _NT("P", [("x", int)])
Q = _nt("Q", "a b")
UserId = _NewType("UserId", int)

reveal_type(_State.OK)
reveal_type(Level.HIGH)
reveal_type(P(1).x)
reveal_type(Q(1, 2).a)
reveal_type(UserId(5))
s: _State = _State.BROKEN
s = 1
