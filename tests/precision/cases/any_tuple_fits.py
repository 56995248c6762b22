"""tuple[Any, ...] (*args: Any, say) fits every fixed-length tuple; tuple[int, ...] does not."""
from typing import Any, NamedTuple, Union


class P(NamedTuple):
    x: int
    y: str


def f(x: tuple[int, str]) -> None: ...
def n(x: P) -> None: ...
def r(x: Union[str, tuple[str, int], tuple[str, int, dict[str, str]]]) -> None: ...


def g(*args: Any) -> None:
    f(args)
    r(args)
    n(args)


def h(t: tuple[Any, ...], u: tuple[int, ...]) -> None:
    f(t)
    f(u)
    x: tuple[int] = t
    y: tuple[()] = t
