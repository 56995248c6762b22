"""The program's facts are engine queries: read from the event log what an edit re-computes.

A fact (class info, signature, declared type...) records the modules it consulted; an edit
inside a function body of one module leaves the facts of the modules it imports valid (not
executed again), while an edit of an imported module's interface re-computes the facts that
consulted it, and the functions that read them.
"""

from __future__ import annotations

import os
import pathlib

from tycheck.service.session import Session

LIB = (
    "class Box:\n"
    "    def get(self) -> int:\n"
    "        return 1\n"
    "\n"
    "def make() -> Box:\n"
    "    return Box()\n"
)

USER = (
    "from lib import Box, make\n"
    "\n"
    "def f(b: Box) -> str:\n"
    "    return b.get()\n"
    "\n"
    "def g() -> int:\n"
    "    return make().get()\n"
    "\n"
    "def h(x: int) -> int:\n"
    "    return x\n"
)


def write(path: pathlib.Path, text: str) -> None:
    old = path.stat().st_mtime if path.exists() else 0.0
    path.write_text(text)
    os.utime(path, (old + 10, old + 10))  # an edit within one clock tick must still be seen


def start(tmp_path: pathlib.Path) -> Session:
    write(tmp_path / "lib.py", LIB)
    write(tmp_path / "user.py", USER)
    session = Session(["user.py", "lib.py"], cwd=str(tmp_path))
    session.check()
    assert session._state is not None
    session._state.db.events.enabled = True
    session._state.db.events.clear()
    return session


def executed(session: Session, prefix: str) -> list[tuple[str, tuple[object, ...]]]:
    assert session._state is not None
    return [
        (name, args)
        for name, args in session._state.db.events.executed()
        if name.startswith(prefix)
    ]


def about(facts: list[tuple[str, tuple[object, ...]]], word: str) -> list[str]:
    """The kinds of the executed facts whose key mentions ``word``."""
    return [name for name, args in facts if word in repr(args)]


def recheck(session: Session, tmp_path: pathlib.Path, name: str, text: str) -> str:
    write(tmp_path / name, text)
    session.apply_changes()
    return session.check().stdout


def cold(tmp_path: pathlib.Path) -> str:
    return Session(["user.py", "lib.py"], cwd=str(tmp_path)).check().stdout


def test_a_body_edit_keeps_the_imported_modules_facts(tmp_path: pathlib.Path) -> None:
    session = start(tmp_path)
    out = recheck(session, tmp_path, "user.py", USER.replace("return x\n", "return x + 1\n"))
    assert out == cold(tmp_path)
    assert 'user.py:4: error: Incompatible return value type (got "int", expected "str")' in out
    # Only the edited function ran again; no fact about lib (its class, its signatures).
    assert [args[2] for _, args in executed(session, "function_q")] == ["h"]
    assert about(executed(session, "fact."), "lib") == []


def test_an_interface_edit_recomputes_the_facts_that_consulted_it(tmp_path: pathlib.Path) -> None:
    session = start(tmp_path)
    out = recheck(
        session, tmp_path, "lib.py", LIB.replace("def get(self) -> int", "def get(self) -> str")
    )
    assert out == cold(tmp_path)
    assert "user.py:4" not in out
    assert 'user.py:7: error: Incompatible return value type (got "str", expected "int")' in out
    assert "fact.classinfo" in about(executed(session, "fact."), "lib.Box")
    # Every function of user reads lib's facts (h reads none and is left alone).
    assert sorted(args[2] for _, args in executed(session, "function_q") if args[0] == "user") == [
        "f",
        "g",
    ]
