# Protocols and their subclasses have ABCMeta as metaclass (jinja2: abc.MutableMapping.register).
from collections import abc
from abc import ABCMeta
from typing import Mapping, Protocol


@abc.MutableMapping.register
class LRU:
    pass


Mapping.register(LRU)


class P(Protocol):
    def f(self) -> int: ...


class C(P):
    def f(self) -> int:
        return 1


P.register(int)
meta: ABCMeta = C
reveal_type(type(C()))
