"""Regression tests for special kinds of classes: named tuples, dataclasses, NewType."""

from __future__ import annotations

from tests.conftest import check_source


def check(source: str) -> str:
    return check_source(source, "--hide-error-codes")


def test_named_tuple_class_and_functional_forms() -> None:
    out = check(
        """
        from typing import NamedTuple
        from collections import namedtuple
        class P(NamedTuple):
            x: int
            y: str = ""
        p = P(1, "a")
        reveal_type(p)
        reveal_type(p[1])
        P(1, 2)
        P()
        Q = namedtuple('Q', 'a b')
        reveal_type(Q(1, 2))
        R = NamedTuple('R', [('a', int)])
        reveal_type(R(1))
        reveal_type(p._replace(x=3))
        y: P = (1, "")
        """
    )
    assert out == (
        'm.py:8: note: Revealed type is "tuple[int, str, fallback=m.P]"\n'
        'm.py:9: note: Revealed type is "str"\n'
        'm.py:10: error: Argument 2 to "P" has incompatible type "int"; expected "str"\n'
        'm.py:11: error: Missing positional argument "x" in call to "P"\n'
        'm.py:13: note: Revealed type is "tuple[Any, Any, fallback=m.Q]"\n'
        'm.py:15: note: Revealed type is "tuple[int, fallback=m.R]"\n'
        'm.py:16: note: Revealed type is "tuple[int, str, fallback=m.P]"\n'
        'm.py:17: error: Incompatible types in assignment (expression has type "tuple[int, str]", variable has type "P")\n'
    )


def test_dataclass_init() -> None:
    out = check(
        """
        from dataclasses import dataclass, field, InitVar
        from typing import Generic, TypeVar, List
        T = TypeVar('T')
        @dataclass
        class A:
            x: int
            y: str = "a"
            z: List[int] = field(default_factory=list)
            w: int = field(init=False)
        @dataclass
        class B(A):
            q: int = 0
        @dataclass(kw_only=True)
        class C:
            a: int
        @dataclass
        class G(Generic[T]):
            v: T
            i: InitVar[int] = 0
        reveal_type(B)
        A("x")
        C(a=1)
        C(1)
        reveal_type(G)
        """
    )
    assert out == (
        'm.py:21: note: Revealed type is "def (x: int, y: str =, z: list[int] =, q: int =) -> m.B"\n'
        'm.py:22: error: Argument 1 to "A" has incompatible type "str"; expected "int"\n'
        'm.py:24: error: Too many positional arguments for "C"\n'
        'm.py:25: note: Revealed type is "def [T] (v: T, i: int =) -> m.G[T]"\n'
    )


def test_newtype_constructor() -> None:
    out = check(
        """
        from typing import NewType
        UserId = NewType('UserId', int)
        u = UserId(5)
        reveal_type(u)
        UserId("x")
        x: int = u
        """
    )
    assert out == (
        'm.py:5: note: Revealed type is "m.UserId"\n'
        'm.py:6: error: Argument 1 to "UserId" has incompatible type "str"; expected "int"\n'
    )
