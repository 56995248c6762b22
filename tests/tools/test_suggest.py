"""``suggest`` through the daemon's handler over a real session: every flag, the target
forms and their errors, and that a suggestion never changes what a recheck prints."""

from __future__ import annotations

import json

from conftest import Project

FOO = """\
def foo(arg):
    return 12
class Bar:
    def bar(self): pass
var = 0
"""

BAR = """\
from foo import foo
def bar() -> None:
    x = foo('abc')  # type: str
    foo(arg='xyz')
"""


def out(res: dict[str, object]) -> tuple[object, object]:
    return res.get("out"), res.get("status")


def test_suggest_before_any_check_is_an_error(project) -> None:
    p: Project = project({"foo.py": FOO})
    assert p.suggest("foo.foo") == {
        "error": "Command 'suggest' is only valid after a 'check' command (that produces no parse errors)"
    }


def test_target_errors(project) -> None:
    p: Project = project({"foo.py": FOO, "bar.py": BAR})
    p.check("foo.py", "bar.py")
    assert p.suggest("foo.baz") == {"error": "Unknown function foo.baz"}
    assert p.suggest("foo.var") == {"error": "Object foo.var is not a function"}
    assert p.suggest("foo.Foo.var") == {"error": "Unknown class foo.Foo"}
    assert p.suggest("foo.Bar.baz") == {"error": "Unknown method foo.Bar.baz"}
    assert p.suggest("foo.foo.baz") == {"error": "Object foo.foo is not a class"}
    assert p.suggest("nowhere.f") == {"error": "Cannot find module for nowhere.f"}
    assert p.suggest("foo.py:7:8:9")["error"].startswith(
        "Malformed location for function: foo.py:7:8:9."
    )  # type: ignore[union-attr]
    assert p.suggest("foo.py:bad") == {"error": "Line number must be a number. Got bad"}
    assert p.suggest("foo.txt:1") == {"error": "Source file is not a Python file"}


def test_callsites_and_signature(project) -> None:
    p: Project = project({"foo.py": FOO, "bar.py": BAR})
    p.check("foo.py", "bar.py")
    assert out(p.suggest("foo.foo", callsites=True)) == (
        "bar.py:3: (str)\nbar.py:4: (arg=str)\n",
        0,
    )
    assert out(p.suggest("foo.foo")) == ("(str) -> int\n", 0)
    assert out(p.suggest("foo.py:2")) == ("(str) -> int\n", 0)
    assert out(p.suggest("foo.Bar.bar")) == ("() -> None\n", 0)


def test_json(project) -> None:
    p: Project = project(
        {
            "foo.py": "class Out:\n    class In:\n        def method(self, x):\n            return Out()\nx: Out.In\nx.method(x)\n"
        }
    )
    p.check("foo.py")
    res = p.suggest("foo.py:3", json=True)
    assert res["status"] == 0
    data = json.loads(str(res["out"]))
    assert data == [
        {
            "func_name": "Out.In.method",
            "line": 3,
            "path": str(p.root / "foo.py"),
            "samples": 0,
            "signature": {"arg_types": ["foo:Out.In"], "return_type": "foo.Out"},
        }
    ]


ANYS = """\
from typing import Any
any: Any
def foo(arg):
    return 0
def bar(x, y):
    return any
def baz(x):
    pass
foo(any)
bar(1, 2)
"""


def test_no_any_and_flex_any(project) -> None:
    p: Project = project({"m.py": ANYS})
    p.check("m.py")
    assert out(p.suggest("m.foo")) == ("(Any) -> int\n", 0)
    assert p.suggest("m.foo", no_any=True) == {"error": "No guesses that match criteria!"}
    assert out(p.suggest("m.foo", flex_any=0.4)) == ("(Any) -> int\n", 0)
    assert p.suggest("m.foo", flex_any=0.7) == {"error": "No guesses that match criteria!"}
    assert out(p.suggest("m.bar", flex_any=0.4)) == ("(int, int) -> Any\n", 0)
    assert p.suggest("m.baz", flex_any=0.5) == {"error": "No guesses that match criteria!"}
    assert out(p.suggest("m.baz", flex_any=0.0)) == ("(Any) -> None\n", 0)


def test_use_fixme(project) -> None:
    p: Project = project(
        {
            "m.py": "def foo():\n    return g()\ndef bar(x):\n    return None\ndef g(): ...\nx = bar(g())\n"
        }
    )
    p.check("m.py")
    assert out(p.suggest("m.foo", use_fixme="UNKNOWN")) == ("() -> UNKNOWN\n", 0)
    assert out(p.suggest("m.bar", use_fixme="UNKNOWN")) == ("(UNKNOWN) -> None\n", 0)


GUESSES = """\
def foo(x, y):
    if not isinstance(x, int):
        x+'1'

foo(1, 2)
foo('3', '4')
"""


def test_max_guesses(project) -> None:
    p: Project = project({"m.py": GUESSES})
    p.check("m.py")
    assert out(p.suggest("m.foo")) == ("(int | str, object) -> None\n", 0)
    assert out(p.suggest("m.foo", max_guesses=2)) == ("(object, object) -> None\n", 0)


def test_no_errors(project) -> None:
    p: Project = project(
        {"m.py": "def f(x):\n    return x + 1\nf('a')\ndef g(x):\n    return x.nope\ng(1)\n"},
        ["--no-error-summary", "--check-untyped-defs"],
    )
    p.check("m.py")
    # As dmypy: the best guess for f still fails in its body; g's fails at its attribute.
    assert out(p.suggest("m.f")) == ("(str) -> Any\n", 0)
    assert p.suggest("m.f", no_errors=True) == {"error": "No annotation without errors"}
    assert out(p.suggest("m.g")) == ("(int) -> Any\n", 0)
    assert p.suggest("m.g", no_errors=True) == {"error": "No annotation without errors"}


def test_return_join_against_callers(project) -> None:
    # A caller that needs a union rules out the join (object) of the returned types.
    src = (
        "from typing import Union\n"
        "class Foo:\n"
        "    def i(self, x: int) -> int: return x\n"
        "    def s(self, x: str) -> str: return x\n"
        "    def foo(self, arg):\n"
        "        if isinstance(arg, int):\n"
        "            return self.i(arg)\n"
        "        return self.s(arg)\n"
        "def use() -> None:\n"
        "    a: Union[str, int] = Foo().foo(1)\n"
        "    Foo().foo('x')\n"
    )
    p: Project = project({"m.py": src})
    p.check("m.py")
    assert out(p.suggest("m.Foo.foo")) == ("(int | str) -> int | str\n", 0)


def test_suggest_never_changes_the_next_recheck(project) -> None:
    src = (
        "def f(x):\n    return x\n"
        "def g() -> int:\n    return f('a')\n"  # fine while f is unannotated
        "y: str = f(1)\n"
    )
    p: Project = project({"m.py": src}, ["--no-error-summary", "--check-untyped-defs"])
    first = p.check("m.py")
    for _ in range(2):
        assert out(p.suggest("m.f"))[1] == 0
        assert p.recheck()["out"] == first["out"]
    p.write("m.py", src + "z: int = 'no'\n")
    after_edit = p.recheck()
    assert "z: int" not in str(first["out"]) and after_edit["status"] == 1
    assert out(p.suggest("m.f", callsites=True)) == ("m.py:4: (str)\nm.py:5: (int)\n", 0)
    assert p.recheck()["out"] == after_edit["out"]
    assert p.check("m.py")["out"] == after_edit["out"]


def test_suggest_with_a_blocking_error(project) -> None:
    p: Project = project({"m.py": "def f():\n    return 10\n\n(\n"})
    assert p.check("m.py")["status"] == 2
    assert p.suggest("m.f") == {
        "error": "Command 'suggest' is only valid after a 'check' command (that produces no parse errors)"
    }


def test_return_of_a_generic_call_is_inferred_from_the_guessed_arguments(project) -> None:
    # The return type still to be found gives the returned call no context: T comes from
    # the argument guessed from the call site, as in dmypy (not Any from the context).
    box = (
        "from typing import Generic, TypeVar\n"
        "T = TypeVar('T')\n"
        "class Box(Generic[T]):\n"
        "    def __init__(self, content: T) -> None:\n"
        "        self.content = content\n"
        "    def relabel(self, content):\n"
        "        return Box(content)\n"
        "def wrap(x):\n"
        "    return Box(x)\n"
        "Box(1).relabel('a')\n"
        "wrap(2.5)\n"
    )
    p: Project = project({"box.py": box})
    p.check("box.py")
    assert out(p.suggest("box.Box.relabel")) == ("(str) -> box.Box[str]\n", 0)
    assert out(p.suggest("box.wrap")) == ("(float) -> box.Box[float]\n", 0)


def test_override_of_a_generic_base_as_dmypy_sees_it(project) -> None:
    # The base's signature is a guess as it stands in the base: its K is not the
    # subclass's K, so the body gets errors with it; and `sub.get(...)` on a subclass
    # instance is a call of Sub.get, not a call site of Mem.get. Both as in dmypy.
    src = (
        "from typing import Generic, TypeVar\n"
        "K = TypeVar('K')\n"
        "V = TypeVar('V')\n"
        "class Base(Generic[K, V]):\n"
        "    def get(self, key: K) -> V | None: ...\n"
        "class Mem(Base[K, V]):\n"
        "    def __init__(self) -> None:\n"
        "        self.data: dict[K, V] = {}\n"
        "    def get(self, key):\n"
        "        return self.data.get(key)\n"
        "class Sub(Mem[str, int]):\n"
        "    pass\n"
        "def use(s: Sub) -> None:\n"
        "    s.get('a')\n"
    )
    p: Project = project({"gen.py": src})
    p.check("gen.py")
    assert out(p.suggest("gen.Mem.get")) == ("(Any) -> V | None\n", 0)
