"""Narrowing, reachability and match statements: exact output of small programs."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from tycheck.cli.batch import main


def run(tmp_path: Path, source: str, *flags: str) -> str:
    path = tmp_path / "m.py"
    path.write_text(textwrap.dedent(source))
    out, err = io.StringIO(), io.StringIO()
    main(
        [*flags, "--no-error-summary", "--no-incremental", str(path)],
        stdout=out,
        stderr=err,
        cwd=str(tmp_path),
    )
    return out.getvalue().replace(str(tmp_path) + "/", "")


def test_statement_unreachable_after_narrowing(tmp_path: Path) -> None:
    src = """\
    import sys
    def f(x: int) -> int:
        if x is None:
            x = 3
        if sys.platform == "nonexistent":
            x = 4
        return 1
        x = 2
    """
    assert run(tmp_path, src, "--warn-unreachable") == (
        "m.py:4: error: Statement is unreachable  [unreachable]\n"
        "m.py:8: error: Statement is unreachable  [unreachable]\n"
    )


def test_unreachable_not_reported_without_flag_or_for_raise(tmp_path: Path) -> None:
    src = """\
    def f(x: int) -> int:
        return 1
        raise ValueError()
    """
    assert run(tmp_path, src, "--warn-unreachable") == ""
    assert run(tmp_path, "def f() -> int:\n    return 1\n    x = 2\n") == ""


def test_declaration_does_not_narrow_and_join_keeps_declared_type(tmp_path: Path) -> None:
    src = """\
    from typing import Union
    def f(y: bool) -> None:
        x: Union[int, str] = 1
        reveal_type(x)
        if isinstance(x, str):
            x = "a"
        else:
            x = 2
        reveal_type(x)
    """
    assert run(tmp_path, src) == (
        'm.py:4: note: Revealed type is "int | str"\nm.py:9: note: Revealed type is "int | str"\n'
    )


def test_match_patterns_narrow_and_capture(tmp_path: Path) -> None:
    src = """\
    def f(m: object, t: tuple[int, str]) -> None:
        match m:
            case 1:
                reveal_type(m)
            case int(y):
                reveal_type(y)
        match t:
            case (a, b):
                reveal_type(b)
    """
    assert run(tmp_path, src) == (
        'm.py:4: note: Revealed type is "Literal[1]"\n'
        'm.py:6: note: Revealed type is "int"\n'
        'm.py:9: note: Revealed type is "str"\n'
    )


def test_callable_narrowing_keeps_the_signature(tmp_path: Path) -> None:
    # typeshed spells callable() as a TypeIs guard; its dedicated narrowing must win, or the
    # call below would return "object" instead of "str".
    src = """\
    from typing import Callable, Union
    def f(fmt: Union[str, Callable[[int], str]]) -> str:
        if callable(fmt):
            reveal_type(fmt(1))
            return fmt(1)
        return fmt
    """
    assert run(tmp_path, src) == 'm.py:4: note: Revealed type is "str"\n'
