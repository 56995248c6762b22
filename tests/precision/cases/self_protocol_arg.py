# A type variable inside a protocol argument of an annotated ``self`` is solved through the
# receiver's members (trio's AsyncIOWrapper: ``self: W[CanRead[AnyStr]]`` on ``W[Bin]``).
from typing import AnyStr, Generic, Protocol, TypeVar

AnyStr_co = TypeVar("AnyStr_co", str, bytes, covariant=True)
F = TypeVar("F", covariant=True)
T_contra = TypeVar("T_contra", contravariant=True)


class CanRead(Protocol[AnyStr_co]):
    def read(self, size: int = ..., /) -> AnyStr_co: ...


class CanReadLines(Protocol[AnyStr]):
    def readlines(self, hint: int = ..., /) -> list[AnyStr]: ...


class CanWrite(Protocol[T_contra]):
    def write(self, data: T_contra, /) -> int: ...


class Wrapper(Generic[F]):
    def __init__(self, f: F) -> None:
        self.f = f

    def read(self: "Wrapper[CanRead[AnyStr]]", size: int = -1, /) -> AnyStr:
        return self.f.read(size)

    def readlines(self: "Wrapper[CanReadLines[AnyStr]]") -> list[AnyStr]:
        return self.f.readlines()

    def write(self: "Wrapper[CanWrite[AnyStr]]", data: AnyStr, /) -> int:
        return self.f.write(data)


class Bin:
    def read(self, size: int = -1, /) -> bytes:
        return b""

    def readlines(self, hint: int = -1, /) -> list[bytes]:
        return []

    def write(self, data: bytes, /) -> int:
        return 0


def f(w: Wrapper[Bin]) -> None:
    reveal_type(w.read())
    reveal_type(w.readlines())
    w.write(b"x")
