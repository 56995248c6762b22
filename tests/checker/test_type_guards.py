"""Regression tests for TypeGuard/TypeIs: signatures, narrowing at calls, definition errors."""

from __future__ import annotations

from tests.conftest import check_source


def check(source: str) -> str:
    return check_source(source, "--hide-error-codes")


def test_guard_signatures_and_narrowing() -> None:
    out = check(
        """
        from typing import Callable, TypeVar
        from typing_extensions import TypeGuard, TypeIs
        T = TypeVar("T")
        def is_str(x: object) -> TypeGuard[str]: return True
        def is_int(x: object) -> TypeIs[int]: return True
        def is_list(x: list[object], t: type[T]) -> TypeGuard[list[T]]: return True
        class C:
            def m(self, x: object) -> TypeGuard[str]: return True
        def f(a: object, b: int | str, l: list[object]) -> None:
            reveal_type(is_str)
            if is_str(a):
                reveal_type(a)
            reveal_type(a)
            if is_int(b):
                reveal_type(b)
            else:
                reveal_type(b)
            if is_list(l, int):
                reveal_type(l)
            if C().m(x=a):
                reveal_type(a)
            reveal_type(is_str(a))
        g: Callable[[object], TypeIs[int]]
        reveal_type(g)
        """
    )
    assert out == (
        'm.py:11: note: Revealed type is "def (x: object) -> TypeGuard[str]"\n'
        'm.py:13: note: Revealed type is "str"\n'
        'm.py:14: note: Revealed type is "object"\n'
        'm.py:16: note: Revealed type is "int"\n'
        'm.py:18: note: Revealed type is "str"\n'
        'm.py:20: note: Revealed type is "list[int]"\n'
        'm.py:22: note: Revealed type is "str"\n'
        'm.py:23: note: Revealed type is "bool"\n'
        'm.py:25: note: Revealed type is "def (object) -> TypeIs[int]"\n'
    )


def test_guard_callable_compatibility() -> None:
    out = check(
        """
        from typing import Callable
        from typing_extensions import TypeGuard
        def takes(f: Callable[[object], TypeGuard[int]]) -> None: ...
        def plain(x: object) -> bool: return True
        def guard(x: object) -> TypeGuard[bool]: return True
        takes(plain)
        takes(guard)
        """
    )
    assert out == (
        'm.py:7: error: Argument 1 to "takes" has incompatible type "Callable[[object], bool]"; expected "Callable[[object], TypeGuard[int]]"\n'
    )


def test_guard_definition_errors() -> None:
    out = check(
        """
        from typing_extensions import TypeGuard, TypeIs
        def bad(*, x: object) -> TypeGuard[int]: return True
        def bad_is(x: str) -> TypeIs[int]: return True
        class C:
            def m(self, x: object) -> TypeIs[int]: return True
            def n(self) -> TypeIs[int]: return True
        """
    )
    assert out == (
        "m.py:3: error: TypeGuard functions must have a positional argument\n"
        'm.py:4: error: Narrowed type "int" is not a subtype of input type "str"\n'
        'm.py:7: error: "TypeIs" functions must have a positional argument\n'
    )


def test_type_is_narrows_with_full_types() -> None:
    out = check(
        """
        from typing import Any, List, Sequence, TypeVar, Generic
        from typing_extensions import TypeGuard, TypeIs
        def is_int_list(a: object) -> TypeIs[List[int]]: return True
        def f(a: List[int] | List[str]) -> None:
            if is_int_list(a):
                reveal_type(a)
            else:
                reveal_type(a)
        class A: ...
        class B: ...
        def is_a(_: object) -> TypeGuard[A]: return True
        def is_b(_: object) -> TypeGuard[B]: return True
        T = TypeVar("T")
        class Foo(Generic[T]):
            def __init__(self, v: T) -> None:
                if is_a(v) or is_b(v):
                    reveal_type(v)
                    self.v = v
        """
    )
    assert out == (
        'm.py:7: note: Revealed type is "list[int]"\n'
        'm.py:9: note: Revealed type is "list[str]"\n'
        'm.py:18: note: Revealed type is "T"\n'
    )
