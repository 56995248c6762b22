"""Python 3.12+ syntax: parsed when the interpreter can, else a clear error naming the version.

The same source is checked whatever interpreter runs the tests: on 3.11 the PEP 695 module
cannot be parsed (a blocking error that names Python 3.12), on 3.12+ it is checked, and a
target older than the syntax gets mypy's non-blocking ``[syntax]`` error.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import textwrap

from tycheck.cli.batch import main
from tycheck.semantic.syntax_versions import newer_syntax
from tycheck.syntax.parse import parse_module

GENERIC = textwrap.dedent(
    """
    def first[T](xs: list[T]) -> T:
        return xs[0]
    class Box[T]:
        def __init__(self, item: T) -> None:
            self.item = item
    type Pair[K] = tuple[K, K]
    p: Pair[int] = (1, 2)
    reveal_type(first([1]))
    reveal_type(Box("a").item)
    x: int = ""
    """
)
RUNTIME = sys.version_info[:2]


def check(source: str, *flags: str) -> str:
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "m.py"), "w") as f:
            f.write(source)
        out, err = io.StringIO(), io.StringIO()
        main(
            ["--no-incremental", "--cache-dir=/dev/null", "--hide-error-codes", *flags, "m.py"],
            stdout=out,
            stderr=err,
            cwd=d,
        )
        return out.getvalue()


def test_pep695_on_the_running_interpreter() -> None:
    out = check(GENERIC, "--python-version", "3.12")
    if RUNTIME >= (3, 12):
        assert out.splitlines() == [
            'm.py:9: note: Revealed type is "int"',
            'm.py:10: note: Revealed type is "str"',
            'm.py:11: error: Incompatible types in assignment (expression has type "str", '
            'variable has type "int")',
            "Found 1 error in 1 file (checked 1 source file)",
        ]
    else:
        assert out.splitlines() == [
            "m.py:2: error: Improved type parameter syntax: requires Python 3.12 or newer to "
            f"parse (tycheck runs on Python {RUNTIME[0]}.{RUNTIME[1]})",
            "Found 1 error in 1 file (errors prevented further checking)",
        ]


def test_pep695_with_an_older_target() -> None:
    out = check(GENERIC, "--python-version", "3.11")
    first = "m.py:2: error: Improved type parameter syntax: requires Python 3.12 or newer"
    if RUNTIME >= (3, 12):
        # Parsed anyway, as mypy does: each use is reported and checking goes on.
        assert out.splitlines()[:3] == [
            first + " (current target: Python 3.11)",
            "m.py:4: error: Improved type parameter syntax: requires Python 3.12 or newer "
            "(current target: Python 3.11)",
            'm.py:7: error: "type" statements: requires Python 3.12 or newer '
            "(current target: Python 3.11)",
        ]
        assert "Found 4 errors in 1 file (checked 1 source file)" in out
    else:
        assert out.splitlines() == [
            first + " (current target: Python 3.11)",
            "Found 1 error in 1 file (errors prevented further checking)",
        ]


def test_type_statement_on_an_old_interpreter_names_the_version() -> None:
    tree, problem = parse_module("x = 1\ntype A = int\n", "m.py", (3, 11))
    if RUNTIME >= (3, 12):
        assert problem is None
        assert newer_syntax(tree, (3, 11)) == [
            (2, 0, '"type" statements: requires Python 3.12 or newer (current target: Python 3.11)')
        ]
        assert newer_syntax(tree, (3, 12)) == []
    else:
        assert problem == (
            2,
            problem[1] if problem else 0,
            '"type" statements: requires Python 3.12 or newer (current target: Python 3.11)',
        )


def test_other_syntax_errors_keep_the_parser_message() -> None:
    _, problem = parse_module("def f(:\n", "m.py", (3, 11))
    assert problem is not None and "requires Python" not in problem[2]
