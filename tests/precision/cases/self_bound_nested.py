# A type variable nested in an annotated ``self`` is solved from the receiver's arguments.
import abc
from typing import Any, Generic, TypeVar

V = TypeVar("V", contravariant=True)
F = TypeVar("F", covariant=True)
FT = TypeVar("FT")


class Base(Generic[V, F]):
    min: F | None

    def go(self) -> F:
        assert self.min is not None
        return self._clamp(self.min, 1)

    @abc.abstractmethod
    def _clamp(self: "Base[Any, FT]", bound: FT, dir: int) -> FT: ...


class Impl(Base[int, float]):
    def _clamp(self, bound: float, dir: int) -> float:
        return bound


reveal_type(Impl()._clamp)
reveal_type(Impl().go())
