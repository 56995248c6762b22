from typing import Callable, TypeVar

T = TypeVar("T")


def mk(f: Callable[[], T]) -> T:
    return f()


def f() -> None:
    reveal_type(mk(list))
    reveal_type(mk(dict))
    reveal_type(mk(set))
