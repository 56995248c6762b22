# mypy: warn-unused-ignores
# A function decorated with functools.wraps is a functools._Wrapped: attributes set on it are
# errors, so tenacity's `# type: ignore[attr-defined]` comments are used.
import functools
from typing import Any, Callable, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def retry(f: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(f)
    def wrapped_f(*args: P.args, **kw: P.kwargs) -> R:
        return f(*args, **kw)

    wrapped_f.retry = retry  # type: ignore[attr-defined]
    wrapped_f.statistics = {}  # type: ignore[attr-defined]
    return wrapped_f


def plain(f: Callable[[int], str]) -> Callable[[int], str]:
    @functools.wraps(f)
    def inner(x: int) -> str:
        return f(x)

    inner.__name__
    return inner


@retry
def g(x: int) -> str:
    return ""


reveal_type(g)
