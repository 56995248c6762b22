# "; maybe ...?" for a missing instance attribute: close names the class itself declares
# (attrs "Attribute"/"_setattrs", cattrs gen_unstructure_mapping); not inherited ones.
from typing import Any

class Attribute:
    __slots__ = ("name", "_setattrs")
    def __init__(self) -> None:
        self.kw_only = 1
    def __setattr__(self, name: str, value: Any) -> None: ...

class Conv:
    def _unstructure_mapping(self) -> None: ...
    def append(self) -> None: ...

class Sub(Conv):
    pass

def f(a: Attribute, c: Conv, t: type, s: Sub, l: list[int]) -> None:
    a.on_setattr
    a.kw_onl
    c.gen_unstructure_mapping
    c.add
    t.__args__
    t.__orig_bases__
    s.gen_unstructure_mapping
    l.add(1)
    a.__aiter__
    c.__aiter__
