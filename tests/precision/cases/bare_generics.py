# mypy: disallow-any-generics
"""Where --disallow-any-generics reports a generic written without its type arguments."""
import collections
import logging
import typing
import typing as t
from collections import OrderedDict
from typing import Annotated, Callable, Coroutine, Dict, Generic, Iterable, List, Literal, NamedTuple
from typing import Optional, Tuple, Type, TypeAlias, TypeVar, Union, cast

T = TypeVar("T")


class G(Generic[T]): ...


AliasL = List
AliasG = List[T]
A2: TypeAlias = "List"
A3 = Union[List, int]
B = TypeVar("B", bound=List)
N = NamedTuple("N", [("a", List)])


def f1(a: tuple[Callable, dict]) -> None: ...
def f2(func: Callable[[], Coroutine]) -> None: ...
def f3(x: List, y: "Dict", z: Tuple, w: Type) -> Optional[G]:
    return None
def f4(x: list, y: type, z: tuple) -> Iterable[int]:
    return []
def f5(a: typing.List, b: t.Dict, c: collections.OrderedDict) -> None: ...
def f6(a: Union[List, int], b: Annotated[List, "x"], c: Callable[..., List], d: "list[List]") -> None: ...
def f7(a: Literal["List"]) -> None: ...


def f8(
    a: List,
    b: int,
) -> None:
    y: List = []
    z = cast(List, y)


def untyped(x):
    y = cast(List, x)
    return y


class C1(dict): ...
class C2(logging.StreamHandler): ...
class C3(tuple): ...
class C4(G): ...


class K:
    a: List

    def __init__(self) -> None:
        self.b: List = []


x1: AliasL = []
x2: AliasG = []
x3: OrderedDict = OrderedDict()
x5: "G[int]"
isinstance(x1, list)
