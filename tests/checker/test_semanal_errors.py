"""Regression tests for semantic-analysis errors: redefinitions and misplaced statements."""

from __future__ import annotations

from tests.conftest import check_source


def check(source: str, *flags: str) -> str:
    return check_source(source, *flags)


def test_redefinitions_in_module_class_and_function() -> None:
    out = check(
        """
        import os
        def f() -> None: pass
        def f() -> None: pass
        class C: pass
        class C: pass
        y: int = 1
        y: int = 2
        from os import path
        def path() -> None: pass
        class D:
            a = 1
            def a(self) -> None: pass
        def g() -> None:
            q = 1
            class q: pass
        def untyped():
            def h(): pass
            def h(): pass
        """
    )
    assert out == (
        'm.py:4: error: Name "f" already defined on line 3  [no-redef]\n'
        'm.py:6: error: Name "C" already defined on line 5  [no-redef]\n'
        'm.py:8: error: Name "y" already defined on line 7  [no-redef]\n'
        'm.py:10: error: Name "path" already defined (by an import)  [no-redef]\n'
        'm.py:13: error: Name "a" already defined on line 12  [no-redef]\n'
        'm.py:16: error: Name "q" already defined on line 15  [no-redef]\n'
    )


def test_allowed_rebindings() -> None:
    out = check(
        """
        from typing import Any, overload
        x = 1
        x = 2
        if int():
            def k() -> None: pass
        else:
            def k() -> None: pass
        try:
            from os import getcwd
        except ImportError:
            def getcwd() -> str: return ''
        class P:
            @property
            def p(self) -> int: return 1
            @p.setter
            def p(self, v: int) -> None: pass
        @overload
        def ov(a: int) -> int: ...
        @overload
        def ov(a: str) -> str: ...
        def ov(a: Any) -> Any: return a
        def _() -> None: pass
        def _() -> None: pass
        """
    )
    assert out == ""


def test_attribute_redefinition() -> None:
    out = check(
        """
        class A:
            x: int
            y = 1
            def __init__(self) -> None:
                self.x: int = 1
                self.y: int = 1
                self.z = 1
            def m(self) -> None:
                self.z: int = 1
        """
    )
    assert out == (
        'm.py:7: error: Attribute "y" already defined on line 4  [no-redef]\n'
        'm.py:10: error: Attribute "z" already defined on line 8  [no-redef]\n'
    )


def test_misplaced_statements_block_checking() -> None:
    out = check(
        """
        x: int = ""
        break
        yield 1
        """
    )
    assert out == ('m.py:3: error: "break" outside loop\nm.py:4: error: "yield" outside function\n')


def test_return_outside_function() -> None:
    assert check("return 1\n") == 'm.py:1: error: "return" outside function  [misc]\n'


def test_final_names_and_classes() -> None:
    out = check(
        """
        from typing import Final, final
        x: Final = 1
        x = 2
        @final
        class B: pass
        class C(B): pass
        """
    )
    assert out == (
        'm.py:4: error: Cannot assign to final name "x"  [misc]\n'
        'm.py:7: error: Cannot inherit from final class "B"  [misc]\n'
    )
