# A union of TypedDicts narrows by a literal key compared to literals (ASGI scopes: uvicorn,
# starlette): the members whose item cannot match go.
from typing import Literal, TypedDict, Union
class A(TypedDict):
    type: Literal["http"]
    headers: list[bytes]
class B(TypedDict):
    type: Literal["lifespan"]
Scope = Union[A, B]
def f(scope: Scope) -> None:
    if scope["type"] == "lifespan":
        reveal_type(scope)
        return
    reveal_type(scope)
    scope["headers"]
def g(scope: Scope) -> None:
    if scope["type"] not in ("http", "websocket"):
        return
    reveal_type(scope)
class X:
    tag: Literal["x"]
class Y:
    tag: Literal["y"]
def h(v: X | Y) -> None:
    if v.tag == "x":
        reveal_type(v)
