from typing import Any, List
def f(x):
    y: Any = x
    z: int
    w = []  # type: List[Any]
    class C:
        a: int = 1
    def g() -> None:
        q: int = 1
    return y
def h(x) -> None:
    y: int = x
x: int = 1
