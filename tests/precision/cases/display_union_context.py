# A display whose expected type is a union with several fitting items that disagree
# (httpx's HeaderTypes) gets no context from it: it is inferred alone, then checked.
from typing import Mapping, Sequence, Tuple, Union


class Headers: ...


HeaderTypes = Union[Headers, Mapping[str, str], Mapping[bytes, bytes], Sequence[Tuple[str, str]]]


def send(headers: HeaderTypes | None = None) -> None: ...


send({b"Accept": b"*/*", b"Agent": "x".encode()})
send({"Accept": "*/*"})
send([("a", "b")])
send({1: 2})
h: HeaderTypes = {b"a": b"b"}
l: list[int] | list[str] = []
reveal_type(l)
m: list[int] | Sequence[int] = [1]
reveal_type(m)
