# ``super().m()`` of a method returning ``Self`` returns the receiver's ``Self``.
from typing import Any, Generic, TypeVar

from typing_extensions import Self

K = TypeVar("K")
V = TypeVar("V")


class Base:
    def bind(self, **kw: Any) -> Self:
        return self

    @classmethod
    def make(cls) -> Self:
        return cls()


class Sub(Base):
    def bind(self, **kw: Any) -> Self:
        return super().bind(**kw)

    @classmethod
    def make(cls) -> Self:
        return super().make()


class Mixin(dict[K, V]):
    def __ior__(self, other: dict[K, V]) -> Self:  # type: ignore[override,misc]
        return super().__ior__(other)
