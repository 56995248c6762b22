from enum import IntEnum


class Color(IntEnum):
    RED = 1


def f(a: float, b: bool, c: Color) -> float:
    t: tuple[float, ...] = (1.0,)
    u: tuple[bool, ...] = (True,)
    t = u
    reveal_type([a, b])
    z: complex = c
    return a * b
