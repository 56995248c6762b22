from typing import Self


class Node:
    @property
    def parent(self) -> Self | None:
        return None

    @parent.setter
    def parent(self, value: Self | None) -> None:
        pass

    def add(self) -> None:
        child = type(self)()
        reveal_type(child)
        child.parent = self


def f(n: Node) -> None:
    n.parent = Node()
    n.parent = 1
