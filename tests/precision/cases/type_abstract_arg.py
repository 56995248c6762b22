# An abstract class or protocol object passed for ``type[T]`` where the solved T is abstract:
# mypy's type-abstract error (an ignore for it is used, not reported unused).
from abc import ABC, abstractmethod
from typing import Any, Mapping, Protocol, TypeVar

T = TypeVar("T")


class Shape(ABC):
    @abstractmethod
    def area(self) -> float: ...


class Square(Shape):
    def area(self) -> float:
        return 1.0


class Named(Protocol):
    name: str


def make(cls: type[T]) -> T:
    return cls()


def get(d: Mapping[str, Any], expected_type: type[T]) -> T | None:
    raise NotImplementedError


make(Shape)
make(Square)
make(Named)
get({}, Mapping)  # type: ignore[type-abstract]
get({}, dict)
