"""A cast to a bare generic class is list[Any], not an empty collection waiting for its type."""
from typing import Dict, List, Tuple, cast


def f(x: int) -> None:
    a = cast(List, x)
    b = cast(list, x)
    c = cast(Dict, x)
    d = cast(Tuple, x)
    reveal_type(a)
    reveal_type(d)
