from typing import Iterator
class T: ...
class P(T): ...
def mk(x: int) -> T:
    return T()
a: list[P] = [mk(i) for i in range(3)]
b: set[P] = {mk(i) for i in range(3)}
c: dict[P, int] = {mk(i): i for i in range(3)}
d: dict[int, P] = {i: mk(i) for i in range(3)}
e: Iterator[P] = (mk(i) for i in range(3))
f: list[P] = [mk(1), mk(2)]
def g(xs: list[P]) -> None: ...
g([mk(i) for i in range(3)])
h: list[list[P]] = [[mk(i)] for i in range(3)]
