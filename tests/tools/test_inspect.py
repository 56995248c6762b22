"""``inspect`` through the daemon's handler over a real session: every flag, the errors,
and answers after an edit."""

from __future__ import annotations

from conftest import Project

FOO = """\
from typing import Optional

def foo(x: int) -> None: ...

a: int
b: int
foo(a and b)  # line 7

def unreachable(x: int, y: int) -> None:
    return
    x and y  # line 11

def opt(arg: Optional[int] = None) -> None:
    if arg is None:
        arg
    else:
        arg  # line 17
opt  # line 18
"""


def out(res: dict[str, object]) -> tuple[object, object]:
    return res.get("out"), res.get("status")


def test_inspect_before_any_check_is_an_error(project) -> None:
    p: Project = project({"foo.py": FOO})
    assert p.inspect("foo.py:7:5") == {
        "error": 'Command "inspect" is only valid after a "check" command (that produces no parse errors)'
    }


def test_position_lists_enclosing_expressions_innermost_first(project) -> None:
    p: Project = project({"foo.py": FOO})
    p.check("foo.py")
    assert out(p.inspect("foo.py:7:5")) == ('"int"\n"int"\n"None"\n', 0)
    assert out(p.inspect("foo.py:7:3")) == ('"Callable[[int], None]"\n"None"\n', 0)


def test_span_names_exactly_one_expression(project) -> None:
    p: Project = project({"foo.py": FOO})
    p.check("foo.py")
    assert out(p.inspect("foo.py:7:5:7:11")) == ('"int"\n', 0)
    assert out(p.inspect("foo.py:7:5:7:10")) == ("Can't find expression at span 7:5:7:10\n", 1)


def test_narrowed_types(project) -> None:
    p: Project = project({"foo.py": FOO})
    p.check("foo.py")
    assert out(p.inspect("foo.py:15:9")) == ('"None"\n', 0)
    assert out(p.inspect("foo.py:17:9")) == ('"int"\n', 0)


def test_include_span_and_kind(project) -> None:
    p: Project = project({"foo.py": FOO})
    p.check("foo.py")
    assert out(p.inspect("foo.py:7:5", include_span=True)) == (
        '7:5:7:5 -> "int"\n7:5:7:11 -> "int"\n7:1:7:12 -> "None"\n',
        0,
    )
    assert out(p.inspect("foo.py:7:5", include_kind=True)) == (
        'NameExpr -> "int"\nOpExpr -> "int"\nCallExpr -> "None"\n',
        0,
    )
    both = p.inspect("foo.py:7:5", include_kind=True, include_span=True)
    assert out(both) == (
        'NameExpr:7:5:7:5 -> "int"\nOpExpr:7:5:7:11 -> "int"\nCallExpr:7:1:7:12 -> "None"\n',
        0,
    )


def test_verbosity_and_limit(project) -> None:
    p: Project = project({"foo.py": FOO})
    p.check("foo.py")
    assert out(p.inspect("foo.py:7:5", verbosity=2)) == (
        '"builtins.int"\n"builtins.int"\n"None"\n',
        0,
    )
    assert out(p.inspect("foo.py:7:5", verbosity=2, limit=1)) == ('"builtins.int"\n', 0)
    # From one -v on, a parameter with a default turns Callable[...] into a def (whose
    # types stay short).
    assert out(p.inspect("foo.py:18:1")) == ('"Callable[[int | None], None]"\n', 0)
    expected = '"def opt(arg: int | None = ...) -> None"\n'
    assert out(p.inspect("foo.py:18:1", verbosity=1)) == (expected, 0)
    assert out(p.inspect("foo.py:18:1", verbosity=2)) == (expected, 0)


def test_unreachable_code_has_no_type(project) -> None:
    p: Project = project({"foo.py": FOO})
    p.check("foo.py")
    res = p.inspect("foo.py:11:5")
    assert out(res) == (
        'No known type available for "NameExpr" (maybe unreachable or try --force-reload)\n'
        'No known type available for "OpExpr" (maybe unreachable or try --force-reload)\n',
        1,
    )
    res = p.inspect("foo.py:11:5", force_reload=True)
    assert out(res) == (
        'No known type available for "NameExpr" (maybe unreachable)\n'
        'No known type available for "OpExpr" (maybe unreachable)\n',
        1,
    )


def test_location_errors(project) -> None:
    p: Project = project({"foo.py": FOO})
    p.check("foo.py")
    assert p.inspect("foo:1") == {
        "error": "Format should be file:line:column[:end_line:end_column]"
    }
    assert p.inspect("foo:1:2:3") == {"error": "Source file is not a Python file"}
    assert p.inspect("foo.py:1:a") == {"error": "invalid literal for int() with base 10: 'a'"}
    assert out(p.inspect("bar/baz.py:1:2")) == ("Unknown module: bar/baz.py\n", 1)
    assert p.inspect("foo.py:3:1:1:1") == {"error": '"end_line" must not be before "line"'}
    assert p.inspect("foo.py:3:3:3:1") == {"error": '"end_column" must be after "column"'}
    assert out(p.inspect("foo.py:1:2")) == ("Can't find any expressions at position 1:2\n", 1)


def test_inspect_answers_for_the_edited_text(project) -> None:
    p: Project = project({"m.py": "x = 1\nx\n"})
    p.check("m.py")
    assert out(p.inspect("m.py:2:1")) == ('"int"\n', 0)
    p.write("m.py", "x = 'a'\n\nx\n")
    # No recheck in between: the answer is still for the text on disk now.
    assert out(p.inspect("m.py:3:1")) == ('"str"\n', 0)
    assert out(p.inspect("m.py:2:1")) == ("Can't find any expressions at position 2:1\n", 1)


def test_an_imported_module_can_be_inspected(project) -> None:
    p: Project = project(
        {"test.py": "b: str\nfrom demo.test import a\n", "demo/test.py": "a: int\n"}
    )
    p.check("test.py")
    assert out(p.inspect("demo/test.py:1:1")) == ('"int"\n', 0)
    assert out(p.inspect("test.py:1:1")) == ('"str"\n', 0)


ATTRS = """\
from typing import Union

class A:
    x: int
    z: int
class B:
    y: int
    z: int
var: Union[A, B]
var  # line 10

class C(B):
    w: int
    def m(self) -> None:
        self.v = 1
c: C
c  # line 17
import os.path
"""


def test_attrs_intersection_union_and_object(project) -> None:
    p: Project = project({"bar.py": ATTRS})
    p.check("bar.py")
    assert out(p.inspect("bar.py:10:1", show="attrs")) == ('{"A": ["z"], "B": ["z"]}\n', 0)
    assert out(p.inspect("bar.py:10:1", show="attrs", union_attrs=True)) == (
        '{"A": ["x", "z"], "B": ["y", "z"]}\n',
        0,
    )
    # Subclass first; self.v counts as an attribute of C.
    assert out(p.inspect("bar.py:17:1", show="attrs", verbosity=1)) == (
        '{"bar.C": ["m", "v", "w"], "bar.B": ["y", "z"]}\n',
        0,
    )
    with_object = p.inspect("bar.py:17:1", show="attrs", include_object_attrs=True)["out"]
    assert isinstance(with_object, str) and '"object": ["__' in with_object


DEFS = """\
from lib import A, helper
a: A
a.x
helper(a)
y = 42
y  # line 6

def f(arg: A) -> None:
    arg.m
"""

LIB = """\
class A:
    x: int
    @classmethod
    def m(cls) -> None: ...

def helper(a: A) -> None: ...
"""


def test_definitions(project) -> None:
    p: Project = project({"main.py": DEFS, "lib.py": LIB})
    p.check("main.py", "lib.py")
    assert out(p.inspect("main.py:3:3", show="definition")) == ("lib.py:2:5:x\n", 0)
    assert out(p.inspect("main.py:4:1:4:6", show="definition")) == ("lib.py:6:1:helper\n", 0)
    assert out(p.inspect("main.py:6:1", show="definition")) == ("main.py:5:1:y\n", 0)
    both = "NameExpr -> main.py:8:7:arg\nMemberExpr -> lib.py:4:0:m\n"
    assert out(p.inspect("main.py:9:5", show="definition", include_kind=True)) == (both, 0)
    # A decorated method reached as a member is at its def line, column 0 (as dmypy).
    assert out(p.inspect("main.py:9:9", show="definition")) == ("lib.py:4:0:m\n", 0)
    assert out(p.inspect("main.py:5:5", show="definition")) == (
        "No name or member expressions at 5:5\n",
        1,
    )


def test_undefined_name_has_no_definition(project) -> None:
    p: Project = project({"m.py": "x  # type: ignore\n"})
    p.check("m.py")
    assert out(p.inspect("m.py:1:1", show="definition")) == (
        'Cannot find definition for "NameExpr" at 1:1:1:1\n',
        1,
    )


def test_syntax_error_does_not_crash(project) -> None:
    p: Project = project({"m.py": "x = (\n"})
    res = p.check("m.py")
    assert res["status"] == 2
    assert p.inspect("m.py:1:1") == {
        "error": 'Command "inspect" is only valid after a "check" command (that produces no parse errors)'
    }
    p.write("m.py", "x = 1\n")
    assert p.check("m.py")["status"] == 0
    p.write("m.py", "x = (\n")
    res = p.inspect("m.py:1:1")
    assert res.get("status") == 1 and "error" not in res


CHAINS = """\
def f(s: str, n: int | None, b: bool) -> None:
    s and n and b
    b and b and b
    x = b or b or b or b
"""


def test_and_or_chains_are_nested_binary_expressions(project) -> None:
    # mypy reads ``a and b and c`` as ``a and (b and c)``, the inner one spanning from
    # ``b`` to the end of the chain. Expected: dmypy 2.4.1's answers, except where marked.
    p: Project = project({"chain.py": CHAINS})
    p.check("chain.py")
    whole = '"bool"'
    spans = p.inspect("chain.py:3:17", include_span=True)
    # The inner ``b and b`` (3:11:3:17) is built from its operands, narrowed as evaluated.
    assert out(spans) == (
        f'3:17:3:17 -> "Literal[True]"\n3:11:3:17 -> "Literal[True]"\n3:5:3:17 -> {whole}\n',
        0,
    )
    # The first operand is inside the whole chain only.
    assert out(p.inspect("chain.py:3:5", include_span=True)) == (
        f'3:5:3:5 -> "bool"\n3:5:3:17 -> {whole}\n',
        0,
    )
    kinds = p.inspect("chain.py:4:24", include_kind=True, include_span=True)
    assert out(kinds) == (
        'NameExpr:4:24:4:24 -> "Literal[False]"\nOpExpr:4:19:4:24 -> "Literal[False]"\n'
        'OpExpr:4:14:4:24 -> "Literal[False]"\nOpExpr:4:9:4:24 -> "bool"\n',
        0,
    )
    # A span names the inner expression. FIXME (checker): dmypy says
    # "Literal[0] | bool | None": the falsy part of an int is Literal[0]; ours is int, and
    # the simplified union then absorbs bool.
    assert out(p.inspect("chain.py:2:11:2:17")) == ('"int | None"\n', 0)


DATACLASSES = """\
from dataclasses import dataclass, field


@dataclass
class A:
    x: int
    y: int = 1
    z: list[int] = field(default_factory=list, init=False)

    def f(self) -> int:
        return self.x


@dataclass
class B(A):
    w: str = "a"
"""

NO_TYPE = 'No known type available for "EllipsisExpr" (maybe unreachable or try --force-reload)'


def test_positions_inside_a_dataclass_meet_its_generated_defaults(project) -> None:
    # As dmypy: the methods mypy adds to a dataclass body (__init__ and the internal
    # replace) hold an untyped `...` per defaulted field, found wherever a position lies
    # in the body (A: y in __init__, y and z in replace; B adds w twice).
    p: Project = project({"d.py": DATACLASSES})
    p.check("d.py")
    assert out(p.inspect("d.py:11:16")) == ("\n".join([NO_TYPE] * 3 + ['"A"', '"int"']) + "\n", 1)
    assert out(p.inspect("d.py:16:15")) == ("\n".join([NO_TYPE] * 5 + ['"str"']) + "\n", 1)
    # Before the first statement of the body (the class line) nothing is found, and a class
    # decorator never is: mypy's class starts at its `class` keyword.
    assert out(p.inspect("d.py:5:1")) == ("Can't find any expressions at position 5:1\n", 1)
    assert out(p.inspect("d.py:4:2")) == ("Can't find any expressions at position 4:2\n", 1)
    # A span names one expression: no generated default has one.
    assert out(p.inspect("d.py:7:14:7:14")) == ('"int"\n', 0)


BOUND = """\
class K:
    def m(self, x: int, y: str = "") -> int:
        return x

    @classmethod
    def c(cls, x: int) -> None:
        pass


def use(k: K) -> None:
    k.m(1)
    K.c(2)
"""


def test_verbose_bound_method_names_its_bound_parameter(project) -> None:
    # dmypy's `def` form of a bound method keeps the definition's first parameter.
    p: Project = project({"b.py": BOUND})
    p.check("b.py")
    assert out(p.inspect("b.py:11:7", verbosity=1)) == (
        '"def m(self, x: int, y: str = ...) -> int"\n"int"\n',
        0,
    )
    assert out(p.inspect("b.py:12:7", verbosity=2)) == ('"def c(cls, x: int) -> None"\n"None"\n', 0)
