"""Regression tests for abstract classes: instantiation and unsafe super() calls."""

from __future__ import annotations

from tests.conftest import check_source


def check(source: str) -> str:
    return check_source(source, "--hide-error-codes")


def test_abstract_instantiation_lists_attributes_sorted() -> None:
    out = check(
        """
        from abc import ABC, abstractmethod
        from typing import Type
        class A(ABC):
            @abstractmethod
            def g(self) -> None: pass
            @abstractmethod
            def f(self) -> None: pass
        class B(A):
            def f(self) -> None: pass
        class C(B):
            def g(self) -> None: pass
        A()
        B()
        C()
        def make(t: Type[A]) -> A:
            return t()
        """
    )
    assert out == (
        'm.py:13: error: Cannot instantiate abstract class "A" with abstract attributes "f" and "g"\n'
        'm.py:14: error: Cannot instantiate abstract class "B" with abstract attribute "g"\n'
    )


def test_explicit_protocol_subclass_and_implicit_note() -> None:
    out = check(
        """
        from typing import Protocol
        class P(Protocol):
            x: int
            def meth(self) -> None: ...
        class Q(P): pass
        class R(P):
            def __init__(self) -> None:
                self.x = 1
            def meth(self) -> None: pass
        Q()
        R()
        """
    )
    assert out == (
        'm.py:11: error: Cannot instantiate abstract class "Q" with abstract attributes "meth" and "x"\n'
        'm.py:11: note: "meth" is implicitly abstract because it has an empty function body. '
        "If it is not meant to be abstract, explicitly `return` or `return None`.\n"
    )


def test_unsafe_super_call_to_trivial_abstract_method() -> None:
    out = check(
        """
        from abc import abstractmethod
        class A:
            @abstractmethod
            def meth(self) -> int: ...
        class D:
            @abstractmethod
            def meth(self) -> int: return 0
        class B(A):
            def meth(self) -> int:
                return super().meth()
        class E(D):
            def meth(self) -> int:
                return super().meth()
        """
    )
    assert (
        out
        == 'm.py:11: error: Call to abstract method "meth" of "A" with trivial body via super() is unsafe\n'
    )


def test_final_declarations_without_value() -> None:
    out = check(
        """
        from typing import Final
        x: Final
        y: Final[int]
        class C:
            y: Final[int]
            w: Final[int]
            def __init__(self) -> None:
                self.w = 1
        """
    )
    assert out == (
        "m.py:3: error: Type in Final[...] can only be omitted if there is an initializer\n"
        "m.py:4: error: Final name must be initialized with a value\n"
        "m.py:6: error: Final name must be initialized with a value\n"
    )
