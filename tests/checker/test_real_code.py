"""Regression tests from real code (the rich package): constructs that must not report errors."""

from __future__ import annotations

from tests.conftest import check_source


def check(source: str) -> str:
    return check_source(source, "--hide-error-codes")


def test_named_tuple_self_unpacks_to_items() -> None:
    out = check(
        """
        from typing import NamedTuple
        class Span(NamedTuple):
            start: int
            end: int
            style: str
            def f(self) -> None:
                a, b, c = self
                reveal_type(a)
                reveal_type(c)
        """
    )
    assert out == 'm.py:9: note: Revealed type is "int"\nm.py:10: note: Revealed type is "str"\n'


def test_union_of_tuples_unpacks_per_position() -> None:
    out = check(
        """
        from typing import Tuple, Union
        def f(e: Union[Tuple[int, str], Tuple[None, None]]) -> None:
            a, b = e
            reveal_type(a)
        """
    )
    assert out == 'm.py:5: note: Revealed type is "int | None"\n'


def test_object_new_returns_its_argument_class() -> None:
    out = check(
        """
        class Style:
            def __init__(self, x: int) -> None: ...
            @classmethod
            def m(cls) -> "Style":
                s: Style = cls.__new__(Style)
                return s
            def w(self) -> "Style":
                reveal_type(Style.__new__(Style))
                return self.__new__(Style)
        """
    )
    assert out == 'm.py:9: note: Revealed type is "m.Style"\n'


def test_descriptor_reads_get_and_writes_set_types() -> None:
    out = check(
        """
        from typing import Any, Tuple, Union
        class P:
            def __get__(self, obj: "S", objtype: Any) -> Tuple[int, int]:
                return (1, 2)
            def __set__(self, obj: "S", v: Union[int, Tuple[int, int]]) -> None: ...
        class S:
            p = P()
            def f(self) -> None:
                a, b = self.p
                self.p = 3
                self.p = "x"
        """
    )
    assert (
        out
        == 'm.py:12: error: Incompatible types in assignment (expression has type "str", variable has type "int | tuple[int, int]")\n'
    )


def test_union_unpacking_skips_tuples_of_other_lengths() -> None:
    out = check(
        """
        from typing import Tuple, Union
        def f(pad: Union[int, Tuple[int], Tuple[int, int], Tuple[int, int, int, int]]) -> None:
            if isinstance(pad, int):
                return
            if len(pad) == 2:
                a, b = pad
        """
    )
    assert out == ""


def test_hasattr_narrows_union_members() -> None:
    out = check(
        """
        from typing import Union
        class A:
            def r(self) -> int: return 1
        class B: ...
        def f(x: Union[A, B, str]) -> None:
            if hasattr(x, "r"):
                x.r()
            else:
                reveal_type(x)
        """
    )
    assert out == 'm.py:10: note: Revealed type is "m.B | str"\n'


def test_type_of_type_variable_attributes() -> None:
    out = check(
        """
        from typing import Type, TypeVar
        T = TypeVar("T")
        def f(cls: Type[T]) -> Type[T]:
            cls.__rich_repr__.angular = 1
            reveal_type(cls.__name__)
            return cls
        """
    )
    assert (
        out
        == 'm.py:5: error: "type[T]" has no attribute "__rich_repr__"\nm.py:6: note: Revealed type is "str"\n'
    )


def test_any_assigned_to_optional_replaces_none() -> None:
    out = check(
        """
        from typing import Any, Optional
        def g(x: Optional[int], y: Any) -> None:
            x = y
            reveal_type(x)
        """
    )
    assert out == 'm.py:5: note: Revealed type is "int | Any"\n'


def test_nested_function_does_not_rebind_outer_type_variables() -> None:
    out = check(
        """
        from typing import Callable, TypeVar
        T = TypeVar("T")
        def f(cls: type[T]) -> None:
            def auto_repr(self: T) -> str:
                return ""
            x: Callable[[object], str] = auto_repr
        """
    )
    assert (
        out
        == 'm.py:7: error: Incompatible types in assignment (expression has type "Callable[[T], str]", variable has type "Callable[[object], str]")\n'
    )


def test_round_of_float_with_digits() -> None:
    out = check(
        """
        def f(x: float) -> None:
            reveal_type(round(x, 1))
            reveal_type(round(x))
        """
    )
    assert out == 'm.py:3: note: Revealed type is "float"\nm.py:4: note: Revealed type is "int"\n'


def test_comprehension_takes_protocol_context() -> None:
    out = check(
        """
        from typing import List, Protocol
        class CR(Protocol):
            def render(self) -> int: ...
        class Styled:
            def render(self) -> int: return 1
        def f(rs: List[CR]) -> None:
            rs = [Styled() for r in rs]
            s: List[object] = [Styled() for _ in range(3)]
        """
    )
    assert out == ""


def test_default_reads_outer_name_shadowed_by_parameter() -> None:
    out = check(
        """
        from typing import List, Optional, Union
        class Box:
            HEAVY: "Box"
        box = Box()
        def f(box: Optional[Box] = box.HEAVY) -> None: ...
        def g(l: List[str], i: Union[slice, int]) -> None:
            reveal_type(l[i])
        """
    )
    assert out == 'm.py:8: note: Revealed type is "list[str] | str"\n'


def test_declared_attribute_narrowed_by_subclass_value() -> None:
    out = check(
        """
        from typing import Sequence
        class C:
            def __init__(self) -> None:
                self.s: Sequence[str] = []
                self.s.append("x")
        """
    )
    assert out == ""


def test_handlers_and_finally_see_every_state_of_the_try_body() -> None:
    out = check(
        """
        class A: pass
        class B(A):
            b = 1
        def f() -> None:
            x: A = B()
            try:
                x = A()
                x = B()
            except Exception:
                x.b
            finally:
                x.b
        """
    )
    assert (
        out
        == 'm.py:11: error: "A" has no attribute "b"\nm.py:13: error: "A" has no attribute "b"\n'
    )


def test_first_assignment_declares_instance_attribute() -> None:
    out = check(
        """
        from typing import Any, Union
        def get() -> Any: ...
        class P:
            def __init__(self, theme: Union[str, int]) -> None:
                if isinstance(theme, str):
                    self._c = get()
                else:
                    self._c = theme
            def f(self) -> None:
                reveal_type(self._c)
        """
    )
    assert out == 'm.py:11: note: Revealed type is "Any"\n'
