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


def test_in_narrows_by_each_known_item_and_equality_by_class(tmp_path: Path) -> None:
    src = """\
    from typing import Literal
    import enum
    class E(enum.Enum):
        A = 1
        B = 2
    def f(code: str | None, n: int | None, lit: Literal["a", "b", "c"], e: E, xs: list[str], o: object) -> None:
        if code in ("a", "b"):
            reveal_type(code)
        else:
            reveal_type(code)
        if n in (1, None):
            reveal_type(n)
        if lit in ("a", "b"):
            reveal_type(lit)
        else:
            reveal_type(lit)
        if e in (E.A,):
            reveal_type(e)
        else:
            reveal_type(e)
        if code in xs:
            reveal_type(code)
        if o in ("a", 1):
            reveal_type(o)
        if lit in {"a", "b"}:
            reveal_type(lit)
    def g(code: str | None, n: int, b: bool, u: int | str, o: object) -> None:
        if code == "a":
            reveal_type(code)
        if n == 1:
            reveal_type(n)
        if b == True:
            reveal_type(b)
        if b is True:
            reveal_type(b)
        else:
            reveal_type(b)
        if o == "a":
            reveal_type(o)
        if u == "a":
            reveal_type(u)
        else:
            reveal_type(u)
    """
    assert run(tmp_path, src) == (
        'm.py:8: note: Revealed type is "str"\n'
        'm.py:10: note: Revealed type is "str | None"\n'
        'm.py:12: note: Revealed type is "int | None"\n'
        "m.py:14: note: Revealed type is \"Literal['a'] | Literal['b']\"\n"
        "m.py:16: note: Revealed type is \"Literal['a'] | Literal['b'] | Literal['c']\"\n"
        'm.py:18: note: Revealed type is "Literal[m.E.A]"\n'
        'm.py:20: note: Revealed type is "Literal[m.E.B]"\n'
        'm.py:22: note: Revealed type is "str"\n'
        "m.py:24: note: Revealed type is \"Literal['a']? | Literal[1]?\"\n"
        "m.py:26: note: Revealed type is \"Literal['a'] | Literal['b']\"\n"
        'm.py:29: note: Revealed type is "str"\n'
        'm.py:31: note: Revealed type is "int"\n'
        'm.py:33: note: Revealed type is "bool"\n'
        'm.py:35: note: Revealed type is "Literal[True]"\n'
        'm.py:37: note: Revealed type is "Literal[False]"\n'
        "m.py:39: note: Revealed type is \"Literal['a']?\"\n"
        'm.py:41: note: Revealed type is "str"\n'
        'm.py:43: note: Revealed type is "int | str"\n'
    )


def test_len_narrows_tuples(tmp_path: Path) -> None:
    src = """\
    from typing import NamedTuple
    class NT(NamedTuple):
        a: int
        b: str
    def f(t: tuple[str, ...], u: tuple[int, int] | tuple[int, int, int], n: NT) -> None:
        if len(t) == 2:
            reveal_type(t)
        else:
            reveal_type(t)
        if len(t) != 3:
            reveal_type(t)
        else:
            reveal_type(t)
        if len(t) > 1:
            reveal_type(t)
        if len(u) == 2:
            reveal_type(u)
        else:
            reveal_type(u)
        if 2 < len(u):
            reveal_type(u)
        if len(u) >= 3:
            reveal_type(u)
        else:
            reveal_type(u)
        if len(n) == 2:
            reveal_type(n)
        if len(t) == 20:
            reveal_type(t)
        if len(u) == 5:
            reveal_type(u)
    """
    assert run(tmp_path, src) == (
        'm.py:7: note: Revealed type is "tuple[str, str]"\n'
        'm.py:9: note: Revealed type is "tuple[str, ...]"\n'
        'm.py:11: note: Revealed type is "tuple[str, ...]"\n'
        'm.py:13: note: Revealed type is "tuple[str, str, str]"\n'
        'm.py:15: note: Revealed type is "tuple[str, ...]"\n'
        'm.py:17: note: Revealed type is "tuple[int, int]"\n'
        'm.py:19: note: Revealed type is "tuple[int, int, int]"\n'
        'm.py:21: note: Revealed type is "tuple[int, int, int]"\n'
        'm.py:23: note: Revealed type is "tuple[int, int, int]"\n'
        'm.py:25: note: Revealed type is "tuple[int, int]"\n'
        'm.py:27: note: Revealed type is "tuple[int, str, fallback=m.NT]"\n'
        'm.py:29: note: Revealed type is "tuple[str, ...]"\n'
    )


def test_identity_with_ellipsis_narrows(tmp_path: Path) -> None:
    src = """\
    from types import EllipsisType
    def f(val: int | str | EllipsisType | None) -> int:
        if val is Ellipsis:
            reveal_type(val)
        else:
            reveal_type(val)
        if val is not ...:
            reveal_type(val)
        if val == ...:
            reveal_type(val)
        else:
            reveal_type(val)
        return 0
    """
    assert run(tmp_path, src) == (
        'm.py:4: note: Revealed type is "types.EllipsisType"\n'
        'm.py:6: note: Revealed type is "int | str | None"\n'
        'm.py:8: note: Revealed type is "int | str | None"\n'
        'm.py:10: note: Revealed type is "types.EllipsisType"\n'
        'm.py:12: note: Revealed type is "int | str | None"\n'
    )


def test_isinstance_on_a_type_variable_narrows_its_bound(tmp_path: Path) -> None:
    src = """\
    from typing import TypeVar, Union
    class Base:
        def b(self) -> int: return 0
    class Sub(Base):
        def only_sub(self) -> int: return 1
    F = TypeVar("F", bound=Base)
    def f(x: F) -> F:
        if isinstance(x, Sub):
            reveal_type(x)
            x.only_sub()
            return x
        reveal_type(x)
        return x
    def g(x: F, y: Union[F, None]) -> F:
        if isinstance(x, Sub):
            x.only_sub()
        reveal_type(x)
        x.b()
        if isinstance(y, Sub):
            reveal_type(y)
        else:
            reveal_type(y)
        return x
    """
    assert run(tmp_path, src) == (
        'm.py:9: note: Revealed type is "F"\n'
        'm.py:12: note: Revealed type is "F"\n'
        'm.py:17: note: Revealed type is "F"\n'
        'm.py:20: note: Revealed type is "F"\n'
        'm.py:22: note: Revealed type is "F | None"\n'
    )


def test_warn_return_any(tmp_path: Path) -> None:
    src = """\
    import typing as t
    def f(env: dict[str, t.Any], x: t.Any, y: t.Any) -> int:
        if x:
            return env["x"]
        if y:
            return y.attr
        return x
    def any_result() -> t.Any: ...
    def g() -> str:
        return any_result()
    class N:
        def __eq__(self, o: object) -> bool:
            return NotImplemented
        def __contains__(self, o: object) -> bool:
            return NotImplemented
        def m(self, x: t.Any) -> object:
            return x
        def n(self, x: t.Any) -> t.Optional[t.Any]:
            return x
        async def a(self, x: t.Any) -> int:
            return x
    def gen(x: t.Any) -> t.Generator[int, None, str]:
        yield 1
        return x
    T = t.TypeVar("T")
    def tv(x: t.Any, y: T) -> T:
        return x
    lam: t.Callable[[t.Any], int] = lambda x: x
    class Config(dict):  # type: ignore[type-arg]
        pass
    def omitted(c: Config) -> int:
        return c["k"]
    """
    # Line 32: the Any of omitted type arguments (an item of a dict subclass) counts too.
    assert run(tmp_path, src, "--warn-return-any") == (
        'm.py:4: error: Returning Any from function declared to return "int"  [no-any-return]\n'
        'm.py:6: error: Returning Any from function declared to return "int"  [no-any-return]\n'
        'm.py:7: error: Returning Any from function declared to return "int"  [no-any-return]\n'
        'm.py:10: error: Returning Any from function declared to return "str"  [no-any-return]\n'
        'm.py:15: error: Returning Any from function declared to return "bool"  [no-any-return]\n'
        'm.py:21: error: Returning Any from function declared to return "int"  [no-any-return]\n'
        'm.py:24: error: Returning Any from function declared to return "str"  [no-any-return]\n'
        'm.py:27: error: Returning Any from function declared to return "T"  [no-any-return]\n'
        'm.py:32: error: Returning Any from function declared to return "int"  [no-any-return]\n'
    )


def test_warn_redundant_casts(tmp_path: Path) -> None:
    src = """\
    from typing import Any, Literal, cast, Union, List
    class A: ...
    class B(A): ...
    def f(a: int, s: str, u: Union[int, str], b: B, l: List[int], x: Any, lit: Literal["a"]) -> None:
        cast(int, a)
        cast(str, "x")
        cast(Union[str, int], u)
        cast(A, b)
        cast(List[int], l)
        cast(Any, x)
        cast(int, x)
        cast(Literal["a"], lit)
        cast(str, lit)
        cast(bool, True)
        cast("int", a)
        cast(float, a)
    def g(o: object, s: str | None) -> None:
        cast(Union[int, str], o)
        if s is not None:
            cast(str, s)
    """
    assert run(tmp_path, src, "--warn-redundant-casts") == (
        'm.py:5: error: Redundant cast to "int"  [redundant-cast]\n'
        'm.py:6: error: Redundant cast to "str"  [redundant-cast]\n'
        'm.py:7: error: Redundant cast to "str | int"  [redundant-cast]\n'
        'm.py:9: error: Redundant cast to "list[int]"  [redundant-cast]\n'
        "m.py:12: error: Redundant cast to \"Literal['a']\"  [redundant-cast]\n"
        'm.py:14: error: Redundant cast to "bool"  [redundant-cast]\n'
        'm.py:15: error: Redundant cast to "int"  [redundant-cast]\n'
        'm.py:20: error: Redundant cast to "str"  [redundant-cast]\n'
    )


def test_equality_with_a_value_never_none_removes_none(tmp_path: Path) -> None:
    src = """\
    from typing import Any, Final, Optional
    class Code:
        def __eq__(self, o: object) -> bool:
            return True
        def __hash__(self) -> int:
            return 0
    A: Final = Code()
    def f(x: Optional[int], y: int, z: Optional[int], a: Any, o: object, s: str) -> None:
        if x == y:
            reveal_type(x)
        else:
            reveal_type(x)
        if x != y:
            reveal_type(x)
        if x == z:
            reveal_type(x)
        if x == a:
            reveal_type(x)
        if x == o:
            reveal_type(x)
        if y == x:
            reveal_type(x)
        if x == s:
            reveal_type(x)
    def g(c: Optional[Code], n: int) -> None:
        if c in (A,):
            reveal_type(c)
        if n in (A,):
            reveal_type(n)
        if c == A:
            reveal_type(c)
    """
    assert run(tmp_path, src) == (
        'm.py:10: note: Revealed type is "int"\n'
        'm.py:12: note: Revealed type is "int | None"\n'
        'm.py:14: note: Revealed type is "int | None"\n'
        'm.py:16: note: Revealed type is "int | None"\n'
        'm.py:18: note: Revealed type is "int | None"\n'
        'm.py:20: note: Revealed type is "int | None"\n'
        'm.py:22: note: Revealed type is "int"\n'
        'm.py:24: note: Revealed type is "int | None"\n'
        'm.py:27: note: Revealed type is "m.Code"\n'
        'm.py:29: note: Revealed type is "int"\n'
        'm.py:31: note: Revealed type is "m.Code"\n'
    )
