"""Misplaced ``Final`` and ``@final`` (semantic/final_forms.py), against mypy's messages."""

from __future__ import annotations

from tests.conftest import check_source


def check(source: str, *flags: str) -> str:
    return check_source(source.lstrip("\n"), *flags)


SOURCE = """
from typing import Final, final, Tuple, Protocol, ClassVar
for i in [1, 2, 3]:
    x: Final = i
x2: Tuple[Final]
def f(x: Final[int]) -> Final[int]: ...
@final
def g() -> None: ...
class P(Protocol):
    a: Final[int] = 1
    b: ClassVar[Final[int]] = 1
    c: Final[ClassVar[int]] = 1
class C:
    def m(self) -> None:
        self.x: Final = 1
    def __init__(self) -> None:
        self.y: Final = 1
q: Final[int, str] = 1
"""


def test_misplaced_final() -> None:
    assert check(SOURCE) == (
        "m.py:3: error: Cannot use Final inside a loop  [misc]\n"
        "m.py:4: error: Final can be only used as an outermost qualifier in a variable"
        " annotation  [valid-type]\n"
        "m.py:5: error: Final can be only used as an outermost qualifier in a variable"
        " annotation  [valid-type]\n"
        "m.py:6: error: @final cannot be used with non-method functions  [misc]\n"
        "m.py:9: error: Protocol member cannot be final  [misc]\n"
        "m.py:10: error: Final can be only used as an outermost qualifier in a variable"
        " annotation  [valid-type]\n"
        "m.py:11: error: Variable should not be annotated with both ClassVar and Final  [misc]\n"
        "m.py:14: error: Can only declare a final attribute in class body or __init__  [misc]\n"
        "m.py:17: error: Final[...] takes at most one type argument  [misc]\n"
    )


def test_classvar_and_final_together_from_python_3_13() -> None:
    out = check(
        """
        from typing import Final, ClassVar
        class A:
            a: Final[ClassVar[int]] = 1
            b: ClassVar[Final[int]] = 1
        """,
        "--python-version=3.13",
    )
    assert out == ""


def test_a_final_of_our_own_is_not_judged() -> None:
    out = check(
        """
        class Final: ...
        def final(f: object) -> object:
            return f
        for i in range(3):
            x: Final = Final()
        @final
        def g() -> None: ...
        """
    )
    assert out == ""
