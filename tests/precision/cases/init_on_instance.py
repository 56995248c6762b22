# ``obj.__init__(...)`` is refused (an incompatible subclass's ``__init__`` may answer);
# the call itself is not checked. ``super().__init__`` and ``C.__init__`` are fine.
from typing import Generic, Iterable, TypeVar

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
