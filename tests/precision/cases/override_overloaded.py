from typing import Sequence, Tuple, overload, Any, Iterator
class H(Sequence[Tuple[bytes, bytes]]):
    def __getitem__(self, idx: int) -> Tuple[bytes, bytes]:
        return (b"", b"")
    def __len__(self) -> int:
        return 0
class I(int):
    def __pow__(self, other: int, mod: int | None = None) -> "I":
        return self
class F(float):
    def __round__(self, ndigits: int = 0) -> "F":
        return self
class B:
    @overload
    def f(self, x: int) -> int: ...
    @overload
    def f(self, x: str) -> str: ...
    def f(self, x: Any) -> Any:
        return x
class C(B):
    @overload
    def f(self, x: int) -> int: ...
    @overload
    def f(self, x: bytes) -> bytes: ...
    def f(self, x: Any) -> Any:
        return x
class D(B):
    def f(self, x: int) -> int:
        return x
class E(B):
    def f(self, x: Any) -> Any:
        return x
