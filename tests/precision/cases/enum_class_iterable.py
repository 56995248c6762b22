# An enum class is an Iterable of its members through its metaclass's __iter__ (structlog's
# set(CallsiteParameter) with an Iterable[...] parameter).
import enum
from typing import Iterable


class Color(enum.Enum):
    RED = 1
    BLUE = 2


def names(colors: Iterable[Color]) -> list[str]:
    return [c.name for c in colors]


names(Color)
for c in Color:
    reveal_type(c)
