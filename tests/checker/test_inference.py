"""Regression tests for type inference: type-variable solving, context, partial types."""

from __future__ import annotations

from tests.conftest import check_source


def check(source: str) -> str:
    return check_source(source, "--hide-error-codes")


def test_context_fixes_type_variable_before_arguments() -> None:
    out = check(
        """
        from typing import Generic, TypeVar
        T = TypeVar("T")
        class A(Generic[T]): pass
        def f(a: A[T]) -> A[T]: ...
        ao: A[object]
        ab: A[int]
        ab = f(ao)
        ao = f(ao)
        """
    )
    assert (
        out
        == 'm.py:8: error: Argument 1 to "f" has incompatible type "A[object]"; expected "A[int]"\n'
    )


def test_conflicting_constraints_cannot_infer() -> None:
    out = check(
        """
        from typing import Generic, TypeVar
        T = TypeVar("T")
        class A(Generic[T]): pass
        def f(a: A[T], b: A[T]) -> None: ...
        ao: A[object]
        ai: A[int]
        f(ao, ai)
        """
    )
    assert out == 'm.py:8: error: Cannot infer value of type parameter "T" of "f"\n'


def test_value_restriction_and_bound() -> None:
    out = check(
        """
        from typing import TypeVar
        S = TypeVar("S", int, str)
        B = TypeVar("B", bound=int)
        def f(x: S) -> S: ...
        def g(x: B) -> B: ...
        reveal_type(f(True))
        f(1.5)
        g("x")
        """
    )
    assert out == (
        'm.py:7: note: Revealed type is "int"\n'
        'm.py:8: error: Value of type variable "S" of "f" cannot be "float"\n'
        'm.py:9: error: Value of type variable "B" of "g" cannot be "str"\n'
    )


def test_lambda_argument_inferred_after_other_arguments() -> None:
    out = check(
        """
        from typing import Callable, TypeVar
        T = TypeVar("T")
        R = TypeVar("R")
        def apply(f: Callable[[T], R], x: T) -> R: ...
        reveal_type(apply(lambda v: [v], 1))
        """
    )
    assert out == 'm.py:6: note: Revealed type is "list[int]"\n'


def test_partial_types_completed_and_unresolved() -> None:
    out = check(
        """
        def f() -> None:
            x = []
            x.append(1)
            reveal_type(x)
            d = {}
            d["k"] = 1.5
            reveal_type(d)
            s = set()
            s.add("a")
            reveal_type(s)
            never = []
            read = {}
            print(read)
        """
    )
    assert out == (
        'm.py:5: note: Revealed type is "list[int]"\n'
        'm.py:8: note: Revealed type is "dict[str, float]"\n'
        'm.py:11: note: Revealed type is "set[str]"\n'
        'm.py:12: error: Need type annotation for "never" (hint: "never: list[<type>] = ...")\n'
        'm.py:13: error: Need type annotation for "read" (hint: "read: dict[<type>, <type>] = ...")\n'
    )


def test_none_initialised_variables_widen() -> None:
    out = check(
        """
        x = None
        if int():
            x = 1
        reveal_type(x)
        def f() -> None:
            y = None
            if int():
                y = ""
            reveal_type(y)
        """
    )
    assert out == (
        'm.py:5: note: Revealed type is "int | None"\n'
        'm.py:10: note: Revealed type is "str | None"\n'
    )


def test_list_items_checked_against_context() -> None:
    out = check(
        """
        from typing import Dict, List
        a: List[int] = [1, "x"]
        b: Dict[str, int] = {"k": "v"}
        """
    )
    assert out == (
        'm.py:3: error: List item 1 has incompatible type "str"; expected "int"\n'
        'm.py:4: error: Dict entry 0 has incompatible type "str": "str"; expected "str": "int"\n'
    )


def test_return_falls_back_to_empty_context() -> None:
    out = check(
        """
        from typing import TypeVar, Union
        T = TypeVar("T")
        def foo(x: list[T]) -> tuple[T, ...]: ...
        def bar(x: list[int]) -> tuple[Union[str, int], ...]:
            return foo(x)
        """
    )
    assert out == ""


def test_generic_classes_callable_attributes_unpacking_and_ternaries() -> None:
    out = check(
        """
        from typing import Callable, Generic, Tuple, TypeVar
        T = TypeVar("T")
        R = TypeVar("R")
        class C(Generic[T]):
            @classmethod
            def make(cls, x: T) -> "C[T]":
                return cls()
        class D(C[str]): pass
        reveal_type(C.make)
        reveal_type(D.make)
        class H(Generic[R]):
            f: Callable[[T], R]
        def use(h: H[R]) -> R:
            return h.f(42)
        def pair(a: T) -> Tuple[C[T], C[T]]:
            return C(), C()
        co: C[object]
        co, co = pair(1)
        x = [] if int() else [1]
        reveal_type(x)
        def g() -> None:
            a, b = 1
        """
    )
    assert out == (
        'm.py:10: note: Revealed type is "def [T] (x: T) -> m.C[T]"\n'
        'm.py:11: note: Revealed type is "def (x: str) -> m.C[str]"\n'
        'm.py:21: note: Revealed type is "list[int]"\n'
        'm.py:23: error: "int" object is not iterable\n'
    )


def test_self_attribute_partial_types() -> None:
    out = check(
        """
        class A:
            def __init__(self) -> None:
                self.a = []
                self.b = []
                self.b.append(1)
                reveal_type(self.b)
        """
    )
    assert out == (
        'm.py:4: error: Need type annotation for "a" (hint: "a: list[<type>] = ...")\n'
        'm.py:7: note: Revealed type is "list[int]"\n'
    )


def test_list_times_int_takes_the_declared_type_as_context() -> None:
    # mypy infers the display of ``[...] * n`` against the expression's context when n is an
    # int; with another right operand (or ``n * [...]``) the display has no context.
    out = check(
        """
        def f(n: int) -> None:
            a: list[str | None] = [None] * n
            b: list[int | None] = [1, None] * 2
            c: list[str | None] = 3 * [None]
            reveal_type([None] * n)
        """
    )
    assert out == (
        'm.py:5: error: Incompatible types in assignment (expression has type "list[None]", variable has type "list[str | None]")\n'
        'm.py:5: note: "list" is invariant -- see https://mypy.readthedocs.io/en/stable/common_issues.html#variance\n'
        'm.py:5: note: Consider using "Sequence" instead, which is covariant\n'
        'm.py:6: note: Revealed type is "list[None]"\n'
    )


def test_declared_attribute_assigned_an_empty_collection_needs_no_annotation() -> None:
    # ``self.x = []`` is a new definition (and a partial type) only when neither the class body
    # nor a base class defines ``x``; a bare ``x = None`` in the class body still leaves it partial.
    out = check(
        """
        from typing import Any
        class Base:
            def __init__(self) -> None:
                self.names = []
                self.names.append(1)
        class Sub(Base):
            def __init__(self) -> None:
                self.names = []
                self.other = []
        class State:
            deps: list[str]
            table: dict[str, int]
            anyv: Any
            cv = None
            def __init__(self) -> None:
                self.deps = []
                self.table = {}
                self.anyv = []
                self.cv = []
        def f(st: State) -> None:
            reveal_type(st.deps)
            reveal_type(st.table)
        """
    )
    assert out == (
        'm.py:10: error: Need type annotation for "other" (hint: "other: list[<type>] = ...")\n'
        'm.py:20: error: Need type annotation for "cv" (hint: "cv: list[<type>] = ...")\n'
        'm.py:22: note: Revealed type is "list[str]"\n'
        'm.py:23: note: Revealed type is "dict[str, int]"\n'
    )


def test_none_in_a_sibling_branch_makes_a_local_optional() -> None:
    # ``x = T`` in one branch and ``x = None`` in another branch of the same if, loop (body
    # and else) or try (body and handler) infers ``T | None``; elsewhere the None is an error.
    out = check(
        """
        def get() -> int:
            return 1

        def f1(c: bool) -> None:
            if c:
                x = get()
            else:
                x = None
            reveal_type(x)

        def f2() -> None:
            x = get()
            x = None

        def f3(c: bool) -> None:
            x = get()
            if c:
                x = None
            reveal_type(x)

        def f4(c: bool) -> None:
            if c:
                x = get()
                reveal_type(x)
            elif c:
                x = None
            else:
                x = ""
            reveal_type(x)

        def f5(c: bool) -> None:
            for i in range(3):
                y = get()
            else:
                y = None
            while c:
                z = get()
                z = None
            reveal_type(y)

        def f6(c: bool) -> None:
            if c:
                x = get()
            if not c:
                x = None
            reveal_type(x)

        def f7(c: bool) -> None:
            if c:
                x = [get()]
            else:
                x = None
                reveal_type(x)
            reveal_type(x)
            x = [1]
            x = None
            reveal_type(x)

        def f8(c: bool) -> None:
            try:
                code = get()
            except OSError:
                code = None
            reveal_type(code)
            with open("f") as fh:
                w = get()
            if c:
                w = None

        x9 = get()
        if bool():
            x9 = None

        """
    )
    assert out == (
        'm.py:10: note: Revealed type is "int | None"\n'
        'm.py:14: error: Incompatible types in assignment (expression has type "None", variable has type "int")\n'
        'm.py:19: error: Incompatible types in assignment (expression has type "None", variable has type "int")\n'
        'm.py:20: note: Revealed type is "int"\n'
        'm.py:25: note: Revealed type is "int"\n'
        'm.py:29: error: Incompatible types in assignment (expression has type "str", variable has type "int")\n'
        'm.py:30: note: Revealed type is "int"\n'
        'm.py:39: error: Incompatible types in assignment (expression has type "None", variable has type "int")\n'
        'm.py:40: note: Revealed type is "None"\n'
        'm.py:46: error: Incompatible types in assignment (expression has type "None", variable has type "int")\n'
        'm.py:47: note: Revealed type is "int"\n'
        'm.py:54: note: Revealed type is "None"\n'
        'm.py:55: note: Revealed type is "list[int] | None"\n'
        'm.py:58: note: Revealed type is "None"\n'
        'm.py:65: note: Revealed type is "int | None"\n'
        'm.py:69: error: Incompatible types in assignment (expression has type "None", variable has type "int")\n'
        'm.py:73: error: Incompatible types in assignment (expression has type "None", variable has type "int")\n'
    )


def test_attribute_set_to_none_then_completed_in_the_method_is_optional() -> None:
    # ``self.x = None`` first and a value later in the same method (or in another branch):
    # the attribute is ``T | None``, and neither assignment is an error.
    out = check(
        """
        class Store:
            def __init__(self, prefix: str) -> None:
                self.b = None
                self.b = prefix
                if prefix:
                    self.c = None
                else:
                    self.c = prefix
            def m(self) -> None:
                self.b = None
                self.c = None
        def g(s: Store) -> None:
            reveal_type(s.b)
        """
    )
    assert out == 'm.py:14: note: Revealed type is "str | None"\n'
