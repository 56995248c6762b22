"""Narrowing and statement checks met on real code: mypy 2.4.1's exact output of small programs."""

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


def test_closure_keeps_narrowing_of_variables_not_rebound_later(tmp_path: Path) -> None:
    src = """\
    def f(xs: set[int] | None, ys: int | None, zs: int | None) -> None:
        if xs is None:
            xs = set()
        if ys is None:
            ys = 1
        if zs is not None:
            def inner() -> None:
                reveal_type(xs)
                reveal_type(ys)
                reveal_type(zs)
                def deeper() -> None:
                    reveal_type(xs)
        ys = None
        for zs in range(3):
            pass
    def g(a: int | None, b: int | None) -> None:
        if a is not None and b is not None:
            def h() -> None:
                reveal_type(a)
                reveal_type(b)
            def w() -> None:
                nonlocal a
                a = None
            def v() -> None:
                b = 1
            b += 1
    """
    assert run(tmp_path, src) == (
        'm.py:8: note: Revealed type is "set[int]"\n'
        'm.py:9: note: Revealed type is "int | None"\n'
        'm.py:10: note: Revealed type is "int | None"\n'
        'm.py:12: note: Revealed type is "set[int]"\n'
        'm.py:19: note: Revealed type is "int | None"\n'
        'm.py:20: note: Revealed type is "int"\n'
    )
