from typing import AnyStr
class A:
    __slots__ = ("a",)
class B:
    __slots__ = ("b",)
    x: int
class C(A):
    __slots__ = ()
class D:
    pass
class E(A):
    __slots__ = ("a",)
def f(s: bytes, a: A, c: C, d: D, e: E) -> None:
    if isinstance(s, str):
        reveal_type(s)
    if isinstance(a, B):
        reveal_type(a)
    if isinstance(c, B):
        reveal_type(c)
    if isinstance(d, B):
        d.x
    if isinstance(a, D):
        pass
def g(s: AnyStr) -> AnyStr:
    if isinstance(s, str):
        x = 1
    elif isinstance(s, bytes):
        x = 2
    reveal_type(s)
    return s
def h(x: int, y: str | int) -> None:
    if isinstance(x, str):
        reveal_type(x)
    if isinstance(y, bytes):
        reveal_type(y)
