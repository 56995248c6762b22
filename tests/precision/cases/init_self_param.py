# ``Self`` in an ``__init__`` parameter is the instance being constructed (werkzeug's
# CallbackDict(initial, on_update)).
from typing import Callable, Mapping, TypeVar

from typing_extensions import Self

K = TypeVar("K")
V = TypeVar("V")


class CallbackDict(dict[K, V]):
    def __init__(
        self,
        initial: Mapping[K, V] | None = None,
        on_update: Callable[[Self], None] | None = None,
    ) -> None:
        super().__init__()
        self.on_update = on_update


def f(d: dict[str, str]) -> None:
    def on_update(x: CallbackDict[str, str]) -> None: ...

    reveal_type(CallbackDict(d, on_update))
    reveal_type(CallbackDict(d))
    reveal_type(CallbackDict)
    CallbackDict(d, len)
