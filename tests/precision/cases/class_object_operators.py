import types
from typing import TypeAlias

V: TypeAlias = None | int | str
W = int | bool
reveal_type(int | bool)
reveal_type(int | None)
reveal_type(None | int)
reveal_type(type | types.UnionType)


def f(t: type[int], c: bool) -> None:
    reveal_type(t | str)
    x = int if c else str
    reveal_type(x == int)
