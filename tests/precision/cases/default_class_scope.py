from typing import ClassVar
class C:
    DEFAULT: ClassVar[int] = 1
    NAME = "x"
    def f(self, x: int = DEFAULT, y: str = NAME) -> int:
        def g(z: int = DEFAULT) -> None: ...
        return x
