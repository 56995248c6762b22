def g(x: int | None, y: int | str, z: int) -> None:
    assert x is not None
    x = "s"
    reveal_type(x)
    if isinstance(y, int):
        y = b""
        reveal_type(y)
    z = ""
    reveal_type(z)
class A:
    a: int | None
def h(a: A) -> None:
    assert a.a is not None
    a.a = ""
    reveal_type(a.a)
from typing import Optional, Iterable
def f2(it: Iterable[bytes]) -> None:
    last: Optional[bytes] = None
    for line in it:
        if line:
            if last is None:
                raise ValueError("x")
            if not isinstance(last, bytearray):
                last = bytearray(last)
            last += b" "
        else:
            last = line
