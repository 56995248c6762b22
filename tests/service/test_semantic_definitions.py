"""The semantic analyzer's errors are found per module-level definition (issue 12, point 9):
an edit re-walks only the definition it touched, lines inserted above move the others'
errors without re-walking them, and every answer equals a cold run's."""

from __future__ import annotations

import os
import pathlib

from tycheck.service.session import Session

FACT = "fact.semantic-definition"

TEXT = """\
from typing import Final

class K:
    def __init__(self) -> None:
        self.a: int = 1
        self.a: int = 2

def f() -> None:
    x: int = 1
    x: str = ''
    yield_ok = 1

def g() -> int:
    return 1

def f2() -> None:
    z: Final = 1
    z = 2

def h() -> None:
    global G
    G = 1

class L:
    def m(self) -> int:
        return 1
"""


def write(path: pathlib.Path, text: str) -> None:
    old = path.stat().st_mtime if path.exists() else 0.0
    path.write_text(text)
    os.utime(path, (old + 10, old + 10))


def walked(session: Session) -> list[tuple[object, ...]]:
    """The definitions whose semantic walk ran in the last request (their text's first line)."""
    assert session._state is not None
    return [args for name, args in session._state.db.events.executed() if name == FACT]


def start(tmp_path: pathlib.Path) -> Session:
    write(tmp_path / "m.py", TEXT)
    session = Session(["m.py"], cwd=str(tmp_path))
    out = session.check().stdout
    assert 'm.py:6: error: Attribute "a" already defined on line 5  [no-redef]' in out
    assert 'm.py:10: error: Name "x" already defined on line 9  [no-redef]' in out
    assert session._state is not None
    session._state.db.events.enabled = True
    session._state.db.events.clear()
    return session


def edit(session: Session, tmp_path: pathlib.Path, text: str) -> str:
    write(tmp_path / "m.py", text)
    assert session._state is not None
    session._state.db.events.clear()
    session.apply_changes()
    out = session.check().stdout
    assert out == Session(["m.py"], cwd=str(tmp_path)).check().stdout
    return out


def first_lines(runs: list[tuple[object, ...]]) -> set[str]:
    return {str(args[0][-1]).split("\n")[0] for args in runs}  # type: ignore[index]


def test_body_edit_walks_only_the_edited_definition(tmp_path: pathlib.Path) -> None:
    session = start(tmp_path)
    out = edit(session, tmp_path, TEXT.replace("return 1\n\ndef f2", "return 2\n\ndef f2"))
    # K's and f's errors name a line (valid for one text of the module): found again too;
    # f2's error and L's nothing move with them, unwalked.
    assert first_lines(walked(session)) == {"def g() -> int:", "class K:", "def f() -> None:"}
    assert 'm.py:18: error: Cannot assign to final name "z"  [misc]' in out
    assert 'm.py:10: error: Name "x" already defined on line 9  [no-redef]' in out


def test_lines_inserted_above_move_errors_without_a_walk(tmp_path: pathlib.Path) -> None:
    session = start(tmp_path)
    out = edit(session, tmp_path, "# one\n# two\n" + TEXT)
    assert first_lines(walked(session)) == {"class K:", "def f() -> None:"}
    assert 'm.py:20: error: Cannot assign to final name "z"  [misc]' in out
    assert 'm.py:8: error: Attribute "a" already defined on line 7  [no-redef]' in out
    assert 'm.py:12: error: Name "x" already defined on line 11  [no-redef]' in out


def test_a_global_declaration_is_walked_with_its_module(tmp_path: pathlib.Path) -> None:
    session = start(tmp_path)
    text = TEXT.replace("from typing import Final\n", "from typing import Final\nG: Final = 0\n")
    out = edit(session, tmp_path, text)
    assert 'Cannot assign to final name "G"' in out
