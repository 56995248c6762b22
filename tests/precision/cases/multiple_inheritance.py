# An inherited method must agree with the same name in a later base (werkzeug's
# ImmutableListMixin with list); compatible definitions and Generic bases mapped through
# the subclass pass.
from typing import Generic, NoReturn, TypeVar
T = TypeVar("T")
class ImmutableMixin:
    def pop(self, key: int) -> NoReturn:
        raise TypeError
    def append(self, item: object) -> NoReturn:
        raise TypeError
class ImmutableList(ImmutableMixin, list[int]):  # type: ignore[misc]
    pass
class Box(Generic[T]):
    def put(self, x: T) -> None: ...
class StrSink:
    def put(self, x: str) -> None: ...
class Fine(StrSink, Box[str]): ...
class Wrong(StrSink, Box[int]): ...
