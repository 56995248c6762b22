from typing import Any
class Node:
    @classmethod
    def make(cls) -> "Node": return cls()
class Leaf(Node): ...
def f(objs: dict[str, object], t: type, u: type[Node], a: Any, v: type[Node] | type[int]) -> None:
    m = {k: o.make for k, o in objs.items() if isinstance(o, type) and issubclass(o, Node)}
    if issubclass(t, Node):
        reveal_type(t)
    else:
        reveal_type(t)
    if issubclass(u, Leaf):
        reveal_type(u)
    else:
        reveal_type(u)
    if issubclass(a, Leaf):
        reveal_type(a)
    else:
        reveal_type(a)
    if issubclass(v, int):
        reveal_type(v)
    else:
        reveal_type(v)
    if issubclass(v, (Leaf, int)):
        reveal_type(v)
