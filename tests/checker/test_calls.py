"""Regression tests for calls: argument mapping and its messages, decorators, overloads."""

from __future__ import annotations

from tests.conftest import check_source


def check(source: str) -> str:
    return check_source(source, "--hide-error-codes")


def test_callable_variable_has_no_name() -> None:
    out = check(
        """
        from typing import Callable
        f: Callable[[int], str]
        f()
        f(1, 2)
        f("x")
        """
    )
    assert out == (
        "m.py:4: error: Too few arguments\n"
        "m.py:5: error: Too many arguments\n"
        'm.py:6: error: Argument 1 has incompatible type "str"; expected "int"\n'
    )


def test_keyword_arguments() -> None:
    out = check(
        """
        def f(a: int, *, key: str, other: int = 0) -> None: ...
        f(1, key=2)
        f(1, 2)
        f(1, kye="x")
        def h(count: int) -> None: ...
        h(coutn=1)
        """
    )
    assert out == (
        'm.py:3: error: Argument "key" to "f" has incompatible type "int"; expected "str"\n'
        'm.py:4: error: Too many positional arguments for "f"\n'
        'm.py:4: error: Argument 2 to "f" has incompatible type "int"; expected "str"\n'
        'm.py:5: error: Unexpected keyword argument "kye" for "f"\n'
        'm.py:7: error: Unexpected keyword argument "coutn" for "h"; did you mean "count"?\n'
    )


def test_missing_positional_and_shifted_argument() -> None:
    out = check(
        """
        def g(a: int, b: str, c: float) -> None: ...
        g(1)
        g("x", 1.0)
        """
    )
    assert out == (
        'm.py:3: error: Missing positional arguments "b", "c" in call to "g"\n'
        'm.py:4: error: Missing positional argument "a" in call to "g"\n'
    )


def test_star_tuple_items_checked_per_formal() -> None:
    out = check(
        """
        def f(a: int, b: int) -> None: ...
        t = (1, "x")
        f(*t)
        """
    )
    assert (
        out
        == 'm.py:4: error: Argument 1 to "f" has incompatible type "*tuple[int, str]"; expected "int"\n'
    )


def test_typed_decorator_applies_its_signature() -> None:
    out = check(
        """
        from typing import Callable
        def dec(f: Callable[[int], None]) -> Callable[[], None]: ...
        @dec
        def f(x: int) -> None: ...
        f(1)
        def untyped(f): return f
        @untyped
        def g(x: int) -> None: ...
        g("anything")
        """
    )
    assert out == 'm.py:6: error: Too many arguments for "f"\n'


def test_overload_any_argument_and_union_math() -> None:
    out = check(
        """
        from typing import Any, overload, Union
        @overload
        def f(x: int) -> int: ...
        @overload
        def f(x: str) -> str: ...
        def f(x: object) -> object: return x
        a: Any
        u: Union[int, str]
        reveal_type(f(a))
        reveal_type(f(u))
        """
    )
    assert out == (
        'm.py:10: note: Revealed type is "Any"\nm.py:11: note: Revealed type is "int | str"\n'
    )
