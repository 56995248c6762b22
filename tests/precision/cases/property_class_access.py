from typing import Generic, TypeVar

T = TypeVar("T")


class A(Generic[T]):
    @property
    def p(self) -> T:
        raise NotImplementedError

    @property
    def q(self) -> int:
        return 1

    @q.setter
    def q(self, v: int) -> None: ...


class B(A[str]): ...


def g(t: type[int]) -> str:
    reveal_type(A.q)
    reveal_type(B.p)
    reveal_type(t.__class__)
    return t.__class__.__name__ + A.p.__name__
