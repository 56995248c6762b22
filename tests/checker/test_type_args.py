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


def test_undefined_names_in_annotations() -> None:
    out = check(
        """
        from typing import Annotated, Literal
        a: Foo
        b: "list[Bar]"
        c: Literal["Nope"]
        d: Annotated[int, NotAType]
        class C:
            x: Baz
        def f(p: Qux) -> None:
            y: dict[str, Quux] = {}
        """
    )
    assert out == (
        'm.py:2: error: Name "Foo" is not defined  [name-defined]\n'
        'm.py:3: error: Name "Bar" is not defined  [name-defined]\n'
        'm.py:7: error: Name "Baz" is not defined  [name-defined]\n'
        'm.py:8: error: Name "Qux" is not defined  [name-defined]\n'
        'm.py:9: error: Name "Quux" is not defined  [name-defined]\n'
    )


def test_names_bound_anywhere_in_reach_are_defined() -> None:
    out = check(
        """
        from __future__ import annotations
        import os.path
        import typing as t
        from typing import TYPE_CHECKING, Callable, TypeVar
        from missing_mod import Missing  # type: ignore
        if TYPE_CHECKING:
            from collections import OrderedDict
        try:
            from fast import Speedy  # type: ignore
        except ImportError:
            Speedy = None
        T = TypeVar("T")
        c: Missing
        e: os.PathLike[str]
        f: t.Optional[OrderedDict[str, int]]
        g: Later
        h: "list[Later]"
        def fn(x: Speedy, y: Callable[[int], T]) -> T:
            raise NotImplementedError
        class Later:
            attr: Later
            def m(self, w: Later) -> Later:
                return self
            class Nested:
                q: Later
        """
    )
    assert out == ""


def test_a_star_import_turns_the_name_check_off() -> None:
    # FIXME: mypy reports 'Name "NotThere" is not defined' on line 2; a module with a ``*``
    # import is not judged yet (the names it binds are not all known).
    out = check(
        """
        from os.path import *
        a: NotThere
        """
    )
    assert out == ""


def test_typeddict_definition_errors() -> None:
    out = check(
        """
        from typing import TypedDict, Required, NotRequired, List
        class A: pass
        class B(A, A): pass
        class P(TypedDict):
            x: int
            @classmethod
            def f(cls) -> None: pass
            \"\"\"doc\"\"\"
            pass
        class Q(P):
            x: bool
        x: List[Required[int]]
        def f(a: Required[int]) -> NotRequired[int]: ...
        class R(TypedDict):
            k: Required
            m: List[Required[int]]
        """
    )
    assert out == (
        'm.py:3: error: Duplicate base class "A"  [misc]\n'
        'm.py:6: error: Invalid statement in TypedDict definition; expected "field_name: field_type"'
        "  [misc]\n"
        'm.py:11: error: Definition of field "x" incompatible with base class "P"  [misc]\n'
        "m.py:12: error: Required[] can be only used in a TypedDict definition  [valid-type]\n"
        "m.py:13: error: Required[] can be only used in a TypedDict definition  [valid-type]\n"
        "m.py:13: error: NotRequired[] can be only used in a TypedDict definition  [valid-type]\n"
        "m.py:15: error: Required[] must have exactly one type argument  [valid-type]\n"
        "m.py:16: error: Required[] can be only used in a TypedDict definition  [valid-type]\n"
    )
