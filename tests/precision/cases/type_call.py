from typing import TypeVar, Any
T = TypeVar("T")
class A:
    @classmethod
    def make(cls) -> "A": return cls()
def f(a: A, t: T, u: int | str, x: Any, o: object) -> None:
    reveal_type(type(a))
    reveal_type(type(t))
    reveal_type(type(u))
    reveal_type(type(x))
    reveal_type(type(o))
    reveal_type(type(a).make())
    reveal_type(type(3))
    reveal_type(type("x", (), {}))
class B:
    def m(self) -> None:
        reveal_type(type(self))
