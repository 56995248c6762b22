from typing import Any, Generic, Iterator, TypeVar

T = TypeVar("T")


class A:
    def __new__(cls) -> int:  # type: ignore[misc]
        return 1


class B(Generic[T]):
    def __new__(cls, x: T) -> T:  # type: ignore[misc]
        return x


class Base:
    def __new__(cls) -> "Base":
        return object.__new__(cls)


class Sub(Base): ...


class S3(Base):
    def __new__(cls) -> "Base":  # type: ignore[misc]
        return object.__new__(cls)


class V:
    def __new__(cls: type[T], x: int) -> T:
        return object.__new__(cls)


class W(V): ...


class D:
    def __new__(cls) -> Any:
        return object.__new__(cls)


class U:
    def __new__(cls):  # type: ignore[no-untyped-def]
        return object.__new__(cls)


class C(Generic[T]):
    def __init__(self: "C[int]", x: int) -> None: ...


class E(dict[str, int]): ...


reveal_type(A())
reveal_type(B(1))
reveal_type(Sub())
reveal_type(S3())
reveal_type(V(1))
reveal_type(W(1))
reveal_type(D())
reveal_type(U())
reveal_type(C(1))
reveal_type(E(a=1))
reveal_type(dict(a=1))
reveal_type(dict({"a": 1}, b=2))
reveal_type(reversed([1]))
reveal_type(frozenset([1]))
