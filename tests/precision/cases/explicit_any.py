# mypy: disallow-any-explicit
"""Where --disallow-any-explicit reports: signatures, annotations, aliases, TypeVars, casts, bases, dataclasses."""
from typing import Any, Callable, TypeVar, List, NamedTuple, NewType, cast, Literal, Annotated, Optional
from typing import TypeAlias
from dataclasses import dataclass
import typing as t

CallT = TypeVar("CallT", bound=Callable[..., Any])
Fn = TypeVar("Fn", bound=Callable[..., object])
V = TypeVar("V", int, List[Any])
Plain = TypeVar("Plain")
A1 = Any
A2 = Callable[..., int]
A3: TypeAlias = "List[Any]"
A4 = List[int]

def f1(x: Any) -> None: ...
def f2(x: CallT) -> CallT: return x
def f3(x: Fn) -> Fn: return x
def f4(x: A1, y: A2) -> A3: return []
def f5(x: Literal["Any"]) -> Annotated[int, Any]: return 1
def f6(*args: "Any", **kw: t.Any) -> None: ...
def f7(x):
    return x
def f8(x: int):
    y: List[Any] = []
    z = cast(Any, x)
    w = cast(A1, x)
    return z

@dataclass
class D:
    a: Any
    b: int

class E:
    x: Optional[Any] = None
    def __init__(self) -> None:
        self.y: Any = 1
    @property
    def p(self) -> Any: return 1

class F(List[Any]): ...
N = NamedTuple("N", [("a", Any)])
class N2(NamedTuple):
    a: Any
NT = NewType("NT", List[Any])
g: Callable[[int], int]
h: Callable[..., int]
lam = lambda x: x
def f9(x: V) -> V: return x
def f10(x: Plain) -> Plain: return x
from typing import TypedDict, overload, TypeGuard, ClassVar, TYPE_CHECKING
from dataclasses import field, InitVar


class TD(TypedDict):
    a: Any


def untyped(x):
    def inner(y: Any) -> int:
        return 1
    z = cast(Any, x)
    return z


def typed_tc() -> None:
    w = []  # type: List[Any]


@overload
def ov(x: int) -> Any: ...
@overload
def ov(x: str) -> str: ...
def ov(x): return x


@dataclass
class D1:
    a: ClassVar[Any] = 1


@dataclass
class D2:
    a: List[Any] = field(default_factory=list, init=False)


@dataclass
class D3:
    a: InitVar[Any]


@dataclass
class D4(D3):
    b: int


def guard(x: object) -> TypeGuard[Callable[..., int]]:
    return True


if not TYPE_CHECKING:
    def hidden(x: Any) -> None: ...
