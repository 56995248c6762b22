"""Regression tests for overload definitions: group shape, item overlaps, the implementation."""

from __future__ import annotations

from tests.conftest import check_source


def check(source: str) -> str:
    return check_source(source)


def test_group_shape() -> None:
    out = check(
        """
        from typing import overload, Any

        @overload
        def f(x: int) -> int: ...

        @overload
        def h(x: int) -> int: ...
        @overload
        def h(x: str) -> str: ...

        @overload
        def q(x: int) -> int: ...
        def q(x: Any) -> Any: return x
        @overload
        def q(x: str) -> int: ...
        """
    )
    assert out == (
        "m.py:4: error: Single overload definition, multiple required  [misc]\n"
        "m.py:7: error: An overloaded function outside a stub file must have an implementation  [no-overload-impl]\n"
        "m.py:14: error: The implementation for an overloaded function must come last  [misc]\n"
    )


def test_overlap_and_never_matched() -> None:
    out = check(
        """
        from typing import overload, Any

        @overload
        def m(x: int) -> int: ...
        @overload
        def m(x: object) -> str: ...
        def m(x: Any) -> Any: return x

        @overload
        def k(x: int) -> int: ...
        @overload
        def k(x: int) -> str: ...
        def k(x: Any) -> Any: return x

        @overload
        def ok(x: None) -> int: ...
        @overload
        def ok(x: object) -> str: ...
        def ok(x: Any) -> Any: return x

        @overload
        def promo(x: int) -> int: ...
        @overload
        def promo(x: float) -> str: ...
        def promo(x: Any) -> Any: return x
        """
    )
    assert out == (
        "m.py:5: error: Overloaded function signatures 1 and 2 overlap with incompatible return types  [overload-overlap]\n"
        "m.py:13: error: Overloaded function signature 2 will never be matched: signature 1's parameter type(s) are the same or broader  [overload-cannot-match]\n"
    )


def test_implementation_checks() -> None:
    out = check(
        """
        from typing import overload, TypeVar, Union

        class A: ...
        class B: ...
        T = TypeVar("T", A, B)

        @overload
        def r(x: int) -> int: ...
        @overload
        def r(x: str) -> str: ...
        def r(x: int) -> int: return x

        @overload
        def v(x: int) -> None: ...
        @overload
        def v(a: str, /) -> None: ...
        def v(*args: Union[int, str], **kw: int) -> None: pass

        @overload
        def w(x: T) -> T: ...
        @overload
        def w(x: int) -> int: ...
        def w(x: Union[A, B, int]) -> Union[A, B, int]: return x
        """
    )
    assert out == (
        "m.py:12: error: Overloaded function implementation does not accept all possible parameters of signature 2  [misc]\n"
        "m.py:12: error: Overloaded function implementation cannot produce return type of signature 2  [misc]\n"
    )


def test_paramspec_decorator_keeps_signature() -> None:
    out = check(
        """
        from typing import Callable, TypeVar, List
        from typing_extensions import ParamSpec, Concatenate
        P = ParamSpec("P")
        R = TypeVar("R")

        def dec(f: Callable[P, R]) -> Callable[P, List[R]]:
            def wrapper(*args: P.args, **kwargs: P.kwargs) -> List[R]:
                return [f(*args, **kwargs)]
            return wrapper

        @dec
        def g(x: int, y: str = "") -> int: return x

        reveal_type(g)
        g("x")

        def withint(f: Callable[Concatenate[int, P], R]) -> Callable[P, R]: ...
        def h(a: int, b: str) -> bool: ...
        reveal_type(withint(h))
        """
    )
    assert out == (
        'm.py:15: note: Revealed type is "def (x: int, y: str =) -> list[int]"\n'
        'm.py:16: error: Argument 1 to "g" has incompatible type "str"; expected "int"  [arg-type]\n'
        'm.py:20: note: Revealed type is "def (b: str) -> bool"\n'
    )
