from typing import TypeVar, final
class A:
    a: int = 0
class B(A):
    x: int = 0
@final
class F(A): ...
class Other: ...
T = TypeVar("T", bound=A)
def f(a: A, u: int | str, o: A | None) -> None:
    if type(a) is B:
        reveal_type(a)
    else:
        reveal_type(a)
    if type(a) == F:
        reveal_type(a)
    else:
        reveal_type(a)
    if type(u) is int:
        reveal_type(u)
    else:
        reveal_type(u)
    if type(a) is not B:
        reveal_type(a)
    else:
        reveal_type(a)
    if type(o) is B:
        reveal_type(o)
    if B is type(a):
        reveal_type(a)
    if type(a) in (B, F):
        reveal_type(a)
def g(t: T, x: A) -> T:
    if isinstance(x, type(t)):
        reveal_type(x)
        return x
    return t
def h(x: object, y: A) -> None:
    if isinstance(x, type(y)):
        reveal_type(x)
