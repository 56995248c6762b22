# ``*x`` passes item types only for a tuple or a generic iterable instance; a union, a type
# variable or a class without type arguments passes Any (mypy's argument expansion).
from typing import Any, Sequence, TypeVar

T = TypeVar("T", bound=list[bytes])


def conn(host: str, port: int) -> None: ...


def f(
    a: tuple[str, int] | tuple[Any, Any],
    b: tuple[str, int] | tuple[bytes, int],
    c: list[bytes] | list[int],
    t: T,
    s: Sequence[bytes],
    u: tuple[bytes, int],
) -> None:
    conn(*a)
    conn(*b)
    conn(*c)
    conn(*t)
    conn(*s)
    conn(*u)
