# A class based on a subscripted generic named tuple is a named tuple too (typeshed's
# ``urllib.parse.SplitResult``): keyword construction, its tuple type.
from typing import AnyStr, Generic, NamedTuple
from urllib.parse import SplitResult


class _Base(NamedTuple, Generic[AnyStr]):
    scheme: AnyStr
    netloc: AnyStr


class Mixin:
    pass


class Url(_Base[str], Mixin):
    def geturl(self) -> str:
        return self.scheme + self.netloc


reveal_type(Url(scheme="a", netloc="b"))
reveal_type(Url("a", "b")[1])
u = SplitResult(scheme="http", netloc="h", path="/", query="", fragment="").geturl()
reveal_type(u)
