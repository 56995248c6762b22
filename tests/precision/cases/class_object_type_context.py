from typing import Any, Generic, TypeVar, Optional, Union
K = TypeVar("K"); V = TypeVar("V")
class MultiDict(Generic[K, V]):
    def __init__(self, k: K, v: V) -> None: ...
class ImmutableMultiDict(MultiDict[K, V]): ...
x: type[MultiDict[str, int]] = ImmutableMultiDict
def f(c: type[MultiDict[str, str]]) -> None: ...
f(MultiDict)
y: Optional[type[MultiDict[str, int]]] = ImmutableMultiDict
class W:
    storage: type[MultiDict[str, str]] = MultiDict
reveal_type(ImmutableMultiDict)
