import typing as t
_T = t.TypeVar("_T")
class P(t.Protocol[_T]):
    def loads(self, payload: _T, /) -> t.Any: ...
    def dumps(self, obj: t.Any, /) -> _T: ...
class C:
    @staticmethod
    def loads(payload: str | bytes) -> t.Any: pass
    @staticmethod
    def dumps(obj: t.Any, **kwargs: t.Any) -> str: return ""
class D:
    @classmethod
    def loads(cls, payload: str) -> t.Any: pass
    @classmethod
    def dumps(cls, obj: t.Any) -> str: return ""
x: P[str] = C
y: P[str] = D
z: P[str] = C()
