# An ignore comment on any line of a multi-line call covers the errors reported on the
# call itself (mypy: the reported expression's lines), not only its first line.
from typing import Any, Protocol


class Logger(Protocol):
    def bind(self) -> None: ...


def make(cls: type[Logger] | None, default: Any) -> None:
    wrapper = cls or default
    wrapper(
        1,
        processors=2,
        context=3,  # type: ignore[call-arg]
    )


def k(a: int) -> None: ...


k(
    1,
    2,  # type: ignore[call-arg]
)
k(
    1,
    2,
)
x = [  # type: ignore[call-arg]
    k(1, 2),
]
