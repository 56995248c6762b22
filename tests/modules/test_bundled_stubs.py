"""The third-party stubs mypy bundles (mypy-extensions, librt) resolve as in mypy, gated.

``FlexibleAlias`` is ``Any`` in our copy until the checker implements it (see the stub's
header); these tests pin both the resolution and the gate, so that lifting the gate is a
visible change.  The native ints (``i64``, ``u8``, ...) are typeshed's classes, with int
converting to and from them (types/relations.py).
"""

from __future__ import annotations

import io
import os
import re
import textwrap
from pathlib import Path

from tycheck.cli.batch import main
from tycheck.modules.search import bundled_third_party_dirs

GATED_NAMES = ("FlexibleAlias",)


def check(tmp_path: Path, source: str, *extra: str) -> str:
    (tmp_path / "m.py").write_text(textwrap.dedent(source))
    out, err = io.StringIO(), io.StringIO()
    main(
        ["--no-incremental", "--cache-dir=/dev/null", *extra, "m.py"],
        stdout=out,
        stderr=err,
        cwd=str(tmp_path),
    )
    return out.getvalue()


def test_vendored_stubs_and_licence_are_present() -> None:
    ext_dir, librt_dir = bundled_third_party_dirs()
    assert os.path.isfile(os.path.join(ext_dir, "mypy_extensions.pyi"))
    assert os.path.isfile(os.path.join(librt_dir, "librt", "__init__.pyi"))
    licence = Path(ext_dir).parent / "LICENSE"
    assert "typeshed" in licence.read_text()


def test_gated_stub_differs_from_typeshed_only_in_gated_names() -> None:
    ext_dir = Path(bundled_third_party_dirs()[0])
    gated = (ext_dir / "mypy_extensions.pyi").read_text()
    original = (ext_dir / "mypy_extensions.pyi.ungated").read_text()
    defined = lambda text: set(re.findall(r"^(?:class|def) (\w+)", text, re.M))  # noqa: E731
    assert defined(original) - defined(gated) == set(GATED_NAMES)
    for name in GATED_NAMES:
        assert f"\n{name}: TypeAlias = Any\n" in gated


def test_mypy_extensions_and_librt_resolve_without_installing_them(tmp_path: Path) -> None:
    out = check(
        tmp_path,
        """
        import librt.strings
        from mypy_extensions import mypyc_attr, trait

        @trait
        class T: ...

        @mypyc_attr(allow_interpreted_subclasses=True)
        class C: ...

        reveal_type(T)
        reveal_type(trait)
        """,
        "--no-site-packages",
    )
    # mypy's output, to the byte.
    assert out == (
        'm.py:11: note: Revealed type is "def () -> m.T"\n'
        'm.py:12: note: Revealed type is "def [_T] (cls: _T) -> _T"\n'
        "Success: no issues found in 1 source file\n"
    )


def test_gated_alias_is_any_and_native_ints_work(tmp_path: Path) -> None:
    # mypy: Bogus[int] is Any; int converts to and from i64/u8 implicitly; i64 * int is i64.
    out = check(
        tmp_path,
        """
        from typing import Any, TypeVar
        from mypy_extensions import FlexibleAlias, i64, u8

        T = TypeVar("T")
        Bogus = FlexibleAlias[T, Any]

        def f(x: Bogus[int]) -> int:
            return x

        def g() -> None:
            a: u8 = 1
            b: i64 = 0
            b = b * 2
            reveal_type(b)
        """,
        "--no-site-packages",
    )
    # mypy's output, to the byte.
    assert out == (
        'm.py:15: note: Revealed type is "mypy_extensions.i64"\n'
        "Success: no issues found in 1 source file\n"
    )


def test_native_ints_convert_to_and_from_int_only(tmp_path: Path) -> None:
    out = check(
        tmp_path,
        """
        from mypy_extensions import i32, i64

        def f(a: i64, b: int, c: bool) -> None:
            x: int = a
            y: i64 = b
            z: i64 = c
            w: float = a
            v: i32 = a
            reveal_type(a + 1)
            reveal_type([a, b])
        """,
        "--no-site-packages",
    )
    # mypy's output, to the byte.
    assert out == (
        'm.py:8: error: Incompatible types in assignment (expression has type "i64", '
        'variable has type "float")  [assignment]\n'
        'm.py:9: error: Incompatible types in assignment (expression has type "i64", '
        'variable has type "i32")  [assignment]\n'
        'm.py:10: note: Revealed type is "mypy_extensions.i64"\n'
        'm.py:11: note: Revealed type is "list[mypy_extensions.i64]"\n'
        "Found 2 errors in 1 file (checked 1 source file)\n"
    )
