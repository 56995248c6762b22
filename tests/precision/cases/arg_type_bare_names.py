# An argument of a module or overloaded-function type is named without quotes, as mypy
# does ("has incompatible type overloaded function"; cattrs passing attrs' Factory).
import sys
from typing import Any, Callable, TypeVar, overload

_T = TypeVar("_T")


@overload
def Factory(factory: Callable[[], _T]) -> _T: ...
@overload
def Factory(factory: Callable[[Any], _T], takes_self: bool) -> _T: ...
def Factory(factory: Any, takes_self: bool = False) -> Any: ...


def needs_type(t: type) -> None: ...


def needs_int(n: int) -> None: ...


needs_type(Factory)
needs_int(sys)
