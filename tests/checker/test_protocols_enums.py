"""Regression tests for protocols (mismatch notes, instantiation, runtime checks) and enums
(``.name``/``.value``, indexing and iterating the class)."""

from __future__ import annotations

from tests.conftest import check_source


def check(source: str) -> str:
    return check_source(source, "--hide-error-codes")


def test_protocol_missing_and_conflicting_members() -> None:
    out = check(
        """
        from typing import Protocol
        class P(Protocol):
            x: int
            def meth(self, a: int) -> int: ...
            def other(self) -> None: ...
        class A:
            x: str
            def meth(self, a: str) -> int: return 1
        a: P = A()
        """
    )
    assert out == (
        'm.py:10: error: Incompatible types in assignment (expression has type "A", variable has type "P")\n'
        'm.py:10: note: "A" is missing following "P" protocol member:\n'
        "m.py:10: note:     other\n"
        'm.py:10: note: Following member(s) of "A" have conflicts:\n'
        "m.py:10: note:     Expected:\n"
        "m.py:10: note:         def meth(self, a: int) -> int\n"
        "m.py:10: note:     Got:\n"
        "m.py:10: note:         def meth(self, a: str) -> int\n"
        'm.py:10: note:     x: expected "int", got "str"\n'
    )


def test_protocol_instantiation_and_runtime_checks() -> None:
    out = check(
        """
        from typing import Protocol, runtime_checkable
        class P(Protocol):
            def meth(self) -> int: ...
        @runtime_checkable
        class R(Protocol):
            def meth(self) -> int: ...
        P()
        def g(x: object) -> None:
            if isinstance(x, P): pass
            if isinstance(x, R): pass
        """
    )
    assert out == (
        'm.py:8: error: Cannot instantiate protocol class "P"\n'
        "m.py:10: error: Only @runtime_checkable protocols can be used with instance and class checks\n"
    )


def test_protocol_self_type_binds_to_implementation() -> None:
    out = check(
        """
        from typing import Protocol, TypeVar
        T = TypeVar("T")
        class Shape(Protocol):
            def combine(self: T, other: T) -> T: ...
        class Circle:
            def combine(self, other: "Circle") -> "Circle": return self
        s: Shape = Circle()
        """
    )
    assert out == ""


def test_enum_name_value_index_and_iteration() -> None:
    out = check(
        """
        from enum import Enum, auto
        class A(Enum):
            x = 1
            y = 2
        class C(Enum):
            x = auto()
        def f(a: A) -> None:
            reveal_type(A.x.value)
            reveal_type(A.x.name)
            reveal_type(a.value)
            reveal_type(a.name)
            reveal_type(C.x.value)
            reveal_type(A['x'])
            for i in A:
                reveal_type(i)
        """
    )
    assert out == (
        'm.py:9: note: Revealed type is "Literal[1]?"\n'
        "m.py:10: note: Revealed type is \"Literal['x']?\"\n"
        'm.py:11: note: Revealed type is "Literal[1]? | Literal[2]?"\n'
        'm.py:12: note: Revealed type is "str"\n'
        'm.py:13: note: Revealed type is "int"\n'
        'm.py:14: note: Revealed type is "m.A"\n'
        'm.py:16: note: Revealed type is "m.A"\n'
    )
