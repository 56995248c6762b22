"""Regression tests for self types: ``typing.Self`` as a type variable bound to the receiver."""

from __future__ import annotations

from tests.conftest import check_source


def check(source: str) -> str:
    return check_source(source, "--hide-error-codes")


def test_self_binds_to_receiver_and_is_a_variable_in_the_body() -> None:
    out = check(
        """
        from typing import Self
        class C:
            def copy(self) -> Self:
                reveal_type(self)
                return self.copy()
            def bad(self) -> Self:
                return C()
            @classmethod
            def make(cls) -> Self:
                return cls()
        class D(C): ...
        reveal_type(D().copy())
        reveal_type(D.make())
        reveal_type(C.copy)
        """
    )
    assert out == (
        'm.py:5: note: Revealed type is "Self"\n'
        'm.py:8: error: Incompatible return value type (got "C", expected "Self")\n'
        'm.py:13: note: Revealed type is "m.D"\n'
        'm.py:14: note: Revealed type is "m.D"\n'
        'm.py:15: note: Revealed type is "def [Self <: m.C] (self: Self) -> Self"\n'
    )


def test_self_in_final_class_is_the_class() -> None:
    out = check(
        """
        from typing import Self, final
        @final
        class C:
            def meth(self) -> Self:
                return C()
        """
    )
    assert out == ""


def test_property_returning_self_binds_to_receiver() -> None:
    out = check(
        """
        from typing import Self
        class C:
            @property
            def me(self) -> Self:
                return self
        class D(C): ...
        reveal_type(D().me)
        """
    )
    assert out == 'm.py:8: note: Revealed type is "m.D"\n'
