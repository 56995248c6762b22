"""Regression tests for class checks: super(), properties, method assignment, overrides."""

from __future__ import annotations

from tests.conftest import check_source


def check(source: str) -> str:
    return check_source(source, "--hide-error-codes")


def test_super_method_and_missing_name() -> None:
    out = check(
        """
        class A:
            def f(self) -> int: return 1
        class B(A):
            def f(self) -> int:
                super().g()
                return super().f()
        """
    )
    assert out == 'm.py:6: error: "g" undefined in superclass\n'


def test_super_outside_method() -> None:
    out = check(
        """
        class A:
            x = super().y
        """
    )
    assert out == 'm.py:3: error: "super()" outside of a method is not supported\n'


def test_property_setter_and_read_only() -> None:
    out = check(
        """
        class A:
            @property
            def f(self) -> int: return 1
            @f.setter
            def f(self, v: int) -> None: pass
            @property
            def g(self) -> int: return 1
        a = A()
        a.f = 1
        a.f = ""
        a.g = 1
        """
    )
    assert out == (
        'm.py:11: error: Incompatible types in assignment (expression has type "str", variable has type "int")\n'
        'm.py:12: error: Property "g" defined in "A" is read-only\n'
    )


def test_cannot_assign_to_method() -> None:
    out = check(
        """
        class A:
            def f(self) -> None: pass
        def g() -> None: pass
        A().f = g
        """
    )
    assert out == "m.py:5: error: Cannot assign to a method\n"


def test_override_argument_and_return() -> None:
    out = check(
        """
        class A:
            def f(self, x: int) -> int: return 1
        class B(A):
            def f(self, x: str) -> str: return ""
        """
    )
    # mypy's order: the return type (at the def) before the argument (at its column).
    assert out == (
        'm.py:5: error: Return type "str" of "f" incompatible with return type "int" in supertype "A"\n'
        'm.py:5: error: Argument 1 of "f" is incompatible with supertype "A"; supertype defines the argument type as "int"\n'
        "m.py:5: note: This violates the Liskov substitution principle\n"
        "m.py:5: note: See https://mypy.readthedocs.io/en/stable/common_issues.html#incompatible-overrides\n"
    )


def test_override_signature_notes() -> None:
    out = check(
        """
        class A:
            def f(self, x: int) -> None: pass
        class B(A):
            def f(self, x: int, y: int) -> None: pass
        """
    )
    assert out == (
        'm.py:5: error: Signature of "f" incompatible with supertype "A"\n'
        "m.py:5: note:      Superclass:\n"
        "m.py:5: note:          def f(self, x: int) -> None\n"
        "m.py:5: note:      Subclass:\n"
        "m.py:5: note:          def f(self, x: int, y: int) -> None\n"
    )


def test_variable_override_and_unannotated_override_ok() -> None:
    out = check(
        """
        class A:
            x = 1
            def f(self, x: int) -> None: pass
        class B(A):
            x = ""
            def f(self, x, y): pass
        """
    )
    assert (
        out
        == 'm.py:6: error: Incompatible types in assignment (expression has type "str", base class "A" defined the type as "int")\n'
    )
