"""Final attributes: assignments after the declaration, through instances, classes, subclasses."""

from __future__ import annotations

from tests.conftest import check_source


def check(source: str) -> str:
    return check_source(source, "--hide-error-codes")


def test_assignments_after_the_declaration_are_reported() -> None:
    out = check(
        """
        from typing import Final
        class C:
            x: Final = 1
            def __init__(self) -> None:
                self.y: Final = 1
            def meth(self) -> None:
                self.x = 2
                self.y = 2
        class D(C):
            x = 4
        D().x = 5
        C().y += 1
        """
    )
    assert out == (
        'm.py:8: error: Cannot assign to final attribute "x"\n'
        'm.py:9: error: Cannot assign to final attribute "y"\n'
        'm.py:11: error: Cannot assign to final name "x"\n'
        'm.py:12: error: Cannot assign to final attribute "x"\n'
        'm.py:13: error: Cannot assign to final attribute "y"\n'
    )


def test_value_given_once_in_init_is_allowed() -> None:
    out = check(
        """
        from typing import Final
        class C:
            x: Final[int]
            y: Final[int]
            z: Final[int]
            def __init__(self, x: int) -> None:
                self.x = x
                self.y, self.z = 1, 2
                self.x = 3
        """
    )
    assert out == 'm.py:10: error: Cannot assign to final attribute "x"\n'


def test_plain_attributes_are_not_final() -> None:
    out = check(
        """
        from typing import Final, ClassVar
        class C:
            a: ClassVar[int] = 1
            def __init__(self) -> None:
                self.b = 1
                self.c: int = 1
        c = C()
        c.b = 2
        c.c = 3
        C.a = 4
        """
    )
    assert out == ""
