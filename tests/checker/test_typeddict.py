"""Regression tests for TypedDicts: types, construction, indexing, methods, compatibility."""

from __future__ import annotations

from tests.conftest import check_source


def check(source: str) -> str:
    return check_source(source.lstrip("\n"))


def test_class_and_functional_syntax_with_inheritance() -> None:
    out = check(
        """
        from typing import TypedDict, NotRequired
        Point = TypedDict('Point', {'x': int, 'y': int})
        class P3(Point, total=False):
            z: str
            w: NotRequired[int]
        p: P3
        reveal_type(p)
        reveal_type(Point)
        """
    )
    assert out == (
        "m.py:7: note: Revealed type is \"TypedDict(m.P3, {'x': int, 'y': int, 'z'?: str, 'w'?: int})\"\n"
        "m.py:8: note: Revealed type is \"def (*, x: int, y: int) -> TypedDict(m.Point, {'x': int, 'y': int})\"\n"
    )


def test_construction_errors() -> None:
    out = check(
        """
        from typing import TypedDict
        class Point(TypedDict):
            x: int
            y: int
        a = Point(x=1)
        b = Point(x=1, y=2, z=3)
        c = Point(x='s', y=2)
        d: Point = {'x': 1}
        e = Point(1, 2)
        """
    )
    assert out == (
        'm.py:5: error: Missing key "y" for TypedDict "Point"  [typeddict-item]\n'
        'm.py:6: error: Extra key "z" for TypedDict "Point"  [typeddict-unknown-key]\n'
        'm.py:7: error: Incompatible types (expression has type "str", TypedDict item "x" has type "int")  [typeddict-item]\n'
        'm.py:8: error: Missing key "y" for TypedDict "Point"  [typeddict-item]\n'
        "m.py:9: error: Expected keyword arguments, {...}, or dict(...) in TypedDict constructor  [misc]\n"
    )


def test_indexing_get_and_setitem() -> None:
    out = check(
        """
        from typing import TypedDict
        class D(TypedDict, total=False):
            x: int
            name: str
        d: D = {}
        reveal_type(d['x'])
        d['nme']
        reveal_type(d.get('x'))
        reveal_type(d.get('x', 0))
        d['x'] = 's'
        del d['x']
        """
    )
    assert out == (
        'm.py:6: note: Revealed type is "int"\n'
        'm.py:7: error: TypedDict "D" has no key "nme"  [typeddict-item]\n'
        'm.py:7: note: Did you mean "name"?\n'
        'm.py:8: note: Revealed type is "int | None"\n'
        'm.py:9: note: Revealed type is "int"\n'
        'm.py:10: error: Value of "x" has incompatible type "str"; expected "int"  [typeddict-item]\n'
    )


def test_structural_compatibility_and_mapping() -> None:
    out = check(
        """
        from typing import Mapping, TypedDict
        class A(TypedDict):
            x: int
        class B(TypedDict):
            x: int
            y: str
        class C(TypedDict):
            x: float
        def fa(a: A) -> None: ...
        def fm(m: Mapping[str, object]) -> None: ...
        b: B
        c: C
        fa(b)
        fa(c)
        fm(b)
        """
    )
    assert (
        out
        == 'm.py:14: error: Argument 1 to "fa" has incompatible type "C"; expected "A"  [arg-type]\n'
    )


def test_generic_typeddict_inference() -> None:
    out = check(
        """
        from typing import Generic, List, TypedDict, TypeVar
        T = TypeVar("T")
        class TD(TypedDict, Generic[T]):
            key: int
            value: T
        def foo(x: TD[T]) -> List[T]: ...
        reveal_type(TD(key=1, value='a'))
        reveal_type(foo({"key": 1, "value": 2}))
        """
    )
    assert out == (
        "m.py:7: note: Revealed type is \"TypedDict(m.TD, {'key': int, 'value': str})\"\n"
        'm.py:8: note: Revealed type is "list[int]"\n'
    )
