"""Regression tests for operators, raise/except, strictness flags and inline configuration."""

from __future__ import annotations

import io
import os
import tempfile

from tests.conftest import check_source
from tycheck.cli.batch import main


def check(source: str, *flags: str) -> str:
    return check_source(source, "--show-column-numbers", *flags)


def test_operator_messages_follow_method_lookup() -> None:
    out = check(
        """
        from typing import Optional
        class C: pass
        class A:
            def __add__(self, x: int) -> int: return 1
        def f(x: Optional[int], c: C, a: A) -> None:
            x + 1
            c < c
            a + ""
            -c
        """
    )
    assert out == (
        'm.py:7:5: error: Unsupported operand types for + ("None" and "int")  [operator]\n'
        'm.py:7:5: note: Left operand is of type "int | None"\n'
        'm.py:8:5: error: Unsupported left operand type for < ("C")  [operator]\n'
        'm.py:9:9: error: Unsupported operand types for + ("A" and "str")  [operator]\n'
        'm.py:10:5: error: Unsupported operand type for unary - ("C")  [operator]\n'
    )


def test_inplace_operator_is_a_method_call() -> None:
    out = check(
        """
        class A:
            def __iadd__(self, x: int) -> 'A': return self
            def __isub__(self, x: int) -> int: return 1
        a = A()
        a += ''
        a -= 1
        """
    )
    assert out == (
        'm.py:6:6: error: Argument 1 to "__iadd__" of "A" has incompatible type "str"; expected "int"  [arg-type]\n'
        "m.py:7:1: error: Result type of - incompatible in assignment  [misc]\n"
    )


def test_raise_and_except_types() -> None:
    out = check(
        """
        class E(Exception): pass
        class F(E): pass
        def f() -> None:
            raise 1
        try:
            pass
        except int:
            pass
        except (E, F) as e:
            reveal_type(e)
        """
    )
    assert out == (
        "m.py:5:5: error: Exception must be derived from BaseException  [misc]\n"
        "m.py:8:8: error: Exception type must be derived from BaseException (or be a tuple of exception classes)  [misc]\n"
        'm.py:11:17: note: Revealed type is "m.E"\n'
    )


def test_disallow_untyped_and_incomplete_defs() -> None:
    source = """
        def f(x): pass
        def g(): pass
        def h(x: int, y): return 1
        class C:
            def __init__(self, x: int): pass
            def m(self, x: int): return x
        """
    assert check(source, "--disallow-untyped-defs") == (
        "m.py:2:1: error: Function is missing a type annotation  [no-untyped-def]\n"
        "m.py:3:1: error: Function is missing a return type annotation  [no-untyped-def]\n"
        'm.py:3:1: note: Use "-> None" if function does not return a value\n'
        "m.py:4:1: error: Function is missing a return type annotation  [no-untyped-def]\n"
        "m.py:4:1: error: Function is missing a type annotation for one or more parameters  [no-untyped-def]\n"
        "m.py:7:5: error: Function is missing a return type annotation  [no-untyped-def]\n"
    )
    assert check(source, "--disallow-incomplete-defs") == (
        "m.py:4:1: error: Function is missing a return type annotation  [no-untyped-def]\n"
        "m.py:4:1: error: Function is missing a type annotation for one or more parameters  [no-untyped-def]\n"
        "m.py:7:5: error: Function is missing a return type annotation  [no-untyped-def]\n"
    )


def test_inline_config_applies_to_its_module() -> None:
    out = check(
        """
        # mypy: disallow-untyped-defs
        def f(x): pass
        """
    )
    assert out == "m.py:3:1: error: Function is missing a type annotation  [no-untyped-def]\n"


def test_strict_equality_reports_non_overlapping_operands() -> None:
    out = check(
        """
        from typing import List, Optional
        class A: pass
        class B: pass
        def f(a: A, b: B, xs: List[B], o: Optional[A]) -> None:
            a == b
            a is b
            a in xs
            o == None
        """,
        "--strict-equality",
    )
    assert out == (
        'm.py:6:5: error: Non-overlapping equality check (left operand type: "A", right operand type: "B")  [comparison-overlap]\n'
        'm.py:7:5: error: Non-overlapping identity check (left operand type: "A", right operand type: "B")  [comparison-overlap]\n'
        'm.py:8:5: error: Non-overlapping container check (element type: "A", container item type: "B")  [comparison-overlap]\n'
    )


def test_value_of_none_returning_call() -> None:
    out = check(
        """
        def f() -> None: pass
        def g() -> None:
            return f()
        f()
        x = f()
        """
    )
    assert (
        out
        == 'm.py:6:5: error: "f" does not return a value (it only ever returns None)  [func-returns-value]\n'
    )


def test_untyped_calls_and_methods_named_bare() -> None:
    out = check(
        """
        class B:
            def meth(self, x): pass
        def f(x): pass
        def g() -> None:
            f(1)
            B().meth()
        """,
        "--disallow-untyped-calls",
    )
    assert out == (
        'm.py:6:5: error: Call to untyped function "f" in typed context  [no-untyped-call]\n'
        'm.py:7:5: error: Call to untyped function "meth" in typed context  [no-untyped-call]\n'
        'm.py:7:5: error: Missing positional argument "x" in call to "meth"  [call-arg]\n'
    )


def test_stub_reexport_rules() -> None:
    with tempfile.TemporaryDirectory() as d:
        files = {
            "m.py": "from stub import x, y, z\nimport stub\nstub.x\nstub.zz\n",
            "stub.pyi": "from other import x\nfrom other import y as y\nz: int\n",
            "other.pyi": "x: int\ny: int\n",
        }
        for name, text in files.items():
            with open(os.path.join(d, name), "w") as f:
                f.write(text)
        out, err = io.StringIO(), io.StringIO()
        main(
            ["--no-incremental", "--cache-dir=/dev/null", "--no-error-summary", "m.py"],
            stdout=out,
            stderr=err,
            cwd=d,
        )
    assert out.getvalue() == (
        'm.py:1: error: Module "stub" does not explicitly export attribute "x"  [attr-defined]\n'
        'm.py:3: error: Module "stub" does not explicitly export attribute "x"  [attr-defined]\n'
        'm.py:4: error: Module has no attribute "zz"  [attr-defined]\n'
    )


def test_undefined_name_suggests_close_spellings() -> None:
    out = check(
        """
        my_variable = 1
        def f() -> None:
            local_value = 2
            print(my_variabel, local_valeu, lenn)
        """
    )
    assert out == (
        'm.py:5:11: error: Name "my_variabel" is not defined; did you mean "my_variable"?  [name-defined]\n'
        'm.py:5:24: error: Name "local_valeu" is not defined; did you mean "local_value"?  [name-defined]\n'
        'm.py:5:37: error: Name "lenn" is not defined; did you mean "len"?  [name-defined]\n'
    )
