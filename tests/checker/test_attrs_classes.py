"""Regression tests for attrs classes: the generated __init__, frozen attributes, ordering."""

from __future__ import annotations

from tests.conftest import check_source

# A small stand-in for the attrs stubs: only what these tests use.
ATTR_STUB = """
from typing import Any, Callable, Optional, TypeVar, overload
_T = TypeVar('_T')
_C = TypeVar('_C', bound=type)
@overload
def attrib(default: None = ..., validator: Any = ..., init: bool = ..., converter: None = ..., factory: None = ..., kw_only: bool = ..., type: None = ...) -> Any: ...
@overload
def attrib(default: _T, validator: Any = ..., init: bool = ..., converter: Optional[Callable[[Any], _T]] = ..., factory: Optional[Callable[[], _T]] = ..., kw_only: bool = ..., type: Optional[type] = ...) -> _T: ...
@overload
def attrib(default: None = ..., validator: Any = ..., init: bool = ..., converter: Optional[Callable[[Any], _T]] = ..., factory: Optional[Callable[[], _T]] = ..., kw_only: bool = ..., type: Optional[type] = ...) -> _T: ...
@overload
def attrs(maybe_cls: _C, auto_attribs: bool = ..., frozen: bool = ..., kw_only: bool = ..., init: bool = ..., cmp: Optional[bool] = ..., eq: Optional[bool] = ..., order: Optional[bool] = ...) -> _C: ...
@overload
def attrs(maybe_cls: None = ..., auto_attribs: bool = ..., frozen: bool = ..., kw_only: bool = ..., init: bool = ..., cmp: Optional[bool] = ..., eq: Optional[bool] = ..., order: Optional[bool] = ...) -> Callable[[_C], _C]: ...
s = attrs
ib = attrib
def evolve(inst: _T, **changes: Any) -> _T: ...
"""


def check(source: str) -> str:
    return check_source(source, "--hide-error-codes", files={"attr/__init__.pyi": ATTR_STUB})


def test_generated_init_from_attribs() -> None:
    out = check(
        """
        import attr
        from typing import List
        @attr.s
        class A:
            a: int = attr.ib()
            _b: List[int] = attr.ib()
            c = attr.ib(18)
            d: str = attr.ib(default='x', kw_only=True)
            e: int = attr.ib(init=False)
        reveal_type(A)
        A(1, [2], 3, d='y')
        A(1, 2)
        """
    )
    assert out == (
        'm.py:11: note: Revealed type is "def (a: int, b: list[int], c: Any =, *, d: str =) -> m.A"\n'
        'm.py:13: error: Argument 2 to "A" has incompatible type "int"; expected "list[int]"\n'
    )


def test_auto_attribs_inheritance_and_converter() -> None:
    out = check(
        """
        import attr
        def conv(x: int) -> str:
            return ''
        @attr.s(auto_attribs=True)
        class A:
            a: int
            b: str = attr.ib(converter=conv)
        @attr.s(auto_attribs=True)
        class B(A):
            c: bool = False
        reveal_type(B)
        """
    )
    assert out == 'm.py:12: note: Revealed type is "def (a: int, b: int, c: bool =) -> m.B"\n'


def test_frozen_defaults_order_and_magic_attribute() -> None:
    out = check(
        """
        import attr
        @attr.s(frozen=True)
        class A:
            x = attr.ib(default=1)
            y = attr.ib()
        a = A(1, 2)
        a.x = 3
        reveal_type(A.__attrs_attrs__)
        a < a
        a < 1
        """
    )
    assert out == (
        "m.py:6: error: Non-default attributes not allowed after default attributes.\n"
        'm.py:8: error: Property "x" defined in "A" is read-only\n'
        'm.py:9: note: Revealed type is "Any"\n'
        'm.py:11: error: Unsupported operand types for < ("A" and "int")\n'
    )


def test_evolve_signature_and_unhashable_eq_class() -> None:
    out = check(
        """
        import attr
        @attr.s(auto_attribs=True)
        class C:
            name: str
            n: int = 0
        c = C('a')
        c = attr.evolve(c, name='b')
        c = attr.evolve(c, name=1)
        c = attr.evolve(c, other=1)
        reveal_type(C.__hash__)
        """
    )
    assert out == (
        'm.py:9: error: Argument "name" to "evolve" of "C" has incompatible type "int"; expected "str"\n'
        'm.py:10: error: Unexpected keyword argument "other" for "evolve" of "C"\n'
        'm.py:11: note: Revealed type is "None"\n'
    )
