"""Type arguments judged against the bounds and values of a class's type variables."""

from __future__ import annotations

from tests.conftest import check_source


def check(source: str) -> str:
    return check_source(source.lstrip("\n"))


def test_bound_violations_where_annotations_stand() -> None:
    out = check(
        """
        from typing import Generic, TypeVar
        class D: pass
        class E(D): pass
        T = TypeVar("T", bound=D)
        class C(Generic[T]): pass
        a: C[E]
        b: C[int]
        def f(x: "C[str]", y: list[C[D]]) -> C[bytes]:
            z: C[None]
            raise NotImplementedError
        class K(C[float]):
            w: C[int]
        """
    )
    assert out == (
        'm.py:7: error: Type argument "int" of "C" must be a subtype of "D"  [type-var]\n'
        'm.py:8: error: Type argument "str" of "C" must be a subtype of "D"  [type-var]\n'
        'm.py:8: error: Type argument "bytes" of "C" must be a subtype of "D"  [type-var]\n'
        'm.py:9: error: Type argument "None" of "C" must be a subtype of "D"  [type-var]\n'
        'm.py:11: error: Type argument "float" of "C" must be a subtype of "D"  [type-var]\n'
        'm.py:12: error: Type argument "int" of "C" must be a subtype of "D"  [type-var]\n'
    )


def test_value_restrictions() -> None:
    out = check(
        """
        from typing import Generic, TypeVar
        S = TypeVar("S", int, None)
        class C(Generic[S]): pass
        class N(int): pass
        a: C[int]
        b: C[None]
        c: C[N]
        d: C[int | None]
        """
    )
    assert out == (
        'm.py:7: error: Value of type variable "S" of "C" cannot be "N"  [type-var]\n'
        'm.py:8: error: Invalid type argument value for "C"  [type-var]\n'
    )


def test_type_variable_arguments_and_unknowns() -> None:
    # A type variable is judged by its bound; Any is fine.
    # FIXME: mypy also reports 'Type argument "Callable[[], int]" of "C" must be a subtype of
    # "D"' on line 6: callables are not judged yet.
    out = check(
        """
        from typing import Any, Callable, Generic, TypeVar
        class D: pass
        T = TypeVar("T", bound=D)
        U = TypeVar("U")
        class C(Generic[T]): pass
        def f(x: C[U], y: C[Any], z: C[Callable[[], int]]) -> None: pass
        def g(x: U) -> C[Any]:
            return C()
        """
    )
    assert out == 'm.py:6: error: Type argument "U" of "C" must be a subtype of "D"  [type-var]\n'
