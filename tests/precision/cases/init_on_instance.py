# ``obj.__init__(...)`` is refused (an incompatible subclass's ``__init__`` may answer);
# the call itself is not checked. ``super().__init__`` and ``C.__init__`` are fine.
from typing import Generic, Iterable, TypeVar, final

K = TypeVar("K")


class Im(Generic[K]):
    @classmethod
    def fromkeys(cls, keys: Iterable[K]) -> "Im[K]":
        instance = super().__new__(cls)
        instance.__init__(zip(keys, keys))  # type: ignore[misc]
        return instance


class O:
    def __init__(self, x: int) -> None:
        super().__init__()

    def reset(self) -> None:
        self.__init__(1)
        O.__init__(self, 2)


@final
class Closed:
    def __init__(self, x: int) -> None: ...


class FinalInit:
    @final
    def __init__(self) -> None: ...


def reuse(c: Closed, f: FinalInit) -> None:
    c.__init__(1)
    c.__init__("s")
    f.__init__()
