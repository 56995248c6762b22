"""Where ``Self`` may not stand: outside a class, with type arguments, in a metaclass."""

from __future__ import annotations

from tests.conftest import check_source


def check(source: str) -> str:
    return check_source(source, "--hide-error-codes")


def test_self_outside_a_class_and_with_arguments() -> None:
    out = check(
        """
        from typing import Self, List
        var: Self
        def foo() -> Self: ...
        class C:
            x: Self[int]
            def meth(self) -> List[Self]:
                return [self]
        """
    )
    assert out == (
        "m.py:3: error: Self type is only allowed in annotations within class definition\n"
        "m.py:4: error: Self type is only allowed in annotations within class definition\n"
        "m.py:6: error: Self type cannot have type arguments\n"
    )


def test_self_in_a_metaclass() -> None:
    out = check(
        """
        from typing import Self
        class Meta(type):
            def meth(cls) -> Self: ...
        """
    )
    assert out == "m.py:4: error: Self type cannot be used in a metaclass\n"


def test_self_inside_nested_functions_and_classes_is_allowed() -> None:
    out = check(
        """
        from typing import Self
        class H:
            def __init__(self) -> None:
                self.x: Self | None = None
                def g(y: Self) -> None: ...
                class Inner:
                    def k(self) -> Self:
                        return self
        """
    )
    assert out == ""
