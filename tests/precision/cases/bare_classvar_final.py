from typing import ClassVar, Final
class A:
    x: ClassVar = 1
    y: Final = 1
reveal_type(A.x)
reveal_type(A().x)
reveal_type(A.y)
